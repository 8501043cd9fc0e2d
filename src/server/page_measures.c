/* Plans, priorities and measures; a measure's page: its chart and reading, every version of its figures, actions, challenges, impact. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/challenges.h"
#include "vitals/derive.h"
#include "vitals/logview.h"
#include "vitals/planlife.h"
#include "vitals/strparse.h"
#include "server/server.h"

/* The filters, folded away until one is used: most readers want the
   whole list. */
static void filter_form(struct req *r, const struct pack *pk,
			const struct vt_measure_filter *f, const char *period,
			const char *search, bool open)
{
	const struct vt_def *def = &pk->def;
	struct vt_html *h = &r->html;

	vt_html_open(h, "details", "class", "govuk-details", "open",
		     open ? "open" : NULL, NULL);
	vt_html_literal(h, "<summary class=\"govuk-details__summary\"><span "
			   "class=\"govuk-details__summary-text\">Choose the "
			   "quarter and filter the measures</span></summary>"
			   "<div class=\"govuk-details__text\">");
	vt_html_literal(h, "<form method=\"get\" action=\"/measures\">");
	page_text_input(r, "q", "q", "Search measures by code or title",
			search, "govuk-!-width-full");
	/* Once the pack is built its quarters are offered; a refused
	   address is shown as typed, to be mended. */
	if (pk->built)
		page_period_select(r, pk);
	else
		page_text_input(r, "period", "period", "Quarter (as 2026-27 Q2)",
				period, "govuk-input--width-10");
	page_record_select(r, def, VT_KIND_PLAN, "plan", "Plan", f->plan,
			   "any plan");
	page_record_select(r, def, VT_KIND_PRIORITY, "priority", "Priority",
			   f->priority, "any priority");
	page_record_select(r, def, VT_KIND_AGENCY, "agency", "Agency",
			   f->agency, "any agency");
	page_button(r, "Show", true);
	vt_html_literal(h, "</form></div></details>");
}

/* Whether every word of 'search' (NULL: none) is in the measure's code
   or title, ignoring case: "police arrests" finds a title with both. */
static bool searched(const char *search, const struct vt_measure *m)
{
	char word[128];
	size_t n;

	while (search && *search) {
		while (*search == ' ' || *search == '\t')
			search++;
		for (n = 0; search[n] && search[n] != ' ' && search[n] != '\t';
		     n++)
			;
		if (!n)
			break;
		/* A word longer than any title is in none. */
		if (n >= sizeof(word))
			return false;
		memcpy(word, search, n);
		word[n] = '\0';
		if (!vt_text_has(m->code, word) &&
		    !vt_text_has(m->title, word))
			return false;
		search += n;
	}
	return true;
}

/* Whether the filters and the search let the measure through. */
static bool lets_through(const struct vt_def *def,
			 const struct vt_measure_filter *f, const char *search,
			 const struct vt_measure *m)
{
	return vt_measure_filter_match(def, f, m) && searched(search, m);
}

/* "Current, from 2025-04-01 to 2028-03-31": a plan's status and dates. */
static void plan_life(struct req *r, const struct vt_def *def,
		      const struct vt_plan *p)
{
	static const char *const words[] = { "Draft", "Current", "Closed" };
	struct vt_html *h = &r->html;
	char from[VT_DATE_WORDS_MAX], to[VT_DATE_WORDS_MAX];

	(void)def;
	vt_date_words(p->starts ? p->starts : "", from);
	vt_date_words(p->ends ? p->ends : "", to);
	vt_html_open(h, "p", "class", "govuk-body-s", NULL);
	vt_html_textf(h, "%s%s%s%s%s", words[p->status],
		      p->starts ? ", from " : "", from,
		      p->ends ? " to " : "", to);
	vt_html_close(h, "p");
}

/* The closed plans the quarter's pack leaves out, with their dates: kept
   as history, their figures and actions still in the export. */
