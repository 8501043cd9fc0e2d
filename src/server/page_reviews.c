/* The case review register (filtered, sorted by any column, a page at a time), a review's record with its stages and clocks, and the forms that add a review and record its stages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/reviews.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define REVIEWS_PER_PAGE 25
#define THEMES_MAX 32

/* Stages, decisions and clocks as a reader says them. */
static const char *const stage_words[VT_STAGE__MAX + 1] = {
	"Notification", "Rapid review", "Decision", "Terms of reference",
	"Reviewer appointed", "Draft report", "Copy to the national panel",
	"Publication", "Closed", NULL };
static const char *const decision_words[] = {
	"Local child safeguarding practice review", "National review",
	"Learning without a review", "No review", NULL };
static const char *const clock_words[VT_CLOCK__MAX] = {
	"notification", "rapid review", "publication",
	"copy to the national panel" };

/* Adding reviews and dating their stages is the partnership's own
   work: its analysts, administrators and chair. */
static bool may_keep(const struct req *r)
{
	return r->who.role == VT_ROLE_ANALYST ||
	       r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_CHAIR;
}

static bool involves(const struct vt_review *v, const char *agency)
{
	size_t i;

	for (i = 0; agency && i < v->nagencies; i++)
		if (!strcmp(v->agencies[i].agency, agency))
			return true;
	return false;
}

/* An agency lead reads the reviews their agency is involved in; a
   viewer reads none (the route keeps them out). */
static bool may_read(const struct req *r, const struct vt_review *v)
{
	if (r->who.role == VT_ROLE_VIEWER)
		return false;
	return r->who.role != VT_ROLE_AGENCY_LEAD ||
	       (r->who.agency[0] && involves(v, r->who.agency));
}

static const char *decision_label(const char *decision)
{
	size_t i;

	for (i = 0; decision && vt_review_decision_names[i]; i++)
		if (!strcmp(decision, vt_review_decision_names[i]))
			return decision_words[i];
	return decision;
}

int review_next_clock(const struct vt_review_state *st)
{
	int c, best = -1, last = -1;

	for (c = 0; c < VT_CLOCK__MAX; c++) {
		if (!st->started[c])
			continue;
		last = c;
		if (!st->clocks[c].done[0] && (best < 0 ||
		    strcmp(st->clocks[c].due, st->clocks[best].due) < 0))
			best = c;
	}
	return best >= 0 ? best : last;
}

const char *review_clock_name(int clock)
{
	return clock >= 0 && clock < VT_CLOCK__MAX ? clock_words[clock] : "";
}

/* The clock's state in words with a tag's colour: never colour alone. */
static void state_tag(struct vt_html *h, const struct vt_deadline *d)
{
	const char *words = "Open", *cls = "govuk-tag govuk-tag--blue";

	if (d->state == VT_DEADLINE_MISSED) {
		words = "Missed";
		cls = "govuk-tag govuk-tag--red";
	} else if (d->state == VT_DEADLINE_MET) {
		words = "Met";
		cls = "govuk-tag govuk-tag--green";
	} else if (vt_deadline_at_risk(d)) {
		words = "Due soon";
		cls = "govuk-tag govuk-tag--yellow";
	}
	vt_html_element(h, "strong", words, "class", cls, NULL);
}

/* "3 working days left", "2 working days late", "Due today". */
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
		snprintf(out, size, "%ld working day%s late", -n,
			 n == -1 ? "" : "s");
	else
		snprintf(out, size, "Due today");
}

/* The library's reason at the review form's field: its dates are one
   box, its notes one box, its agencies and themes one each. */
