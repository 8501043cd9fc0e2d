/* The action tracker (searched, filtered by RAG, agency, plan, overdue, stale, sorted by any column, a page at a time) and the action page with its monthly update form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/planlife.h"
#include "vitals/strparse.h"
#include "server/server.h"

static const char *rag_label(int rag)
{
	return rag >= 0 && rag < VT_RAG__MAX ? vt_rag_names[rag] : "none";
}

/* The rating in words with a class for its colour: never colour alone. */
static void rag_tag(struct vt_html *h, int rag)
{
	static const char *const cls[VT_RAG__MAX] = {
		"govuk-tag govuk-tag--red", "govuk-tag govuk-tag--orange",
		"govuk-tag govuk-tag--green", "govuk-tag govuk-tag--blue" };

	vt_html_element(h, "strong", rag_label(rag), "class",
			rag >= 0 && rag < VT_RAG__MAX ? cls[rag] : "govuk-tag",
			NULL);
}

/* A text made up for the demo says so, in words next to it. */
static void illustrative_tag(struct vt_html *h, bool illustrative)
{
	if (illustrative)
		vt_html_element(h, "strong", "Illustrative", "class",
				"govuk-tag govuk-tag--grey vt-illustrative",
				NULL);
}

/* Rows a page: a screenful or two, not the whole tracker. */

/* The tracker as asked: filters, search, order, page. */
struct view {
	struct vt_action_filter f;
	enum vt_action_sort sort;
	bool descending;
	long page, pages;
	const char *bad_page;	/* the page asked, when it is refused */
};

static const char *const sort_labels[VT_ACTION_SORT__MAX] = {
	"", "Reference", "Title", "Agency", "RAG", "Due", "Last update" };

static void filter_form(struct req *r, const struct vt_def *def,
			const struct view *v)
{
	static const char *const sorts[] = {
		"ref", "title", "agency", "rag", "due", "updated", NULL };
	static const char *const sort_words[] = {
		"Reference", "Title", "Agency", "RAG rating", "Due date",
		"Last update", NULL };
	static const char *const dirs[] = { "desc", NULL };
	static const char *const dir_words[] = { "Descending", NULL };
	const struct vt_action_filter *f = &v->f;
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<form method=\"get\" action=\"/actions\">");
	page_text_input(r, "q", "q", "Search reference, title or owner",
			f->search, "govuk-!-width-full");
	page_select(r, "rag", "RAG rating", vt_rag_names, NULL,
		    f->rag >= 0 && f->rag < VT_RAG__MAX ? vt_rag_names[f->rag]
							: NULL, "any");
	page_record_select(r, def, VT_KIND_AGENCY, "agency", "Agency",
			   f->agency, "any agency");
	page_record_select(r, def, VT_KIND_PLAN, "plan", "Plan", f->plan,
			   "any plan");
	page_checkboxes_begin(r);
	page_checkbox(r, "overdue", "overdue", "Overdue only", f->overdue_only);
	page_checkbox(r, "stale", "stale", "Stale only", f->stale_only);
	page_checkbox(r, "closed", "closed", "Include closed and past plans",
		      !f->in_force);
	page_checkboxes_end(r);
	/* The headers sort too; these keep the order when the filters
	   change, and are the fields a refused order is said against. */
	page_select(r, "sort", "Sort by", sorts, sort_words,
		    req_query(r, "sort"), "the tracker's order");
	page_select(r, "dir", "Order", dirs, dir_words, req_query(r, "dir"),
		    "Ascending");
	if (v->bad_page)
		page_text_input(r, "page", "page", "Page", v->bad_page,
				"govuk-input--width-4");
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
}