static void closed_plans(struct req *r, const struct pack *pk)
{
	struct vt_html *h = &r->html;
	size_t i, n = vt_def_count(&pk->def, VT_KIND_PLAN), shown = 0;

	for (i = 0; i < n; i++) {
		const struct vt_plan *p = vt_def_at(&pk->def, VT_KIND_PLAN, i);

		if (p->status != VT_PLAN_STATUS_CLOSED ||
		    (pk->built && vt_report_plan_shown(&pk->rep, p)))
			continue;
		if (!shown++)
			vt_html_element(h, "h2", "Closed plans", "class",
					"govuk-heading-m", "id",
					"closed-plans", NULL);
		vt_html_element(h, "h3", p->title, "class",
				"govuk-heading-s", NULL);
		plan_life(r, &pk->def, p);
	}
}

/* One section's measures the filter lets through, as links with their
   reading, under the plan's heading when 'new_plan'; false, and nothing
   written, when it lets none through. */
static bool section_measures(struct req *r, const struct pack *pk,
			     const struct vt_report_section *s,
			     const struct vt_measure_filter *f,
			     const char *search, bool new_plan)
{
	struct vt_html *h = &r->html;
	char href[160];
	size_t j, shown = 0;

	for (j = 0; j < s->nmeasures; j++)
		shown += lets_through(&pk->def, f, search,
				      pk->rep.measures[s->measures[j]].measure);
	if (!shown)
		return false;
	if (new_plan) {
		vt_html_element(h, "h2", s->plan->title, "class",
				"govuk-heading-m", NULL);
		plan_life(r, &pk->def, s->plan);
	}
	vt_html_open(h, "h3", "class", "govuk-heading-s", NULL);
	if (s->priority) {
		/* The priority's page: its objectives and what serves each. */
		snprintf(href, sizeof(href), "/priorities/%s",
			 s->priority->code);
		vt_html_open(h, "a", "class", "govuk-link", "href", href,
			     NULL);
		vt_html_textf(h, "Priority %s: %s", s->priority->number,
			      s->priority->title);
		vt_html_close(h, "a");
	} else {
		vt_html_text(h, "Other measures");
	}
	vt_html_close(h, "h3");
	/* A priority with a life of its own says so. */
	if (s->priority && (s->priority->starts || s->priority->ends ||
			    s->priority->status)) {
		static const char *const words[] = { "Draft", "Current",
						     "Closed" };
		char from[VT_DATE_WORDS_MAX], to[VT_DATE_WORDS_MAX];

		vt_date_words(s->priority->starts ? s->priority->starts : "",
			      from);
		vt_date_words(s->priority->ends ? s->priority->ends : "", to);
		vt_html_open(h, "p", "class", "govuk-body-s", NULL);
		vt_html_textf(h, "%s%s%s%s%s",
			      words[vt_priority_status(&pk->def,
						       s->priority)],
			      s->priority->starts ? ", from " : "", from,
			      s->priority->ends ? " to " : "", to);
		vt_html_close(h, "p");
	}
	vt_html_literal(h, "<ul class=\"govuk-list\">");
	for (j = 0; j < s->nmeasures; j++) {
		const struct vt_report_measure *rm =
			&pk->rep.measures[s->measures[j]];

		if (!lets_through(&pk->def, f, search, rm->measure))
			continue;
		snprintf(href, sizeof(href), "/measures/%s", rm->measure->code);
		vt_html_literal(h, "<li>");
		vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
		vt_html_textf(h, "%s: %s", rm->measure->code,
			      rm->measure->title);
		vt_html_close(h, "a");
		vt_html_textf(h, " (%s)", rm->status.reading);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ul>");
	return true;
}

/* Every priority, each plan's under its title, linked to its page of
   objectives: those without measures too, which the list above leaves
   out. */
static void priority_links(struct req *r, const struct vt_def *def)
{
	struct vt_html *h = &r->html;
	size_t np = vt_def_count(def, VT_KIND_PLAN);
	size_t npr = vt_def_count(def, VT_KIND_PRIORITY), i, j;
	char href[160];

	if (!npr)
		return;
	vt_html_element(h, "h2", "Priorities and their objectives", "class",
			"govuk-heading-m", "id", "priorities", NULL);
	for (i = 0; i < np; i++) {
		const struct vt_plan *p = vt_def_at(def, VT_KIND_PLAN, i);
		bool any = false;

		for (j = 0; j < npr; j++) {
			const struct vt_priority *pr =
				vt_def_at(def, VT_KIND_PRIORITY, j);

			if (strcmp(pr->plan, p->code))
				continue;
			if (!any) {
				vt_html_element(h, "h3", p->title, "class",
						"govuk-heading-s", NULL);
				vt_html_literal(h, "<ul class=\"govuk-list\">");
				any = true;
			}
			snprintf(href, sizeof(href), "/priorities/%s",
				 pr->code);
			vt_html_literal(h, "<li>");
			vt_html_open(h, "a", "class", "govuk-link", "href",
				     href, NULL);
			vt_html_textf(h, "Priority %s: %s", pr->number,
				      pr->title);
			vt_html_close(h, "a");
			vt_html_literal(h, "</li>");
		}
		if (any)
			vt_html_literal(h, "</ul>");
	}
}

unsigned page_measures(struct req *r)
{
	struct vt_query q = req_query_fields(r);
	struct vt_measure_filter f;
	struct vt_diagq dq;
	struct pack pk;
	char title[96];
	unsigned status = pack_read(r, &pk);
	const char *plan = NULL, *search = req_query(r, "q");
	size_t i;

	if (status)
		return status;
	if (search && !*search)
		search = NULL;
	/* The API reads the same filters the same way. */
	vt_diagq_init(&dq);
	if (vt_measure_filter_read(&pk.def, &q, &f, &dq)) {
		page_begin(r, "Measures");
		page_problem(r, "There is a problem", dq.items[0].message,
			     dq.items[0].field ? dq.items[0].field : "period");
		filter_form(r, &pk, &f, vt_query_text(&q, "period"), search,
			    true);
		page_end(r);
		vt_diagq_release(&dq);
		pack_close(&pk);
		return 400;
	}
	vt_diagq_release(&dq);
	status = pack_build(r, f.period, &pk);
	if (status)
		return status;
	snprintf(title, sizeof(title), "Measures%s%s", pk.built ? ", " : "",
		 pk.built ? pk.rep.label : "");
	page_begin(r, title);
	filter_form(r, &pk, &f, pk.period, search, f.plan || f.priority ||
		    f.agency || f.period[0] || search);
	for (i = 0; pk.built && i < pk.rep.nsections; i++) {
		const struct vt_report_section *s = &pk.rep.sections[i];
		bool new_plan = !plan || strcmp(plan, s->plan->code);

		/* A plan's heading comes before its first measure shown. */
		if (section_measures(r, &pk, s, &f, search, new_plan))
			plan = s->plan->code;
	}
	if (!plan)
		vt_html_element(&r->html, "p", pk.built ? "No measure matches "
				"those filters." : "There are no figures yet.",
				"class", "govuk-body", NULL);
	closed_plans(r, &pk);
	priority_links(r, &pk.def);
	page_end(r);
	pack_close(&pk);
	return 200;
}

/* A stored figure as a reader reads it: a whole number as it is, any
   other to one decimal place ("46.7", not 46.6666666666667), with its
   parts where it has them ("46.7 (7 of 15)"), which say it exactly. */
static void figure_words(const struct vt_value *v, char *out, size_t size)
{
	int n = v->value == floor(v->value) && fabs(v->value) < 1e15
		? snprintf(out, size, "%.0f", v->value)
		: snprintf(out, size, "%.1f", v->value);

	if (n > 0 && (size_t)n < size && !isnan(v->numerator) &&
	    !isnan(v->denominator))
		snprintf(out + n, size - (size_t)n, " (%.15g of %.15g)",
			 v->numerator, v->denominator);
}

/*
 * Who a derived figure is by, in words: "Derived from extract 3",
 * "Derived from extracts 1 and 3", from its marker ("extract 1
 * sha256:..., 3 sha256:...; derive sha256:...").
 */
static void derived_by(const char *mark, char *out, size_t size)
{
	const char *p = strncmp(mark, "extract ", 8) ? NULL : mark + 8;
	long ids[8];
	size_t n = 0, i, at;

	while (p && n < sizeof(ids) / sizeof(*ids) && *p >= '0' && *p <= '9') {
		char *end;

		ids[n++] = strtol(p, &end, 10);
		p = strchr(end, ',');
		p = p && (!strchr(end, ';') || p < strchr(end, ';')) ? p + 2
								    : NULL;
	}
	if (!n) {
		snprintf(out, size, "Derived from extracts");
		return;
	}
	at = (size_t)snprintf(out, size, "Derived from extract%s ",
			      n > 1 ? "s" : "");
	for (i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%ld",
				       !i ? "" : i + 1 == n ? " and " : ", ",
				       ids[i]);
}

/* Every version of every figure the reader may see, oldest first. */
static void versions(struct req *r, const struct vt_def *def,
		     const struct vt_measure *m)
{
	static const char *const columns[] = {
		"Period", "Breakdown", "Version", "Value", "Status", "By",
		"At", NULL };
	char text[96], label[VT_PERIOD_LABEL_MAX], at[VT_TIME_WORDS_MAX];
	char by[96];
	size_t i;

	page_table_begin(r, "versions", "Figures and their versions", columns);
	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		if (strcmp(v->measure, m->code))
			continue;
		vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
		page_cell(r, vt_period_label_of(v->period, vt_def_fy_start(def),
						label));
		page_cell(r, vt_measure_part_words(def, m, v->breakdown));
		snprintf(text, sizeof(text), "%lld", (long long)v->version);
		page_cell(r, text);
		if (v->suppressed)
			snprintf(text, sizeof(text), "%s", v->suppressed);
		else if (isnan(v->value))
			snprintf(text, sizeof(text), "Cleared");	/* withdrawn */
		else
			figure_words(v, text, sizeof(text));
		page_cell(r, text);
		page_cell(r, vt_status_names[v->status]);
		if (v->derived) {
			derived_by(v->derived, by, sizeof(by));
			page_cell(r, by);
		} else {
			/* As the change log says it: "Command line", a
			   user's name and role, never "cli:unknown". */
			char *who = vt_log_who_words(def, v->by);

			page_cell(r, who ? who : v->by);
			free(who);
		}
		vt_time_words(v->at, at);
		page_cell(r, v->at ? at : NULL);
		vt_html_literal(&r->html, "</tr>");
	}
	page_table_end(r);
}

