/* The escalations and disputes register (filtered, sorted by any column, a page at a time), an escalation's record with each stage's clock, the forms that raise, escalate and resolve one, and the causes counted by quarter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/escalations.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define ESCALATIONS_PER_PAGE 25
#define THEMES_MAX 64

/* Outcomes as a reader says them, by vt_escalation_outcome_names. */
static const char *const outcome_words[] = {
	"Agreed", "Upheld", "Not upheld", "Withdrawn", NULL };

static const char *agency_of(const struct req *r)
{
	return r->who.agency[0] ? r->who.agency : NULL;
}

/* Who sees an escalation is the library's rule: every page asks it. */
static bool may_see(const struct req *r, const struct vt_escalation *e)
{
	return vt_escalation_visible_to(e, r->who.role, agency_of(r));
}

/* Raising one: the partnership's own staff, and an agency lead for its
   own agency. */
static bool may_raise(const struct req *r)
{
	return r->who.role == VT_ROLE_ADMIN ||
	       r->who.role == VT_ROLE_ANALYST ||
	       r->who.role == VT_ROLE_CHAIR ||
	       (r->who.role == VT_ROLE_AGENCY_LEAD && agency_of(r));
}

/* Escalating and resolving one: the partnership's own staff, and the
   lead of the agency that raised it; the agency it is about, and the
   scrutineer, read it only.  None may change what they may not see. */
static bool may_change(const struct req *r, const struct vt_escalation *e)
{
	if (!may_see(r, e))
		return false;
	if (r->who.role == VT_ROLE_AGENCY_LEAD)
		return agency_of(r) && !strcmp(e->raised_by, r->who.agency);
	return r->who.role == VT_ROLE_ADMIN ||
	       r->who.role == VT_ROLE_ANALYST || r->who.role == VT_ROLE_CHAIR;
}

static const char *outcome_label(const char *outcome)
{
	size_t i;

	for (i = 0; outcome && vt_escalation_outcome_names[i]; i++)
		if (!strcmp(outcome, vt_escalation_outcome_names[i]))
			return outcome_words[i];
	return outcome;
}

/* The escalation themes in force: the partnership's own when it names
   any, else the library's default list (as the checks accept them). */
static size_t themes_in_force(const struct vt_def *def, const char **out,
			      size_t max)
{
	size_t nt = vt_def_count(def, VT_KIND_THEME), n = 0, i;
	const char *const *d = vt_escalation_default_themes;

	for (i = 0; i < nt && n < max; i++) {
		const struct vt_theme *t = vt_def_at(def, VT_KIND_THEME, i);

		if (t->register_ == VT_THEME_ESCALATION)
			out[n++] = t->code;
	}
	for (i = 0; !n && d[i] && i < max; i++)
		out[i] = d[i];
	if (!n)
		n = i;
	out[n < max ? n : max - 1] = NULL;
	return n;
}

/* A theme by its name when the partnership gives one. */
static const char *theme_name(const struct vt_def *def, const char *code)
{
	const struct vt_theme *t = vt_def_find(def, VT_KIND_THEME, code);

	return t && t->name && t->register_ == VT_THEME_ESCALATION
	       ? t->name : code;
}

/* Open and due within VT_DEADLINE_AT_RISK_DAYS working days. */
static bool due_soon(const struct vt_escalation_state *st)
{
	return st->open && !st->past_timescale &&
	       vt_deadline_at_risk(&st->steps[st->nsteps - 1].clock);
}

/* The clock in a tag's colour and its words: never colour alone. */
static void clock_tag(struct vt_html *h, const struct vt_escalation_state *st)
{
	const char *words = "On time", *cls = "govuk-tag govuk-tag--blue";
	char resolved[96];

	if (!st->open) {
		snprintf(resolved, sizeof(resolved), "Resolved: %s",
			 outcome_label(st->escalation->outcome));
		words = resolved;
		cls = "govuk-tag govuk-tag--green";
	} else if (st->past_timescale) {
		words = "Past timescale";
		cls = "govuk-tag govuk-tag--red";
	} else if (due_soon(st)) {
		words = "Due soon";
		cls = "govuk-tag govuk-tag--yellow";
	}
	vt_html_element(h, "strong", words, "class", cls, NULL);
}

/* "3 working days left", "2 working days over", "Due today", "Done in
   time". */
static void left_words(const struct vt_deadline *d, char *out, size_t size)
{
	long n = d->working_days_left;

	if (d->done[0])
		snprintf(out, size, "%s", d->state == VT_DEADLINE_MET
			 ? "Done in time" : "Done late");
	else if (!d->has_left)
		snprintf(out, size, "%s", "");
	else if (n > 0)
		snprintf(out, size, "%ld working day%s left", n,
			 n == 1 ? "" : "s");
	else if (n < 0)
		snprintf(out, size, "%ld working day%s over", -n,
			 n == -1 ? "" : "s");
	else
		snprintf(out, size, "Due today");
}

/* The agencies of 'def' as choices: codes and names, NULL-ended. */
struct agencies {
	const char **codes, **names;
};