/* The query of the filters and search, which every link keeps. */
static void filter_query(const struct vt_action_filter *f, char *out,
			 size_t size)
{
	*out = '\0';
	page_query_add(out, size, "q", f->search);
	page_query_add(out, size, "rag", f->rag >= 0 && f->rag < VT_RAG__MAX
					 ? vt_rag_names[f->rag] : NULL);
	page_query_add(out, size, "agency", f->agency);
	page_query_add(out, size, "plan", f->plan);
	page_query_add(out, size, "overdue", f->overdue_only ? "1" : NULL);
	page_query_add(out, size, "stale", f->stale_only ? "1" : NULL);
	page_query_add(out, size, "closed", f->in_force ? NULL : "1");
}

/* A column's header: a link that sorts by it, ascending first, the
   other way when it is the column sorted by. */
static void sort_header(struct req *r, const struct view *v,
			enum vt_action_sort col)
{
	char query[1200], href[1300];
	bool sorted = v->sort == col;

	filter_query(&v->f, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort", vt_action_sort_names[col]);
	page_query_add(query, sizeof(query), "dir", sorted && !v->descending
						    ? "desc" : NULL);
	snprintf(href, sizeof(href), "/actions?%s", query);
	page_sort_header(r, sort_labels[col], href,
			 !sorted ? 0 : v->descending ? -1 : 1);
}

static void row(struct req *r, const struct vt_action_row *row)
{
	struct vt_html *h = &r->html;
	const struct vt_action *a = row->action;
	char href[160];

	snprintf(href, sizeof(href), "/actions/%s", a->code);
	vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
			   "govuk-table__cell\">");
	vt_html_element(h, "a", a->code, "class", "govuk-link", "href", href,
			NULL);
	vt_html_literal(h, "</td>");
	if (a->illustrative) {
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		vt_html_text(h, a->title);
		vt_html_literal(h, " ");
		illustrative_tag(h, true);
		vt_html_literal(h, "</td>");
	} else {
		page_cell(r, a->title);
	}
	page_cell(r, a->agency);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	rag_tag(h, row->rag);
	vt_html_literal(h, "</td>");
	page_date_cell(r, a->due);
	page_date_cell(r, row->last ? row->last->date : NULL);
	if (row->discharged) {
		char day[VT_DATE_WORDS_MAX], words[VT_DATE_WORDS_MAX + 16];

		vt_date_words(a->discharged, day);
		snprintf(words, sizeof(words), "Discharged on %s", day);
		page_cell(r, words);
	} else {
		page_cell(r, row->overdue && row->stale ? "overdue, stale" :
			  row->overdue ? "overdue" : row->stale ? "stale"
			  : NULL);
	}
	vt_html_literal(h, "</tr>");
}

static void tracker(struct req *r, const struct view *v,
		    const struct vt_action_report *rep)
{
	struct vt_html *h = &r->html;
	char query[1200], base[1300];
	size_t i, first, end;
	int col;

	if (!rep->nrows) {
		vt_html_element(h, "p", "No actions match these filters.",
				"class", "govuk-body", "id", "no-actions",
				NULL);
		return;
	}
	page_showing(r, v->page, ACTIONS_PER_PAGE, rep->nrows, "actions");
	page_table_open(r, "actions", "Actions");
	for (col = VT_ACTION_SORT_REF; col < VT_ACTION_SORT__MAX; col++)
		sort_header(r, v, (enum vt_action_sort)col);
	page_table_header(r, "State");
	page_table_body(r);
	first = (size_t)(v->page - 1) * ACTIONS_PER_PAGE;
	end = first + ACTIONS_PER_PAGE < rep->nrows ? first + ACTIONS_PER_PAGE
						    : rep->nrows;
	for (i = first; i < end; i++)
		row(r, &rep->rows[i]);
	page_table_end(r);
	filter_query(&v->f, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort",
		       v->sort ? vt_action_sort_names[v->sort] : NULL);
	page_query_add(query, sizeof(query), "dir",
		       v->descending ? "desc" : NULL);
	snprintf(base, sizeof(base), "/actions?%s", query);
	page_pagination(r, "Pages of actions", base, v->page, v->pages);
}