static void problem_read(struct page_problem *p, const char *why,
			 bool adding)
{
	static const char *const date_fields[] = {
		"date", "notification", "rapid_review", "decided",
		"terms_of_reference", "reviewer_appointed", "draft",
		"panel_copy", "publication", "closed", NULL };
	static const char *const add_fields[] = {
		"aware", "themes", "ref", NULL };
	static const char *const stage_fields[] = {
		"decision", "reviewer", "stage", NULL };
	const char *word = p->word;
	size_t n;

	page_problem_read(p, why, "case review",
			  adding ? add_fields : stage_fields,
			  adding ? "ref" : "stage");
	n = strlen(word);
	if (adding) {
		if (!strcmp(word, "theme"))
			snprintf(p->field, sizeof(p->field), "themes");
		else if (!strcmp(word, "agency") || !strcmp(word, "agencies"))
			snprintf(p->field, sizeof(p->field), "agencies");
		return;
	}
	if (page_one_of(word, date_fields) && *word)
		snprintf(p->field, sizeof(p->field), "date");
	else if (n > 5 && !strcmp(word + n - 5, "_note"))
		snprintf(p->field, sizeof(p->field), "note");
}

/* ------------------------------------------------------------------ */
/* The register */

enum sort { SORT_NONE, SORT_REF, SORT_STAGE, SORT_AWARE, SORT_DUE,
	    SORT__MAX };
static const char *const sort_names[SORT__MAX] = {
	"", "ref", "stage", "aware", "due" };
static const char *const sort_labels[SORT__MAX] = {
	"", "Case reference", "Stage reached", "Aware", "Next clock" };

static const char *const state_names[] = { "open", "closed", NULL };
static const char *const state_labels[] = {
	"Open reviews", "Closed reviews", NULL };
static const char *const clock_filters[] = { "missed", "at-risk", NULL };
static const char *const clock_filter_labels[] = {
	"A clock missed", "At risk: open, due within 2 working days", NULL };

/* The register as asked: filters, order, page. */
struct view {
	const char *state, *stage, *agency, *clock;
	enum sort sort;
	bool descending;
	long page, pages;
	const char *bad_page;
};

struct row {
	struct vt_review_state st;
	int next;		/* the clock shown, or -1 */
	enum sort sort;
	bool descending;
};

/* The filters and order from the query; false with the problem and its
   field for a value that is none of the choices. */
static bool view_read(struct req *r, const struct vt_def *def,
		      struct view *v, const char **problem,
		      const char **field)
{
	const char *dir = req_query(r, "dir"), *sort = req_query(r, "sort");
	int i;

	memset(v, 0, sizeof(*v));
	v->state = page_blank_null(req_query(r, "state"));
	v->stage = page_blank_null(req_query(r, "stage"));
	v->agency = page_blank_null(req_query(r, "agency"));
	v->clock = page_blank_null(req_query(r, "clock"));
	v->descending = dir && !strcmp(dir, "desc");
	for (i = 1; sort && *sort && i < SORT__MAX; i++)
		if (!strcmp(sort, sort_names[i]))
			v->sort = (enum sort)i;
	*problem = NULL;
	if (!page_one_of(v->state, state_names)) {
		*problem = "show open reviews, closed reviews or all of them";
		*field = "state";
	} else if (!page_one_of(v->stage, vt_review_stage_names)) {
		*problem = "choose a stage from the list";
		*field = "stage";
	} else if (v->agency && !vt_def_find(def, VT_KIND_AGENCY,
					     v->agency)) {
		*problem = "choose an agency from the list";
		*field = "agency";
	} else if (!page_one_of(v->clock, clock_filters)) {
		*problem = "clocks are filtered by missed or at risk";
		*field = "clock";
	} else if (sort && *sort && v->sort == SORT_NONE) {
		*problem = "reviews sort by reference, stage, aware or next "
			   "clock";
		*field = "sort";
	} else if (dir && *dir && strcmp(dir, "asc") && strcmp(dir, "desc")) {
		*problem = "the order is ascending or descending";
		*field = "dir";
	}
	return !*problem;
}

static bool any_missed(const struct vt_review_state *st)
{
	int c;

	for (c = 0; c < VT_CLOCK__MAX; c++)
		if (st->started[c] && st->clocks[c].state == VT_DEADLINE_MISSED)
			return true;
	return false;
}

