/* The multi-agency audit programme: the register of audits (filtered), the year's completion, grades by agency, an audit's record with its grades and recommendations, and the forms that plan, grade and complete an audit and make its recommendations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/audits.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define THEMES_MAX 64

/* An audit's state as a reader says it, with a tag's colour: never
   colour alone. */
static const char *const state_words[VT_AUDIT__MAX + 1] = {
	"Planned", "Done", "Late", NULL };
static const char *const state_tags[VT_AUDIT__MAX] = {
	"govuk-tag govuk-tag--blue", "govuk-tag govuk-tag--green",
	"govuk-tag govuk-tag--red" };

static const char *agency_of(const struct req *r)
{
	return r->who.agency[0] ? r->who.agency : NULL;
}

/* Who reads an audit, and who grades it for an agency, are the
   library's rules: every page asks them. */
static bool may_read(const struct req *r, const struct vt_audit *a)
{
	return vt_audit_visible_to(a, r->who.role, agency_of(r));
}

/* Planning, completing and recommending are the partnership's own
   work: its analysts, administrators and chair. */
static bool may_keep(const struct req *r)
{
	return r->who.role == VT_ROLE_ANALYST ||
	       r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_CHAIR;
}

/* The partnership's financial-year start month (April when unset). */
static int fy_of(const struct vt_def *def)
{
	const struct vt_partnership *p = page_partnership(def);

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
	       ? (int)p->fy_start_month : 4;
}

/* The partnership's audit themes (codes and names), NULL-ended; none
   when it names none (then any theme is taken). */
static size_t audit_themes(const struct vt_def *def, const char **codes,
			   const char **names, size_t max)
{
	size_t nt = vt_def_count(def, VT_KIND_THEME), n = 0, i;

	for (i = 0; i < nt && n + 1 < max; i++) {
		const struct vt_theme *t = vt_def_at(def, VT_KIND_THEME, i);

		if (t->register_ != VT_THEME_AUDIT)
			continue;
		codes[n] = t->code;
		names[n++] = t->name ? t->name : t->code;
	}
	codes[n] = names[n] = NULL;
	return n;
}

/* "requires-improvement": "Requires improvement". */
static void grade_words(const char *grade, char *out, size_t size)
{
	size_t i;

	snprintf(out, size, "%s", grade ? grade : "");
	for (i = 0; out[i]; i++)
		if (out[i] == '-')
			out[i] = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* The agencies of an audit by their names, a list: a name may hold
   commas. */
static void agency_list(struct req *r, const struct vt_def *def,
			const struct vt_audit *a)
{
	struct vt_html *h = &r->html;
	size_t i;

	vt_html_open(h, "ul", "class", "govuk-list govuk-!-margin-bottom-0",
		     NULL);
	for (i = 0; i < a->nagencies; i++)
		vt_html_element(h, "li", page_agency_name(def,
				a->agencies[i].agency), NULL);
	vt_html_close(h, "ul");
}

static void state_tag(struct vt_html *h, enum vt_audit_state st)
{
	vt_html_element(h, "strong", state_words[st], "class", state_tags[st],
			NULL);
}

/* ------------------------------------------------------------------ */
/* The programme */

struct view {
	const char *state, *theme, *agency;
};

/* The filters from the query; false with the problem and its field for
   a value that is none of the choices. */
static bool view_read(struct req *r, const struct vt_def *def,
		      struct view *v, const char **problem,
		      const char **field)
{
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];

	audit_themes(def, codes, names, THEMES_MAX + 1);
	v->state = page_blank_null(req_query(r, "state"));
	v->theme = page_blank_null(req_query(r, "in-theme"));
	v->agency = page_blank_null(req_query(r, "agency"));
	*problem = NULL;
	if (!page_one_of(v->state, vt_audit_state_names)) {
		*problem = "Show planned, done or late audits, or all of them";
		*field = "state";
	} else if (v->theme && !vt_def_find(def, VT_KIND_THEME, v->theme)) {
		*problem = "Choose a theme from the list";
		*field = "in-theme";
	} else if (v->agency && !vt_def_find(def, VT_KIND_AGENCY,
					     v->agency)) {
		*problem = "Choose an agency from the list";
		*field = "agency";
	}
	return !*problem;
}