static void challenges(struct req *r, const struct vt_def *def,
		       const struct vt_measure *m)
{
	struct vt_html *h = &r->html;
	struct vt_challenge_report rep;
	struct vt_challenge_filter f = { false, NULL };
	char on[200], href[240], today[11];
	size_t i;

	snprintf(on, sizeof(on), "measure:%s", m->code);
	f.on = on;
	server_today(today);
	vt_html_element(h, "h2", "Challenges", "class", "govuk-heading-m",
			NULL);
	if (vt_challenges_report(def, &f, today, &rep))
		return;
	vt_html_literal(h, "<ul class=\"govuk-list\">");
	for (i = 0; i < rep.nrows; i++) {
		const struct vt_challenge *c = rep.rows[i].challenge;

		snprintf(href, sizeof(href), "/challenges/%s", c->id);
		vt_html_literal(h, "<li>");
		vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
		vt_html_textf(h, "%s (%s): %s", c->id,
			      vt_challenge_status_names[c->status], c->text);
		vt_html_literal(h, "</a></li>");
	}
	if (!rep.nrows)
		vt_html_element(h, "li", "None.", NULL);
	vt_html_literal(h, "</ul>");
	snprintf(href, sizeof(href), "/challenges?on=%s", on);
	vt_html_open(h, "p", "class", "govuk-body", NULL);
	vt_html_element(h, "a", "Raise a challenge on this measure", "class",
			"govuk-link", "href", href, NULL);
	vt_html_close(h, "p");
	vt_challenge_report_release(&rep);
}