/* The 400 of a refused query: the problem linked to its field. */
static unsigned refused(struct req *r, const struct vt_def *def,
			const struct view *v, const char *problem,
			const char *field)
{
	page_begin(r, "Action tracker");
	page_problem(r, "There is a problem", problem, field);
	filter_form(r, def, v);
	page_end(r);
	return 400;
}

unsigned page_actions(struct req *r)
{
	struct vt_html *h = &r->html;
	struct view v;
	struct vt_query q = req_query_fields(r);
	struct vt_action_report rep;
	struct vt_diagq dq;
	struct vt_def def;
	char today[11], why[120];
	unsigned status = 200;

	if (!req_read_def(r, &def, &status))
		return status;
	memset(&v, 0, sizeof(v));
	/* The API reads the same filters the same way: a value that is
	   none of the choices is said, never ignored. */
	vt_diagq_init(&dq);
	/* Both read ('|', not '||'), so that every problem is in 'dq'. */
	if (vt_action_filter_read(&def, &q, &v.f, &dq) |
	    vt_action_order_read(&q, &v.sort, &v.descending, &dq)) {
		status = refused(r, &def, &v, dq.items[0].message,
				 dq.items[0].field ? dq.items[0].field : "rag");
		vt_diagq_release(&dq);
		vt_def_release(&def);
		return status;
	}
	vt_diagq_release(&dq);
	server_today(today);
	if (vt_actions_report(&def, &v.f, today, vt_actions_stale_days(&def),
			      &rep)) {
		vt_def_release(&def);
		return page_error(r, 503, "The tracker could not be read.");
	}
	vt_actions_sort(&rep, v.sort, v.descending);
	if (!page_number_read(r, rep.nrows, ACTIONS_PER_PAGE, &v.page,
			      &v.pages, why, sizeof(why))) {
		v.bad_page = req_query(r, "page");
		status = refused(r, &def, &v, why, "page");
		vt_action_report_release(&rep);
		vt_def_release(&def);
		return status;
	}
	page_begin(r, "Action tracker");
	filter_form(r, &def, &v);
	vt_html_open(h, "p", "class", "govuk-body", "id", "counts", NULL);
	vt_html_textf(h, "%zu actions: %zu green, %zu amber, %zu red, %zu "
		      "blue (complete); %zu overdue, %zu stale, %zu "
		      "discharged.", rep.nrows,
		      rep.by_rag[VT_RAG_GREEN], rep.by_rag[VT_RAG_AMBER],
		      rep.by_rag[VT_RAG_RED], rep.by_rag[VT_RAG_BLUE],
		      rep.overdue, rep.stale, rep.discharged);
	vt_html_close(h, "p");
	tracker(r, &v, &rep);
	page_end(r);
	vt_action_report_release(&rep);
	vt_def_release(&def);
	return status;
}

/* ------------------------------------------------------------------ */
/* One action */

