/* Section 11 self-assessments on the web: a cycle's heat map (agency x standard, with the change since each agency's previous cycle and who has not returned), an agency's self-assessment with its one form of every standard, and its challenge session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/s11.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define CYCLES_MAX 64

/* A rating in words, with its tone: the words say it, the colour only
   repeats it. */
static const char *const grade_words[VT_S11__MAX + 1] = {
	"Met", "Partly met", "Not met", NULL };
/* The heat map's cells, smaller: eight standards and an agency's name
   side by side. */
static const char *const map_tones[VT_S11__MAX] = {
	"govuk-table__cell govuk-!-font-size-16 vt-tone-good",
	"govuk-table__cell govuk-!-font-size-16 vt-tone-middling",
	"govuk-table__cell govuk-!-font-size-16 vt-tone-poor" };
#define MAP_CELL "govuk-table__cell govuk-!-font-size-16"
#define MAP_HEADER "govuk-table__header govuk-!-font-size-16"
/* A rating on the record: its words on the colour, padded clear of its
   edge. */
static const char *const record_tones[VT_S11__MAX] = {
	"vt-s11-rating vt-tone-good", "vt-s11-rating vt-tone-middling",
	"vt-s11-rating vt-tone-poor" };
static const char *const grade_lower[VT_S11__MAX] = {
	"met", "partly met", "not met" };
static const char *const outcome_words[] = { "Agreed", "Rating changed",
					     NULL };

static const char *agency_of(const struct req *r)
{
	return r->who.agency[0] ? r->who.agency : NULL;
}

/* An agency lead reads its own agency's self-assessments only; the
   partnership's staff and the scrutineer read every one. */
static bool may_read(const struct req *r, const char *agency)
{
	if (r->who.role != VT_ROLE_AGENCY_LEAD)
		return true;
	return agency_of(r) && !strcmp(r->who.agency, agency);
}

static bool may_edit(const struct req *r, const char *agency)
{
	struct vt_reader rd = req_reader(r);

	return vt_s11_may_edit(&rd, agency);
}

static bool may_challenge(const struct req *r)
{
	struct vt_reader rd = req_reader(r);

	return vt_s11_may_challenge(&rd);
}

/* The cycles with a self-assessment, newest first, and 'also' (a valid
   cycle asked for) among them; NULL-ended. */
static size_t cycles_of(const struct vt_def *def, const char *also,
			const char **out, size_t max)
{
	size_t i, k, n = 0;

	for (i = 0; i <= vt_def_count(def, VT_KIND_S11) && n + 1 < max; i++) {
		const char *c = i < vt_def_count(def, VT_KIND_S11)
			? ((const struct vt_s11 *)vt_def_at(def, VT_KIND_S11,
							    i))->cycle
			: also;
		bool seen = false;

		if (!c)
			continue;
		for (k = 0; k < n; k++)
			seen |= !strcmp(out[k], c);
		if (seen)
			continue;
		for (k = n++; k > 0 && strcmp(out[k - 1], c) < 0; k--)
			out[k] = out[k - 1];
		out[k] = c;
	}
	out[n] = NULL;
	return n;
}

/* ------------------------------------------------------------------ */
/* The heat map */

/* The standards' names, a key above the table. */
static void standards_key(struct req *r, const struct vt_partnership *p)
{
	struct vt_html *h = &r->html;
	size_t i, n = vt_s11_standard_count(p);

	vt_html_element(h, "h3", "The standards", "class", "govuk-heading-s",
			NULL);
	vt_html_open(h, "dl", "class", "govuk-summary-list govuk-summary-list"
		     "--no-border", "id", "standards", NULL);
	for (i = 1; i <= n; i++) {
		const struct vt_s11_standard *s = vt_s11_standard_at(p, i);

		vt_html_literal(h, "<div class=\"govuk-summary-list__row\">");
		vt_html_element(h, "dt", s->code, "class",
				"govuk-summary-list__key", NULL);
		vt_html_element(h, "dd", s->name ? s->name : s->code, "class",
				"govuk-summary-list__value", NULL);
		vt_html_literal(h, "</div>");
	}
	vt_html_close(h, "dl");
}

static void heat_cell(struct req *r, const struct vt_s11_cell *c)
{
	struct vt_html *h = &r->html;

	if (c->rating < 0) {
		vt_html_element(h, "td", "Not rated", "class", MAP_CELL,
				NULL);
		return;
	}
	vt_html_open(h, "td", "class", map_tones[c->rating], NULL);
	vt_html_element(h, "span", grade_words[c->rating], "class",
			"vt-nowrap", NULL);
	vt_html_element(h, "span", vt_s11_trend_names[c->trend], "class",
			"govuk-!-display-block govuk-!-font-size-14", NULL);
	vt_html_close(h, "td");
}