static bool any_due_soon(const struct vt_review_state *st)
{
	int c;

	for (c = 0; c < VT_CLOCK__MAX; c++)
		if (st->started[c] && vt_deadline_at_risk(&st->clocks[c]))
			return true;
	return false;
}

static bool row_wanted(const struct req *r, const struct view *v,
		       const struct vt_review_state *st)
{
	const struct vt_review *rev = st->review;
	bool open = vt_review_open(rev);

	if (!may_read(r, rev))
		return false;
	if (v->state && !strcmp(v->state, "open") != open)
		return false;
	if (v->stage && (st->stage < 0 ||
			 strcmp(v->stage, vt_review_stage_names[st->stage])))
		return false;
	if (v->agency && !involves(rev, v->agency))
		return false;
	if (v->clock && !strcmp(v->clock, "missed") && !any_missed(st))
		return false;
	if (v->clock && !strcmp(v->clock, "at-risk") &&
	    (!open || !any_due_soon(st)))
		return false;
	return true;
}

/* By the column sorted, the other way when descending; a review with
   no clock sorts last either way; ties by reference. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	const struct vt_review *ra = a->st.review, *rb = b->st.review;
	int c = 0;

	switch (a->sort) {
	case SORT_STAGE:
		c = (a->st.stage > b->st.stage) - (a->st.stage < b->st.stage);
		break;
	case SORT_AWARE:
		c = strcmp(ra->aware, rb->aware);
		break;
	case SORT_DUE:
		if ((a->next < 0) != (b->next < 0))
			return a->next < 0 ? 1 : -1;
		if (a->next >= 0)
			c = strcmp(a->st.clocks[a->next].due,
				   b->st.clocks[b->next].due);
		break;
	default:
		break;
	}
	if (a->descending)
		c = -c;
	if (!c)
		c = strcmp(ra->ref, rb->ref);
	return a->sort == SORT_REF && a->descending ? -c : c;
}

static void filter_query(const struct view *v, char *out, size_t size)
{
	*out = '\0';
	page_query_add(out, size, "state", v->state);
	page_query_add(out, size, "stage", v->stage);
	page_query_add(out, size, "agency", v->agency);
	page_query_add(out, size, "clock", v->clock);
}

static void sort_header(struct req *r, const struct view *v, enum sort col)
{
	char query[600], href[700];
	bool sorted = v->sort == col;

	filter_query(v, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort", sort_names[col]);
	page_query_add(query, sizeof(query), "dir", sorted && !v->descending
						    ? "desc" : NULL);
	snprintf(href, sizeof(href), "/reviews?%s", query);
	page_sort_header(r, sort_labels[col], href,
			 !sorted ? 0 : v->descending ? -1 : 1);
}

static void filter_form(struct req *r, const struct vt_def *def,
			const struct view *v)
{
	static const char *const sorts[] = {
		"ref", "stage", "aware", "due", NULL };
	static const char *const sort_words[] = {
		"Case reference", "Stage reached", "Date aware",
		"Next clock's due date", NULL };
	static const char *const dirs[] = { "desc", NULL };
	static const char *const dir_words[] = { "Descending", NULL };
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<form method=\"get\" action=\"/reviews\" "
			   "novalidate>");
	page_select(r, "state", "Show", state_names, state_labels, v->state,
		    "All reviews");
	page_select(r, "stage", "Stage reached", vt_review_stage_names,
		    stage_words, v->stage, "any stage");
	page_record_select(r, def, VT_KIND_AGENCY, "agency",
			   "Agency involved", v->agency, "any agency");
	page_select(r, "clock", "Clocks", clock_filters, clock_filter_labels,
		    v->clock, "any");
	page_select(r, "sort", "Sort by", sorts, sort_words,
		    req_query(r, "sort"), "the register's order");
	page_select(r, "dir", "Order", dirs, dir_words, req_query(r, "dir"),
		    "Ascending");
	if (v->bad_page)
		page_text_input(r, "page", "page", "Page", v->bad_page,
				"govuk-input--width-4");
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
}

/* The agencies of a review by their names, joined: "Police, Health". */
static void agency_names(const struct vt_def *def, const struct vt_review *v,
			 char *out, size_t size)
{
	size_t i, used = 0;

	*out = '\0';
	for (i = 0; i < v->nagencies && used < size; i++) {
		const struct vt_agency *a = vt_def_find(def, VT_KIND_AGENCY,
							v->agencies[i].agency);

		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 i ? ", " : "", a && a->name ? a->name
					 : v->agencies[i].agency);
	}
}