static void history(struct req *r, const struct vt_action *a)
{
	struct vt_html *h = &r->html;
	char words[VT_DATE_WORDS_MAX];
	size_t i;

	{
		static const char *const columns[] = {
			"Date", "RAG", "Note", "Evidence", "By", NULL };

		page_table_begin(r, "history", "Updates", columns);
	}
	/* Newest first: the latest is what a reader wants. */
	for (i = a->nupdates; i-- > 0;) {
		const struct vt_action_update *u = &a->updates[i];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_date_words(u->date, words);
		vt_html_element(h, "td", words, "class", "govuk-table__cell",
				NULL);
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		rag_tag(h, u->rag);
		vt_html_literal(h, "</td>");
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		vt_html_text(h, u->note ? u->note : "");
		if (u->illustrative) {
			vt_html_literal(h, " ");
			illustrative_tag(h, true);
		}
		vt_html_literal(h, "</td>");
		vt_html_element(h, "td", u->evidence ? u->evidence : "",
				"class", "govuk-table__cell", NULL);
		vt_html_element(h, "td", u->by ? u->by : "", "class",
				"govuk-table__cell", NULL);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
}

/* The monthly update: RAG, note, evidence; 'problem' from a refusal. */
static void update_form(struct req *r, const struct vt_action *a,
			const char *problem, bool stale)
{
	struct vt_html *h = &r->html;
	const char *rag = req_field(r, "rag");
	char action[160], seen[24];
	int i;

	if (problem)
		page_problem(r, stale ? "Someone else updated this action "
			     "after you opened it" : "There is a problem",
			     problem, stale ? "history" : "note");
	snprintf(action, sizeof(action), "/actions/%s", a->code);
	snprintf(seen, sizeof(seen), "%zu", a->nupdates);
	vt_html_element(h, "h2", "Monthly update", "class", "govuk-heading-m",
			NULL);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	vt_html_open(h, "input", "type", "hidden", "name", "seen", "value",
		     seen, NULL);
	vt_html_literal(h, "<div class=\"govuk-form-group\"><fieldset class="
			   "\"govuk-fieldset\"><legend class=\"govuk-fieldset"
			   "__legend govuk-fieldset__legend--s\">RAG rating"
			   "</legend><div class=\"govuk-radios govuk-radios--"
			   "small govuk-radios--inline\">");
	for (i = 0; i < VT_RAG__MAX; i++) {
		char id[16];

		snprintf(id, sizeof(id), "rag-%s", vt_rag_names[i]);
		vt_html_literal(h, "<div class=\"govuk-radios__item\">");
		vt_html_open(h, "input", "class", "govuk-radios__input", "id",
			     id, "name", "rag", "type", "radio", "value",
			     vt_rag_names[i], "checked", (rag ? !strcmp(rag,
			     vt_rag_names[i]) : a->rag == i) ? "checked" :
			     NULL, NULL);
		vt_html_open(h, "label", "class", "govuk-label govuk-radios__"
			     "label", "for", id, NULL);
		vt_html_text(h, i == VT_RAG_BLUE ? "blue (complete)" :
			     vt_rag_names[i]);
		vt_html_literal(h, "</label></div>");
	}
	vt_html_literal(h, "</div></fieldset></div><div class=\"govuk-form-"
			   "group\"><label class=\"govuk-label\" for=\"note\">"
			   "Note (needed for red; for blue without evidence, "
			   "say why)</label>");
	vt_html_open(h, "textarea", "class", "govuk-textarea", "id", "note",
		     "name", "note", "rows", "3", NULL);
	vt_html_text(h, req_field(r, "note") ? req_field(r, "note") : "");
	vt_html_literal(h, "</textarea></div><div class=\"govuk-form-group\">"
			   "<label class=\"govuk-label\" for=\"evidence\">"
			   "Evidence (a link or reference)</label>");
	vt_html_open(h, "input", "class", "govuk-input", "id", "evidence",
		     "name", "evidence", "type", "text", "value",
		     req_field(r, "evidence") ? req_field(r, "evidence") : "",
		     NULL);
	vt_html_literal(h, "</div><button type=\"submit\" class=\"govuk-"
			   "button\">Save update</button></form>");
}

/* The plan (and priority) the action is under: its status and dates. */
static void plan_row(struct req *r, const struct vt_def *def,
		     const struct vt_action *a)
{
	const struct vt_plan *p = vt_def_find(def, VT_KIND_PLAN, a->plan);
	const struct vt_priority *pr =
		a->priority ? vt_def_find(def, VT_KIND_PRIORITY, a->priority)
			    : NULL;
	char words[600], from[VT_DATE_WORDS_MAX], to[VT_DATE_WORDS_MAX];

	if (!p)
		return;
	vt_date_words(p->starts ? p->starts : "", from);
	vt_date_words(p->ends ? p->ends : "", to);
	snprintf(words, sizeof(words), "%s (%s%s%s%s%s)", p->title,
		 vt_plan_status_names[p->status], p->starts ? ", from " : "",
		 from, p->ends ? " to " : "", to);
	page_summary_row(r, "Plan", words, "plan-now");
	if (!pr)
		return;
	vt_date_words(pr->starts ? pr->starts : p->starts ? p->starts : "",
		      from);
	vt_date_words(pr->ends ? pr->ends : p->ends ? p->ends : "", to);
	snprintf(words, sizeof(words), "%s %s (%s%s%s%s%s)", pr->number,
		 pr->title, vt_plan_status_names[vt_priority_status(def, pr)],
		 pr->starts || p->starts ? ", from " : "", from,
		 pr->ends || p->ends ? " to " : "", to);
	page_summary_row(r, "Priority", words, "priority-now");
}

/* How often it is reviewed, and the day it was discharged. */
static void life_form(struct req *r, const struct vt_action *a,
		      const char *problem)
{
	static const char *const labels[] = { "Monthly", "Quarterly", NULL };
	struct vt_html *h = &r->html;
	const char *cadence = req_field(r, "cadence");
	const char *discharged = req_field(r, "discharged");
	char action[200];

	if (problem)
		page_problem(r, "There is a problem", problem, "discharged");
	snprintf(action, sizeof(action), "/actions/%s/life", a->code);
	vt_html_element(h, "h2", "Review and discharge", "class",
			"govuk-heading-m", NULL);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_radios(r, "cadence", "How often it is reviewed",
			  "A quarterly action is stale after a quarter "
			  "without an update, not a month",
			  vt_action_cadence_names, labels,
			  cadence ? cadence
				  : vt_action_cadence_names[a->cadence],
			  NULL);
	page_field_text(r, "discharged", "Date discharged",
			"Year, month and day, for example 2026-03-31; "
			"leave it empty if it is not discharged.  A "
			"discharged action keeps its rating but is no longer "
			"open, overdue or stale",
			discharged ? discharged
				   : a->discharged ? a->discharged : "",
			"govuk-input--width-10", problem);
	vt_html_literal(h, "<button type=\"submit\" class=\"govuk-button "
			   "govuk-button--secondary\">Save review and "
			   "discharge</button></form>");
}

static unsigned action_page(struct req *r, const struct vt_def *def,
			    const struct vt_action *a, const char *problem,
			    bool stale, bool life, unsigned status)
{
	struct vt_html *h = &r->html;
	char title[400], due[VT_DATE_WORDS_MAX];

	static const char *const done[][2] = {
		{ "updated", "Monthly update saved" },
		{ "life", "Review and discharge saved" }, { NULL, NULL } };

	r->up_href = "/actions";
	r->up_text = "Action tracker";
	snprintf(title, sizeof(title), "Action %s", a->code);
	page_begin(r, title);
	if (!problem)
		page_done(r, done);
	vt_html_open(h, "p", "class", "govuk-body-l", NULL);
	vt_html_text(h, a->title);
	if (a->illustrative) {
		vt_html_literal(h, " ");
		illustrative_tag(h, true);
	}
	vt_html_close(h, "p");
	page_summary_begin(r);
	page_summary_row_open(r, "RAG", "rag-now");
	rag_tag(h, a->rag);
	page_summary_row_close(r);
	page_summary_row(r, "Agency", a->agency, NULL);
	page_summary_row(r, "Owner", a->owner, NULL);
	if (a->due)
		vt_date_words(a->due, due);
	page_summary_row(r, "Due", a->due ? due : NULL, NULL);
	page_summary_row(r, "Reviewed", a->cadence == VT_ACTION_QUARTERLY ?
			 "Quarterly" : "Monthly", "cadence-now");
	if (a->discharged)
		vt_date_words(a->discharged, due);
	page_summary_row(r, "Discharged", a->discharged ? due : "No",
			 "discharged-now");
	plan_row(r, def, a);
	page_summary_end(r);
	if (may_update_action(r, a))
		update_form(r, a, life ? NULL : problem, stale);
	if (may_update_action(r, a))
		life_form(r, a, life ? problem : NULL);
	history(r, a);
	page_end(r);
	return status;
}

unsigned page_action(struct req *r)
{
	const struct vt_action *a;
	struct vt_def def;
	unsigned status = 200;

	if (!req_read_def(r, &def, &status))
		return status;
	a = vt_def_find(&def, VT_KIND_ACTION, r->params[0]);
	status = a ? action_page(r, &def, a, NULL, false, false, 200)
		   : page_error(r, 404, "There is no such action.");
	vt_def_release(&def);
	return status;
}

unsigned page_action_update(struct req *r)
{
	const char *seen = req_field(r, "seen");
	const struct vt_action *a;
	struct vt_action_change c;
	struct vt_def def;
	char today[11], why[300], where[160];
	unsigned status = 200;
	enum vt_err result;
	int64_t seen_n = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	a = vt_def_find(&def, VT_KIND_ACTION, r->params[0]);
	if (!a) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such action.");
	}
	if (!may_update_action(r, a)) {
		vt_def_release(&def);
		return page_error(r, 403, "Only the action's own agency "
				  "updates it.");
	}
	memset(&c, 0, sizeof(c));
	c.rag = vt_rag_parse(req_field(r, "rag") ? req_field(r, "rag") : "");
	c.note = req_field(r, "note");
	c.evidence = req_field(r, "evidence");
	/* Every update says which history it was made against, so that one
	   begun before another's is never saved over it unseen. */
	c.check_seen = true;
	server_today(today);
	if (!seen || vt_parse_int64(seen, &seen_n) || seen_n < 0) {
		status = action_page(r, &def, a, "the form is not the one this "
				     "page gives: load the action again and "
				     "make the update there", false, false,
				     422);
	} else if (c.rag < 0) {
		status = action_page(r, &def, a, "choose a RAG rating", false,
				     false, 422);
	} else {
		c.seen_updates = (size_t)seen_n;
		result = vt_action_record(r->store, a->code, &c, today,
					  r->who.email, why, sizeof(why));
		if (!result) {
			snprintf(where, sizeof(where), "/actions/%s?done="
				 "updated", a->code);
			status = req_redirect(r, where);
		} else if (result == VT_EINVAL || result == VT_ECONFLICT) {
			/* The page shows the history as it is now. */
			vt_def_release(&def);
			if (!req_read_def(r, &def, &status))
				return status;
			a = vt_def_find(&def, VT_KIND_ACTION, r->params[0]);
			status = a ? action_page(r, &def, a, why,
						 result == VT_ECONFLICT, false,
						 result == VT_ECONFLICT ? 409
									: 422)
				   : page_error(r, 404, "There is no such "
						"action.");
		} else {
			status = page_error(r, 503, "The database does not "
					    "answer.");
		}
	}
	vt_def_release(&def);
	return status;
}

