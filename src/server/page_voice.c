/* Voice reports on the web: the register (filtered by quarter and theme), the reports, participants and themes counted by quarter, a report's record with the priorities, actions and measure it bears on, and the forms that add a report and record what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/period.h"
#include "vitals/strparse.h"
#include "vitals/voice.h"
#include "server/server.h"

#define THEMES_MAX 64
#define QUARTERS_MAX 200
#define VOICE_LINKS_MAX 64

/* Who reads and who keeps the register are the library's rules. */
static bool may_change(const struct req *r)
{
	return vt_voice_may_change(r->who.role);
}

static int fy_of(const struct vt_def *def)
{
	const struct vt_partnership *p = vt_def_count(def, VT_KIND_PARTNERSHIP)
		? vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
	       ? (int)p->fy_start_month : 4;
}

/* Who ran it: an agency by its name, or a body as written. */
static const char *source_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *a = vt_def_find(def, VT_KIND_AGENCY, code);

	return a && a->name ? a->name : code;
}

/* "focus-group": "Focus group". */
static void method_words(int method, char *out, size_t size)
{
	size_t i;

	snprintf(out, size, "%s", method >= 0 && method < VT_VOICE__MAX
		 ? vt_voice_method_names[method] : "");
	for (i = 0; out[i]; i++)
		if (out[i] == '-')
			out[i] = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* The themes a voice report may have (the voice themes and the audits'),
   codes and names, NULL-ended. */
static size_t voice_themes(const struct vt_def *def, const char **codes,
			   const char **names, size_t max)
{
	size_t nt = vt_def_count(def, VT_KIND_THEME), n = 0, i;

	for (i = 0; i < nt && n + 1 < max; i++) {
		const struct vt_theme *t = vt_def_at(def, VT_KIND_THEME, i);

		if (t->register_ != VT_THEME_VOICE &&
		    t->register_ != VT_THEME_AUDIT)
			continue;
		codes[n] = t->code;
		names[n++] = t->name ? t->name : t->code;
	}
	codes[n] = names[n] = NULL;
	return n;
}

/* The themes of a report by their names, a list. */
static void theme_list(struct req *r, const struct vt_def *def,
		       const struct vt_voice *v)
{
	struct vt_html *h = &r->html;
	size_t i;

	if (!v->nthemes) {
		vt_html_text(h, "None");
		return;
	}
	vt_html_open(h, "ul", "class", "govuk-list govuk-!-margin-bottom-0",
		     NULL);
	for (i = 0; i < v->nthemes; i++)
		vt_html_element(h, "li", page_theme_name(def, v->themes[i].theme),
				NULL);
	vt_html_close(h, "ul");
}

/* ------------------------------------------------------------------ */
/* The register */

struct view {
	const char *quarter, *theme;
};

static bool view_read(struct req *r, const struct vt_def *def,
		      struct view *v, const char **problem,
		      const char **field)
{
	char id[VT_PERIOD_ID_MAX];

	v->quarter = page_blank_null(req_query(r, "quarter"));
	v->theme = page_blank_null(req_query(r, "in-theme"));
	*problem = NULL;
	if (v->quarter && (vt_period_read_id(v->quarter, fy_of(def), id) ||
			   strcmp(id, v->quarter))) {
		*problem = "Choose a quarter from the list";
		*field = "quarter";
	} else if (v->theme && !vt_def_find(def, VT_KIND_THEME, v->theme)) {
		*problem = "Choose a theme from the list";
		*field = "in-theme";
	}
	return !*problem;
}

static void filter_form(struct req *r, const struct vt_def *def,
			const struct vt_voice_quarters *q,
			const struct view *v, const char *problem,
			const char *field)
{
	const char *qids[QUARTERS_MAX + 1], *qlabels[QUARTERS_MAX + 1];
	char labels[QUARTERS_MAX][VT_PERIOD_LABEL_MAX];
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];
	struct vt_html *h = &r->html;
	size_t i, n = 0;
	int fy = fy_of(def);

	/* Newest first, as a reader looks for the latest. */
	for (i = q->nquarters; i-- > 0 && n < QUARTERS_MAX; n++) {
		qids[n] = q->quarters[i].period;
		qlabels[n] = vt_period_label_of(qids[n], fy, labels[n]);
	}
	qids[n] = qlabels[n] = NULL;
	voice_themes(def, codes, names, THEMES_MAX + 1);
	vt_html_literal(h, "<form method=\"get\" action=\"/voice\" "
			   "novalidate>");
	page_field_select(r, "quarter", "Quarter", NULL, qids, qlabels,
			  v->quarter, "any quarter", field &&
			  !strcmp(field, "quarter") ? problem : NULL);
	page_field_select(r, "in-theme", "Theme", NULL, codes, names,
			  v->theme, "any theme", field &&
			  !strcmp(field, "in-theme") ? problem : NULL);
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
}

/* How a report heard them: its method, who ran it, and how many took
   part, a line each. */
static void heard_cell(struct req *r, const struct vt_def *def,
		       const struct vt_voice *v)
{
	struct vt_html *h = &r->html;
	char words[80];

	method_words(v->method, words, sizeof(words));
	vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
	vt_html_open(h, "ul", "class", "govuk-list govuk-!-margin-bottom-0",
		     NULL);
	vt_html_element(h, "li", words, NULL);
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "by %s", source_name(def, v->source));
	vt_html_close(h, "li");
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "%lld took part", (long long)v->participants);
	vt_html_close(h, "li");
	vt_html_close(h, "ul");
	vt_html_close(h, "td");
}