static void register_row(struct req *r, const struct vt_def *def,
			 const struct row *row)
{
	struct vt_html *h = &r->html;
	const struct vt_review *v = row->st.review;
	char href[160], words[VT_DATE_WORDS_MAX], names[600];

	snprintf(href, sizeof(href), "/reviews/%s", v->ref);
	vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
			   "govuk-table__cell\">");
	vt_html_element(h, "a", v->ref, "class", "govuk-link", "href", href,
			NULL);
	vt_html_literal(h, "</td>");
	page_cell(r, row->st.stage < 0 ? "None recorded"
		  : stage_words[row->st.stage]);
	page_date_cell(r, v->aware);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	if (row->next >= 0) {
		const struct vt_deadline *d = &row->st.clocks[row->next];
		char name[64];

		snprintf(name, sizeof(name), "%s", clock_words[row->next]);
		name[0] = (char)(name[0] - 'a' + 'A');
		vt_date_words(d->due, words);
		vt_html_textf(h, "%s, due ", name);
		vt_html_element(h, "span", words, "class", "vt-nowrap", NULL);
		vt_html_literal(h, " ");
		state_tag(h, d);
	}
	vt_html_literal(h, "</td>");
	page_cell(r, decision_label(v->decision));
	agency_names(def, v, names, sizeof(names));
	page_cell(r, names);
	vt_html_literal(h, "</tr>");
}

static void register_table(struct req *r, const struct vt_def *def,
			   const struct view *v, const struct row *rows,
			   size_t n, bool any)
{
	char query[600], base[700];
	size_t i, first, end;
	int col;

	if (!n) {
		vt_html_element(&r->html, "p", any ? "No case reviews match "
				"these filters." : "No case reviews have been "
				"added.", "class", "govuk-body", "id",
				"no-reviews", NULL);
		return;
	}
	page_showing(r, v->page, REVIEWS_PER_PAGE, n, "case reviews");
	page_table_open(r, "reviews", "Case reviews");
	for (col = SORT_REF; col < SORT__MAX; col++)
		sort_header(r, v, (enum sort)col);
	page_table_header(r, "Decision");
	page_table_header(r, "Agencies");
	page_table_body(r);
	first = (size_t)(v->page - 1) * REVIEWS_PER_PAGE;
	end = first + REVIEWS_PER_PAGE < n ? first + REVIEWS_PER_PAGE : n;
	for (i = first; i < end; i++)
		register_row(r, def, &rows[i]);
	page_table_end(r);
	filter_query(v, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort",
		       v->sort ? sort_names[v->sort] : NULL);
	page_query_add(query, sizeof(query), "dir",
		       v->descending ? "desc" : NULL);
	snprintf(base, sizeof(base), "/reviews?%s", query);
	page_pagination(r, "Pages of case reviews", base, v->page, v->pages);
}