unsigned page_action_life(struct req *r)
{
	const char *discharged = page_field_or_null(r, "discharged");
	const char *cadence = page_field_or_null(r, "cadence");
	const struct vt_action *a;
	struct vt_def def;
	char today[11], why[300], where[200];
	unsigned status = 200;
	enum vt_err result;

	if (!req_read_def(r, &def, &status))
		return status;
	a = vt_def_find(&def, VT_KIND_ACTION, r->params[0]);
	if (!a) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such action.");
	}
	if (!may_update_action(r, a)) {
		vt_def_release(&def);
		return page_error(r, 403, "Only the action's own agency "
				  "changes it.");
	}
	server_today(today);
	result = vt_action_set_life(r->store, a->code, cadence,
				    discharged ? discharged : "none", today,
				    r->who.email, why, sizeof(why));
	if (!result) {
		snprintf(where, sizeof(where), "/actions/%s?done=life",
			 a->code);
		status = req_redirect(r, where);
	} else if (result == VT_EINVAL) {
		static const char *const fields[] = { "cadence", "discharged",
						      NULL };
		struct page_problem p;

		page_problem_read(&p, why, "action", fields, "discharged");
		status = action_page(r, &def, a, p.message, false, true, 422);
	} else {
		status = page_error(r, 503, "The database does not answer.");
	}
	vt_def_release(&def);
	return status;
}
