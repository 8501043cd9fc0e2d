/* The independent scrutineer's plan on the web: a year's items, an item's report and its findings each linked to the challenge or action it became, and the forms that add an item, report it and record a finding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/audits.h"
#include "vitals/period.h"
#include "vitals/scrutiny.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define YEARS_MAX 64
#define THEMES_MAX 128

/* An item's status as a reader says it, with a tag's colour: never
   colour alone. */
static const char *const status_words[VT_SCRUTINY_STATUS__MAX] = {
	"Planned", "In progress", "Reported", "Dropped" };
static const char *const status_tags[VT_SCRUTINY_STATUS__MAX] = {
	"govuk-tag govuk-tag--blue", "govuk-tag govuk-tag--yellow",
	"govuk-tag govuk-tag--green", "govuk-tag govuk-tag--grey" };
static const char *const method_labels[VT_SCRUTINY__MAX + 1] = {
	"Observation", "Case audit", "Interview", "Survey", "Data review",
	"Meeting attendance", "Other", NULL };

/* Who keeps the plan is the library's rule. */
static bool may_change(const struct req *r)
{
	return vt_scrutiny_may_change(r->who.role);
}

static int fy_of(const struct vt_def *def)
{
	const struct vt_partnership *p = vt_def_count(def, VT_KIND_PARTNERSHIP)
		? vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
	       ? (int)p->fy_start_month : 4;
}

static const char *method_name(int method)
{
	return method >= 0 && method < VT_SCRUTINY__MAX
	       ? method_labels[method] : "";
}

static void status_tag(struct vt_html *h, int status)
{
	if (status < 0 || status >= VT_SCRUTINY_STATUS__MAX)
		return;
	vt_html_element(h, "strong", status_words[status], "class",
			status_tags[status], NULL);
}

/* A planned day in words, or a quarter by its label. */
static const char *planned_words(const struct vt_def *def, const char *s,
				 char *out, size_t size)
{
	char words[VT_DATE_WORDS_MAX], label[VT_PERIOD_LABEL_MAX];
	struct vt_date d;

	if (!vt_parse_date(s, &d)) {
		vt_date_words(s, words);
		snprintf(out, size, "%s", words);
	} else {
		snprintf(out, size, "%s", vt_period_label_of(s, fy_of(def),
			 label));
	}
	return out;
}

/* The year this reader is in: "2026-27". */
static void this_year(const struct vt_def *def, char *out, size_t size)
{
	char today[11], from[VT_PERIOD_ID_MAX], to[VT_PERIOD_ID_MAX];
	char label[VT_PERIOD_LABEL_MAX];

	server_today(today);
	if (vt_audit_year_of(today, fy_of(def), from, to, label))
		snprintf(label, sizeof(label), "%.4s", today);
	snprintf(out, size, "%s", label);
}

/* "2026-27": its second year the first's next. */
static bool year_valid(const char *y)
{
	int a, b;
	char tail;

	if (strlen(y) != 7 || sscanf(y, "%4d-%2d%c", &a, &b, &tail) != 2)
		return false;
	return y[4] == '-' && (a + 1) % 100 == b;
}