/* The form that adds a review; 'p' the problem of the last try. */
static void add_form(struct req *r, const struct vt_def *def,
		     const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	const char *error = page_problem_at(p, "agencies");
	size_t i, n = vt_def_count(def, VT_KIND_AGENCY);

	vt_html_element(h, "h2", "Add a case review", "class",
			"govuk-heading-m", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/reviews\" "
			   "novalidate>");
	page_csrf(r);
	page_field_text(r, "ref", "Case reference", "The partnership's reference, "
			"for example CSPR-2026-01. Never the child's name or date "
			"of birth.", page_problem_typed(r, p, "ref"), "govuk-input--width-20",
			page_problem_at(p, "ref"));
	page_field_text(r, "aware", "Date the local authority became aware",
			"Year, month and day, for example 2026-10-01",
			page_problem_typed(r, p, "aware"), "govuk-input--width-10",
			page_problem_at(p, "aware"));
	vt_html_open(h, "div", "class", error ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	vt_html_open(h, "fieldset", "class", "govuk-fieldset",
		     "aria-describedby", error ? "agencies-error" : NULL,
		     NULL);
	vt_html_element(h, "legend", "Agencies involved", "class",
			"govuk-fieldset__legend govuk-fieldset__legend--s",
			NULL);
	if (error) {
		vt_html_open(h, "p", "class", "govuk-error-message", "id",
			     "agencies-error", NULL);
		vt_html_literal(h, "<span class=\"govuk-visually-hidden\">"
				   "Error:</span> ");
		vt_html_text(h, error);
		vt_html_close(h, "p");
	}
	vt_html_literal(h, "<div class=\"govuk-checkboxes govuk-checkboxes--"
			   "small\">");
	for (i = 0; i < n; i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);
		char id[160];

		snprintf(id, sizeof(id), "agency-%s", a->code);
		page_checkbox(r, id, id, a->name ? a->name : a->code,
			      p && req_field(r, id));
	}
	vt_html_literal(h, "</div></fieldset></div>");
	page_field_text(r, "themes", "Learning themes (optional)", "Codes separated "
			"by commas, for example neglect, domestic-abuse",
			page_problem_typed(r, p, "themes"), NULL, page_problem_at(p, "themes"));
	page_button(r, "Add case review", false);
	vt_html_literal(h, "</form>");
}

static int state_of(const struct req *r, const struct vt_def *def,
		    const char *today, struct row **out, size_t *nout,
		    const struct view *v)
{
	size_t n = vt_def_count(def, VT_KIND_REVIEW), i;
	struct row *rows = calloc(n ? n : 1, sizeof(*rows));

	*nout = 0;
	if (!rows)
		return -1;
	for (i = 0; i < n; i++) {
		struct row *row = &rows[*nout];

		if (vt_review_judge(vt_def_at(def, VT_KIND_REVIEW, i),
				    page_partnership(def), today, &row->st))
			continue;
		if (v && !row_wanted(r, v, &row->st))
			continue;
		row->next = review_next_clock(&row->st);
		row->sort = v ? v->sort : SORT_NONE;
		row->descending = v && v->descending;
		(*nout)++;
	}
	*out = rows;
	return 0;
}

/* Where a problem with 'field' is linked from the summary: the first
   agency's box for the agencies, as GOV.UK links a group of boxes. */
static const char *first_box(const struct vt_def *def, const char *field,
			     char *out, size_t size)
{
	const struct vt_agency *a;

	if (strcmp(field, "agencies") || !vt_def_count(def, VT_KIND_AGENCY))
		return field;
	a = vt_def_at(def, VT_KIND_AGENCY, 0);
	snprintf(out, size, "agency-%s", a->code);
	return out;
}