static bool agencies_read(const struct vt_def *def, struct agencies *a)
{
	size_t n = vt_def_count(def, VT_KIND_AGENCY), i;

	a->codes = calloc(n + 1, sizeof(*a->codes));
	a->names = calloc(n + 1, sizeof(*a->names));
	if (!a->codes || !a->names) {
		free(a->codes);
		free(a->names);
		return false;
	}
	for (i = 0; i < n; i++) {
		const struct vt_agency *ag = vt_def_at(def, VT_KIND_AGENCY, i);

		a->codes[i] = ag->code;
		a->names[i] = ag->name ? ag->name : ag->code;
	}
	return true;
}

static void agencies_release(struct agencies *a)
{
	free(a->codes);
	free(a->names);
}

/* ------------------------------------------------------------------ */
/* The register */

enum sort { SORT_NONE, SORT_REF, SORT_RAISED, SORT_BY, SORT_ABOUT,
	    SORT_THEME, SORT_STAGE, SORT_DUE, SORT__MAX };
/* NULL-ended: past the first, the choices of the filters' "Sort by". */
static const char *const sort_names[SORT__MAX + 1] = {
	"", "ref", "raised", "by", "about", "theme", "stage", "due", NULL };
static const char *const sort_labels[SORT__MAX + 1] = {
	"", "Reference", "Raised", "Raised by", "About", "Theme", "Stage",
	"Its clock", NULL };

static const char *const state_names[] = { "open", "resolved", NULL };
static const char *const state_labels[] = {
	"Open escalations", "Resolved escalations", NULL };
static const char *const stage_numbers[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
	"14", "15", "16", "17", "18", "19", "20", NULL };

struct view {
	const char *state, *theme, *by, *about, *stage;
	bool past;
	enum sort sort;
	bool descending;
	long page, pages;
	const char *bad_page;
};

struct row {
	struct vt_escalation_state st;
	const struct vt_def *def;
	enum sort sort;
	bool descending;
};

static bool view_read(struct req *r, const struct vt_def *def,
		      struct view *v, const char **problem,
		      const char **field)
{
	const char *dir = req_query(r, "dir"), *sort = req_query(r, "sort");
	const char *past = page_blank_null(req_query(r, "past"));
	const char *themes[THEMES_MAX + 1];
	size_t nstages = vt_escalation_stage_count(page_partnership(def));
	int i;

	memset(v, 0, sizeof(*v));
	themes_in_force(def, themes, THEMES_MAX + 1);
	v->state = page_blank_null(req_query(r, "state"));
	v->theme = page_blank_null(req_query(r, "in-theme"));
	v->by = page_blank_null(req_query(r, "by"));
	v->about = page_blank_null(req_query(r, "about-agency"));
	v->stage = page_blank_null(req_query(r, "stage"));
	v->past = past && !strcmp(past, "1");
	v->descending = dir && !strcmp(dir, "desc");
	for (i = 1; sort && *sort && i < SORT__MAX; i++)
		if (!strcmp(sort, sort_names[i]))
			v->sort = (enum sort)i;
	*problem = NULL;
	if (!page_one_of(v->state, state_names)) {
		*problem = "show open escalations, resolved ones or all of them";
		*field = "state";
	} else if (v->theme && !page_one_of(v->theme, themes)) {
		*problem = "choose a theme from the list";
		*field = "in-theme";
	} else if (v->by && !vt_def_find(def, VT_KIND_AGENCY, v->by)) {
		*problem = "choose the agency that raised it from the list";
		*field = "by";
	} else if (v->about && !vt_def_find(def, VT_KIND_AGENCY, v->about)) {
		*problem = "choose the agency it is about from the list";
		*field = "about-agency";
	} else if (v->stage && (!page_one_of(v->stage, stage_numbers) ||
				(size_t)strtol(v->stage, NULL, 10) >
				nstages)) {
		*problem = "choose a stage from the list";
		*field = "stage";
	} else if (past && !v->past) {
		*problem = "past its timescale is a yes or any";
		*field = "past";
	} else if (sort && *sort && v->sort == SORT_NONE) {
		*problem = "escalations sort by reference, raised, raised by, "
			   "about, theme, stage or clock";
		*field = "sort";
	} else if (dir && *dir && strcmp(dir, "asc") && strcmp(dir, "desc")) {
		*problem = "the order is ascending or descending";
		*field = "dir";
	}
	return !*problem;
}

static bool row_wanted(const struct req *r, const struct view *v,
		       const struct vt_escalation_state *st)
{
	const struct vt_escalation *e = st->escalation;

	if (!may_see(r, e))
		return false;
	if (v->state && !strcmp(v->state, "open") != st->open)
		return false;
	if (v->theme && strcmp(v->theme, e->theme))
		return false;
	if (v->by && strcmp(v->by, e->raised_by))
		return false;
	if (v->about && strcmp(v->about, e->about))
		return false;
	if (v->stage && strtol(v->stage, NULL, 10) != st->stage)
		return false;
	if (v->past && !st->past_timescale)
		return false;
	return true;
}