static void register_table(struct req *r, const struct vt_def *def,
			   const struct view *v)
{
	static const char *const columns[] = {
		"Report", "Date", "How they were heard", "Themes",
		"What changed", NULL };
	struct vt_html *h = &r->html;
	size_t i, shown = 0, n = vt_def_count(def, VT_KIND_VOICE);

	for (i = 0; i < n; i++) {
		const struct vt_voice *vr = vt_def_at(def, VT_KIND_VOICE, i);
		char href[200], quarter[VT_PERIOD_ID_MAX];

		if (v->quarter && (vt_voice_quarter(vr, quarter) ||
				   strcmp(quarter, v->quarter)))
			continue;
		if (v->theme && !vt_voice_has_theme(vr, v->theme))
			continue;
		if (!shown++)
			page_table_begin(r, "voice-reports", "Voice reports",
					 columns);
		/* The reference, linked, over the title. */
		snprintf(href, sizeof(href), "/voice/%s", vr->ref);
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
				   "govuk-table__cell\">");
		vt_html_element(h, "a", vr->ref, "class", "govuk-link vt-nowrap",
				"href", href, NULL);
		vt_html_element(h, "p", vr->title, "class", "govuk-body-s "
				"govuk-!-margin-bottom-0", NULL);
		vt_html_literal(h, "</td>");
		page_date_cell(r, vr->date);
		heard_cell(r, def, vr);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		theme_list(r, def, vr);
		vt_html_close(h, "td");
		page_cell(r, vr->changed ? vr->changed : "Not yet recorded");
		vt_html_literal(h, "</tr>");
	}
	if (shown)
		page_table_end(r);
	else
		vt_html_element(h, "p", n ? "No voice reports match these "
				"filters." : "No voice reports are recorded.",
				"class", "govuk-body", "id", "no-voice", NULL);
}

static void number_cell(struct req *r, long long n)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld", n);
	vt_html_element(&r->html, "td", text, "class", "govuk-table__cell "
			"govuk-table__cell--numeric", NULL);
}

/* The library's count by quarter: reports, participants, and the
   reports of each theme, a list of the themes with any. */
