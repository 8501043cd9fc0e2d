/* A priority's page: its text, then each objective with its measures' readings and its actions' RAG, and the form linking a measure or action to an objective. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/objectives.h"
#include "vitals/period.h"
#include "server/server.h"

/* The partnership's staff keep the links: as the route table says. */
static bool may_link(const struct req *r)
{
	return r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_ANALYST;
}

/* The rating in words with a class for its colour: never colour alone. */
static void rag_tag(struct vt_html *h, int rag)
{
	static const char *const cls[VT_RAG__MAX] = {
		"govuk-tag govuk-tag--red", "govuk-tag govuk-tag--orange",
		"govuk-tag govuk-tag--green", "govuk-tag govuk-tag--blue" };
	static const char *const words[VT_RAG__MAX] = {
		"red", "amber", "green", "blue (complete)" };

	if (rag < 0 || rag >= VT_RAG__MAX)
		return;
	vt_html_element(h, "strong", words[rag], "class", cls[rag], NULL);
}

static void action_item(struct req *r, const struct vt_action *a)
{
	struct vt_html *h = &r->html;
	char href[160];

	snprintf(href, sizeof(href), "/actions/%s", a->code);
	vt_html_literal(h, "<li>");
	rag_tag(h, a->rag);
	vt_html_literal(h, " ");
	vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
	vt_html_textf(h, "%s: %s", a->code, a->title);
	vt_html_close(h, "a");
	vt_html_literal(h, "</li>");
}

static void measure_item(struct req *r, const struct pack *pk, size_t i)
{
	const struct vt_measure *m = vt_def_at(&pk->def, VT_KIND_MEASURE, i);
	struct vt_html *h = &r->html;
	char href[160], buf[32];

	snprintf(href, sizeof(href), "/measures/%s", m->code);
	vt_html_literal(h, "<li>");
	vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
	vt_html_textf(h, "%s: %s", m->code, m->title);
	vt_html_close(h, "a");
	if (pk->built && i < pk->rep.nmeasures) {
		const struct vt_report_measure *rm = &pk->rep.measures[i];
		const struct vt_measure_status *st = &rm->status;
		char when[VT_PERIOD_LABEL_MAX];

		/* A year's figure in a quarter's pack is named by its year. */
		vt_period_label_of(st->figure_period, vt_def_fy_start(&pk->def),
				   when);

		/* The quarter's figure as the pack shows it, and its reading
		   in words. */
		vt_html_open(h, "span", "class", "govuk-body-s", NULL);
		if (isnan(st->value))
			vt_html_textf(h, " %s: %s", when, st->reading);
		else
			vt_html_textf(h, " %s: %s, %s", when,
				      vt_report_figure(&pk->rep, m, st->value,
						       buf),
				      rm->masked ? "reading withheld"
						 : st->reading);
		vt_html_close(h, "span");
	}
	vt_html_literal(h, "</li>");
}

static void objective(struct req *r, const struct pack *pk,
		      const struct vt_objective_item *it)
{
	struct vt_html *h = &r->html;
	char id[96];
	size_t j;

	snprintf(id, sizeof(id), "objective-%s", it->objective->code);
	vt_html_open(h, "section", "id", id, "class", "vt-objective", NULL);
	vt_html_open(h, "h2", "class", "govuk-heading-s", NULL);
	vt_html_textf(h, "Objective %s", it->objective->number);
	vt_html_close(h, "h2");
	vt_html_element(h, "p", it->objective->text, "class", "govuk-body",
			NULL);
	if (!it->nmeasures && !it->nactions)
		vt_html_element(h, "p", "No measure or action is linked to "
				"this objective.", "class",
				"govuk-body govuk-!-font-weight-bold", NULL);
	if (it->nmeasures) {
		vt_html_element(h, "h3", "Measures", "class",
				"govuk-heading-s", NULL);
		vt_html_literal(h, "<ul class=\"govuk-list\">");
		for (j = 0; j < it->nmeasures; j++)
			measure_item(r, pk, it->measures[j]);
		vt_html_literal(h, "</ul>");
	}
	if (it->nactions) {
		vt_html_element(h, "h3", "Actions", "class",
				"govuk-heading-s", NULL);
		vt_html_literal(h, "<ul class=\"govuk-list\">");
		for (j = 0; j < it->nactions; j++)
			action_item(r, it->actions[j]);
		vt_html_literal(h, "</ul>");
	}
	vt_html_close(h, "section");
}