/* By the column sorted, the other way when descending; ties by
   reference. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	const struct vt_escalation *ea = a->st.escalation,
				  *eb = b->st.escalation;
	int c = 0;

	switch (a->sort) {
	case SORT_RAISED:
		c = strcmp(ea->raised, eb->raised);
		break;
	case SORT_BY:
		c = strcmp(page_agency_name(a->def, ea->raised_by),
			   page_agency_name(a->def, eb->raised_by));
		break;
	case SORT_ABOUT:
		c = strcmp(page_agency_name(a->def, ea->about),
			   page_agency_name(a->def, eb->about));
		break;
	case SORT_THEME:
		c = strcmp(ea->theme, eb->theme);
		break;
	case SORT_STAGE:
		c = (a->st.stage > b->st.stage) - (a->st.stage < b->st.stage);
		break;
	case SORT_DUE:
		/* Open ones by their due date, the resolved after them. */
		if (a->st.open != b->st.open)
			return a->st.open ? -1 : 1;
		c = strcmp(a->st.steps[a->st.nsteps - 1].clock.due,
			   b->st.steps[b->st.nsteps - 1].clock.due);
		break;
	default:
		break;
	}
	if (a->descending)
		c = -c;
	if (!c)
		c = strcmp(ea->ref, eb->ref);
	return a->sort == SORT_REF && a->descending ? -c : c;
}

static void filter_query(const struct view *v, char *out, size_t size)
{
	*out = '\0';
	page_query_add(out, size, "state", v->state);
	page_query_add(out, size, "in-theme", v->theme);
	page_query_add(out, size, "by", v->by);
	page_query_add(out, size, "about-agency", v->about);
	page_query_add(out, size, "stage", v->stage);
	page_query_add(out, size, "past", v->past ? "1" : NULL);
}

static void sort_header(struct req *r, const struct view *v, enum sort col)
{
	char query[700], href[800];
	bool sorted = v->sort == col;

	filter_query(v, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort", sort_names[col]);
	page_query_add(query, sizeof(query), "dir", sorted && !v->descending
						    ? "desc" : NULL);
	snprintf(href, sizeof(href), "/escalations?%s", query);
	page_sort_header(r, sort_labels[col], href,
			 !sorted ? 0 : v->descending ? -1 : 1);
}

/* "2 (Manager to manager)" */
static void stage_words(const struct vt_escalation_state *st, char *out,
			size_t size)
{
	const char *name = st->steps[st->nsteps - 1].name;

	if (name)
		snprintf(out, size, "%d (%s)", st->stage, name);
	else
		snprintf(out, size, "%d", st->stage);
}

static void filter_form(struct req *r, const struct vt_def *def,
			const struct view *v)
{
	static const char *const pasts[] = { "1", NULL };
	static const char *const past_words[] = {
		"Past its stage's timescale", NULL };
	static const char *const dirs[] = { "desc", NULL };
	static const char *const dir_words[] = { "Descending", NULL };
	const char *themes[THEMES_MAX + 1], *stage_labels[21];
	char stage_buf[20][80];
	size_t nstages = vt_escalation_stage_count(page_partnership(def)), i;
	struct vt_html *h = &r->html;

	themes_in_force(def, themes, THEMES_MAX + 1);
	for (i = 0; i < nstages && i < 20; i++) {
		const struct vt_escalation_stage *s =
			vt_escalation_stage_at(page_partnership(def), i + 1);

		snprintf(stage_buf[i], sizeof(stage_buf[i]), "%zu (%s)", i + 1,
			 s && s->name ? s->name : "");
		stage_labels[i] = stage_buf[i];
	}
	stage_labels[i] = NULL;
	{
		const char *numbers[21];

		memcpy(numbers, stage_numbers, i * sizeof(*numbers));
		numbers[i] = NULL;
		vt_html_literal(h, "<form method=\"get\" action=\"/escalations\" "
				   "novalidate>");
		page_select(r, "state", "Show", state_names, state_labels,
			    v->state, "All escalations");
		page_select(r, "in-theme", "Theme", themes, NULL, v->theme,
			    "any theme");
		page_record_select(r, def, VT_KIND_AGENCY, "by",
				   "Raised by", v->by, "any agency");
		page_record_select(r, def, VT_KIND_AGENCY, "about-agency",
				   "About",
				   v->about, "any agency");
		page_select(r, "stage", "Stage", numbers, stage_labels,
			    v->stage, "any stage");
	}
	page_select(r, "past", "Timescale", pasts, past_words,
		    v->past ? "1" : NULL, "any");
	page_select(r, "sort", "Sort by", sort_names + 1, sort_labels + 1,
		    req_query(r, "sort"), "the register's order");
	page_select(r, "dir", "Order", dirs, dir_words, req_query(r, "dir"),
		    "Ascending");
	if (v->bad_page)
		page_text_input(r, "page", "page", "Page", v->bad_page,
				"govuk-input--width-4");
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
}

static void register_row(struct req *r, const struct vt_def *def,
			 const struct row *row)
{
	struct vt_html *h = &r->html;
	const struct vt_escalation_state *st = &row->st;
	const struct vt_escalation *e = st->escalation;
	const struct vt_deadline *d = &st->steps[st->nsteps - 1].clock;
	char href[200], words[VT_DATE_WORDS_MAX], stage[120];

	snprintf(href, sizeof(href), "/escalations/%s", e->ref);
	vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
			   "govuk-table__cell\">");
	vt_html_element(h, "a", e->ref, "class", "govuk-link", "href", href,
			NULL);
	vt_html_literal(h, "</td>");
	page_date_cell(r, e->raised);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	vt_html_text(h, page_agency_name(def, e->raised_by));
	vt_html_element(h, "div", e->raised_role, "class",
			"govuk-hint govuk-!-margin-bottom-0", NULL);
	vt_html_literal(h, "</td>");
	page_cell(r, page_agency_name(def, e->about));
	page_cell(r, theme_name(def, e->theme));
	stage_words(st, stage, sizeof(stage));
	page_cell(r, stage);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	if (st->open) {
		vt_date_words(d->due, words);
		vt_html_text(h, "Due ");
		vt_html_element(h, "span", words, "class", "vt-nowrap", NULL);
		vt_html_literal(h, " ");
	} else if (e->resolved) {
		vt_date_words(e->resolved, words);
		vt_html_text(h, "On ");
		vt_html_element(h, "span", words, "class", "vt-nowrap", NULL);
		vt_html_literal(h, " ");
	}
	clock_tag(h, st);
	vt_html_literal(h, "</td></tr>");
}