static unsigned list_page(struct req *r, const struct page_problem *p,
			  unsigned status)
{
	const char *problem = NULL, *field = NULL;
	struct vt_def def;
	struct view v;
	struct row *rows = NULL;
	size_t n = 0, readable = 0, i;
	char today[11], why[120], box[160];
	bool refused;

	if (!req_read_def(r, &def, &status))
		return status;
	refused = !view_read(r, &def, &v, &problem, &field);
	server_today(today);
	if (state_of(r, &def, today, &rows, &n, refused ? NULL : &v)) {
		vt_def_release(&def);
		return page_error(r, 503, "The register could not be read.");
	}
	for (i = 0; i < vt_def_count(&def, VT_KIND_REVIEW); i++)
		readable += may_read(r, vt_def_at(&def, VT_KIND_REVIEW, i));
	if (refused) {
		status = 400;
	} else {
		if (v.sort && n > 1)
			qsort(rows, n, sizeof(*rows), row_cmp);
		if (!page_number_read(r, n, REVIEWS_PER_PAGE, &v.page,
				      &v.pages, why, sizeof(why))) {
			v.bad_page = req_query(r, "page");
			problem = why;
			field = "page";
			refused = true;
			status = 400;
		}
	}
	page_begin(r, "Case reviews");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	else if (p)
		page_problem(r, "There is a problem", p->message,
			     first_box(&def, p->field, box, sizeof(box)));
	filter_form(r, &def, &v);
	if (!refused)
		register_table(r, &def, &v, rows, n, readable > 0);
	if (may_keep(r))
		add_form(r, &def, p);
	page_end(r);
	free(rows);
	vt_def_release(&def);
	return status;
}

unsigned page_reviews(struct req *r)
{
	return list_page(r, NULL, 200);
}

/* The themes typed, split at commas and trimmed, in 'buf'. */
static size_t themes_read(char *buf, const char **out, size_t max)
{
	char *at = buf, *end;
	size_t n = 0;

	while (at && *at && n < max) {
		char *comma = strchr(at, ',');

		if (comma)
			*comma = '\0';
		at += strspn(at, " \t\r\n");
		end = at + strlen(at);
		while (end > at && strchr(" \t\r\n", end[-1]))
			*--end = '\0';
		if (*at)
			out[n++] = at;
		at = comma ? comma + 1 : NULL;
	}
	return n;
}