static const char *better_words(int direction)
{
	switch (direction) {
	case VT_DIRECTION_REDUCE: return "Lower";
	case VT_DIRECTION_INCREASE: return "Higher";
	default: return "Neither: it is watched, not steered";
	}
}

static const char *how_often_words(int frequency)
{
	switch (frequency) {
	case VT_FREQUENCY_MONTHLY: return "Monthly";
	case VT_FREQUENCY_ANNUAL: return "Once a year";
	default: return "Every quarter";
	}
}

/* A baseline or target with its unit: "1014", "12.5%", "9.3 per 10,000
   children", "45 days", "£1200". */
static void defined_figure(const struct vt_measure *m, double value,
			   char *out, size_t size)
{
	const char *unit = m->unit == VT_UNIT_PERCENT ? "%" :
			   m->unit == VT_UNIT_RATE10K ? " per 10,000 children" :
			   m->unit == VT_UNIT_DAYS ? " days" : "";

	snprintf(out, size, value == floor(value) && fabs(value) < 1e15 ?
		 "%s%.0f%s" : "%s%.1f%s",
		 m->unit == VT_UNIT_CURRENCY ? "\u00a3" : "", value, unit);
}

/*
 * What the measure counts and who gives it, so a reader can trust the
 * figure without the definition file: the owner, what is counted and out
 * of what, when it is better, its baseline and target, and for a measure
 * computed from extracts the method for the quarter shown.
 */