static void register_table(struct req *r, const struct vt_def *def,
			   const struct view *v, const struct row *rows,
			   size_t n, bool any)
{
	char query[700], base[800];
	size_t i, first, end;
	int col;

	if (!n) {
		vt_html_element(&r->html, "p", any ? "No escalations match "
				"these filters." : "No escalations have been "
				"raised that you may see.", "class",
				"govuk-body", "id", "no-escalations", NULL);
		return;
	}
	page_showing(r, v->page, ESCALATIONS_PER_PAGE, n, "escalations");
	page_table_open(r, "escalations", "Escalations");
	for (col = SORT_REF; col < SORT__MAX; col++)
		sort_header(r, v, (enum sort)col);
	page_table_body(r);
	first = (size_t)(v->page - 1) * ESCALATIONS_PER_PAGE;
	end = first + ESCALATIONS_PER_PAGE < n ? first + ESCALATIONS_PER_PAGE
					       : n;
	for (i = first; i < end; i++)
		register_row(r, def, &rows[i]);
	page_table_end(r);
	filter_query(v, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort",
		       v->sort ? sort_names[v->sort] : NULL);
	page_query_add(query, sizeof(query), "dir",
		       v->descending ? "desc" : NULL);
	snprintf(base, sizeof(base), "/escalations?%s", query);
	page_pagination(r, "Pages of escalations", base, v->page, v->pages);
}

/* The form that raises an escalation; 'p' the problem of the last try.
   An agency lead raises for its own agency: the field is fixed to it. */
static void raise_form(struct req *r, const struct vt_def *def,
		       const struct page_problem *p)
{
	static const char *const fields_hint =
		"Year, month and day, for example 2026-10-01";
	struct vt_html *h = &r->html;
	const char *themes[THEMES_MAX + 1];
	struct agencies a;

	if (!agencies_read(def, &a))
		return;
	themes_in_force(def, themes, THEMES_MAX + 1);
	vt_html_element(h, "h2", "Raise an escalation", "class",
			"govuk-heading-m", "id", "raise", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/escalations\" "
			   "novalidate>");
	page_csrf(r);
	page_field_text(r, "ref", "Reference", "The partnership's reference, for "
			"example ESC-2026-01. Never a child's or a person's name.",
			page_problem_typed(r, p, "ref"), "govuk-input--width-20",
			page_problem_at(p, "ref"));
	page_field_text(r, "raised", "Date raised", fields_hint,
			page_problem_typed(r, p, "raised"), "govuk-input--width-10",
			page_problem_at(p, "raised"));
	if (r->who.role == VT_ROLE_AGENCY_LEAD) {
		page_summary_begin(r);
		page_summary_row(r, "Raised by", page_agency_name(def,
				 r->who.agency), "raised-by-fixed");
		page_summary_end(r);
	} else {
		page_field_select(r, "raised_by", "Raised by (agency)", NULL, a.codes,
				  a.names, page_problem_typed(r, p, "raised_by"),
				  "Choose an agency", page_problem_at(p, "raised_by"));
	}
	page_field_text(r, "raised_role", "Raiser's role", "A role title, for "
			"example designated safeguarding lead. Never a person's "
			"name.", page_problem_typed(r, p, "raised_role"), NULL,
			page_problem_at(p, "raised_role"));
	page_field_select(r, "about", "About (agency)", NULL, a.codes, a.names,
			  page_problem_typed(r, p, "about"), "Choose an agency",
			  page_problem_at(p, "about"));
	page_field_select(r, "theme", "Theme", NULL, themes, NULL,
			  page_problem_typed(r, p, "theme"),
			  "Choose a theme", page_problem_at(p, "theme"));
	page_field_textarea(r, "summary", "Summary (optional)", "What the agencies "
			    "disagree about. Never a child's or a person's name.",
			    page_problem_typed(r, p, "summary"), page_problem_at(p, "summary"));
	page_button(r, "Raise escalation", false);
	vt_html_literal(h, "</form>");
	agencies_release(&a);
}