static void quarters_table(struct req *r, const struct vt_def *def,
			   const struct vt_voice_quarters *q)
{
	static const char *const columns[] = {
		"Quarter", "Reports", "Participants", "Reports by theme",
		NULL };
	struct vt_html *h = &r->html;
	char label[VT_PERIOD_LABEL_MAX];
	size_t i, k, any;
	int fy = fy_of(def);

	if (!q->nquarters) {
		vt_html_element(h, "h2", "Reports by quarter", "class",
				"govuk-heading-m", "id", "by-quarter", NULL);
		vt_html_element(h, "p", "No voice reports are recorded.",
				"class", "govuk-body", "id", "no-quarters",
				NULL);
		return;
	}
	page_table_open(r, "quarters-table", "Reports by quarter");
	for (i = 0; columns[i]; i++)
		if (i == 1 || i == 2)
			vt_html_element(h, "th", columns[i], "scope", "col",
					"class", "govuk-table__header govuk-"
					"table__header--numeric", NULL);
		else
			page_table_header(r, columns[i]);
	page_table_body(r);
	for (i = q->nquarters; i-- > 0;) {
		const struct vt_voice_quarter *x = &q->quarters[i];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", vt_period_label_of(x->period, fy,
				label), "scope", "row", "class",
				"govuk-table__header vt-nowrap", NULL);
		number_cell(r, (long long)x->reports);
		number_cell(r, (long long)x->participants);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		for (k = any = 0; k < q->nthemes; k++) {
			if (!x->by_theme[k])
				continue;
			if (!any++)
				vt_html_open(h, "ul", "class", "govuk-list "
					     "govuk-!-margin-bottom-0", NULL);
			vt_html_open(h, "li", NULL);
			vt_html_textf(h, "%s: %zu", page_theme_name(def,
				      q->themes[k]), x->by_theme[k]);
			vt_html_close(h, "li");
		}
		if (any)
			vt_html_close(h, "ul");
		else
			vt_html_text(h, "None");
		vt_html_close(h, "td");
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
	vt_html_element(h, "p", "Each report is counted in the quarter of its "
			"date; those who took part are counted, never named.",
			"class", "govuk-body-s", NULL);
}

/* Small checkboxes in a fieldset, one per NULL-ended 'codes' named
   PREFIX-CODE; 'again': ticked as the form shown again had them, else
   those of 'stored' (NULL-ended, or NULL). */
static void boxes(struct req *r, const char *legend, const char *hint,
		  const char *prefix, const char *const *codes,
		  const char *const *names, bool again,
		  const char *const *stored, const char *error,
		  const char *errid)
{
	struct vt_html *h = &r->html;
	char hintid[64];
	size_t i;

	snprintf(hintid, sizeof(hintid), "%s-hint", prefix);
	vt_html_open(h, "div", "class", error ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	vt_html_open(h, "fieldset", "class", "govuk-fieldset",
		     "aria-describedby", error ? errid : hint ? hintid : NULL,
		     NULL);
	vt_html_element(h, "legend", legend, "class",
			"govuk-fieldset__legend govuk-fieldset__legend--s",
			NULL);
	if (hint)
		vt_html_element(h, "div", hint, "class", "govuk-hint", "id",
				hintid, NULL);
	if (error) {
		vt_html_open(h, "p", "class", "govuk-error-message", "id",
			     errid, NULL);
		vt_html_literal(h, "<span class=\"govuk-visually-hidden\">"
				   "Error:</span> ");
		vt_html_text(h, error);
		vt_html_close(h, "p");
	}
	vt_html_literal(h, "<div class=\"govuk-checkboxes govuk-checkboxes--"
			   "small\">");
	for (i = 0; codes[i]; i++) {
		char id[160];

		bool on = false;
		size_t k;

		snprintf(id, sizeof(id), "%s-%s", prefix, codes[i]);
		if (again)
			on = req_field(r, id) != NULL;
		for (k = 0; !again && stored && stored[k]; k++)
			on = on || !strcmp(stored[k], codes[i]);
		page_checkbox(r, id, id, names[i], on);
	}
	vt_html_literal(h, "</div></fieldset></div>");
}

/* The measures of 'def', codes and titles, NULL-ended; false when out
   of memory (both freed by the caller). */
static bool measure_choices(const struct vt_def *def, const char ***codes,
			    const char ***names)
{
	size_t i, n = vt_def_count(def, VT_KIND_MEASURE);

	*codes = calloc(n + 1, sizeof(**codes));
	*names = calloc(n + 1, sizeof(**names));
	if (!*codes || !*names)
		return false;
	for (i = 0; i < n; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE,
						       i);

		(*codes)[i] = m->code;
		(*names)[i] = m->title ? m->title : m->code;
	}
	return true;
}