static int compare_years(const void *a, const void *b)
{
	return -strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The years of the plan's items and 'current', newest first, NULL-ended
   and without repeats. */
static size_t plan_years(const struct vt_def *def, const char *current,
			 const char **out, size_t max)
{
	size_t n = 0, i, k, count = vt_def_count(def, VT_KIND_SCRUTINY);

	out[n++] = current;
	for (i = 0; i < count && n + 1 < max; i++) {
		const struct vt_scrutiny *sc = vt_def_at(def, VT_KIND_SCRUTINY,
							 i);

		for (k = 0; k < n && strcmp(out[k], sc->year); k++)
			;
		if (k == n)
			out[n++] = sc->year;
	}
	qsort(out, n, sizeof(*out), compare_years);
	out[n] = NULL;
	return n;
}

/* Every theme of the partnership, codes and names, NULL-ended. */
static size_t all_themes(const struct vt_def *def, const char **codes,
			 const char **names, size_t max)
{
	size_t nt = vt_def_count(def, VT_KIND_THEME), n = 0, i;

	for (i = 0; i < nt && n + 1 < max; i++) {
		const struct vt_theme *t = vt_def_at(def, VT_KIND_THEME, i);

		codes[n] = t->code;
		names[n++] = t->name ? t->name : t->code;
	}
	codes[n] = names[n] = NULL;
	return n;
}

/* ------------------------------------------------------------------ */
/* The plan */

static void plan_table(struct req *r, const struct vt_def *def,
		       const char *year)
{
	static const char *const columns[] = {
		"Reference", "Theme", "Method", "Planned", "Status",
		"Reported", NULL };
	struct vt_html *h = &r->html;
	size_t i, shown = 0;
	char text[160];

	for (i = 0; i < vt_def_count(def, VT_KIND_SCRUTINY); i++) {
		const struct vt_scrutiny *sc = vt_def_at(def, VT_KIND_SCRUTINY,
							 i);
		char href[200];

		if (strcmp(sc->year, year))
			continue;
		if (!shown++) {
			snprintf(text, sizeof(text), "The plan for %s", year);
			page_table_begin(r, "scrutiny-plan", text, columns);
		}
		snprintf(href, sizeof(href), "/scrutiny/%s", sc->ref);
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
				   "govuk-table__cell\">");
		vt_html_element(h, "a", sc->ref, "class", "govuk-link vt-nowrap",
				"href", href, NULL);
		vt_html_literal(h, "</td>");
		page_cell(r, page_theme_name(def, sc->theme));
		page_cell(r, method_name(sc->method));
		page_cell(r, planned_words(def, sc->planned, text,
					   sizeof(text)));
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		status_tag(h, sc->status);
		vt_html_literal(h, "</td>");
		if (sc->reported)
			page_date_cell(r, sc->reported);
		else
			page_cell(r, "Not yet");
		vt_html_literal(h, "</tr>");
	}
	if (!shown) {
		snprintf(text, sizeof(text), "The plan for %s", year);
		vt_html_element(h, "h2", text, "class", "govuk-heading-m",
				"id", "plan", NULL);
		snprintf(text, sizeof(text), "No items are planned for %s.",
			 year);
		vt_html_element(h, "p", text, "class", "govuk-body", "id",
				"no-items", NULL);
	} else {
		page_table_end(r);
	}
}

static void add_form(struct req *r, const struct vt_def *def,
		     const char *year, const struct page_problem *p)
{
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];
	struct vt_html *h = &r->html;

	vt_html_element(h, "h2", "Add an item to the plan", "class",
			"govuk-heading-m", "id", "add", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/scrutiny\" "
			   "novalidate>");
	page_csrf(r);
	page_field_text(r, "ref", "Reference", "For example SCR-2026-04. "
			"Never a child's or a person's name.",
			page_problem_typed(r, p, "ref"),
			"govuk-input--width-20", page_problem_at(p, "ref"));
	/* "item-year": the plan's own select of the year is "year". */
	page_field_text(r, "item-year", "Year of the plan", "A financial "
			"year, for example 2026-27", p ? page_problem_typed(r,
			p, "item-year") : year, "govuk-input--width-10",
			page_problem_at(p, "item-year"));
	if (all_themes(def, codes, names, THEMES_MAX + 1))
		page_field_select(r, "theme", "Theme", NULL, codes, names,
				  page_problem_typed(r, p, "theme"),
				  "Choose a theme", page_problem_at(p, "theme"));
	else
		page_field_text(r, "theme", "Theme", "A theme's code",
				page_problem_typed(r, p, "theme"), NULL,
				page_problem_at(p, "theme"));
	page_field_select(r, "method", "Method", NULL, vt_scrutiny_method_names,
			  method_labels, page_problem_typed(r, p, "method"),
			  "Choose a method", page_problem_at(p, "method"));
	page_field_text(r, "planned", "Planned", "A day or a quarter within "
			"the year, for example 2027-02-10 or 2026Q3",
			page_problem_typed(r, p, "planned"),
			"govuk-input--width-10", page_problem_at(p, "planned"));
	page_button(r, "Add item", false);
	vt_html_literal(h, "</form>");
}