static int rows_of(const struct req *r, const struct vt_def *def,
		   const char *today, const struct view *v, struct row **out,
		   size_t *nout)
{
	size_t n = vt_def_count(def, VT_KIND_ESCALATION), i;
	struct row *rows = calloc(n ? n : 1, sizeof(*rows));

	*nout = 0;
	if (!rows)
		return -1;
	for (i = 0; i < n; i++) {
		struct row *row = &rows[*nout];

		if (vt_escalation_judge(vt_def_at(def, VT_KIND_ESCALATION, i),
					page_partnership(def), today, &row->st))
			continue;
		if (v && !row_wanted(r, v, &row->st))
			continue;
		row->def = def;
		row->sort = v ? v->sort : SORT_NONE;
		row->descending = v && v->descending;
		(*nout)++;
	}
	*out = rows;
	return 0;
}

static unsigned list_page(struct req *r, const struct page_problem *p,
			  unsigned status)
{
	static const char *const done[][2] = {
		{ "raised", "Escalation raised" }, { NULL, NULL } };
	const char *problem = NULL, *field = NULL;
	struct vt_def def;
	struct view v;
	struct row *rows = NULL;
	size_t n = 0, seen = 0, i;
	char today[11], why[120];
	bool refused;

	if (!req_read_def(r, &def, &status))
		return status;
	refused = !view_read(r, &def, &v, &problem, &field);
	server_today(today);
	if (rows_of(r, &def, today, refused ? NULL : &v, &rows, &n)) {
		vt_def_release(&def);
		return page_error(r, 503, "The register could not be read.");
	}
	for (i = 0; i < vt_def_count(&def, VT_KIND_ESCALATION); i++)
		seen += may_see(r, vt_def_at(&def, VT_KIND_ESCALATION, i));
	if (refused) {
		status = 400;
	} else {
		if (v.sort && n > 1)
			qsort(rows, n, sizeof(*rows), row_cmp);
		if (!page_number_read(r, n, ESCALATIONS_PER_PAGE, &v.page,
				      &v.pages, why, sizeof(why))) {
			v.bad_page = req_query(r, "page");
			problem = why;
			field = "page";
			refused = true;
			status = 400;
		}
	}
	page_begin(r, "Escalations and disputes");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	else if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	if (r->who.role == VT_ROLE_AGENCY_LEAD)
		vt_html_element(&r->html, "p", "You see the escalations your "
				"agency raised and those about it.", "class",
				"govuk-body", NULL);
	vt_html_open(&r->html, "p", "class", "govuk-body", NULL);
	vt_html_element(&r->html, "a", "Causes of escalations by quarter",
			"class", "govuk-link", "href", "/escalations/causes",
			NULL);
	vt_html_close(&r->html, "p");
	filter_form(r, &def, &v);
	if (!refused)
		register_table(r, &def, &v, rows, n, seen > 0);
	if (may_raise(r))
		raise_form(r, &def, p);
	page_end(r);
	free(rows);
	vt_def_release(&def);
	return status;
}

unsigned page_escalations(struct req *r)
{
	return list_page(r, NULL, 200);
}