/* The agencies of 'def' as a select's choices, codes and names,
   NULL-ended; false when out of memory ('*codes' and '*names' to be
   freed either way). */
static bool agency_choices(const struct vt_def *def, const char ***codes,
			   const char ***names)
{
	size_t i, n = vt_def_count(def, VT_KIND_AGENCY);

	*codes = calloc(n + 1, sizeof(**codes));
	*names = calloc(n + 1, sizeof(**names));
	if (!*codes || !*names)
		return false;
	for (i = 0; i < n; i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);

		(*codes)[i] = a->code;
		(*names)[i] = a->name ? a->name : a->code;
	}
	return true;
}

/* The filters, a refused one marked at its field. */
static void filter_form(struct req *r, const struct vt_def *def,
			const struct view *v, const char *problem,
			const char *field)
{
	static const char *const labels[] = {
		"Planned audits", "Done audits", "Late audits", NULL };
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];
	const char **acodes = NULL, **anames = NULL;
	struct vt_html *h = &r->html;

	audit_themes(def, codes, names, THEMES_MAX + 1);
	if (!agency_choices(def, &acodes, &anames))
		goto done;
	vt_html_literal(h, "<form method=\"get\" action=\"/audits\" "
			   "novalidate>");
	page_field_select(r, "state", "Show", NULL, vt_audit_state_names,
			  labels, v->state, "All audits", field &&
			  !strcmp(field, "state") ? problem : NULL);
	page_field_select(r, "in-theme", "Theme", NULL, codes, names,
			  v->theme, "any theme", field &&
			  !strcmp(field, "in-theme") ? problem : NULL);
	page_field_select(r, "agency", "Agency taking part", NULL, acodes,
			  anames, v->agency, "any agency", field &&
			  !strcmp(field, "agency") ? problem : NULL);
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
done:
	free(acodes);
	free(anames);
}

static void register_table(struct req *r, const struct vt_def *def,
			   const struct view *v, const char *today,
			   size_t readable)
{
	static const char *const columns[] = {
		"Reference", "Theme", "Planned", "Lead agency",
		"Agencies taking part", "State", "Done", NULL };
	struct vt_html *h = &r->html;
	size_t i, shown = 0;
	int fy = fy_of(def);

	for (i = 0; i < vt_def_count(def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *a = vt_def_at(def, VT_KIND_AUDIT, i);
		enum vt_audit_state st;
		char href[200], label[VT_PERIOD_LABEL_MAX];

		if (!may_read(r, a) || vt_audit_state_on(a, today, &st))
			continue;
		if ((v->state && strcmp(v->state, vt_audit_state_names[st])) ||
		    (v->theme && strcmp(v->theme, a->theme)) ||
		    (v->agency && !vt_audit_takes_part(a, v->agency)))
			continue;
		if (!shown++)
			page_table_begin(r, "audits", "Audits", columns);
		snprintf(href, sizeof(href), "/audits/%s", a->ref);
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
				   "govuk-table__cell\">");
		vt_html_element(h, "a", a->ref, "class", "govuk-link vt-nowrap",
				"href", href, NULL);
		vt_html_literal(h, "</td>");
		page_cell(r, page_theme_name(def, a->theme));
		vt_html_element(h, "td", vt_period_label_of(a->planned, fy,
				label), "class", "govuk-table__cell vt-nowrap",
				NULL);
		page_cell(r, page_agency_name(def, a->lead));
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		agency_list(r, def, a);
		vt_html_close(h, "td");
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		state_tag(h, st);
		vt_html_literal(h, "</td>");
		page_date_cell(r, a->done);
		vt_html_literal(h, "</tr>");
	}
	if (shown)
		page_table_end(r);
	else
		vt_html_element(h, "p", readable ? "No audits match these "
				"filters." : "No audits have been planned.",
				"class", "govuk-body", "id", "no-audits",
				NULL);
}

/* A table under its section's heading: as page_table_open(), its
   caption a small heading. */