/* As page_table_open(), the table's class the heat map's. */
static void map_open(struct req *r, const char *caption)
{
	struct vt_html *h = &r->html;

	vt_html_open(h, "div", "class", "vt-table-scroll", "role", "region",
		     "aria-label", caption, "tabindex", "0", NULL);
	vt_html_open(h, "table", "class", "govuk-table vt-heatmap", "id",
		     "heatmap", NULL);
	vt_html_element(h, "caption", caption, "class", "govuk-table__caption "
			"govuk-table__caption--m", NULL);
	vt_html_literal(h, "<thead class=\"govuk-table__head\"><tr class=\""
			   "govuk-table__row\">");
}

static void heat_table(struct req *r, const struct vt_def *def,
		       const struct vt_s11_heatmap *hm)
{
	struct vt_html *h = &r->html;
	const struct vt_partnership *p = page_partnership(def);
	size_t (*counts)[VT_S11__MAX] = calloc(hm->nstandards ?
					       hm->nstandards : 1,
					       sizeof(*counts));
	size_t i, k, shown = 0;
	char caption[120], href[300], text[32];
	int g;

	if (!counts)
		return;
	snprintf(caption, sizeof(caption), "Ratings in %s", hm->cycle);
	for (i = 0; i < hm->nrows; i++) {
		const struct vt_s11_row *row = &hm->rows[i];

		if (!may_read(r, row->s11->agency))
			continue;
		if (!shown++) {
			map_open(r, caption);
			vt_html_element(h, "th", "Agency", "scope", "col",
					"class", MAP_HEADER, NULL);
			for (k = 0; k < hm->nstandards; k++) {
				const struct vt_s11_standard *s =
					vt_s11_standard_at(p, k + 1);

				vt_html_open(h, "th", "scope", "col", "class",
					     MAP_HEADER, NULL);
				vt_html_text(h, s->code);
				vt_html_element(h, "span", s->name ? s->name :
						"", "class", "govuk-visually-"
						"hidden", NULL);
				vt_html_close(h, "th");
			}
			page_table_body(r);
		}
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_open(h, "th", "scope", "row", "class", MAP_HEADER,
			     NULL);
		snprintf(href, sizeof(href), "/s11/%s/%s", row->s11->agency,
			 row->s11->cycle);
		vt_html_element(h, "a", page_agency_name(def, row->s11->agency),
				"class", "govuk-link", "href", href, NULL);
		if (!row->s11->submitted)
			vt_html_element(h, "span", "Draft: not submitted",
					"class", "govuk-!-display-block "
					"govuk-!-font-size-14", NULL);
		vt_html_close(h, "th");
		for (k = 0; k < hm->nstandards; k++) {
			heat_cell(r, &row->cells[k]);
			if (row->cells[k].rating >= 0)
				counts[k][row->cells[k].rating]++;
		}
		vt_html_literal(h, "</tr>");
	}
	if (!shown) {
		vt_html_element(h, "p", "No self-assessment has been started "
				"for this cycle.", "class", "govuk-body", "id",
				"no-s11", NULL);
		free(counts);
		return;
	}
	/* How many rated each standard each way: the rows shown only. */
	for (g = 0; g < VT_S11__MAX; g++) {
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		snprintf(caption, sizeof(caption), "Agencies: %s", grade_words[g]);
		vt_html_element(h, "th", caption, "scope", "row", "class",
				MAP_HEADER, "id", g == 0 ? "counts" : NULL,
				NULL);
		for (k = 0; k < hm->nstandards; k++) {
			snprintf(text, sizeof(text), "%zu", counts[k][g]);
			vt_html_element(h, "td", text, "class", MAP_CELL
					" govuk-table__cell--numeric", NULL);
		}
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
	free(counts);
}

/* The agencies that have not returned: the partnership's view. */
static void missing_list(struct req *r, const struct vt_def *def,
			 const char *cycle)
{
	struct vt_html *h = &r->html;
	const struct vt_agency **v = NULL;
	size_t n = 0, i;
	char text[160];

	if (vt_s11_missing(def, cycle, &v, &n))
		return;
	vt_html_element(h, "h2", "Not returned", "class", "govuk-heading-m",
			"id", "not-returned", NULL);
	if (!n) {
		vt_html_element(h, "p", "Every agency has returned its "
				"self-assessment for this cycle.", "class",
				"govuk-body", "id", "missing", NULL);
		free(v);
		return;
	}
	snprintf(text, sizeof(text), "%zu agenc%s not submitted a "
		 "self-assessment for %s:", n, n == 1 ? "y has" : "ies have",
		 cycle);
	vt_html_element(h, "p", text, "class", "govuk-body", NULL);
	vt_html_open(h, "ul", "class", "govuk-list govuk-list--bullet", "id",
		     "missing", NULL);
	for (i = 0; i < n; i++)
		vt_html_element(h, "li", v[i]->name ? v[i]->name : v[i]->code,
				NULL);
	vt_html_close(h, "ul");
	free(v);
}

/* The agencies to choose from, by name; false when out of memory. */
static bool agency_select(struct req *r, const struct vt_def *def,
			  const char *error)
{
	size_t i, n = vt_def_count(def, VT_KIND_AGENCY);
	const char **codes = calloc(n + 1, sizeof(*codes));
	const char **names = calloc(n + 1, sizeof(*names));
	bool ok = codes && names;

	for (i = 0; ok && i < n; i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);

		codes[i] = a->code;
		names[i] = a->name ? a->name : a->code;
	}
	if (ok)
		page_field_select(r, "agency", "Agency", NULL, codes, names,
				  req_query(r, "agency"), "Choose an agency",
				  error);
	free(codes);
	free(names);
	return ok;
}