static void add_form(struct req *r, const struct vt_def *def,
		     const struct page_problem *p)
{
	static const char *const method_labels[] = {
		"Survey", "Focus group", "Interview", "Consultation",
		"Feedback", "Advocacy", "Other", NULL };
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];
	const char **mcodes = NULL, **mnames = NULL;
	struct vt_html *h = &r->html;

	if (!measure_choices(def, &mcodes, &mnames))
		goto done;
	vt_html_element(h, "h2", "Add a voice report", "class",
			"govuk-heading-m", "id", "add", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/voice\" "
			   "novalidate>");
	page_csrf(r);
	page_field_text(r, "ref", "Reference", "The partnership's reference, "
			"for example VOICE-2026-05. Never a child's or a "
			"person's name.", page_problem_typed(r, p, "ref"),
			"govuk-input--width-20", page_problem_at(p, "ref"));
	page_field_text(r, "title", "Title", NULL,
			page_problem_typed(r, p, "title"), NULL,
			page_problem_at(p, "title"));
	page_field_text(r, "source", "Who ran it", "An agency or a body, for "
			"example Young Inspectors. Never a person.",
			page_problem_typed(r, p, "source"), NULL,
			page_problem_at(p, "source"));
	page_field_text(r, "date", "Date", "Year, month and day, for example "
			"2026-11-20", page_problem_typed(r, p, "date"),
			"govuk-input--width-10", page_problem_at(p, "date"));
	page_field_select(r, "method", "How they were heard", NULL,
			  vt_voice_method_names, method_labels,
			  page_problem_typed(r, p, "method"),
			  "Choose a method", page_problem_at(p, "method"));
	page_field_text(r, "participants", "How many took part", "A whole "
			"number. No one is named.",
			page_problem_typed(r, p, "participants"),
			"govuk-input--width-4",
			page_problem_at(p, "participants"));
	if (voice_themes(def, codes, names, THEMES_MAX + 1))
		boxes(r, "Themes", NULL, "theme", codes, names, p != NULL,
		      NULL, page_problem_at(p, "themes"), "themes-error");
	page_field_textarea(r, "summary", "What they said", "Never a child's "
			    "or a person's name.",
			    page_problem_typed(r, p, "summary"),
			    page_problem_at(p, "summary"));
	page_field_select(r, "measure", "Measure it informs (optional)",
			  "The measure whose figures count those who took "
			  "part", mcodes, mnames,
			  page_problem_typed(r, p, "measure"), "None",
			  page_problem_at(p, "measure"));
	page_button(r, "Add voice report", false);
	vt_html_literal(h, "</form>");
done:
	free(mcodes);
	free(mnames);
}

/* The ticked boxes named PREFIX-CODE, their codes into 'out'. */
static size_t ticked(struct req *r, const char *prefix, const char **out,
		     size_t max)
{
	size_t len = strlen(prefix), n = 0, i;

	for (i = 0; i < r->form.nfields && n < max; i++)
		if (!strncmp(r->form.fields[i].name, prefix, len) &&
		    r->form.fields[i].name[len] == '-' &&
		    r->form.fields[i].name[len + 1])
			out[n++] = r->form.fields[i].name + len + 1;
	return n;
}

/* Where a problem with the themes is linked from the summary: the first
   theme's box, as GOV.UK links a group of boxes. */
static const char *first_box(const struct vt_def *def, const char *field,
			     char *out, size_t size)
{
	const char *codes[THEMES_MAX + 1], *names[THEMES_MAX + 1];

	if (strcmp(field, "themes") ||
	    !voice_themes(def, codes, names, THEMES_MAX + 1))
		return field;
	snprintf(out, size, "theme-%s", codes[0]);
	return out;
}