static unsigned plan_page(struct req *r, const struct page_problem *p,
			  unsigned status)
{
	const char *years[YEARS_MAX + 1], *year, *asked;
	char current[VT_PERIOD_LABEL_MAX];
	const char *problem = NULL;
	struct vt_html *h = &r->html;
	struct vt_def def;

	if (!req_read_def(r, &def, &status))
		return status;
	this_year(&def, current, sizeof(current));
	plan_years(&def, current, years, YEARS_MAX + 1);
	asked = page_blank_null(req_query(r, "year"));
	year = asked ? asked : current;
	if (!year_valid(year)) {
		problem = "Choose a year from the list";
		year = current;
		status = 400;
	}
	page_begin(r, "Independent scrutiny plan");
	if (problem)
		page_problem(r, "There is a problem", problem, "year");
	else if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	vt_html_element(h, "p", "What the independent scrutineer looks at in "
			"the year, how and when, and what each report found.",
			"class", "govuk-body", NULL);
	vt_html_literal(h, "<form method=\"get\" action=\"/scrutiny\" "
			   "novalidate>");
	page_field_select(r, "year", "Year", NULL, years, NULL,
			  problem ? NULL : year, NULL, problem);
	page_button(r, "Show", true);
	vt_html_literal(h, "</form>");
	plan_table(r, &def, year);
	if (may_change(r))
		add_form(r, &def, year, p);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_scrutiny_plan(struct req *r)
{
	return plan_page(r, NULL, 200);
}

unsigned page_scrutiny_add(struct req *r)
{
	static const char *const fields[] = {
		"ref", "year", "theme", "method", "planned", NULL };
	struct vt_scrutiny_edit e;
	char why[512], where[200];
	struct page_problem p;
	enum vt_err result;

	if (!may_change(r))
		return page_error(r, 403, "The plan is kept by the independent "
				  "scrutineer and the administrator.");
	memset(&e, 0, sizeof(e));
	e.ref = page_field_or_null(r, "ref");
	e.year = page_field_or_null(r, "item-year");
	e.theme = page_field_or_null(r, "theme");
	e.method = page_field_or_null(r, "method");
	e.planned = page_field_or_null(r, "planned");
	result = vt_scrutiny_add(r->store, &e, r->who.email, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "scrutiny item", fields, "ref");
		if (!strcmp(p.field, "year"))
			snprintf(p.field, sizeof(p.field), "item-year");
		return plan_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The reference was checked: letters, digits and - _ . only. */
	snprintf(where, sizeof(where), "/scrutiny/%s?done=added", e.ref);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* One item */

static void findings_list(struct req *r, const struct vt_def *def,
			  const struct vt_scrutiny *sc)
{
	static const char *const columns[] = {
		"Finding", "Became", NULL };
	struct vt_html *h = &r->html;
	size_t i;

	vt_html_open(h, "div", "id", "findings", NULL);
	if (!sc->nfindings) {
		vt_html_element(h, "h2", "Findings", "class",
				"govuk-heading-m", NULL);
		vt_html_element(h, "p", sc->reported ? "No findings are "
				"recorded." : "Findings come from the item's "
				"report.", "class", "govuk-body", "id",
				"no-findings", NULL);
		vt_html_close(h, "div");
		return;
	}
	page_table_begin(r, "findings-table", "Findings", columns);
	for (i = 0; i < sc->nfindings; i++) {
		const struct vt_scrutiny_finding *f = &sc->findings[i];
		char href[200], text[200];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		page_cell(r, f->text);
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		if (f->challenge) {
			snprintf(href, sizeof(href), "/challenges/%s",
				 f->challenge);
			snprintf(text, sizeof(text), "Challenge %s",
				 f->challenge);
			vt_html_element(h, "a", text, "class", "govuk-link",
					"href", href, NULL);
		} else if (f->action) {
			const struct vt_action *a = vt_def_find(def,
				VT_KIND_ACTION, f->action);

			snprintf(href, sizeof(href), "/actions/%s", f->action);
			snprintf(text, sizeof(text), "Action %s", f->action);
			vt_html_element(h, "a", text, "class", "govuk-link",
					"href", href, NULL);
			if (a && a->agency) {
				const struct vt_agency *ag = vt_def_find(def,
					VT_KIND_AGENCY, a->agency);

				vt_html_textf(h, " (%s)", ag && ag->name
					      ? ag->name : a->agency);
			}
		}
		vt_html_literal(h, "</td></tr>");
	}
	page_table_end(r);
	vt_html_close(h, "div");
}

static void report_form(struct req *r, const struct vt_scrutiny *sc,
			const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[200];

	vt_html_element(h, "h2", "Report the item", "class",
			"govuk-heading-m", "id", "report", NULL);
	snprintf(action, sizeof(action), "/scrutiny/%s/report", sc->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_text(r, "reported", "Date reported", "Year, month and "
			"day, for example 2026-12-04", page_problem_typed(r, p,
			"reported"), "govuk-input--width-10",
			page_problem_at(p, "reported"));
	page_field_textarea(r, "summary", "Summary of the report", "Never a "
			    "child's or a person's name.",
			    page_problem_typed(r, p, "summary"),
			    page_problem_at(p, "summary"));
	page_button(r, "Report item", false);
	vt_html_literal(h, "</form>");
}

/* The agencies of 'def', codes and names, NULL-ended; false when out of
   memory (both freed by the caller). */
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

static void finding_form(struct req *r, const struct vt_def *def,
			 const struct vt_scrutiny *sc,
			 const struct page_problem *p)
{
	static const char *const becomes_labels[] = {
		"A challenge the partnership answers",
		"An action in the tracker", NULL };
	const char **acodes = NULL, **anames = NULL;
	struct vt_html *h = &r->html;
	const char *becomes = p ? page_problem_typed(r, p, "becomes") : NULL;
	char action[200];

	if (!agency_choices(def, &acodes, &anames))
		goto done;
	vt_html_element(h, "h2", "Record a finding", "class",
			"govuk-heading-m", "id", "record-finding", NULL);
	snprintf(action, sizeof(action), "/scrutiny/%s/finding", sc->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_textarea(r, "text", "Finding", "Never a child's or a "
			    "person's name.", page_problem_typed(r, p, "text"),
			    page_problem_at(p, "text"));
	page_field_radios(r, "becomes", "It becomes", "A challenge is raised "
			  "today on this item; an action needs its agency and "
			  "due date.", vt_finding_becomes_names,
			  becomes_labels, becomes ? becomes : "challenge",
			  page_problem_at(p, "becomes"));
	page_field_select(r, "agency", "Agency that owns the action",
			  "For an action only", acodes, anames,
			  page_problem_typed(r, p, "agency"), "Choose an agency",
			  page_problem_at(p, "agency"));
	page_field_text(r, "due", "Action due", "For an action only: year, "
			"month and day, for example 2027-03-31",
			page_problem_typed(r, p, "due"), "govuk-input--width-10",
			page_problem_at(p, "due"));
	page_field_text(r, "owner", "Action owner (optional)", "A role title, "
			"for example Designated nurse. Never a person's name.",
			page_problem_typed(r, p, "owner"), NULL,
			page_problem_at(p, "owner"));
	page_button(r, "Record finding", false);
	vt_html_literal(h, "</form>");
done:
	free(acodes);
	free(anames);
}

static unsigned item_page(struct req *r, const struct page_problem *p,
			  unsigned status)
{
	static const char *const done[][2] = {
		{ "added", "Item added to the plan" },
		{ "reported", "Item reported" },
		{ "challenge", "Finding recorded: it is now a challenge" },
		{ "action", "Finding recorded: it is now an action of the "
			    "tracker" },
		{ NULL, NULL } };
	struct vt_html *h = &r->html;
	const struct vt_scrutiny *sc;
	struct vt_def def;
	char title[200], text[160], words[VT_DATE_WORDS_MAX];

	if (!req_read_def(r, &def, &status))
		return status;
	sc = vt_def_find(&def, VT_KIND_SCRUTINY, r->params[0]);
	if (!sc) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such scrutiny item.");
	}
	r->up_href = "/scrutiny";
	r->up_text = "Independent scrutiny plan";
	snprintf(title, sizeof(title), "Scrutiny item %s", sc->ref);
	page_begin(r, title);
	if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Year of the plan", sc->year, "item-year");
	page_summary_row(r, "Theme", page_theme_name(&def, sc->theme),
			 "item-theme");
	page_summary_row(r, "Method", method_name(sc->method), "item-method");
	page_summary_row(r, "Planned", planned_words(&def, sc->planned, text,
			 sizeof(text)), "item-planned");
	page_summary_row_open(r, "Status", "item-status");
	status_tag(h, sc->status);
	page_summary_row_close(r);
	if (sc->reported)
		vt_date_words(sc->reported, words);
	page_summary_row(r, "Reported", sc->reported ? words : "Not yet",
			 "item-reported");
	page_summary_row(r, "Summary of the report", sc->summary ? sc->summary
			 : "Not yet reported", "item-summary");
	page_summary_end(r);
	findings_list(r, &def, sc);
	if (may_change(r) && (sc->status == VT_SCRUTINY_PLANNED ||
			      sc->status == VT_SCRUTINY_IN_PROGRESS))
		report_form(r, sc, p);
	if (may_change(r) && sc->status == VT_SCRUTINY_REPORTED)
		finding_form(r, &def, sc, p);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_scrutiny(struct req *r)
{
	return item_page(r, NULL, 200);
}

unsigned page_scrutiny_report(struct req *r)
{
	static const char *const fields[] = { "reported", "summary", NULL };
	char why[512], where[260];
	struct page_problem p;
	enum vt_err result;

	if (!may_change(r))
		return page_error(r, 403, "Items are reported by the "
				  "independent scrutineer and the "
				  "administrator.");
	result = vt_scrutiny_report(r->store, r->params[0],
				    page_field_or_blank(r, "reported"),
				    page_field_or_blank(r, "summary"), r->who.email,
				    why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such scrutiny item.");
	if (result == VT_EINVAL || result == VT_ECONFLICT) {
		page_problem_read(&p, why, "scrutiny item", fields,
				  "reported");
		return item_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/scrutiny/%s?done=reported",
		 r->params[0]);
	return req_redirect(r, where);
}

/* The role title a finding's challenge is raised by. */
static const char *raised_by(const struct req *r)
{
	return r->who.role == VT_ROLE_SCRUTINEER ? "independent scrutineer"
	       : "administrator";
}

unsigned page_scrutiny_finding(struct req *r)
{
	static const char *const fields[] = {
		"text", "becomes", "agency", "due", "owner", NULL };
	const char *becomes = page_field_or_blank(r, "becomes");
	struct vt_scrutiny_finding_new f;
	char why[512], where[260], made[128], today[11];
	struct page_problem p;
	enum vt_err result;

	if (!may_change(r))
		return page_error(r, 403, "Findings are recorded by the "
				  "independent scrutineer and the "
				  "administrator.");
	memset(&f, 0, sizeof(f));
	f.ref = r->params[0];
	f.text = page_field_or_null(r, "text");
	if (!strcmp(becomes, "challenge")) {
		f.becomes = VT_FINDING_CHALLENGE;
	} else if (!strcmp(becomes, "action")) {
		f.becomes = VT_FINDING_ACTION;
	} else {
		snprintf(p.text, sizeof(p.text), "Choose whether the finding "
			 "becomes a challenge or an action");
		p.message = p.text;
		p.personal = false;
		snprintf(p.word, sizeof(p.word), "becomes");
		snprintf(p.field, sizeof(p.field), "becomes");
		return item_page(r, &p, 422);
	}
	server_today(today);
	f.by = raised_by(r);
	f.date = today;
	f.agency = page_field_or_null(r, "agency");
	f.due = page_field_or_null(r, "due");
	f.owner = page_field_or_null(r, "owner");
	result = vt_scrutiny_find(r->store, &f, made, sizeof(made),
				  r->who.email, why, sizeof(why));
	if (result == VT_ENOTFOUND && !strncmp(why, "ref:", 4))
		return page_error(r, 404, "There is no such scrutiny item.");
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "scrutiny item", fields, "text");
		return item_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/scrutiny/%s?done=%s#findings",
		 r->params[0], becomes);
	return req_redirect(r, where);
}
