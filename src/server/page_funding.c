/* Partnership funding on the web: a year's pooled budget, each partner's contribution and share, each heading's budget against spending in words, and the forms that set a contribution and a heading. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/audits.h"
#include "vitals/funding.h"
#include "vitals/period.h"
#include "server/server.h"

#define YEARS_MAX 64
#define AGENCIES_MAX 256

/* Who keeps the budget is the library's rule. */
static bool may_change(const struct req *r)
{
	return vt_funding_may_change(r->who.role);
}

static int fy_of(const struct vt_def *def)
{
	const struct vt_partnership *p = page_partnership(def);

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
	       ? (int)p->fy_start_month : 4;
}

/* The financial year this reader is in: "2026-27". */
static void this_year(const struct vt_def *def, char *out, size_t size)
{
	char today[11], from[VT_PERIOD_ID_MAX], to[VT_PERIOD_ID_MAX];
	char label[VT_PERIOD_LABEL_MAX];

	server_today(today);
	if (vt_audit_year_of(today, fy_of(def), from, to, label) ||
	    !vt_budget_year_valid(label)) {
		int y = (today[0] - '0') * 1000 + (today[1] - '0') * 100 +
			(today[2] - '0') * 10 + (today[3] - '0');

		snprintf(label, sizeof(label), "%04d-%02d", y % 10000,
			 (y + 1) % 100);
	}
	snprintf(out, size, "%s", label);
}

static int compare_years(const void *a, const void *b)
{
	return -strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The years with a budget and 'current', newest first, NULL-ended. */
static void budget_years(const struct vt_def *def, const char *current,
			 const char **out, size_t max)
{
	size_t n = 0, i, k, count = vt_def_count(def, VT_KIND_BUDGET);

	out[n++] = current;
	for (i = 0; i < count && n + 1 < max; i++) {
		const struct vt_budget *b = vt_def_at(def, VT_KIND_BUDGET, i);

		for (k = 0; k < n && strcmp(out[k], b->year); k++)
			;
		if (k == n)
			out[n++] = b->year;
	}
	qsort(out, n, sizeof(*out), compare_years);
	out[n] = NULL;
}

static void money_cell(struct req *r, double v)
{
	char text[64];

	if (isnan(v))
		snprintf(text, sizeof(text), "Not yet known");
	else
		vt_money_text(v, text, sizeof(text));
	vt_html_element(&r->html, "td", text, "class",
			"govuk-table__cell govuk-table__cell--numeric "
			"vt-nowrap", NULL);
}

/* The variance in words on a tag whose colour says the same: never the
   colour alone. */
static void variance_cell(struct req *r, double variance)
{
	struct vt_html *h = &r->html;
	char words[96];
	const char *tag = "govuk-tag govuk-tag--grey";

	vt_funding_variance_text(variance, words, sizeof(words));
	if (!isnan(variance))
		tag = llround(variance * 100.0) < 0 ?
		      "govuk-tag govuk-tag--red" : "govuk-tag govuk-tag--green";
	if (words[0] >= 'a' && words[0] <= 'z')
		words[0] = (char)(words[0] - 'a' + 'A');
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	vt_html_element(h, "strong", words, "class", tag, NULL);
	vt_html_literal(h, "</td>");
}

static void contributions_table(struct req *r, const struct vt_def *def,
				const struct vt_funding *f)
{
	static const char *const columns[] = {
		"Partner", "Amount", "Share", NULL };
	struct vt_html *h = &r->html;
	char caption[120], text[64];
	size_t i;

	snprintf(caption, sizeof(caption), "Contributions, %s", f->year);
	if (!f->nshares) {
		vt_html_element(h, "h2", caption, "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "No partner's contribution is "
				"recorded yet.", "class", "govuk-body", "id",
				"no-contributions", NULL);
		return;
	}
	page_table_begin(r, "contributions", caption, columns);
	for (i = 0; i < f->nshares; i++) {
		const struct vt_funding_share *s = &f->shares[i];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		page_cell(r, page_agency_name(def, s->agency));
		money_cell(r, s->amount);
		snprintf(text, sizeof(text), "%.1f%%",
			 isnan(s->share) ? 0.0 : s->share);
		vt_html_element(h, "td", text, "class", "govuk-table__cell "
				"govuk-table__cell--numeric", NULL);
		vt_html_literal(h, "</tr>");
	}
	vt_html_literal(h, "<tr class=\"govuk-table__row\">");
	vt_html_element(h, "th", "Total", "class", "govuk-table__header",
			"scope", "row", NULL);
	money_cell(r, f->total);
	vt_html_element(h, "td", "100%", "class", "govuk-table__cell "
			"govuk-table__cell--numeric", NULL);
	vt_html_literal(h, "</tr>");
	page_table_end(r);
	for (i = 0; i < f->nshares; i++)
		if (f->shares[i].note) {
			vt_html_open(h, "p", "class", "govuk-body-s", NULL);
			vt_html_textf(h, "%s: %s", page_agency_name(def,
				      f->shares[i].agency), f->shares[i].note);
			vt_html_close(h, "p");
		}
}

static void spend_table(struct req *r, const struct vt_funding *f)
{
	static const char *const columns[] = {
		"Heading", "Budgeted", "Spent", "Variance", NULL };
	struct vt_html *h = &r->html;
	char caption[120];
	size_t i;

	snprintf(caption, sizeof(caption), "Budget against spending, %s",
		 f->year);
	if (!f->nheadings) {
		vt_html_element(h, "h2", caption, "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "No spending heading is recorded yet.",
				"class", "govuk-body", "id", "no-headings",
				NULL);
		return;
	}
	page_table_begin(r, "spend", caption, columns);
	for (i = 0; i < f->nheadings; i++) {
		const struct vt_funding_heading *hd = &f->headings[i];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		page_cell(r, hd->heading);
		money_cell(r, hd->budgeted);
		money_cell(r, hd->actual);
		variance_cell(r, hd->variance);
		vt_html_literal(h, "</tr>");
	}
	vt_html_literal(h, "<tr class=\"govuk-table__row\">");
	vt_html_element(h, "th", "Total", "class", "govuk-table__header",
			"scope", "row", NULL);
	money_cell(r, f->budgeted);
	money_cell(r, f->nknown ? f->actual : NAN);
	variance_cell(r, f->nknown ? f->variance : NAN);
	vt_html_literal(h, "</tr>");
	page_table_end(r);
}

static void contribution_form(struct req *r, const struct vt_def *def,
			      const char *year, const struct page_problem *p)
{
	const char *codes[AGENCIES_MAX + 1], *names[AGENCIES_MAX + 1];
	struct vt_html *h = &r->html;
	size_t i, n = vt_def_count(def, VT_KIND_AGENCY);

	for (i = 0; i < n && i < AGENCIES_MAX; i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);

		codes[i] = a->code;
		names[i] = a->name ? a->name : a->code;
	}
	codes[i] = names[i] = NULL;
	vt_html_element(h, "h2", "Set a partner's contribution", "class",
			"govuk-heading-m", "id", "set-contribution", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/funding/"
			   "contribution\" novalidate>");
	page_csrf(r);
	page_hidden(r, "year", year);
	page_field_select(r, "agency", "Partner", NULL, codes, names,
			  page_problem_typed(r, p, "agency"),
			  "Choose a partner", page_problem_at(p, "agency"));
	page_field_text(r, "amount", "Amount", "In pounds, for example "
			"82500 or 1234.50. A second amount for the same "
			"partner replaces the first.",
			page_problem_typed(r, p, "amount"),
			"govuk-input--width-10", page_problem_at(p, "amount"));
	page_field_text(r, "note", "Note (optional)", "For example, that "
			"the figure is an estimate",
			page_problem_typed(r, p, "note"), NULL,
			page_problem_at(p, "note"));
	page_button(r, "Save contribution", false);
	vt_html_literal(h, "</form>");
}