static void table_open(struct req *r, const char *id, const char *caption)
{
	struct vt_html *h = &r->html;

	vt_html_open(h, "div", "class", "vt-table-scroll", "role", "region",
		     "aria-label", caption, "tabindex", "0", NULL);
	vt_html_open(h, "table", "class", "govuk-table", "id", id, NULL);
	vt_html_element(h, "caption", caption, "class", "govuk-table__caption "
			"govuk-table__caption--s", NULL);
	vt_html_literal(h, "<thead class=\"govuk-table__head\"><tr class=\""
			   "govuk-table__row\">");
}

/* A count, lined up at the right. */
static void number_cell(struct req *r, size_t n)
{
	char text[32];

	snprintf(text, sizeof(text), "%zu", n);
	vt_html_element(&r->html, "td", text, "class", "govuk-table__cell "
			"govuk-table__cell--numeric", NULL);
}

/* The year's programme: a sentence and its counts. */
static void programme(struct req *r, const struct vt_def *def,
		      const char *today)
{
	static const char *const columns[] = {
		"Planned", "Done", "Late", "To come", NULL };
	struct vt_html *h = &r->html;
	struct vt_audit_programme p;
	char from[VT_PERIOD_ID_MAX], to[VT_PERIOD_ID_MAX];
	char year[VT_PERIOD_LABEL_MAX], heading[80], text[300];
	size_t counts[4], i;

	if (vt_audit_year_of(today, fy_of(def), from, to, year) ||
	    vt_audit_programme_count(def, from, to, today, &p))
		return;
	counts[0] = p.planned;
	counts[1] = p.counts[VT_AUDIT_DONE];
	counts[2] = p.counts[VT_AUDIT_LATE];
	counts[3] = p.counts[VT_AUDIT_PLANNED];
	snprintf(heading, sizeof(heading), "The programme in %s", year);
	vt_html_element(h, "h2", heading, "class", "govuk-heading-m", "id",
			"programme", NULL);
	if (!p.planned)
		snprintf(text, sizeof(text), "No audits are planned in %s.",
			 year);
	else
		snprintf(text, sizeof(text), "%zu of the %zu audit%s planned "
			 "in %s %s done; %zu %s late and %zu %s to come.",
			 p.counts[VT_AUDIT_DONE], p.planned,
			 p.planned == 1 ? "" : "s", year,
			 p.counts[VT_AUDIT_DONE] == 1 ? "is" : "are",
			 p.counts[VT_AUDIT_LATE],
			 p.counts[VT_AUDIT_LATE] == 1 ? "is" : "are",
			 p.counts[VT_AUDIT_PLANNED],
			 p.counts[VT_AUDIT_PLANNED] == 1 ? "is" : "are");
	vt_html_element(h, "p", text, "class", "govuk-body", "id",
			"programme-sentence", NULL);
	if (!p.planned)
		return;
	snprintf(heading, sizeof(heading), "Audits planned in %s by their "
		 "state today", year);
	table_open(r, "programme-table", heading);
	for (i = 0; columns[i]; i++)
		vt_html_element(h, "th", columns[i], "scope", "col", "class",
				"govuk-table__header govuk-table__header--"
				"numeric", NULL);
	page_table_body(r);
	vt_html_literal(h, "<tr class=\"govuk-table__row\">");
	for (i = 0; i < sizeof(counts) / sizeof(*counts); i++)
		number_cell(r, counts[i]);
	vt_html_literal(h, "</tr>");
	page_table_end(r);
}

/* Grades by the agency that gave them, per quarter the audits were
   done; an agency lead sees its own agency's. */