/* Codes and labels for a select, of the NULL-ended lists it owns. */
struct choices {
	const char **codes, **labels;
	char **owned;
	size_t n;
};

static void choices_free(struct choices *c)
{
	size_t i;

	for (i = 0; c->owned && i < c->n; i++)
		free(c->owned[i]);
	free(c->owned);
	free((void *)c->codes);
	free((void *)c->labels);
}

static bool choices_add(struct choices *c, const char *code,
			const char *number, const char *text)
{
	char buf[200];

	snprintf(buf, sizeof(buf), "%s%s%s", number ? number : "",
		 number ? " " : "", text);
	c->owned[c->n] = strdup(buf);
	if (!c->owned[c->n])
		return false;
	c->codes[c->n] = code;
	c->labels[c->n] = c->owned[c->n];
	c->n++;
	return true;
}

static bool choices_init(struct choices *c, size_t max)
{
	memset(c, 0, sizeof(*c));
	c->codes = calloc(max + 1, sizeof(*c->codes));
	c->labels = calloc(max + 1, sizeof(*c->labels));
	c->owned = calloc(max + 1, sizeof(*c->owned));
	return c->codes && c->labels && c->owned;
}

static bool supports(const struct vt_plan *plan, const char *measure)
{
	size_t i;

	for (i = 0; plan && i < plan->nsupporting; i++)
		if (!strcmp(plan->supporting[i].measure, measure))
			return true;
	return false;
}

/* The form: an objective of this priority, and a measure or an action
   of its plan (or a measure the plan lists as supporting). */
static bool link_form(struct req *r, const struct vt_def *def,
		      const struct vt_priority *pr,
		      const struct vt_objective_item *items, size_t n,
		      const struct page_problem *p)
{
	static const char *const changes[] = { "link", "unlink", NULL };
	static const char *const change_labels[] = {
		"Link it", "Take the link away", NULL };
	const struct vt_plan *plan = vt_def_find(def, VT_KIND_PLAN, pr->plan);
	size_t nm = vt_def_count(def, VT_KIND_MEASURE);
	size_t na = vt_def_count(def, VT_KIND_ACTION), i;
	struct choices obj, ms, as;
	char action[200];
	bool ok = choices_init(&obj, n) && choices_init(&ms, nm) &&
		  choices_init(&as, na);

	for (i = 0; ok && i < n; i++)
		ok = choices_add(&obj, items[i].objective->code,
				 items[i].objective->number,
				 items[i].objective->text);
	for (i = 0; ok && i < nm; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE, i);

		if (!strcmp(m->plan, pr->plan) || supports(plan, m->code))
			ok = choices_add(&ms, m->code, m->code, m->title);
	}
	for (i = 0; ok && i < na; i++) {
		const struct vt_action *a = vt_def_at(def, VT_KIND_ACTION, i);

		if (!strcmp(a->plan, pr->plan))
			ok = choices_add(&as, a->code, a->code, a->title);
	}
	if (ok) {
		snprintf(action, sizeof(action), "/priorities/%s/link",
			 pr->code);
		vt_html_element(&r->html, "h2", "Link a measure or action to "
				"an objective", "class", "govuk-heading-m",
				"id", "link", NULL);
		vt_html_open(&r->html, "form", "method", "post", "action",
			     action, "novalidate", "novalidate", NULL);
		page_csrf(r);
		page_field_select(r, "objective", "Objective", NULL,
				  obj.codes, obj.labels,
				  page_problem_typed(r, p, "objective"),
				  "Choose an objective",
				  page_problem_at(p, "objective"));
		page_field_select(r, "measure", "Measure", "Choose a measure "
				  "or an action, not both.", ms.codes,
				  ms.labels, page_problem_typed(r, p,
								"measure"),
				  "No measure",
				  page_problem_at(p, "measure"));
		page_field_select(r, "action", "Action", NULL, as.codes,
				  as.labels, page_problem_typed(r, p,
								"action"),
				  "No action", page_problem_at(p, "action"));
		page_field_radios(r, "change", "Link or take away", NULL,
				  changes, change_labels,
				  page_problem_typed(r, p, "change") ?
				  page_problem_typed(r, p, "change") : "link",
				  page_problem_at(p, "change"));
		page_button(r, "Save", false);
		vt_html_close(&r->html, "form");
	}
	choices_free(&obj);
	choices_free(&ms);
	choices_free(&as);
	return ok;
}