static void heading_form(struct req *r, const char *year,
			 const struct page_problem *p)
{
	struct vt_html *h = &r->html;

	vt_html_element(h, "h2", "Set a spending heading", "class",
			"govuk-heading-m", "id", "set-heading", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/funding/"
			   "heading\" novalidate>");
	page_csrf(r);
	page_hidden(r, "year", year);
	page_field_text(r, "heading", "Heading", "For example, training. "
			"The same heading again changes it.",
			page_problem_typed(r, p, "heading"), NULL,
			page_problem_at(p, "heading"));
	page_field_text(r, "budgeted", "Budgeted", "In pounds; leave it "
			"blank to keep a heading's budget",
			page_problem_typed(r, p, "budgeted"),
			"govuk-input--width-10",
			page_problem_at(p, "budgeted"));
	page_field_text(r, "actual", "Spent (optional)", "In pounds, once "
			"known", page_problem_typed(r, p, "actual"),
			"govuk-input--width-10", page_problem_at(p, "actual"));
	page_button(r, "Save heading", false);
	vt_html_literal(h, "</form>");
}

static unsigned funding_page(struct req *r, const struct page_problem *p,
			     unsigned status)
{
	static const char *const done[][2] = {
		{ "contribution", "Contribution saved" },
		{ "heading", "Spending heading saved" },
		{ NULL, NULL } };
	const char *years[YEARS_MAX + 1], *year, *asked;
	char current[VT_PERIOD_LABEL_MAX], sentence[1024];
	const char *problem = NULL;
	struct vt_html *h = &r->html;
	struct vt_funding f;
	struct vt_def def;
	bool have;

	if (!req_read_def(r, &def, &status))
		return status;
	this_year(&def, current, sizeof(current));
	budget_years(&def, current, years, YEARS_MAX + 1);
	asked = page_blank_null(p ? req_field(r, "year") :
				req_query(r, "year"));
	year = asked ? asked : current;
	if (!vt_budget_year_valid(year)) {
		problem = "Choose a year from the list";
		year = current;
		status = 400;
	}
	page_begin(r, "Partnership funding");
	if (problem)
		page_problem(r, "There is a problem", problem, "year");
	else if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	vt_html_element(h, "p", "The budget the partners pool each year: "
			"what each contributes, and what is spent under each "
			"heading against its budget.", "class", "govuk-body",
			NULL);
	vt_html_literal(h, "<form method=\"get\" action=\"/funding\" "
			   "novalidate>");
	page_field_select(r, "year", "Financial year", NULL, years, NULL,
			  problem ? NULL : year, NULL, problem);
	page_button(r, "Show", true);
	vt_html_literal(h, "</form>");
	have = !vt_funding_of(&def, year, &f);
	if (have) {
		vt_funding_sentence(&f, sentence, sizeof(sentence));
		vt_html_element(h, "p", sentence, "class", "govuk-body-l",
				"id", "funding-summary", NULL);
		contributions_table(r, &def, &f);
		spend_table(r, &f);
		if (f.note)
			vt_html_element(h, "p", f.note, "class",
					"govuk-body-s", "id", "budget-note",
					NULL);
		vt_funding_release(&f);
	} else {
		snprintf(sentence, sizeof(sentence), "There is no budget for "
			 "%s yet.", year);
		vt_html_element(h, "p", sentence, "class", "govuk-body", "id",
				"no-budget", NULL);
	}
	if (may_change(r)) {
		contribution_form(r, &def, year, p &&
				  !strcmp(r->path, "/funding/contribution") ?
				  p : NULL);
		heading_form(r, year, p && !strcmp(r->path,
						    "/funding/heading") ?
			     p : NULL);
	}
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_funding(struct req *r)
{
	return funding_page(r, NULL, 200);
}

/* The library's refusal at its field; a heading's place in the list
   ("spend[4].budgeted: ...") is not said on a form that shows none. */
static void problem_of(struct page_problem *p, const char *why,
		       const char *const *fields, const char *fallback)
{
	char *colon;

	page_problem_read(p, why, "budget", fields, fallback);
	if ((!strncmp(p->text, "Spend[", 6) ||
	     !strncmp(p->text, "Contributions[", 14)) &&
	    (colon = strstr(p->text, ": "))) {
		memmove(p->text, colon + 2, strlen(colon + 2) + 1);
		if (p->text[0] >= 'a' && p->text[0] <= 'z')
			p->text[0] = (char)(p->text[0] - 'a' + 'A');
	}
}

static unsigned after(struct req *r, enum vt_err result, const char *why,
		      const char *const *fields, const char *fallback,
		      const char *what)
{
	struct page_problem p;
	char where[160];

	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		problem_of(&p, why, fields, fallback);
		return funding_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The year was checked: digits and one '-'. */
	snprintf(where, sizeof(where), "/funding?year=%s&done=%s",
		 req_field(r, "year"), what);
	return req_redirect(r, where);
}

unsigned page_funding_contribution(struct req *r)
{
	static const char *const fields[] = { "agency", "amount", "note",
					      NULL };
	char why[512];
	enum vt_err result;

	if (!may_change(r))
		return page_error(r, 403, "The budget is kept by the "
				  "partnership's analysts and the "
				  "administrator.");
	result = vt_funding_contribute(r->store,
				       page_field_or_blank(r, "year"),
				       page_field_or_null(r, "agency"),
				       page_field_or_null(r, "amount"),
				       page_field_or_null(r, "note"),
				       r->who.email, why, sizeof(why));
	return after(r, result, why, fields, "amount", "contribution");
}

unsigned page_funding_heading(struct req *r)
{
	static const char *const fields[] = { "heading", "budgeted", "actual",
					      NULL };
	char why[512];
	enum vt_err result;

	if (!may_change(r))
		return page_error(r, 403, "The budget is kept by the "
				  "partnership's analysts and the "
				  "administrator.");
	result = vt_funding_spend(r->store, page_field_or_blank(r, "year"),
				  page_field_or_null(r, "heading"),
				  page_field_or_null(r, "budgeted"),
				  page_field_or_null(r, "actual"),
				  r->who.email, why, sizeof(why));
	return after(r, result, why, fields, "budgeted", "heading");
}