static void grades_by_agency(struct req *r, const struct vt_def *def)
{
	struct vt_html *h = &r->html;
	struct vt_audit_grades g;
	char words[80], label[VT_PERIOD_LABEL_MAX];
	size_t i, k, shown = 0;
	int fy = fy_of(def);

	vt_html_element(h, "h2", "Grades by agency", "class",
			"govuk-heading-m", "id", "grades-by-agency", NULL);
	if (vt_audit_grades_count(def, VT_AUDIT_BY_AGENCY, &g)) {
		vt_html_element(h, "p", "The grades could not be counted.",
				"class", "govuk-body", NULL);
		return;
	}
	for (i = 0; i < g.nrows; i++) {
		const struct vt_audit_tally *t = &g.rows[i];

		if (r->who.role == VT_ROLE_AGENCY_LEAD &&
		    (!agency_of(r) || strcmp(t->key, r->who.agency)))
			continue;
		if (!shown++) {
			vt_html_element(h, "p", "Each agency's grades of the "
					"cases audited, by the quarter the "
					"audit was done.", "class", "govuk-body",
					NULL);
			table_open(r, "grades-table", "Grades by agency and "
				   "quarter done");
			page_table_header(r, "Agency");
			page_table_header(r, "Quarter done");
			for (k = 0; k <= g.ngrades; k++) {
				grade_words(k < g.ngrades ? g.grades[k]
					    : "total", words, sizeof(words));
				vt_html_element(h, "th", words, "scope", "col",
						"class", "govuk-table__header "
						"govuk-table__header--numeric",
						NULL);
			}
			page_table_body(r);
		}
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", page_agency_name(def, t->key), "scope",
				"row", "class", "govuk-table__header", NULL);
		vt_html_element(h, "td", t->quarter[0] ? vt_period_label_of(
				t->quarter, fy, label) : "Not done yet",
				"class", t->quarter[0] ? "govuk-table__cell "
				"vt-nowrap" : "govuk-table__cell", NULL);
		for (k = 0; k <= g.ngrades; k++)
			number_cell(r, k < g.ngrades ? t->counts[k] : t->total);
		vt_html_literal(h, "</tr>");
	}
	if (shown)
		page_table_end(r);
	else
		vt_html_element(h, "p", "No grades are recorded.", "class",
				"govuk-body", "id", "no-grades", NULL);
	vt_audit_grades_release(&g);
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

/* The form that plans an audit; 'p' the problem of the last try. */
static void plan_form(struct req *r, const struct vt_def *def,
		      const struct page_problem *p)
{
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];
	struct vt_html *h = &r->html;
	const char *error = page_problem_at(p, "agencies");
	size_t i, n = vt_def_count(def, VT_KIND_AGENCY);
	size_t na = vt_def_count(def, VT_KIND_AUDIT);
	const char **refs = calloc(na + 1, sizeof(*refs));
	const char **acodes = NULL, **anames = NULL;

	if (!refs || !agency_choices(def, &acodes, &anames))
		goto done;
	for (i = 0; i < na; i++)
		refs[i] = ((const struct vt_audit *)vt_def_at(def,
			   VT_KIND_AUDIT, i))->ref;
	vt_html_element(h, "h2", "Plan an audit", "class", "govuk-heading-m",
			"id", "plan", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/audits\" "
			   "novalidate>");
	page_csrf(r);
	page_field_text(r, "ref", "Reference", "The partnership's reference, "
			"for example MAA-2027-02. Never a child's or a person's "
			"name.", page_problem_typed(r, p, "ref"),
			"govuk-input--width-20", page_problem_at(p, "ref"));
	if (audit_themes(def, codes, names, THEMES_MAX + 1))
		page_field_select(r, "theme", "Theme", NULL, codes, names,
				  page_problem_typed(r, p, "theme"),
				  "Choose a theme", page_problem_at(p, "theme"));
	else
		page_field_text(r, "theme", "Theme", NULL,
				page_problem_typed(r, p, "theme"), NULL,
				page_problem_at(p, "theme"));
	page_field_text(r, "planned", "Quarter planned", "A quarter, for "
			"example 2027Q1 or 2026-27 Q4",
			page_problem_typed(r, p, "planned"),
			"govuk-input--width-10", page_problem_at(p, "planned"));
	page_field_select(r, "lead", "Lead agency", NULL, acodes, anames,
			  page_problem_typed(r, p, "lead"), "Choose an agency",
			  page_problem_at(p, "lead"));
	vt_html_open(h, "div", "class", error ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	vt_html_open(h, "fieldset", "class", "govuk-fieldset",
		     "aria-describedby", error ? "agencies-error" :
		     "agencies-hint", NULL);
	vt_html_element(h, "legend", "Agencies taking part", "class",
			"govuk-fieldset__legend govuk-fieldset__legend--s",
			NULL);
	vt_html_element(h, "div", "The lead agency takes part whether or not "
			"it is ticked.", "class", "govuk-hint", "id",
			"agencies-hint", NULL);
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
	page_field_text(r, "sample", "Cases in the sample", "A whole number, "
			"for example 4", page_problem_typed(r, p, "sample"),
			"govuk-input--width-4", page_problem_at(p, "sample"));
	page_field_select(r, "reaudit_of", "Re-audit of (optional)", "An "
			  "earlier audit this one repeats", refs, NULL,
			  page_problem_typed(r, p, "reaudit_of"),
			  "Not a re-audit", page_problem_at(p, "reaudit_of"));
	page_button(r, "Plan audit", false);
	vt_html_literal(h, "</form>");
done:
	free(refs);
	free(acodes);
	free(anames);
}