static unsigned list_page(struct req *r, const struct page_problem *p,
			  unsigned status)
{
	const char *problem = NULL, *field = NULL;
	struct vt_voice_quarters q;
	char box[160];
	struct vt_def def;
	struct view v;
	bool refused, counted;

	if (!req_read_def(r, &def, &status))
		return status;
	memset(&v, 0, sizeof(v));
	memset(&q, 0, sizeof(q));
	counted = !vt_voice_quarters(&def, &q);
	refused = !view_read(r, &def, &v, &problem, &field);
	if (refused)
		status = 400;
	page_begin(r, "Voice of children and families");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	else if (p)
		page_problem(r, "There is a problem", p->message,
			     first_box(&def, p->field, box, sizeof(box)));
	vt_html_element(&r->html, "p", "What children, young people and "
			"families told the partnership, and what it changed "
			"as a result. Those who took part are counted, never "
			"named.", "class", "govuk-body", NULL);
	if (counted)
		filter_form(r, &def, &q, &v, problem, field);
	if (!refused)
		register_table(r, &def, &v);
	if (counted)
		quarters_table(r, &def, &q);
	else
		vt_html_element(&r->html, "p", "The reports could not be "
				"counted by quarter.", "class", "govuk-body",
				NULL);
	if (may_change(r))
		add_form(r, &def, p);
	page_end(r);
	vt_voice_quarters_release(&q);
	vt_def_release(&def);
	return status;
}

unsigned page_voice_list(struct req *r)
{
	return list_page(r, NULL, 200);
}