/* The form that opens an agency's self-assessment for a cycle. */
static void start_form(struct req *r, const struct vt_def *def,
		       const char *problem, const char *field)
{
	struct vt_html *h = &r->html;
	bool lead = r->who.role == VT_ROLE_AGENCY_LEAD;

	vt_html_element(h, "h2", lead ? "Your self-assessment" :
			"Start or continue a self-assessment", "class",
			"govuk-heading-m", "id", "open", NULL);
	vt_html_literal(h, "<form method=\"get\" action=\"/s11\" novalidate>");
	if (!lead && !agency_select(r, def, problem && !strcmp(field,
				    "agency") ? problem : NULL))
		return;
	page_field_text(r, "start", lead ? "Start or continue your "
			"self-assessment for cycle" : "Cycle", "A year, for "
			"example 2026, or a financial year, for example "
			"2026-27", problem && !strcmp(field, "start") ?
			req_query(r, "start") : NULL, "govuk-input--width-10",
			problem && !strcmp(field, "start") ? problem : NULL);
	page_button(r, "Open self-assessment", true);
	vt_html_literal(h, "</form>");
}

static unsigned map_page(struct req *r)
{
	const char *cycles[CYCLES_MAX + 1], *cycle = page_blank_null(
		req_query(r, "cycle"));
	const char *start = page_blank_null(req_query(r, "start"));
	const char *problem = NULL, *field = NULL;
	struct vt_html *h = &r->html;
	struct vt_s11_heatmap hm;
	struct vt_def def;
	unsigned status = 200;
	char where[300];
	const char *agency;

	if (!req_read_def(r, &def, &status))
		return status;
	/* Opening one: the lead's own agency, or the one chosen. */
	agency = r->who.role == VT_ROLE_AGENCY_LEAD ? agency_of(r)
		 : page_blank_null(req_query(r, "agency"));
	if (start && !vt_s11_cycle_valid(start)) {
		problem = "Enter a cycle as a year, for example 2026, or a "
			  "financial year, for example 2026-27";
		field = "start";
	} else if (start && (!agency || !vt_def_find(&def, VT_KIND_AGENCY,
						      agency))) {
		problem = "Choose an agency from the list";
		field = r->who.role == VT_ROLE_AGENCY_LEAD ? "start" : "agency";
	} else if (start) {
		snprintf(where, sizeof(where), "/s11/%s/%s", agency, start);
		vt_def_release(&def);
		return req_redirect(r, where);
	}
	if (cycle && !vt_s11_cycle_valid(cycle)) {
		problem = "Choose a cycle from the list";
		field = "cycle";
		cycle = NULL;
	}
	cycles_of(&def, cycle, cycles, CYCLES_MAX + 1);
	if (!cycle)
		cycle = cycles[0];
	if (problem)
		status = 400;
	page_begin(r, "Section 11 self-assessments");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	vt_html_element(h, "p", "Each agency rates itself against the "
			"standards of the partnership's section 11 framework "
			"(Children Act 2004) once a cycle, and the partnership "
			"challenges its ratings at a challenge session.",
			"class", "govuk-body", NULL);
	if (r->who.role == VT_ROLE_AGENCY_LEAD)
		vt_html_element(h, "p", "You see your own agency's "
				"self-assessments.", "class", "govuk-body",
				NULL);
	if (cycles[0]) {
		vt_html_literal(h, "<form method=\"get\" action=\"/s11\" "
				   "novalidate>");
		page_field_select(r, "cycle", "Cycle", NULL, cycles, NULL,
				  cycle, NULL, field && !strcmp(field, "cycle")
				  ? problem : NULL);
		page_button(r, "Show cycle", true);
		vt_html_literal(h, "</form>");
	}
	if (cycle && r->who.role == VT_ROLE_AGENCY_LEAD && agency_of(r) &&
	    vt_s11_find(&def, r->who.agency, cycle)) {
		snprintf(where, sizeof(where), "/s11/%s/%s", r->who.agency,
			 cycle);
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_element(h, "a", "Your agency's self-assessment for "
				"this cycle", "class", "govuk-link", "href",
				where, "id", "own", NULL);
		vt_html_close(h, "p");
	}
	if (cycle && !vt_s11_heatmap(&def, cycle, &hm)) {
		char heading[80];

		snprintf(heading, sizeof(heading), "Heat map for %s", cycle);
		vt_html_element(h, "h2", heading, "class", "govuk-heading-m",
				"id", "heat-map", NULL);
		vt_html_element(h, "p", "Each cell gives the agency's rating "
				"of the standard in words and, under it, how "
				"it changed since the agency's previous cycle: "
				"better, worse, the same, or new.", "class",
				"govuk-body", NULL);
		standards_key(r, page_partnership(&def));
		heat_table(r, &def, &hm);
		vt_s11_heatmap_release(&hm);
		if (r->who.role != VT_ROLE_AGENCY_LEAD)
			missing_list(r, &def, cycle);
	} else if (!cycle) {
		vt_html_element(h, "p", "No self-assessment has been started.",
				"class", "govuk-body", "id", "no-s11", NULL);
	}
	/* Who may rate some agency's: a lead its own, administrators and
	   analysts any. */
	if (r->who.role == VT_ROLE_AGENCY_LEAD ? agency_of(r) != NULL
	    : r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_ANALYST)
		start_form(r, &def, problem, field ? field : "");
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_s11(struct req *r)
{
	return map_page(r);
}

/* ------------------------------------------------------------------ */
/* One self-assessment */

/* What a refused form shows: every problem at its field. */
struct problems {
	const struct vt_diagq *dq;	/* the form of every standard */
	const struct page_problem *p;	/* the challenge session's */
	char cfield[48];		/* where the challenge's problem is */
};

/* The form's id of a problem's field "S3.action": "action-S3"; the
   first standard's rating for one of no standard. */
static void problem_id(const struct vt_diag *d, const struct vt_def *def,
		       char *out, size_t size)
{
	const char *dot = d->field ? strrchr(d->field, '.') : NULL;

	if (dot)
		snprintf(out, size, "%s-%.*s", dot + 1,
			 (int)(dot - d->field), d->field);
	else
		snprintf(out, size, "rating-%s",
			 vt_s11_standard_at(page_partnership(def), 1)->code);
}

/* The message of the problem at the form's 'id', or NULL. */
static const char *problem_at(const struct problems *pr,
			      const struct vt_def *def, const char *id)
{
	char at[200];
	size_t i;

	for (i = 0; pr && pr->dq && i < pr->dq->n; i++) {
		problem_id(&pr->dq->items[i], def, at, sizeof(at));
		if (!strcmp(at, id))
			return pr->dq->items[i].message;
	}
	if (pr && pr->p && !strcmp(pr->cfield, id))
		return pr->p->message;
	return NULL;
}

/* The library's message without its record's label, as a sentence. */
static const char *sentence(const char *message, char *out, size_t size)
{
	const char *at = strstr(message, "': ");

	snprintf(out, size, "%s", !strncmp(message, "s11 self-assessment '",
					   21) && at ? at + 3 : message);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

/* GOV.UK's error summary of every problem, each linked to its field. */
static void error_summary(struct req *r, const struct vt_def *def,
			  const struct problems *pr)
{
	struct vt_html *h = &r->html;
	char href[200], text[600];
	size_t i;

	if (pr->p) {
		page_problem(r, "There is a problem", pr->p->message,
			     pr->cfield);
		return;
	}
	r->error_summary = true;
	vt_html_literal(h, "<div class=\"govuk-error-summary\"><div role=\""
			   "alert\"><h2 class=\"govuk-error-summary__title\">"
			   "There is a problem</h2><div class=\"govuk-error-"
			   "summary__body\"><ul class=\"govuk-list govuk-"
			   "error-summary__list\">");
	for (i = 0; i < pr->dq->n; i++) {
		href[0] = '#';
		problem_id(&pr->dq->items[i], def, href + 1, sizeof(href) - 1);
		vt_html_literal(h, "<li>");
		vt_html_element(h, "a", sentence(pr->dq->items[i].message, text,
				sizeof(text)), "href", href, NULL);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ul></div></div></div>");
}

static void state_row(struct req *r, const struct vt_s11 *a)
{
	char words[VT_DATE_WORDS_MAX], text[80];

	if (a && a->submitted) {
		vt_date_words(a->submitted, words);
		snprintf(text, sizeof(text), "Submitted on %s", words);
	}
	page_summary_row(r, "State", !a ? "Not started" : a->submitted ? text
			 : "Draft: not submitted", "s11-state");
}

static void challenge_rows(struct req *r, const struct vt_s11 *a)
{
	struct vt_html *h = &r->html;
	char words[VT_DATE_WORDS_MAX], text[120];
	size_t i;
	int o;

	if (a && a->challenged) {
		for (o = 0; vt_s11_outcome_names[o]; o++)
			if (!strcmp(vt_s11_outcome_names[o],
				    a->challenge_outcome))
				break;
		vt_date_words(a->challenged, words);
		snprintf(text, sizeof(text), "%s on %s", vt_s11_outcome_names[o]
			 ? outcome_words[o] : a->challenge_outcome, words);
	}
	page_summary_row(r, "Challenge session", a && a->challenged ? text :
			 "Not held yet", "s11-challenge");
	if (a && a->challenge_note)
		page_summary_row(r, "Challenge note", a->challenge_note,
				 "s11-challenge-note");
	page_summary_row_open(r, "Ratings changed", "s11-changes");
	if (!a || !a->nchanges)
		vt_html_text(h, "None");
	else
		vt_html_literal(h, "<ul class=\"govuk-list govuk-!-margin-"
				   "bottom-0\">");
	for (i = 0; a && i < a->nchanges; i++) {
		const struct vt_s11_change *c = &a->changes[i];

		snprintf(text, sizeof(text), "%s: from %s to %s", c->standard,
			 grade_words[c->from], grade_words[c->to]);
		vt_html_element(h, "li", text, NULL);
	}
	if (a && a->nchanges)
		vt_html_literal(h, "</ul>");
	page_summary_row_close(r);
}

/* Every standard with its rating, evidence and action: a short list
   each, which reads on a phone as on a desk. */
static void ratings_list(struct req *r, const struct vt_def *def,
			 const struct vt_s11 *a)
{
	struct vt_html *h = &r->html;
	const struct vt_partnership *p = page_partnership(def);
	size_t i, n = vt_s11_standard_count(p);
	char id[160];

	vt_html_open(h, "div", "id", "ratings", NULL);
	vt_html_element(h, "h2", "Ratings", "class", "govuk-heading-m", NULL);
	for (i = 1; i <= n; i++) {
		const struct vt_s11_standard *s = vt_s11_standard_at(p, i);
		const struct vt_s11_rating *g = vt_s11_rating_of(a, s->code);

		vt_html_open(h, "h3", "class", "govuk-heading-s", NULL);
		vt_html_textf(h, "%s %s", s->code, s->name ? s->name : "");
		vt_html_close(h, "h3");
		page_summary_begin(r);
		vt_html_literal(h, "<div class=\"govuk-summary-list__row\">");
		vt_html_element(h, "dt", "Rating", "class",
				"govuk-summary-list__key", NULL);
		snprintf(id, sizeof(id), "rated-%s", s->code);
		vt_html_open(h, "dd", "class", "govuk-summary-list__value",
			     "id", id, NULL);
		vt_html_element(h, "span", g ? grade_words[g->rating] :
				"Not rated", "class", g ? record_tones[g->rating]
				: "vt-s11-rating", NULL);
		vt_html_literal(h, "</dd></div>");
		snprintf(id, sizeof(id), "evidence-of-%s", s->code);
		page_summary_row(r, "Evidence", g && g->evidence ? g->evidence
				 : "None given", id);
		snprintf(id, sizeof(id), "action-of-%s", s->code);
		page_summary_row(r, "Action", g && g->action ? g->action :
				 "None given", id);
		page_summary_end(r);
	}
	vt_html_close(h, "div");
}

/* What was typed into 'id', shown again; never a text refused as a
   person's name. */
static const char *kept(const struct problems *pr, const struct vt_def *def,
			struct req *r, const char *id)
{
	const char *why = problem_at(pr, def, id);

	return why && strstr(why, "person's name") ? NULL : req_field(r, id);
}

/* The one form of every standard, for a draft. */
static void rate_form(struct req *r, const struct vt_def *def,
		      const struct vt_s11 *a, const struct problems *pr)
{
	struct vt_html *h = &r->html;
	const struct vt_partnership *p = page_partnership(def);
	size_t i, n = vt_s11_standard_count(p);
	char action[300], id[3][160], label[3][200];
	bool typed = pr && pr->dq;

	vt_html_element(h, "h2", a ? "Continue the self-assessment" :
			"Start the self-assessment", "class",
			"govuk-heading-m", "id", "rate", NULL);
	vt_html_element(h, "p", "Rate every standard and say what shows it. "
			"Save a draft as you go; submit once every standard "
			"is rated. Name roles, never people.", "class",
			"govuk-body", NULL);
	snprintf(action, sizeof(action), "/s11/%s/%s", r->params[0],
		 r->params[1]);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	for (i = 1; i <= n; i++) {
		const struct vt_s11_standard *s = vt_s11_standard_at(p, i);
		const struct vt_s11_rating *g = vt_s11_rating_of(a, s->code);
		const char *rating, *evidence, *act;

		snprintf(id[0], sizeof(id[0]), "rating-%s", s->code);
		snprintf(id[1], sizeof(id[1]), "evidence-%s", s->code);
		snprintf(id[2], sizeof(id[2]), "action-%s", s->code);
		rating = typed ? req_field(r, id[0]) : g ?
			 vt_s11_grade_names[g->rating] : NULL;
		evidence = typed ? kept(pr, def, r, id[1]) : g ? g->evidence
			   : NULL;
		act = typed ? kept(pr, def, r, id[2]) : g ? g->action : NULL;
		vt_html_literal(h, "<hr class=\"govuk-section-break govuk-"
				   "section-break--m govuk-section-break--"
				   "visible\">");
		vt_html_open(h, "h3", "class", "govuk-heading-s", NULL);
		vt_html_textf(h, "%s %s", s->code, s->name ? s->name : "");
		vt_html_close(h, "h3");
		snprintf(label[0], sizeof(label[0]), "%s rating", s->code);
		snprintf(label[1], sizeof(label[1]), "%s evidence", s->code);
		snprintf(label[2], sizeof(label[2]), "%s action", s->code);
		page_field_radios(r, id[0], label[0], NULL, vt_s11_grade_names,
				  grade_words, rating, problem_at(pr, def,
				  id[0]));
		page_field_textarea(r, id[1], label[1], "What shows it",
				    evidence, problem_at(pr, def, id[1]));
		page_field_textarea(r, id[2], label[2], "Needed when the "
				    "standard is not fully met", act,
				    problem_at(pr, def, id[2]));
	}
	vt_html_literal(h, "<div class=\"govuk-button-group\">"
			   "<button type=\"submit\" name=\"send\" value=\""
			   "submit\" class=\"govuk-button\">Submit "
			   "self-assessment</button>"
			   "<button type=\"submit\" name=\"send\" value=\""
			   "draft\" class=\"govuk-button govuk-button--"
			   "secondary\">Save draft</button></div></form>");
}

/* The challenge session's form, for a submitted one. */
static void challenge_form(struct req *r, const struct vt_def *def,
			   const struct vt_s11 *a, const struct problems *pr)
{
	struct vt_html *h = &r->html;
	const struct vt_partnership *p = page_partnership(def);
	const struct page_problem *pp = pr ? pr->p : NULL;
	size_t i, n = vt_s11_standard_count(p);
	char action[300], id[160], label[200];

	vt_html_element(h, "h2", "Record the challenge session", "class",
			"govuk-heading-m", "id", "challenge", NULL);
	snprintf(action, sizeof(action), "/s11/%s/%s/challenge", a->agency,
		 a->cycle);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_text(r, "challenged", "Date of the session", "Year, month "
			"and day, for example 2026-11-20", pp ?
			req_field(r, "challenged") : NULL,
			"govuk-input--width-10", problem_at(pr, def,
			"challenged"));
	page_field_radios(r, "outcome", "Outcome", NULL, vt_s11_outcome_names,
			  outcome_words, pp ? req_field(r, "outcome") : NULL,
			  problem_at(pr, def, "outcome"));
	vt_html_element(h, "p", "A rating the session changed: choose its "
			"new rating; leave the others unchanged. The standards "
			"are named in the table of ratings above.", "class",
			"govuk-body", NULL);
	for (i = 1; i <= n; i++) {
		const struct vt_s11_standard *s = vt_s11_standard_at(p, i);
		const struct vt_s11_rating *g = vt_s11_rating_of(a, s->code);
		char hint[80];

		snprintf(id, sizeof(id), "new-%s", s->code);
		snprintf(label, sizeof(label), "%s new rating", s->code);
		snprintf(hint, sizeof(hint), "Rated %s by the agency",
			 g ? grade_lower[g->rating] : "not");
		page_field_select(r, id, label, hint, vt_s11_grade_names,
				  grade_words, pp ? req_field(r, id) : NULL,
				  "Unchanged", problem_at(pr, def, id));
	}
	page_field_textarea(r, "note", "Note (optional)", "What was agreed. "
			    "Name roles, never people.", pp && !pp->personal ?
			    req_field(r, "note") : NULL,
			    problem_at(pr, def, "note"));
	page_button(r, "Record challenge session", false);
	vt_html_literal(h, "</form>");
}

/*
 * The record of the agency and cycle of the address: 0 with '*a' (NULL:
 * none yet) when the reader may open it, else the status of the error
 * page made.
 */
static unsigned open_record(struct req *r, const struct vt_def *def,
			    const struct vt_s11 **a)
{
	const char *agency = r->params[0], *cycle = r->params[1];

	if (!vt_def_find(def, VT_KIND_AGENCY, agency) ||
	    !vt_s11_cycle_valid(cycle))
		return page_error(r, 404, "There is no such agency or cycle.");
	if (!may_read(r, agency))
		return page_error(r, 403, "An agency lead opens its own "
				  "agency's self-assessments only.");
	*a = vt_s11_find(def, agency, cycle);
	if (!*a && !may_edit(r, agency))
		return page_error(r, 404, "This agency has not started a "
				  "self-assessment for this cycle.");
	return 0;
}

static unsigned record_page(struct req *r, const struct problems *pr,
			    unsigned status)
{
	static const char *const done[][2] = {
		{ "saved", "Draft saved" },
		{ "submitted", "Self-assessment submitted" },
		{ "challenged", "Challenge session recorded" },
		{ NULL, NULL } };
	const struct vt_s11 *a = NULL;
	struct vt_def def;
	char title[300];
	unsigned refused;

	if (!req_read_def(r, &def, &status))
		return status;
	refused = open_record(r, &def, &a);
	if (refused) {
		vt_def_release(&def);
		return refused;
	}
	r->up_href = "/s11";
	r->up_text = "Section 11 self-assessments";
	snprintf(title, sizeof(title), "Section 11: %s, %s",
		 page_agency_name(&def, r->params[0]), r->params[1]);
	page_begin(r, title);
	if (pr)
		error_summary(r, &def, pr);
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Agency", page_agency_name(&def, r->params[0]),
			 "s11-agency");
	page_summary_row(r, "Cycle", r->params[1], "s11-cycle");
	state_row(r, a);
	challenge_rows(r, a);
	page_summary_end(r);
	if (a)
		ratings_list(r, &def, a);
	if ((!a || !a->submitted) && may_edit(r, r->params[0]))
		rate_form(r, &def, a, pr);
	if (a && a->submitted && !a->challenged && may_challenge(r))
		challenge_form(r, &def, a, pr);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_s11_record(struct req *r)
{
	return record_page(r, NULL, 200);
}

/* Whether the reader may change this agency's: 0, or the refusal. */
static unsigned change_allowed(struct req *r, bool challenge)
{
	const struct vt_s11 *a = NULL;
	struct vt_def def;
	unsigned status = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	status = open_record(r, &def, &a);
	if (!status && !challenge && !may_edit(r, r->params[0]))
		status = page_error(r, 403, "A self-assessment is rated by its "
				    "agency's lead and the partnership's "
				    "analysts and administrators.");
	if (!status && challenge && !may_challenge(r))
		status = page_error(r, 403, "A challenge session is recorded "
				    "by the partnership's staff and the "
				    "independent scrutineer.");
	vt_def_release(&def);
	return status;
}

unsigned page_s11_save(struct req *r)
{
	struct vt_s11_rating_input in[128];
	const struct vt_partnership *p;
	struct problems pr = { 0 };
	char why[2048], where[300], today[11], id[160];
	bool submit = !strcmp(page_field_or_blank(r, "send"), "submit");
	struct vt_diagq dq;
	struct vt_def def;
	enum vt_err result;
	unsigned status;
	size_t i, n;

	status = change_allowed(r, false);
	if (status)
		return status;
	if (!req_read_def(r, &def, &status))
		return status;
	p = page_partnership(&def);
	n = vt_s11_standard_count(p);
	if (n > 128)
		n = 128;
	for (i = 0; i < n; i++) {
		const char *code = vt_s11_standard_at(p, i + 1)->code;

		in[i].standard = code;
		snprintf(id, sizeof(id), "rating-%s", code);
		in[i].rating = req_field(r, id);
		snprintf(id, sizeof(id), "evidence-%s", code);
		in[i].evidence = req_field(r, id);
		snprintf(id, sizeof(id), "action-%s", code);
		in[i].action = req_field(r, id);
	}
	server_today(today);
	vt_diagq_init(&dq);
	result = vt_s11_rate_many(r->store, r->params[0], r->params[1], in, n,
				  submit ? today : NULL, r->who.email, &dq,
				  why, sizeof(why));
	vt_def_release(&def);
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		pr.dq = &dq;
		status = record_page(r, &pr, 422);
		vt_diagq_release(&dq);
		return status;
	}
	vt_diagq_release(&dq);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/s11/%s/%s?done=%s", r->params[0],
		 r->params[1], submit ? "submitted" : "saved");
	return req_redirect(r, where);
}

/* Where a refusal of the challenge session is said: its field. */
static void challenge_field(struct problems *pr, const struct vt_def *def,
			    const struct vt_s11_rerating *changes,
			    size_t nchanges)
{
	const struct page_problem *p = pr->p;
	const char *q = strstr(p->message, "tandard '");
	const char *w = p->word;
	size_t i;

	if (!strcmp(w, "challenge_outcome") || (!strcmp(w, "changes") &&
	    strstr(p->message, "agreed")))
		snprintf(pr->cfield, sizeof(pr->cfield), "outcome");
	else if (!strcmp(w, "challenge_note"))
		snprintf(pr->cfield, sizeof(pr->cfield), "note");
	else if (!strcmp(w, "challenged"))
		snprintf(pr->cfield, sizeof(pr->cfield), "challenged");
	else if (q)
		snprintf(pr->cfield, sizeof(pr->cfield), "new-%.*s",
			 (int)strcspn(q + 9, "'"), q + 9);
	else if (!strcmp(w, "to") && nchanges) {
		/* "changes[N].to": the Nth changed. */
		const char *b = strstr(p->text, "[");

		i = b ? strtoul(b + 1, NULL, 10) : 0;
		snprintf(pr->cfield, sizeof(pr->cfield), "new-%s",
			 changes[i < nchanges ? i : 0].standard);
	} else
		snprintf(pr->cfield, sizeof(pr->cfield), "new-%s",
			 vt_s11_standard_at(page_partnership(def), 1)->code);
}

unsigned page_s11_challenge(struct req *r)
{
	static const char *const fields[] = {
		"challenged", "challenge_outcome", "challenge_note", "changes",
		NULL };
	struct vt_s11_rerating changes[128];
	const struct vt_partnership *p;
	struct page_problem pp;
	struct problems pr = { 0 };
	char why[1024], where[300], id[160];
	struct vt_def def;
	enum vt_err result;
	unsigned status;
	size_t i, n, nchanges = 0;

	status = change_allowed(r, true);
	if (status)
		return status;
	if (!req_read_def(r, &def, &status))
		return status;
	p = page_partnership(&def);
	n = vt_s11_standard_count(p);
	for (i = 0; i < n && nchanges < 128; i++) {
		const char *code = vt_s11_standard_at(p, i + 1)->code;
		const char *to;

		snprintf(id, sizeof(id), "new-%s", code);
		to = req_field(r, id);
		if (!to || vt_text_blank(to))
			continue;
		changes[nchanges].standard = code;
		changes[nchanges++].rating = to;
	}
	result = vt_s11_challenge(r->store, r->params[0], r->params[1],
				  page_field_or_blank(r, "challenged"),
				  page_field_or_blank(r, "outcome"), changes,
				  nchanges, req_field(r, "note"), r->who.email,
				  why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		page_problem_read(&pp, why, "s11 self-assessment", fields,
				  "challenged");
		pr.p = &pp;
		challenge_field(&pr, &def, changes, nchanges);
		vt_def_release(&def);
		return record_page(r, &pr, 422);
	}
	vt_def_release(&def);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/s11/%s/%s?done=challenged",
		 r->params[0], r->params[1]);
	return req_redirect(r, where);
}