static unsigned list_page(struct req *r, const struct page_problem *p,
			  unsigned status)
{
	const char *problem = NULL, *field = NULL;
	struct vt_def def;
	struct view v;
	size_t readable = 0, i;
	char today[11], box[160];
	bool refused;

	if (!req_read_def(r, &def, &status))
		return status;
	memset(&v, 0, sizeof(v));
	refused = !view_read(r, &def, &v, &problem, &field);
	if (refused)
		status = 400;
	server_today(today);
	for (i = 0; i < vt_def_count(&def, VT_KIND_AUDIT); i++)
		readable += may_read(r, vt_def_at(&def, VT_KIND_AUDIT, i));
	page_begin(r, "Multi-agency audits");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	else if (p)
		page_problem(r, "There is a problem", p->message,
			     first_box(&def, p->field, box, sizeof(box)));
	if (r->who.role == VT_ROLE_AGENCY_LEAD)
		vt_html_element(&r->html, "p", "You see the audits your "
				"agency takes part in.", "class", "govuk-body",
				NULL);
	filter_form(r, &def, &v, problem, field);
	if (!refused)
		register_table(r, &def, &v, today, readable);
	programme(r, &def, today);
	grades_by_agency(r, &def);
	if (may_keep(r))
		plan_form(r, &def, p);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_audits(struct req *r)
{
	return list_page(r, NULL, 200);
}

unsigned page_audit_add(struct req *r)
{
	static const char *const fields[] = {
		"ref", "theme", "planned", "lead", "agencies", "sample",
		"reaudit_of", NULL };
	const char *agencies[REQ_FIELDS_MAX];
	const char *ref = page_field_or_blank(r, "ref");
	char why[512], where[200];
	size_t nagencies = 0, i;
	struct page_problem p;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Audits are planned by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	for (i = 0; i < r->form.nfields; i++)
		if (!strncmp(r->form.fields[i].name, "agency-", 7) &&
		    r->form.fields[i].name[7])
			agencies[nagencies++] = r->form.fields[i].name + 7;
	result = vt_audit_add(r->store, ref, page_field_or_blank(r, "theme"),
			      page_field_or_blank(r, "planned"),
			      page_field_or_blank(r, "lead"), agencies, nagencies,
			      page_field_or_blank(r, "sample"),
			      page_field_or_null(r, "reaudit_of"), r->who.email,
			      why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "audit", fields, "ref");
		return list_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The reference was checked: letters, digits and - _ . / only. */
	snprintf(where, sizeof(where), "/audits/%s?done=planned", ref);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* One audit */

static void grades_table(struct req *r, const struct vt_def *def,
			 const struct vt_audit *a)
{
	static const char *const columns[] = {
		"Case", "Agency", "Grade", "Findings", NULL };
	struct vt_html *h = &r->html;
	char words[80];
	size_t i;

	vt_html_open(h, "div", "id", "grades", NULL);
	if (!a->ngrades) {
		vt_html_element(h, "h2", "Grades", "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "No case has been graded.", "class",
				"govuk-body", "id", "no-grades", NULL);
		vt_html_close(h, "div");
		return;
	}
	page_table_begin(r, "grades-table", "Grades", columns);
	for (i = 0; i < a->ngrades; i++) {
		const struct vt_audit_grade *g = &a->grades[i];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "td", g->case_, "class", "govuk-table__cell "
				"vt-nowrap", NULL);
		page_cell(r, page_agency_name(def, g->agency));
		grade_words(g->grade, words, sizeof(words));
		page_cell(r, words);
		page_cell(r, g->findings ? g->findings : "None recorded");
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
	vt_html_close(h, "div");
}

/* Whether the reader may grade 'a' for any agency. */
static bool may_grade_any(const struct req *r, const struct vt_audit *a)
{
	size_t i;

	for (i = 0; i < a->nagencies; i++)
		if (vt_audit_may_grade(a, r->who.role, agency_of(r),
				       a->agencies[i].agency))
			return true;
	return false;
}

static void grade_form(struct req *r, const struct vt_def *def,
		       const struct vt_audit *a, const struct page_problem *p)
{
	const char **codes = calloc(a->nagencies + 1, sizeof(*codes));
	const char **names = calloc(a->nagencies + 1, sizeof(*names));
	const char *labels[64];
	char buf[64][80], action[200];
	struct vt_html *h = &r->html;
	const struct vt_partnership *pa = page_partnership(def);
	size_t i, ngrades = vt_audit_grade_count(pa);
	const char *grades[64];

	if (!codes || !names)
		goto done;
	vt_html_element(h, "h2", "Grade a case", "class", "govuk-heading-m",
			"id", "grade-a-case", NULL);
	snprintf(action, sizeof(action), "/audits/%s/grade", a->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_text(r, "case", "Case reference", "The case's reference, "
			"for example C-1071. Never a child's name or date of "
			"birth.", page_problem_typed(r, p, "case"),
			"govuk-input--width-10", page_problem_at(p, "case"));
	if (r->who.role == VT_ROLE_AGENCY_LEAD) {
		page_summary_begin(r);
		page_summary_row(r, "Agency", page_agency_name(def, r->who.agency),
				 "agency-fixed");
		page_summary_end(r);
		page_hidden(r, "agency", r->who.agency);
	} else {
		for (i = 0; i < a->nagencies; i++) {
			codes[i] = a->agencies[i].agency;
			names[i] = page_agency_name(def, codes[i]);
		}
		codes[i] = names[i] = NULL;
		page_field_select(r, "agency", "Agency", NULL, codes, names,
				  page_problem_typed(r, p, "agency"),
				  "Choose an agency",
				  page_problem_at(p, "agency"));
	}
	for (i = 0; i < ngrades && i < 63; i++) {
		grades[i] = vt_audit_grade_at(pa, i);
		grade_words(grades[i], buf[i], sizeof(buf[i]));
		labels[i] = buf[i];
	}
	grades[i] = labels[i] = NULL;
	page_field_radios(r, "grade", "Grade", NULL, grades, labels,
			  page_problem_typed(r, p, "grade"),
			  page_problem_at(p, "grade"));
	page_field_textarea(r, "findings", "Findings (optional)", "What the "
			    "audit found. Never a child's or a person's name.",
			    page_problem_typed(r, p, "findings"),
			    page_problem_at(p, "findings"));
	page_button(r, "Grade case", false);
	vt_html_literal(h, "</form>");
done:
	free(codes);
	free(names);
}

static void complete_form(struct req *r, const struct vt_audit *a,
			  const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[200];

	vt_html_element(h, "h2", "Record the audit as done", "class",
			"govuk-heading-m", "id", "complete", NULL);
	snprintf(action, sizeof(action), "/audits/%s/complete", a->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	/* "completed", not "done": the confirmation banner is #done. */
	page_field_text(r, "completed", "Date done", "Year, month and day, "
			"for example 2026-12-04", page_problem_typed(r, p,
			"completed"), "govuk-input--width-10",
			page_problem_at(p, "completed"));
	page_field_textarea(r, "summary", "Summary of what was learnt "
			    "(optional)", "Never a child's or a person's name.",
			    page_problem_typed(r, p, "summary"),
			    page_problem_at(p, "summary"));
	page_button(r, "Record as done", false);
	vt_html_literal(h, "</form>");
}

/* The audits that repeat 'a', linked, those the reader may read. */
static void reaudits(struct req *r, const struct vt_def *def,
		     const struct vt_audit *a)
{
	struct vt_html *h = &r->html;
	size_t i, shown = 0;

	page_summary_row_open(r, "Re-audited by", "audit-reaudits");
	for (i = 0; i < vt_def_count(def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *o = vt_def_at(def, VT_KIND_AUDIT, i);
		char href[200];

		if (!o->reaudit_of || strcmp(o->reaudit_of, a->ref) ||
		    !may_read(r, o))
			continue;
		if (shown++)
			vt_html_text(h, ", ");
		snprintf(href, sizeof(href), "/audits/%s", o->ref);
		vt_html_element(h, "a", o->ref, "class", "govuk-link", "href",
				href, NULL);
	}
	if (!shown)
		vt_html_text(h, "None");
	page_summary_row_close(r);
}

static unsigned record_page(struct req *r, const struct page_problem *p,
			    unsigned status)
{
	static const char *const done[][2] = {
		{ "planned", "Audit planned" },
		{ "graded", "Grade recorded" },
		{ "completed", "Audit recorded as done" },
		{ "recommended", "Recommendation made: it is now an action of "
				 "the tracker" },
		{ NULL, NULL } };
	struct vt_html *h = &r->html;
	const struct vt_audit *a;
	enum vt_audit_state st;
	struct vt_def def;
	char title[160], today[11], words[VT_DATE_WORDS_MAX];
	char label[VT_PERIOD_LABEL_MAX], sample[80], action[200];

	if (!req_read_def(r, &def, &status))
		return status;
	a = vt_def_find(&def, VT_KIND_AUDIT, r->params[0]);
	if (!a) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such audit.");
	}
	if (!may_read(r, a)) {
		vt_def_release(&def);
		return page_error(r, 403, "Your agency does not take part in "
				  "this audit.");
	}
	server_today(today);
	if (vt_audit_state_on(a, today, &st)) {
		vt_def_release(&def);
		return page_error(r, 503, "The audit's quarter could not be "
				  "read.");
	}
	r->up_href = "/audits";
	r->up_text = "Multi-agency audits";
	snprintf(title, sizeof(title), "Audit %s", a->ref);
	page_begin(r, title);
	if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Theme", page_theme_name(&def, a->theme), NULL);
	page_summary_row(r, "Planned", vt_period_label_of(a->planned,
			 fy_of(&def), label), "audit-planned");
	page_summary_row(r, "Lead agency", page_agency_name(&def, a->lead), NULL);
	page_summary_row_open(r, "Agencies taking part", "audit-agencies");
	agency_list(r, &def, a);
	page_summary_row_close(r);
	snprintf(sample, sizeof(sample), "%lld case%s planned, %zu graded",
		 (long long)a->sample, a->sample == 1 ? "" : "s",
		 vt_audit_cases(a));
	page_summary_row(r, "Sample", sample, "audit-sample");
	page_summary_row_open(r, "State", "audit-state");
	state_tag(h, st);
	page_summary_row_close(r);
	if (a->done)
		vt_date_words(a->done, words);
	page_summary_row(r, "Done", a->done ? words : "Not yet",
			 "audit-done");
	page_summary_row(r, "Summary", a->summary ? a->summary : "None yet",
			 "audit-summary");
	page_summary_row_open(r, "Re-audit of", "audit-reaudit-of");
	if (a->reaudit_of) {
		const struct vt_audit *o = vt_def_find(&def, VT_KIND_AUDIT,
						       a->reaudit_of);
		char href[200];

		snprintf(href, sizeof(href), "/audits/%s", a->reaudit_of);
		if (o && may_read(r, o))
			vt_html_element(h, "a", a->reaudit_of, "class",
					"govuk-link", "href", href, NULL);
		else
			vt_html_text(h, a->reaudit_of);
	} else {
		vt_html_text(h, "None");
	}
	page_summary_row_close(r);
	reaudits(r, &def, a);
	page_summary_end(r);
	grades_table(r, &def, a);
	if (may_grade_any(r, a))
		grade_form(r, &def, a, p);
	if (may_keep(r) && !a->done)
		complete_form(r, a, p);
	page_recommendations(r, &def, VT_KIND_AUDIT, a->ref, "audit");
	snprintf(action, sizeof(action), "/audits/%s/recommend", a->ref);
	if (may_keep(r))
		page_recommend_form(r, &def, action, p);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_audit(struct req *r)
{
	return record_page(r, NULL, 200);
}

/*
 * Whether the reader may change audit 'ref' at all, and, for a grade,
 * give one for 'for_agency': 0, or the status of the refusal made (403
 * for what they may not read or an agency not theirs, 404 for no such
 * audit).
 */
static unsigned change_allowed(struct req *r, const char *for_agency)
{
	const struct vt_audit *a;
	struct vt_def def;
	unsigned status = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	a = vt_def_find(&def, VT_KIND_AUDIT, r->params[0]);
	if (!a)
		status = page_error(r, 404, "There is no such audit.");
	else if (!may_read(r, a))
		status = page_error(r, 403, "Your agency does not take part "
				    "in this audit.");
	else if (for_agency && r->who.role == VT_ROLE_AGENCY_LEAD &&
		 !vt_audit_may_grade(a, r->who.role, agency_of(r),
				     for_agency))
		status = page_error(r, 403, "An agency lead grades cases for "
				    "its own agency only.");
	vt_def_release(&def);
	return status;
}

unsigned page_audit_grade(struct req *r)
{
	static const char *const fields[] = {
		"case", "agency", "grade", "findings", NULL };
	const char *agency = page_field_or_blank(r, "agency");
	char why[512], where[260];
	struct page_problem p;
	enum vt_err result;
	unsigned status;

	if (r->who.role != VT_ROLE_AGENCY_LEAD && !may_keep(r))
		return page_error(r, 403, "Cases are graded by the agencies "
				  "taking part and the partnership's staff.");
	/* An agency lead grades for its own agency: none posted is its
	   own, another is refused. */
	if (r->who.role == VT_ROLE_AGENCY_LEAD && !*agency)
		agency = agency_of(r) ? r->who.agency : "";
	status = change_allowed(r, r->who.role == VT_ROLE_AGENCY_LEAD
				? agency : NULL);
	if (status)
		return status;
	result = vt_audit_grade(r->store, r->params[0],
				page_field_or_blank(r, "case"), agency,
				page_field_or_blank(r, "grade"),
				page_field_or_null(r, "findings"), NULL,
				r->who.email, why, sizeof(why));
	if (result == VT_ENOTFOUND && !strncmp(why, "ref:", 4))
		return page_error(r, 404, "There is no such audit.");
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "audit", fields, "case");
		return record_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/audits/%s?done=graded#grades",
		 r->params[0]);
	return req_redirect(r, where);
}

unsigned page_audit_complete(struct req *r)
{
	static const char *const fields[] = { "summary", NULL };
	char why[512], where[260];
	struct page_problem p;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Audits are recorded as done by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	result = vt_audit_complete(r->store, r->params[0],
				   page_field_or_blank(r, "completed"),
				   page_field_or_null(r, "summary"), r->who.email,
				   why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such audit.");
	if (result == VT_EINVAL || result == VT_ECONFLICT) {
		page_problem_read(&p, why, "audit", fields, "completed");
		return record_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/audits/%s?done=completed",
		 r->params[0]);
	return req_redirect(r, where);
}

unsigned page_audit_recommend(struct req *r)
{
	char why[512], where[260], code[128];
	struct page_problem p;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Recommendations are recorded by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	result = vt_audit_recommend(r->store, r->params[0],
				    page_field_or_blank(r, "rec-text"),
				    page_field_or_blank(r, "rec-agency"),
				    page_field_or_blank(r, "rec-due"),
				    page_field_or_null(r, "rec-owner"), NULL, code,
				    sizeof(code), r->who.email, why,
				    sizeof(why));
	if (result == VT_ENOTFOUND && !strncmp(why, "ref:", 4))
		return page_error(r, 404, "There is no such audit.");
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_recommend_problem(&p, why, "audit");
		return record_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/audits/%s?done=recommended#"
		 "recommendations", r->params[0]);
	return req_redirect(r, where);
}