unsigned page_escalation_raise(struct req *r)
{
	static const char *const fields[] = {
		"ref", "raised", "raised_by", "raised_role", "about", "theme",
		"summary", NULL };
	const char *ref = page_field_or_blank(r, "ref");
	const char *by = page_field_or_blank(r, "raised_by");
	char why[512], where[200];
	struct page_problem p;
	enum vt_err result;

	if (!may_raise(r))
		return page_error(r, 403, "Escalations are raised by the "
				  "partnership's staff and agency leads.");
	/* An agency lead raises for its own agency, whatever was posted. */
	if (r->who.role == VT_ROLE_AGENCY_LEAD)
		by = r->who.agency;
	result = vt_escalation_add(r->store, ref, page_field_or_blank(r, "raised"),
				   by, page_field_or_blank(r, "raised_role"),
				   page_field_or_blank(r, "about"),
				   page_field_or_blank(r, "theme"),
				   page_field_or_null(r, "summary"), r->who.email,
				   why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "escalation", fields, "ref");
		return list_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The reference was checked: letters, digits and - _ . / only.
	   One the raiser may not see (an analyst) leads to the register. */
	if (r->who.role == VT_ROLE_ANALYST)
		return req_redirect(r, "/escalations?done=raised");
	snprintf(where, sizeof(where), "/escalations/%s?done=raised", ref);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* One escalation */

/* The state of a stage's clock in words: "3 working days left", "2
   working days over", "Escalated late", "Resolved in time". */
static void step_state(const struct vt_escalation_state *st, size_t i,
		       char *out, size_t size)
{
	const struct vt_deadline *d = &st->steps[i].clock;
	const char *how = d->state == VT_DEADLINE_MET ? "in time" : "late";

	if (i + 1 < st->nsteps)
		snprintf(out, size, "Escalated %s", how);
	else if (!st->open)
		snprintf(out, size, "Resolved %s", how);
	else
		left_words(d, out, size);
}

/* Each stage reached, in order down the page: a summary of its dates
   and its clock, narrow enough for a phone without scrolling. */
static void timeline(struct req *r, const struct vt_escalation_state *st)
{
	struct vt_html *h = &r->html;
	char heading[120], days[48], words[VT_DATE_WORDS_MAX], state[64];
	size_t i;

	vt_html_element(h, "h2", "Stages reached", "class", "govuk-heading-m",
			NULL);
	vt_html_literal(h, "<ol class=\"govuk-list\" id=\"timeline\">");
	for (i = 0; i < st->nsteps; i++) {
		const struct vt_escalation_stage_state *s = &st->steps[i];
		const struct vt_deadline *d = &s->clock;
		bool current = i + 1 == st->nsteps;

		snprintf(heading, sizeof(heading), "Stage %d: %s", s->stage,
			 s->name ? s->name : "");
		vt_html_literal(h, "<li>");
		vt_html_element(h, "h3", heading, "class", "govuk-heading-s "
				"govuk-!-margin-bottom-1", NULL);
		page_summary_begin(r);
		vt_date_words(d->start, words);
		page_summary_row(r, "Reached", words, NULL);
		page_summary_row(r, "Note", s->note ? s->note : "None", NULL);
		snprintf(days, sizeof(days), "%d working day%s", s->days,
			 s->days == 1 ? "" : "s");
		page_summary_row(r, "Timescale", days, NULL);
		vt_date_words(d->due, words);
		page_summary_row(r, "Due", words, NULL);
		if (d->done[0])
			vt_date_words(d->done, words);
		page_summary_row(r, "Done", d->done[0] ? words : "Not yet",
				 NULL);
		page_summary_row_open(r, "State", NULL);
		if (current && st->past_timescale) {
			vt_html_element(h, "strong", "Past timescale", "class",
					"govuk-tag govuk-tag--red", NULL);
			vt_html_literal(h, " ");
		} else if (current && due_soon(st)) {
			vt_html_element(h, "strong", "Due soon", "class",
					"govuk-tag govuk-tag--yellow", NULL);
			vt_html_literal(h, " ");
		}
		step_state(st, i, state, sizeof(state));
		vt_html_text(h, state);
		page_summary_row_close(r);
		page_summary_end(r);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ol>");
}

static void escalate_form(struct req *r, const struct vt_escalation *e,
			  const struct vt_escalation_state *st,
			  const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[200];

	if ((size_t)st->stage >= st->nstages)
		return;	/* the protocol's last stage: resolve it */
	vt_html_element(h, "h2", "Escalate to the next stage", "class",
			"govuk-heading-m", "id", "escalate", NULL);
	snprintf(action, sizeof(action), "/escalations/%s/escalate", e->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_text(r, "date", "Date escalated", "Year, month and day, for "
			"example 2026-10-01", page_problem_typed(r, p, "date"),
			"govuk-input--width-10", page_problem_at(p, "date"));
	page_field_textarea(r, "note", "Note (optional)", "Never a child's or a "
			    "person's name.", page_problem_typed(r, p, "note"),
			    page_problem_at(p, "note"));
	page_button(r, "Escalate", false);
	vt_html_literal(h, "</form>");
}

static void resolve_form(struct req *r, const struct vt_escalation *e,
			 const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[200];

	vt_html_element(h, "h2", "Resolve", "class", "govuk-heading-m", "id",
			"resolve", NULL);
	snprintf(action, sizeof(action), "/escalations/%s/resolve", e->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_text(r, "resolved", "Date resolved", "Year, month and day, for "
			"example 2026-10-01", page_problem_typed(r, p, "resolved"),
			"govuk-input--width-10", page_problem_at(p, "resolved"));
	page_field_select(r, "outcome", "Outcome", NULL, vt_escalation_outcome_names,
			  outcome_words, page_problem_typed(r, p, "outcome"), "Choose an outcome",
			  page_problem_at(p, "outcome"));
	page_field_textarea(r, "resolution", "Resolution (optional)", "How it was "
			    "resolved. Never a child's or a person's name.",
			    page_problem_typed(r, p, "resolution"),
			    page_problem_at(p, "resolution"));
	page_button(r, "Resolve", false);
	vt_html_literal(h, "</form>");
}

static unsigned record_page(struct req *r, const struct page_problem *p,
			    unsigned status)
{
	static const char *const done[][2] = {
		{ "raised", "Escalation raised" },
		{ "escalated", "Escalated to the next stage" },
		{ "resolved", "Escalation resolved" },
		{ NULL, NULL } };
	const struct vt_escalation *e;
	struct vt_escalation_state st;
	struct vt_def def;
	char title[200], today[11], words[VT_DATE_WORDS_MAX], stage[120];

	if (!req_read_def(r, &def, &status))
		return status;
	e = vt_def_find(&def, VT_KIND_ESCALATION, r->params[0]);
	if (!e) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such escalation.");
	}
	if (!may_see(r, e)) {
		vt_def_release(&def);
		return page_error(r, 403, "This escalation is neither raised "
				  "by your agency nor about it.");
	}
	server_today(today);
	if (vt_escalation_judge(e, page_partnership(&def), today, &st)) {
		vt_def_release(&def);
		return page_error(r, 503, "The escalation's dates could not "
				  "be judged.");
	}
	r->up_href = "/escalations";
	r->up_text = "Escalations and disputes";
	snprintf(title, sizeof(title), "Escalation %s", e->ref);
	page_begin(r, title);
	if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Reference", e->ref, NULL);
	vt_date_words(e->raised, words);
	page_summary_row(r, "Raised", words, NULL);
	page_summary_row(r, "Raised by", page_agency_name(&def, e->raised_by),
			 "esc-by");
	page_summary_row(r, "Raiser's role", e->raised_role, NULL);
	page_summary_row(r, "About", page_agency_name(&def, e->about), "esc-about");
	page_summary_row(r, "Theme", theme_name(&def, e->theme), NULL);
	page_summary_row(r, "Summary", e->summary ? e->summary : "None given",
			 NULL);
	stage_words(&st, stage, sizeof(stage));
	page_summary_row_open(r, "Stage", "esc-stage");
	vt_html_textf(&r->html, "%s ", stage);
	clock_tag(&r->html, &st);
	page_summary_row_close(r);
	page_summary_row(r, "Outcome", e->outcome ? outcome_label(e->outcome)
			 : "Not yet resolved", "esc-outcome");
	if (e->resolved)
		vt_date_words(e->resolved, words);
	page_summary_row(r, "Resolved", e->resolved ? words : "Not yet",
			 NULL);
	page_summary_row(r, "Resolution", e->resolution ? e->resolution :
			 "None given", NULL);
	page_summary_end(r);
	timeline(r, &st);
	if (may_change(r, e) && st.open) {
		escalate_form(r, e, &st, p);
		resolve_form(r, e, p);
	}
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_escalation(struct req *r)
{
	return record_page(r, NULL, 200);
}

/* The escalation of the route, and whether this user may change it: a
   status to answer with, or 0 to go on. */
static unsigned change_allowed(struct req *r)
{
	struct vt_def def;
	const struct vt_escalation *e;
	unsigned status = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	e = vt_def_find(&def, VT_KIND_ESCALATION, r->params[0]);
	if (!e)
		status = page_error(r, 404, "There is no such escalation.");
	else if (!may_change(r, e))
		status = page_error(r, 403, "This escalation is changed by the "
				    "agency that raised it and by the "
				    "partnership's staff.");
	vt_def_release(&def);
	return status;
}

unsigned page_escalation_escalate(struct req *r)
{
	static const char *const fields[] = { "date", "note", NULL };
	char why[512], where[200];
	struct page_problem p;
	enum vt_err result;
	unsigned status = change_allowed(r);

	if (status)
		return status;
	result = vt_escalation_escalate(r->store, r->params[0],
					page_field_or_blank(r, "date"),
					page_field_or_null(r, "note"), r->who.email,
					why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such escalation.");
	if (result == VT_EINVAL || result == VT_ECONFLICT) {
		page_problem_read(&p, why, "escalation", fields, "date");
		return record_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/escalations/%s?done=escalated",
		 r->params[0]);
	return req_redirect(r, where);
}

unsigned page_escalation_resolve(struct req *r)
{
	static const char *const fields[] = {
		"resolved", "outcome", "resolution", NULL };
	char why[512], where[200];
	struct page_problem p;
	enum vt_err result;
	unsigned status = change_allowed(r);

	if (status)
		return status;
	result = vt_escalation_resolve(r->store, r->params[0],
				       page_field_or_blank(r, "resolved"),
				       page_field_or_blank(r, "outcome"),
				       page_field_or_null(r, "resolution"),
				       r->who.email, why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such escalation.");
	if (result == VT_EINVAL || result == VT_ECONFLICT) {
		/* The library says "date: ..." of the day it was resolved. */
		if (!strncmp(why, "date: ", 6)) {
			char fixed[512];

			snprintf(fixed, sizeof(fixed), "resolved: %s", why + 6);
			snprintf(why, sizeof(why), "%s", fixed);
		}
		page_problem_read(&p, why, "escalation", fields, "resolved");
		return record_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/escalations/%s?done=resolved",
		 r->params[0]);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* Causes: counts per quarter */

static const char *trend_words(const struct vt_escalation_causes *c,
			       char *out, size_t size)
{
	static const char *const words[VT_SPC__MAX] = {
		"no sign of change: the quarters vary within their limits",
		"a sign of fewer escalations than before",
		"a sign of more escalations than before",
		"a rise, but one that was expected",
		"a sign of change",
	};

	if (!c->has_trend)
		snprintf(out, size, "%zu quarter%s: too few to judge a trend "
			 "(%d are needed).", c->nquarters,
			 c->nquarters == 1 ? "" : "s", VT_ESCALATION_SPC_MIN);
	else
		snprintf(out, size, "Over %zu quarters the escalations raised "
			 "show %s.", c->nquarters,
			 c->trend.variation >= 0 && c->trend.variation <
			 VT_SPC__MAX ? words[c->trend.variation]
			 : "no reading");
	return out;
}

/* One table: a row per quarter, a column per thing counted. */
static void causes_table(struct req *r, const struct vt_escalation_causes *c,
			 int fy, const char *id, const char *caption,
			 const char *const *heads, size_t nheads, int which)
{
	struct vt_html *h = &r->html;
	char label[VT_PERIOD_LABEL_MAX];
	size_t q, i;

	page_table_open(r, id, caption);
	page_table_header(r, "Quarter");
	/* Counts line up at the right, their headers with them. */
	for (i = 0; i <= nheads; i++)
		vt_html_element(h, "th", i < nheads ? heads[i] : "Total",
				"scope", "col", "class", "govuk-table__header "
				"govuk-table__header--numeric", NULL);
	page_table_body(r);
	for (q = 0; q < c->nquarters; q++) {
		const struct vt_escalation_quarter *x = &c->quarters[q];
		const size_t *counts = which == 0 ? x->by_theme : which == 1
				       ? x->by_about : x->by_stage;

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", vt_period_label_of(x->period, fy,
				label), "class", "govuk-table__header",
				"scope", "row", NULL);
		for (i = 0; i < nheads; i++) {
			vt_html_literal(h, "<td class=\"govuk-table__cell "
					   "govuk-table__cell--numeric\">");
			vt_html_textf(h, "%zu", counts[i]);
			vt_html_literal(h, "</td>");
		}
		vt_html_literal(h, "<td class=\"govuk-table__cell "
				   "govuk-table__cell--numeric\">");
		vt_html_textf(h, "%zu", x->total);
		vt_html_literal(h, "</td></tr>");
	}
	page_table_end(r);
}

unsigned page_escalation_causes(struct req *r)
{
	struct vt_escalation_causes c;
	struct vt_def def;
	const char **heads;
	char trend[300], (*stage_heads)[80];
	const char *agency = NULL;
	unsigned status = 200;
	size_t i;
	int fy;

	if (r->who.role == VT_ROLE_AGENCY_LEAD) {
		if (!agency_of(r))
			return page_error(r, 403, "Your account has no agency.");
		agency = r->who.agency;
	}
	if (!req_read_def(r, &def, &status))
		return status;
	fy = page_partnership(&def) ? (int)page_partnership(&def)->fy_start_month : 4;
	if (vt_escalation_causes(&def, agency, &c)) {
		vt_def_release(&def);
		return page_error(r, 503, "The escalations could not be "
				  "counted.");
	}
	r->up_href = "/escalations";
	r->up_text = "Escalations and disputes";
	page_begin(r, "Causes of escalations");
	vt_html_element(&r->html, "p", agency ? "Escalations your agency "
			"raised or that are about it, counted by the quarter "
			"they were raised in." : "Escalations counted by the "
			"quarter they were raised in.", "class", "govuk-body",
			NULL);
	if (!c.nquarters) {
		vt_html_element(&r->html, "p", "No escalations have been "
				"raised.", "class", "govuk-body", "id",
				"no-causes", NULL);
		goto out;
	}
	vt_html_element(&r->html, "p", trend_words(&c, trend, sizeof(trend)),
			"class", "govuk-body", "id", "trend", NULL);
	heads = calloc(c.nthemes + c.nagencies + c.nstages + 1,
		       sizeof(*heads));
	stage_heads = calloc(c.nstages + 1, sizeof(*stage_heads));
	if (!heads || !stage_heads) {
		free(heads);
		free(stage_heads);
		goto out;
	}
	for (i = 0; i < c.nthemes; i++)
		heads[i] = theme_name(&def, c.themes[i]);
	causes_table(r, &c, fy, "by-theme", "By theme", heads, c.nthemes, 0);
	for (i = 0; i < c.nagencies; i++)
		heads[i] = page_agency_name(&def, c.agencies[i]);
	causes_table(r, &c, fy, "by-about", "By the agency they are about",
		     heads, c.nagencies, 1);
	for (i = 0; i < c.nstages; i++) {
		const struct vt_escalation_stage *s =
			vt_escalation_stage_at(page_partnership(&def), i + 1);

		snprintf(stage_heads[i], sizeof(stage_heads[i]), "%zu (%s)",
			 i + 1, s && s->name ? s->name : "");
		heads[i] = stage_heads[i];
	}
	causes_table(r, &c, fy, "by-stage", "By the stage reached", heads,
		     c.nstages, 2);
	free(heads);
	free(stage_heads);
out:
	page_end(r);
	vt_escalation_causes_release(&c);
	vt_def_release(&def);
	return status;
}