unsigned page_review_add(struct req *r)
{
	const char *agencies[REQ_FIELDS_MAX], *themes[THEMES_MAX];
	const char *ref = req_field(r, "ref"), *aware = req_field(r, "aware");
	const char *typed_themes = req_field(r, "themes");
	char themes_buf[2048], why[512], where[200];
	size_t nagencies = 0, nthemes, i;
	struct page_problem p;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Case reviews are added by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	for (i = 0; i < r->form.nfields; i++)
		if (!strncmp(r->form.fields[i].name, "agency-", 7) &&
		    r->form.fields[i].name[7])
			agencies[nagencies++] = r->form.fields[i].name + 7;
	snprintf(themes_buf, sizeof(themes_buf), "%s",
		 typed_themes ? typed_themes : "");
	nthemes = themes_read(themes_buf, themes, THEMES_MAX);
	result = vt_review_add(r->store, ref ? ref : "", aware ? aware : "",
			       agencies, nagencies, themes, nthemes,
			       r->who.email, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		problem_read(&p, why, true);
		return list_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The reference was checked: a case reference of safe letters. */
	snprintf(where, sizeof(where), "/reviews/%s?done=added", ref);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* A review's recommendations (src/server/recommendations.c) */

static void review_recommendations(struct req *r, const struct vt_def *def,
				   const struct vt_review *v,
				   const struct page_problem *p)
{
	char action[200];

	page_recommendations(r, def, VT_KIND_REVIEW, v->ref, "review");
	snprintf(action, sizeof(action), "/reviews/%s/recommend", v->ref);
	if (may_keep(r) && vt_review_open(v))
		page_recommend_form(r, def, action, p);
}

/* ------------------------------------------------------------------ */
/* One review */

static void timeline(struct req *r, const struct vt_review *v)
{
	struct vt_html *h = &r->html;
	char words[VT_DATE_WORDS_MAX];
	int s;

	vt_html_element(h, "h2", "Stages", "class", "govuk-heading-m", NULL);
	vt_html_literal(h, "<ol class=\"govuk-list vt-timeline\" id=\""
			   "timeline\">");
	for (s = 0; s < VT_STAGE__MAX; s++) {
		vt_html_open(h, "li", "class", v->dates[s] ? "vt-timeline__done"
			     : NULL, NULL);
		vt_html_element(h, "h3", stage_words[s], "class",
				"govuk-heading-s govuk-!-margin-bottom-1",
				NULL);
		if (v->dates[s])
			vt_date_words(v->dates[s], words);
		vt_html_element(h, "p", v->dates[s] ? words : "Not yet",
				"class", "govuk-body govuk-!-margin-bottom-1",
				NULL);
		if (v->notes[s])
			vt_html_element(h, "p", v->notes[s], "class",
					"govuk-body-s", NULL);
		vt_html_close(h, "li");
	}
	vt_html_literal(h, "</ol>");
}

static void clocks_table(struct req *r, const struct vt_review_state *st)
{
	struct vt_html *h = &r->html;
	static const char *const columns[] = {
		"Clock", "Started", "Due", "Done", "State", "Working days",
		NULL };
	char name[64], left[64];
	bool any = false;
	int c;

	for (c = 0; c < VT_CLOCK__MAX; c++)
		any |= st->started[c];
	if (!any) {
		vt_html_element(h, "h2", "Clocks", "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "No clock has started.", "class",
				"govuk-body", "id", "no-clocks", NULL);
		return;
	}
	page_table_begin(r, "clocks", "Clocks", columns);
	for (c = 0; c < VT_CLOCK__MAX; c++) {
		const struct vt_deadline *d = &st->clocks[c];

		if (!st->started[c])
			continue;
		snprintf(name, sizeof(name), "%s", clock_words[c]);
		name[0] = (char)(name[0] - 'a' + 'A');
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		page_cell(r, name);
		page_date_cell(r, d->start);
		page_date_cell(r, d->due);
		page_date_cell(r, d->done[0] ? d->done : NULL);
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		state_tag(h, d);
		vt_html_literal(h, "</td>");
		left_words(d, left, sizeof(left));
		page_cell(r, left);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
}

/* The form that dates a stage; 'p' the problem of the last try. */
static void record_form(struct req *r, const struct vt_review *v,
			const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	const char *stage = page_problem_typed(r, p, "stage");
	char action[200];
	int s, next = 0;

	/* The stage that comes next, unless the last try chose another. */
	for (s = 0; s < VT_STAGE__MAX; s++)
		if (v->dates[s])
			next = s + 1 < VT_STAGE__MAX ? s + 1 : s;
	if (!p)
		stage = vt_review_stage_names[next];

	vt_html_element(h, "h2", "Record a stage", "class", "govuk-heading-m",
			NULL);
	snprintf(action, sizeof(action), "/reviews/%s", v->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_select(r, "stage", "Stage", NULL, vt_review_stage_names,
			  stage_words, stage, NULL,
			  page_problem_at(p, "stage"));
	page_field_text(r, "date", "Date", "Year, month and day, for example "
			"2026-10-01", page_problem_typed(r, p, "date"), "govuk-input--width-10",
			page_problem_at(p, "date"));
	page_field_select(r, "decision", "Decision (decision stage only)", NULL,
			  vt_review_decision_names, decision_words,
			  page_problem_typed(r, p, "decision"), "Not the decision stage",
			  page_problem_at(p, "decision"));
	page_field_text(r, "reviewer", "Reviewer's role (reviewer appointed stage "
			"only)", "A role title, for example independent reviewer. "
			"Never a person's name.", page_problem_typed(r, p, "reviewer"), NULL,
			page_problem_at(p, "reviewer"));
	page_field_textarea(r, "note", "Note (optional)", NULL,
			    page_problem_typed(r, p, "note"), page_problem_at(p, "note"));
	page_button(r, "Record stage", false);
	vt_html_literal(h, "</form>");
}

static unsigned review_page(struct req *r, const struct page_problem *p,
			    unsigned status)
{
	static const char *const done[][2] = {
		{ "added", "Case review added" },
		{ "recorded", "Stage recorded" },
		{ "recommended", "Recommendation made: it is now an action of "
				 "the tracker" },
		{ NULL, NULL } };
	struct vt_html *h = &r->html;
	const struct vt_review *v;
	struct vt_review_state st;
	struct vt_def def;
	char title[160], today[11], words[VT_DATE_WORDS_MAX], names[600];
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	v = vt_def_find(&def, VT_KIND_REVIEW, r->params[0]);
	if (!v) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such case review.");
	}
	if (!may_read(r, v)) {
		vt_def_release(&def);
		return page_error(r, 403, "This case review does not involve "
				  "your agency.");
	}
	server_today(today);
	if (vt_review_judge(v, page_partnership(&def), today, &st)) {
		vt_def_release(&def);
		return page_error(r, 503, "The review's dates could not be "
				  "judged.");
	}
	r->up_href = "/reviews";
	r->up_text = "Case reviews";
	snprintf(title, sizeof(title), "Case review %s", v->ref);
	page_begin(r, title);
	if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Case reference", v->ref, NULL);
	vt_date_words(v->aware, words);
	page_summary_row(r, "Local authority aware", words, NULL);
	page_summary_row(r, "Stage reached", st.stage < 0 ? "None recorded"
			 : stage_words[st.stage], "review-stage");
	page_summary_row(r, "Decision", v->decision ?
			 decision_label(v->decision) : "Not yet decided",
			 "review-decision");
	page_summary_row(r, "Reviewer's role", v->reviewer ? v->reviewer :
			 "Not yet appointed", NULL);
	agency_names(&def, v, names, sizeof(names));
	page_summary_row(r, "Agencies involved", *names ? names : "None",
			 NULL);
	page_summary_row_open(r, "Learning themes", NULL);
	for (i = 0; i < v->nthemes; i++) {
		const struct vt_theme *t = vt_def_find(&def, VT_KIND_THEME,
						       v->themes[i].theme);

		vt_html_textf(h, "%s%s", i ? ", " : "",
			      t ? t->name : v->themes[i].theme);
	}
	if (!v->nthemes)
		vt_html_text(h, "None");
	page_summary_row_close(r);
	page_summary_end(r);
	clocks_table(r, &st);
	timeline(r, v);
	review_recommendations(r, &def, v, p);
	if (may_keep(r))
		record_form(r, v, p);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_review(struct req *r)
{
	return review_page(r, NULL, 200);
}

static const char *field_or_empty(struct req *r, const char *name)
{
	const char *s = req_field(r, name);

	return s ? s : "";
}

unsigned page_review_recommend(struct req *r)
{
	char why[512], where[260], code[128];
	struct page_problem p;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Recommendations are recorded by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	result = vt_review_recommend(r->store, r->params[0],
				     field_or_empty(r, "rec-text"),
				     field_or_empty(r, "rec-agency"),
				     field_or_empty(r, "rec-due"),
				     page_field_or_null(r, "rec-owner"), NULL, code,
				     sizeof(code), r->who.email, why,
				     sizeof(why));
	if (result == VT_ENOTFOUND && !strncmp(why, "ref:", 4))
		return page_error(r, 404, "There is no such case review.");
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_recommend_problem(&p, why, "case review");
		return review_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/reviews/%s?done=recommended#"
		 "recommendations", r->params[0]);
	return req_redirect(r, where);
}

unsigned page_review_record(struct req *r)
{
	const char *stage = req_field(r, "stage"), *date = req_field(r, "date");
	char why[512], where[200];
	struct page_problem p;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Case reviews are recorded by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	result = vt_review_record(r->store, r->params[0], stage ? stage : "",
				  date ? date : "",
				  page_field_or_null(r, "decision"),
				  page_field_or_null(r, "reviewer"),
				  page_field_or_null(r, "note"), r->who.email, why,
				  sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such case review.");
	if (result == VT_EINVAL || result == VT_ECONFLICT) {
		problem_read(&p, why, false);
		return review_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/reviews/%s?done=recorded",
		 r->params[0]);
	return req_redirect(r, where);
}