static void about(struct req *r, const struct pack *pk,
		  const struct vt_measure *m)
{
	const struct vt_plan *plan = vt_def_find(&pk->def, VT_KIND_PLAN,
						 m->plan);
	char text[160], period[VT_PERIOD_LABEL_MAX];
	struct vt_buf method;
	size_t i;

	vt_html_element(&r->html, "h2", "About this measure", "class",
			"govuk-heading-m", NULL);
	page_summary_begin(r);
	page_summary_row(r, "Owned by", page_agency_name(&pk->def, m->agency),
			 "about-owner");
	if (plan)
		page_summary_row(r, "Plan", plan->title, "about-plan");
	if (m->ncontributors) {
		page_summary_row_open(r, "Its parts are given by",
				      "about-parts");
		for (i = 0; i < m->ncontributors; i++)
			vt_html_textf(&r->html, "%s%s", i ? ", " : "",
				      page_agency_name(&pk->def,
					m->contributors[i].agency));
		page_summary_row_close(r);
	}
	if (m->numerator)
		page_summary_row(r, "What is counted", m->numerator,
				 "about-counted");
	if (m->denominator)
		page_summary_row(r, "Out of", m->denominator, "about-out-of");
	if (m->derive) {
		vt_buf_init(&method, 4096);
		if (vt_derive_method(m, pk->rep.period,
				     vt_def_fy_start(&pk->def), &method) ||
		    vt_buf_adds(&method, " Computed by Vitals from the "
				"local authority's record-level extracts, "
				"never typed: each figure's version names "
				"the extracts it came from."))
			vt_buf_reset(&method);
		if (method.len)
			page_summary_row(r, "How it is computed", method.ptr,
					 "about-method");
		vt_buf_release(&method);
	} else {
		page_summary_row(r, "How often it is given",
				 how_often_words(m->frequency), "about-often");
	}
	page_summary_row(r, "Better when it is", better_words(m->direction),
			 "about-better");
	if (m->baseline_period && !isnan(m->baseline_value)) {
		defined_figure(m, m->baseline_value, text, sizeof(text));
		vt_period_label_of(m->baseline_period,
				   vt_def_fy_start(&pk->def), period);
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 " in %s", period);
		page_summary_row(r, "Baseline", text, "about-baseline");
	}
	if (!isnan(m->target)) {
		defined_figure(m, m->target, text, sizeof(text));
		page_summary_row(r, "Target", text, "about-target");
	}
	page_summary_end(r);
}