unsigned page_voice_add(struct req *r)
{
	static const char *const fields[] = {
		"ref", "title", "source", "date", "method", "participants",
		"themes", "summary", "measure", NULL };
	const char *themes[REQ_FIELDS_MAX];
	struct vt_voice_edit e;
	char why[512], where[200];
	struct page_problem p;
	enum vt_err result;

	if (!may_change(r))
		return page_error(r, 403, "Voice reports are added by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	memset(&e, 0, sizeof(e));
	e.ref = page_field_or_null(r, "ref");
	e.title = page_field_or_null(r, "title");
	e.source = page_field_or_null(r, "source");
	e.date = page_field_or_null(r, "date");
	e.method = page_field_or_null(r, "method");
	e.participants = page_field_or_null(r, "participants");
	e.summary = page_field_or_null(r, "summary");
	e.measure = page_field_or_null(r, "measure");
	e.nthemes = ticked(r, "theme", themes, REQ_FIELDS_MAX);
	e.themes = themes;
	e.set_themes = true;
	result = vt_voice_add(r->store, &e, r->who.email, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "voice report", fields, "ref");
		return list_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The reference was checked: letters, digits and - _ . only. */
	snprintf(where, sizeof(where), "/voice/%s?done=added", e.ref);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* One report */

static void linked_priorities(struct req *r, const struct vt_def *def,
			      const struct vt_voice *v)
{
	struct vt_html *h = &r->html;
	size_t i;

	page_summary_row_open(r, "Priorities it bears on", "voice-priorities");
	if (!v->npriorities)
		vt_html_text(h, "None");
	else
		vt_html_open(h, "ul", "class", "govuk-list govuk-!-margin-"
			     "bottom-0", NULL);
	for (i = 0; i < v->npriorities; i++) {
		const struct vt_priority *pr = vt_def_find(def,
			VT_KIND_PRIORITY, v->priorities[i].priority);

		vt_html_element(h, "li", pr && pr->title ? pr->title
				: v->priorities[i].priority, NULL);
	}
	if (v->npriorities)
		vt_html_close(h, "ul");
	page_summary_row_close(r);
}

static void linked_actions(struct req *r, const struct vt_def *def,
			   const struct vt_voice *v)
{
	struct vt_html *h = &r->html;
	size_t i;

	page_summary_row_open(r, "Actions it led to", "voice-actions");
	if (!v->nactions)
		vt_html_text(h, "None");
	else
		vt_html_open(h, "ul", "class", "govuk-list govuk-!-margin-"
			     "bottom-0", NULL);
	for (i = 0; i < v->nactions; i++) {
		const struct vt_action *a = vt_def_find(def, VT_KIND_ACTION,
							v->actions[i].action);
		char href[200];

		snprintf(href, sizeof(href), "/actions/%s",
			 v->actions[i].action);
		vt_html_open(h, "li", NULL);
		vt_html_element(h, "a", v->actions[i].action, "class",
				"govuk-link", "href", href, NULL);
		if (a && a->title)
			vt_html_textf(h, ": %s", a->title);
		vt_html_close(h, "li");
	}
	if (v->nactions)
		vt_html_close(h, "ul");
	page_summary_row_close(r);
}

static void changed_form(struct req *r, const struct vt_def *def,
			 const struct vt_voice *v, const struct page_problem *p)
{
	size_t n = vt_def_count(def, VT_KIND_PRIORITY), i;
	const char **codes = calloc(n + 1, sizeof(*codes));
	const char **names = calloc(n + 1, sizeof(*names));
	struct vt_html *h = &r->html;
	const char *stored[VOICE_LINKS_MAX + 1];
	char action[200], actions[1000], legend[300];
	size_t len = 0, k;
	bool first = true;

	if (!codes || !names)
		goto done;
	for (i = 0; i < n; i++) {
		const struct vt_priority *pr = vt_def_at(def, VT_KIND_PRIORITY,
							 i);

		codes[i] = pr->code;
		names[i] = pr->title ? pr->title : pr->code;
	}
	actions[0] = '\0';
	for (i = 0; i < v->nactions && len < sizeof(actions); i++)
		len += (size_t)snprintf(actions + len, sizeof(actions) - len,
					"%s%s", i ? " " : "",
					v->actions[i].action);
	vt_html_element(h, "h2", "Record what changed", "class",
			"govuk-heading-m", "id", "record-changed", NULL);
	snprintf(action, sizeof(action), "/voice/%s", v->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_textarea(r, "changed", "What the partnership changed",
			    "What was done as a result of what they said. "
			    "Never a child's or a person's name.",
			    p ? page_problem_typed(r, p, "changed") : v->changed,
			    page_problem_at(p, "changed"));
	for (i = 0; i < v->npriorities && i < VOICE_LINKS_MAX; i++)
		stored[i] = v->priorities[i].priority;
	stored[i] = NULL;
	/* A group of boxes for each plan's priorities: titles repeat from
	   one plan to another. */
	for (k = 0; k < vt_def_count(def, VT_KIND_PLAN); k++) {
		const struct vt_plan *pl = vt_def_at(def, VT_KIND_PLAN, k);
		size_t m = 0;

		for (i = 0; i < n; i++) {
			const struct vt_priority *pr = vt_def_at(def,
				VT_KIND_PRIORITY, i);

			if (!pr->plan || strcmp(pr->plan, pl->code))
				continue;
			codes[m] = pr->code;
			names[m++] = pr->title ? pr->title : pr->code;
		}
		codes[m] = names[m] = NULL;
		if (!m)
			continue;
		snprintf(legend, sizeof(legend), "Priorities of %s",
			 pl->title ? pl->title : pl->code);
		boxes(r, legend, NULL,
		      "priority", codes, names, p != NULL, stored,
		      first ? page_problem_at(p, "priorities") : NULL,
		      "priorities-error");
		first = false;
	}
	page_field_text(r, "actions", "Actions it led to (optional)", "The "
			"references of actions in the tracker, separated by "
			"spaces, for example VOICE-A1 P2-A3",
			p ? page_problem_typed(r, p, "actions") : actions, NULL,
			page_problem_at(p, "actions"));
	page_button(r, "Record what changed", false);
	vt_html_literal(h, "</form>");
done:
	free(codes);
	free(names);
}

/* Where a problem with the priorities is linked from the summary: the
   first box shown, that of the first plan's first priority. */
static const char *priority_box(const struct vt_def *def, const char *field,
				char *out, size_t size)
{
	size_t k, i;

	if (strcmp(field, "priorities"))
		return field;
	for (k = 0; k < vt_def_count(def, VT_KIND_PLAN); k++) {
		const struct vt_plan *pl = vt_def_at(def, VT_KIND_PLAN, k);

		for (i = 0; i < vt_def_count(def, VT_KIND_PRIORITY); i++) {
			const struct vt_priority *pr = vt_def_at(def,
				VT_KIND_PRIORITY, i);

			if (pr->plan && !strcmp(pr->plan, pl->code)) {
				snprintf(out, size, "priority-%s", pr->code);
				return out;
			}
		}
	}
	return field;
}

static unsigned record_page(struct req *r, const struct page_problem *p,
			    unsigned status)
{
	static const char *const done[][2] = {
		{ "added", "Voice report added" },
		{ "changed", "What changed is recorded" },
		{ NULL, NULL } };
	struct vt_html *h = &r->html;
	const struct vt_voice *v;
	const struct vt_measure *m;
	struct vt_def def;
	char title[200], words[VT_DATE_WORDS_MAX], method[80], count[64];
	char href[200], box[160];

	if (!req_read_def(r, &def, &status))
		return status;
	v = vt_def_find(&def, VT_KIND_VOICE, r->params[0]);
	if (!v) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such voice report.");
	}
	r->up_href = "/voice";
	r->up_text = "Voice of children and families";
	snprintf(title, sizeof(title), "Voice report %s", v->ref);
	page_begin(r, title);
	if (p)
		page_problem(r, "There is a problem", p->message,
			     priority_box(&def, p->field, box, sizeof(box)));
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Title", v->title, "voice-title");
	page_summary_row(r, "Who ran it", source_name(&def, v->source),
			 "voice-source");
	vt_date_words(v->date, words);
	page_summary_row(r, "Date", words, "voice-date");
	method_words(v->method, method, sizeof(method));
	page_summary_row(r, "How they were heard", method, "voice-method");
	snprintf(count, sizeof(count), "%lld", (long long)v->participants);
	page_summary_row(r, "How many took part", count,
			 "voice-participants");
	page_summary_row_open(r, "Themes", "voice-themes");
	theme_list(r, &def, v);
	page_summary_row_close(r);
	page_summary_row(r, "What they said", v->summary, "voice-summary");
	page_summary_row(r, "What changed", v->changed ? v->changed
			 : "Not yet recorded", "voice-changed");
	linked_priorities(r, &def, v);
	linked_actions(r, &def, v);
	page_summary_row_open(r, "Measure it informs", "voice-measure");
	m = v->measure ? vt_def_find(&def, VT_KIND_MEASURE, v->measure) : NULL;
	if (m) {
		snprintf(href, sizeof(href), "/measures/%s", m->code);
		vt_html_element(h, "a", m->title ? m->title : m->code, "class",
				"govuk-link", "href", href, NULL);
	} else {
		vt_html_text(h, v->measure ? v->measure : "None");
	}
	page_summary_row_close(r);
	page_summary_end(r);
	if (may_change(r))
		changed_form(r, &def, v, p);
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_voice(struct req *r)
{
	return record_page(r, NULL, 200);
}

unsigned page_voice_changed(struct req *r)
{
	static const char *const fields[] = {
		"changed", "priorities", "actions", NULL };
	const char *priorities[REQ_FIELDS_MAX], *actions[VOICE_LINKS_MAX];
	const char *typed = req_field(r, "actions");
	char list[1000], why[512], where[260], *at, *save = NULL;
	struct vt_voice_edit e;
	struct page_problem p;
	enum vt_err result;
	size_t nactions = 0;

	if (!may_change(r))
		return page_error(r, 403, "What changed is recorded by the "
				  "partnership's analysts, administrators and "
				  "chair.");
	/* The actions, separated by spaces or commas. */
	snprintf(list, sizeof(list), "%s", typed ? typed : "");
	for (at = strtok_r(list, " ,;\t\r\n", &save);
	     at && nactions < VOICE_LINKS_MAX;
	     at = strtok_r(NULL, " ,;\t\r\n", &save))
		actions[nactions++] = at;
	memset(&e, 0, sizeof(e));
	e.ref = r->params[0];
	e.changed = req_field(r, "changed") ? req_field(r, "changed") : "";
	e.npriorities = ticked(r, "priority", priorities, REQ_FIELDS_MAX);
	e.priorities = priorities;
	e.set_priorities = true;
	e.actions = actions;
	e.nactions = nactions;
	e.set_actions = true;
	result = vt_voice_update(r->store, &e, r->who.email, why, sizeof(why));
	if (result == VT_ENOTFOUND && !strncmp(why, "ref:", 4))
		return page_error(r, 404, "There is no such voice report.");
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		page_problem_read(&p, why, "voice report", fields, "changed");
		return record_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/voice/%s?done=changed",
		 r->params[0]);
	return req_redirect(r, where);
}