static unsigned priority_page(struct req *r, const struct page_problem *p,
			      unsigned code)
{
	static const char *const done[][2] = {
		{ "linked", "Link saved" },
		{ "unlinked", "Link taken away" },
		{ NULL, NULL } };
	struct vt_objective_item *items = NULL;
	const struct vt_action **others = NULL;
	const struct vt_priority *pr;
	const struct vt_plan *plan;
	size_t n = 0, nothers = 0, i;
	char title[300], href[200];
	struct pack pk;
	unsigned status = pack_open(r, req_query(r, "period"), &pk);

	if (status)
		return status;
	pr = vt_def_find(&pk.def, VT_KIND_PRIORITY, r->params[0]);
	if (!pr) {
		pack_close(&pk);
		return page_error(r, 404, "There is no such priority.");
	}
	if (vt_objective_items(&pk.def, NULL, pr->code, &items, &n) ||
	    vt_priority_other_actions(&pk.def, pr->code, &others,
				      &nothers)) {
		vt_objective_items_free(items, n);
		pack_close(&pk);
		return 500;
	}
	plan = vt_def_find(&pk.def, VT_KIND_PLAN, pr->plan);
	snprintf(title, sizeof(title), "Priority %s: %s", pr->number,
		 pr->title);
	r->up_href = "/measures";
	r->up_text = "Measures";
	page_begin(r, title);
	page_done(r, done);
	if (p && p->message)
		page_problem(r, "There is a problem", p->message, p->field);
	vt_html_element(&r->html, "p", plan ? plan->title : pr->plan,
			"class", "govuk-caption-m", NULL);
	if (pr->text)
		vt_html_element(&r->html, "p", pr->text, "class",
				"govuk-body", NULL);
	snprintf(href, sizeof(href), "/priorities/%s", pr->code);
	page_period_picker(r, &pk, href);
	if (!n)
		vt_html_element(&r->html, "p", "This priority has no "
				"objectives.", "class", "govuk-body", NULL);
	for (i = 0; i < n; i++)
		objective(r, &pk, &items[i]);
	if (nothers) {
		vt_html_element(&r->html, "h2", n ? "Other actions under this "
				"priority" : "Actions under this priority",
				"class", "govuk-heading-s", NULL);
		vt_html_literal(&r->html, "<ul class=\"govuk-list\">");
		for (i = 0; i < nothers; i++)
			action_item(r, others[i]);
		vt_html_literal(&r->html, "</ul>");
	}
	if (n && may_link(r) && !link_form(r, &pk.def, pr, items, n, p))
		code = 500;
	page_end(r);
	free(others);
	vt_objective_items_free(items, n);
	pack_close(&pk);
	return code;
}

unsigned page_priority(struct req *r)
{
	return priority_page(r, NULL, 200);
}

/* "measure 'm': objectives[1]: ..." from the model is said at the
   objective. */
static void problem(struct page_problem *p, const char *why)
{
	static const char *const fields[] = {
		"objective", "measure", "action", "change", NULL };
	const char *rest = why;

	if ((!strncmp(why, "measure '", 9) || !strncmp(why, "action '", 8)) &&
	    strstr(why, "': "))
		rest = strstr(why, "': ") + 3;
	page_problem_read(p, rest, "objective", fields, "objective");
}

unsigned page_priority_link(struct req *r)
{
	const char *objective = page_field_or_blank(r, "objective");
	const char *measure = page_field_or_null(r, "measure");
	const char *action = page_field_or_null(r, "action");
	const char *change = page_field_or_blank(r, "change");
	struct page_problem p;
	char why[768], where[200];
	enum vt_err result;

	if (!may_link(r))
		return page_error(r, 403, "Only the partnership's analysts "
				  "link measures and actions to objectives.");
	if (strcmp(change, "link") && strcmp(change, "unlink")) {
		problem(&p, "change: choose whether to link it or take the "
			"link away");
		return priority_page(r, &p, 422);
	}
	if (!measure == !action) {
		problem(&p, measure ? "measure: choose a measure or an "
			"action, not both" : "measure: choose a measure or an "
			"action");
		return priority_page(r, &p, 422);
	}
	result = vt_objective_link(r->store, objective,
				   measure ? VT_KIND_MEASURE : VT_KIND_ACTION,
				   measure ? measure : action,
				   change[0] == 'l', r->who.email, why,
				   sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		problem(&p, why);
		return priority_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/priorities/%s?done=%sed#objective-%s",
		 r->params[0], change, objective);
	return req_redirect(r, where);
}