/* The agencies' narratives for the measure's priority in the period. */
static void impact(struct req *r, const struct pack *pk, size_t index)
{
	struct vt_html *h = &r->html;
	size_t i, j;

	for (i = 0; i < pk->rep.nsections; i++) {
		const struct vt_report_section *s = &pk->rep.sections[i];
		bool here = false;

		for (j = 0; j < s->nmeasures; j++)
			here = here || s->measures[j] == index;
		if (!here || !s->nimpact)
			continue;
		vt_html_element(h, "h2", "Impact", "class", "govuk-heading-m",
				NULL);
		for (j = 0; j < s->nimpact; j++) {
			const struct vt_agency *a = vt_def_find(&pk->def,
				VT_KIND_AGENCY, s->impact[j]->agency);

			vt_html_element(h, "h3", a ? a->name :
					s->impact[j]->agency, "class",
					"govuk-heading-s", NULL);
			vt_html_element(h, "p", s->impact[j]->text, "class",
					"govuk-body", NULL);
		}
	}
}

/* The page of the pack's measure 'index' below its title: the picker,
   the reading, the chart, what it counts, the figures, the actions, the challenges and
   the impact.  Made from the pack alone, so kept with it. */
static void measure_body(struct req *r, const struct pack *pk, size_t index)
{
	struct vt_html *h = &r->html;
	const struct vt_report_measure *rm = &pk->rep.measures[index];
	char href[160];
	size_t i;

	snprintf(href, sizeof(href), "/measures/%s", rm->measure->code);
	page_period_picker(r, pk, href);
	vt_html_element(h, "p", rm->reading, "class", "govuk-body-l", "id",
			"reading", NULL);
	vt_html_literal(h, "<div class=\"vt-chart\">");
	vt_report_html_measure(h, &pk->rep, index);
	vt_html_literal(h, "</div>");
	about(r, pk, rm->measure);
	versions(r, &pk->def, rm->measure);
	for (i = 0; i < rm->nactions; i++) {
		const struct vt_action *a = rm->actions[i];

		if (i == 0)
			vt_html_element(h, "h2", "Linked actions", "class",
					"govuk-heading-m", NULL);
		snprintf(href, sizeof(href), "/actions/%s", a->code);
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
		vt_html_textf(h, "%s (%s): %s", a->code, vt_rag_names[a->rag],
			      a->title);
		vt_html_literal(h, "</a></p>");
	}
	challenges(r, &pk->def, rm->measure);
	impact(r, pk, index);
}

/* measure_body() of the kept pack, made once: at scale the chart and the
   figures take tens of milliseconds, for a page every reader opens. */
static unsigned kept_measure_body(struct req *r, const struct pack *pk,
				  size_t index)
{
	const char *code = pk->rep.measures[index].measure->code;
	size_t len = 0;
	const char *kept = pack_part(pk, code, &len);
	struct vt_html page = r->html;
	char *made = NULL;
	FILE *f;

	if (kept) {
		vt_html_trusted_bytes(&r->html, kept, len);
		return 0;
	}
	f = open_memstream(&made, &len);
	if (!f)
		return 500;
	vt_html_init(&r->html, f);
	measure_body(r, pk, index);
	if (vt_html_finish(&r->html) | fclose(f)) {
		r->html = page;
		free(made);
		return 500;
	}
	r->html = page;
	pack_keep_part(pk, code, made, len);
	vt_html_trusted_bytes(&r->html, made, len);
	free(made);
	return 0;
}

unsigned page_measure(struct req *r)
{
	struct pack pk;
	char title[300];
	unsigned status = pack_open(r, req_query(r, "period"), &pk);
	size_t i, index = 0;
	bool found = false;

	if (status)
		return status;
	for (i = 0; pk.built && i < pk.rep.nmeasures && !found; i++)
		if (!strcmp(pk.rep.measures[i].measure->code, r->params[0])) {
			index = i;
			found = true;
		}
	if (!found) {
		pack_close(&pk);
		return page_error(r, 404, "There is no such measure.");
	}
	r->up_href = "/measures";
	r->up_text = "Measures";
	snprintf(title, sizeof(title), "%s, %s",
		 pk.rep.measures[index].measure->title, pk.rep.label);
	page_begin(r, title);
	status = kept_measure_body(r, &pk, index);
	if (!status)
		page_end(r);
	pack_close(&pk);
	return status ? status : 200;
}
