/* The groups on the web: every group with its reporting line, a group's terms and desired outcomes, members, forward plan, meetings, decisions, reports received and attendance over a year, one meeting, and the forms that keep its meetings. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/markdown.h"
#include "vitals/meetings.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define LINE_MAX_GROUPS 32

/* A meeting's status and a decision's state in words, with a tag's
   colour: never colour alone. */
static const char *const status_words[VT_MEETING__MAX] = {
	"Planned", "Held", "Cancelled" };
static const char *const status_tags[VT_MEETING__MAX] = {
	"govuk-tag govuk-tag--blue", "govuk-tag govuk-tag--green",
	"govuk-tag govuk-tag--grey" };
static const char *const state_words[VT_DECISION__MAX] = {
	"Open", "Overdue", "Done" };
static const char *const state_tags[VT_DECISION__MAX] = {
	"govuk-tag govuk-tag--yellow", "govuk-tag govuk-tag--red",
	"govuk-tag govuk-tag--green" };
static const char *const attended_labels[VT_ATTENDED__MAX + 1] = {
	"Present", "Apologies", "Absent", NULL };
static const char *const report_kinds[] = {
	"pack", "return", "audit", "review", "scrutiny", NULL };
static const char *const report_labels[] = {
	"Quarterly performance pack", "An agency's return", "Audit",
	"Case review", "Scrutiny item", NULL };

/*
 * The group's meetings are kept by the partnership's business staff (the
 * analysts and the administrator) and by the chair; every signed-in user
 * reads them.
 */
static bool may_keep(const struct req *r)
{
	return r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_ANALYST ||
	       r->who.role == VT_ROLE_CHAIR;
}

static int fy_of(const struct vt_def *def)
{
	const struct vt_partnership *p = page_partnership(def);

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
	       ? (int)p->fy_start_month : 4;
}

/* "quarterly" as "Quarterly"; 'out' holds 32 bytes. */
static const char *cadence_words(const struct vt_group *g, char *out)
{
	snprintf(out, 32, "%s", vt_cadence_names[g->cadence]);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

static void tag(struct vt_html *h, const char *words, const char *cls)
{
	vt_html_element(h, "strong", words, "class", cls, NULL);
}

static const char *group_name(const struct vt_def *def, const char *code)
{
	const struct vt_group *g = vt_def_find(def, VT_KIND_GROUP, code);

	return g && g->name ? g->name : code;
}

static void group_link(struct vt_html *h, const struct vt_group *g)
{
	char href[200];

	snprintf(href, sizeof(href), "/groups/%s", g->code);
	vt_html_element(h, "a", g->name, "class", "govuk-link", "href", href,
			NULL);
}

/* The line up to the top: "Neglect Sub-Group, then Business Group,
   then ..." as links, nearest first. */
static void line_of(struct req *r, const struct vt_def *def,
		    const struct vt_group *g)
{
	const struct vt_group *line[LINE_MAX_GROUPS];
	size_t n = vt_group_line(def, g, line, LINE_MAX_GROUPS), i;
	struct vt_html *h = &r->html;

	if (n < 2) {
		vt_html_text(h, "Reports to no other group");
		return;
	}
	vt_html_literal(h, "<ol class=\"govuk-list vt-line\">");
	for (i = 1; i < n; i++) {
		vt_html_literal(h, "<li>");
		group_link(h, line[i]);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ol>");
}

/* Markdown written by the partnership, made safe; as text when it
   cannot be rendered. */
static void markdown(struct req *r, const char *id, const char *text)
{
	struct vt_html *h = &r->html;
	char *safe = NULL;

	vt_html_open(h, "div", "class", "govuk-body", "id", id, NULL);
	if (vt_markdown_html(text, &safe))
		vt_html_element(h, "p", text, "class", "govuk-body", NULL);
	else
		vt_html_trusted(h, safe);
	free(safe);
	vt_html_close(h, "div");
}

static void quorate_cell(struct req *r, const struct vt_group *g,
			 const struct vt_meeting *m)
{
	int q = vt_meeting_quorate(g, m);

	page_cell(r, q < 0 ? "No quorum rule" : q ? "Yes" : "No");
}

static void meeting_link(struct req *r, const struct vt_meeting *m)
{
	struct vt_html *h = &r->html;
	char href[300], words[VT_DATE_WORDS_MAX];

	vt_date_words(m->date, words);
	snprintf(href, sizeof(href), "/groups/%s/meetings/%s", m->group,
		 m->ref);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	vt_html_element(h, "a", words, "class", "govuk-link", "href", href,
			NULL);
	vt_html_literal(h, "</td>");
}

/* ------------------------------------------------------------------ */
/* Every group */

unsigned page_groups(struct req *r)
{
	static const char *const columns[] = {
		"Group", "Chair", "Meets", "Reports to", "Next meeting",
		"Open decisions", NULL };
	struct vt_html *h = &r->html;
	unsigned status = 200;
	struct vt_def def;
	char today[11];
	size_t i, j, k;

	if (!req_read_def(r, &def, &status))
		return status;
	server_today(today);
	page_begin(r, "Groups");
	vt_html_element(h, "p", "The partnership's boards, sub-groups, forums "
			"and panels: who chairs each, how often it meets, who "
			"it reports to, its next meeting and the decisions it "
			"has still to see done.", "class", "govuk-body", NULL);
	page_table_begin(r, "groups", "Groups and their reporting line",
			 columns);
	for (i = 0; i < vt_def_count(&def, VT_KIND_GROUP); i++) {
		const struct vt_group *g = vt_def_at(&def, VT_KIND_GROUP, i);
		const struct vt_meeting **ms = NULL;
		const struct vt_meeting *next = NULL;
		size_t n = 0, open = 0, overdue = 0;
		char text[64], cad[32];

		if (vt_group_meetings(&def, g->code, &ms, &n))
			break;
		for (j = 0; j < n; j++) {
			if (!next && ms[j]->status == VT_MEETING_PLANNED &&
			    strcmp(ms[j]->date, today) >= 0)
				next = ms[j];
			for (k = 0; k < ms[j]->ndecisions; k++) {
				enum vt_decision_state st = vt_decision_state(
					&ms[j]->decisions[k], today);

				open += st != VT_DECISION_DONE;
				overdue += st == VT_DECISION_OVERDUE;
			}
		}
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
				   "govuk-table__cell\">");
		group_link(h, g);
		vt_html_literal(h, "</td>");
		page_cell(r, g->chair);
		page_cell(r, cadence_words(g, cad));
		page_cell(r, g->reports_to ? group_name(&def, g->reports_to)
			  : "No other group");
		if (next)
			meeting_link(r, next);
		else
			page_cell(r, "None planned");
		if (overdue)
			snprintf(text, sizeof(text), "%zu (%zu overdue)", open,
				 overdue);
		else
			snprintf(text, sizeof(text), "%zu", open);
		page_cell(r, text);
		vt_html_literal(h, "</tr>");
		free(ms);
	}
	page_table_end(r);
	page_end(r);
	vt_def_release(&def);
	return status;
}

/* ------------------------------------------------------------------ */
/* One group */

static void members_table(struct req *r, const struct vt_def *def,
			  const struct vt_group *g)
{
	static const char *const columns[] = { "Agency", "Role", NULL };
	struct vt_html *h = &r->html;
	size_t i;

	if (!g->nmembers) {
		vt_html_element(h, "h2", "Members", "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "The group's members are not written "
				"down.", "class", "govuk-body", "id",
				"no-members", NULL);
		return;
	}
	page_table_begin(r, "members", "Members", columns);
	for (i = 0; i < g->nmembers; i++) {
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		page_cell(r, page_agency_name(def, g->members[i].agency));
		page_cell(r, g->members[i].role);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
}

static void forward_plan(struct req *r, const struct vt_meeting *const *ms,
			 size_t n, const char *today)
{
	static const char *const columns[] = { "Date", "Agenda", NULL };
	struct vt_html *h = &r->html;
	size_t i, j, shown = 0;

	for (i = 0; i < n; i++) {
		const struct vt_meeting *m = ms[i];

		if (m->status != VT_MEETING_PLANNED ||
		    strcmp(m->date, today) < 0)
			continue;
		if (!shown++)
			page_table_begin(r, "forward-plan", "Forward plan",
					 columns);
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		meeting_link(r, m);
		vt_html_literal(h, "<td class=\"govuk-table__cell\">");
		if (m->nitems) {
			vt_html_literal(h, "<ul class=\"govuk-list "
					   "govuk-list--bullet\">");
			for (j = 0; j < m->nitems; j++)
				vt_html_element(h, "li", m->items[j].text,
						NULL);
			vt_html_literal(h, "</ul>");
		} else {
			vt_html_text(h, "No agenda yet");
		}
		vt_html_literal(h, "</td></tr>");
	}
	if (shown) {
		page_table_end(r);
		return;
	}
	vt_html_element(h, "h2", "Forward plan", "class", "govuk-heading-m",
			NULL);
	vt_html_element(h, "p", "No meetings are planned.", "class",
			"govuk-body", "id", "no-plan", NULL);
}

static void held_table(struct req *r, const struct vt_group *g,
		       const struct vt_meeting *const *ms, size_t n)
{
	static const char *const columns[] = {
		"Date", "Members present", "Quorate", "Decisions",
		"Reports received", NULL };
	struct vt_html *h = &r->html;
	size_t i, shown = 0;
	char text[32];

	for (i = n; i-- > 0;) {
		const struct vt_meeting *m = ms[i];

		if (m->status != VT_MEETING_HELD)
			continue;
		if (!shown++)
			page_table_begin(r, "meetings-held", "Meetings held",
					 columns);
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		meeting_link(r, m);
		snprintf(text, sizeof(text), "%zu", vt_meeting_present(g, m));
		page_cell(r, text);
		quorate_cell(r, g, m);
		snprintf(text, sizeof(text), "%zu", m->ndecisions);
		page_cell(r, text);
		snprintf(text, sizeof(text), "%zu", m->nreceived);
		page_cell(r, text);
		vt_html_literal(h, "</tr>");
	}
	if (shown) {
		page_table_end(r);
		return;
	}
	vt_html_element(h, "h2", "Meetings held", "class", "govuk-heading-m",
			NULL);
	vt_html_element(h, "p", "No meetings have been held.", "class",
			"govuk-body", "id", "no-meetings", NULL);
}

static void decision_row(struct req *r, const struct vt_def *def,
			 const struct vt_meeting *m,
			 const struct vt_meeting_decision *d,
			 const char *today, bool with_meeting)
{
	enum vt_decision_state st = vt_decision_state(d, today);
	struct vt_html *h = &r->html;
	char num[24];

	/* The meeting and the number under the decision's words: four
	   columns fit a narrow screen. */
	vt_html_literal(h, "<tr class=\"govuk-table__row\">"
			   "<td class=\"govuk-table__cell\">");
	snprintf(num, sizeof(num), "%lld. ", (long long)d->number);
	vt_html_text(h, num);
	vt_html_text(h, d->text);
	if (with_meeting) {
		char href[300], words[VT_DATE_WORDS_MAX];

		vt_date_words(m->date, words);
		snprintf(href, sizeof(href), "/groups/%s/meetings/%s",
			 m->group, m->ref);
		vt_html_literal(h, "<br><span class=\"govuk-body-s\">");
		vt_html_text(h, "Meeting of ");
		vt_html_element(h, "a", words, "class", "govuk-link", "href",
				href, NULL);
		vt_html_literal(h, "</span>");
	}
	vt_html_literal(h, "</td><td class=\"govuk-table__cell\">");
	vt_html_text(h, d->owner);
	vt_html_literal(h, "<br>");
	vt_html_text(h, page_agency_name(def, d->agency));
	vt_html_literal(h, "</td>");
	page_date_cell(r, d->due);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	tag(h, state_words[st], state_tags[st]);
	if (d->done) {
		char words[VT_DATE_WORDS_MAX];

		vt_date_words(d->done, words);
		vt_html_textf(h, " %s", words);
	}
	vt_html_literal(h, "</td></tr>");
}

static void decisions_table(struct req *r, const struct vt_def *def,
			    const struct vt_meeting *const *ms, size_t n,
			    const char *today)
{
	static const char *const columns[] = {
		"Decision", "Owner", "Due", "State", NULL };
	struct vt_html *h = &r->html;
	size_t i, j, shown = 0;

	for (i = n; i-- > 0;)
		for (j = 0; j < ms[i]->ndecisions; j++) {
			if (!shown++)
				page_table_begin(r, "decisions", "Decisions",
						 columns);
			decision_row(r, def, ms[i], &ms[i]->decisions[j],
				     today, true);
		}
	if (shown) {
		page_table_end(r);
		return;
	}
	vt_html_element(h, "h2", "Decisions", "class", "govuk-heading-m",
			NULL);
	vt_html_element(h, "p", "No decisions are recorded.", "class",
			"govuk-body", "id", "no-decisions", NULL);
}

/* A report received, linked to its record. */
static void report_link(struct req *r, const char *subject)
{
	struct vt_html *h = &r->html;
	const char *colon = strchr(subject, ':');
	const char *name = colon ? colon + 1 : subject;
	char href[300], text[300];

	if (!strncmp(subject, "pack:", 5)) {
		snprintf(href, sizeof(href), "/reports/%s/vital-signs.html",
			 name);
		snprintf(text, sizeof(text), "Performance pack %s", name);
	} else if (!strncmp(subject, "return:", 7)) {
		snprintf(href, sizeof(href), "/returns/%s", name);
		snprintf(text, sizeof(text), "Return %s", name);
	} else if (!strncmp(subject, "audit:", 6)) {
		snprintf(href, sizeof(href), "/audits/%s", name);
		snprintf(text, sizeof(text), "Audit %s", name);
	} else if (!strncmp(subject, "review:", 7)) {
		snprintf(href, sizeof(href), "/reviews/%s", name);
		snprintf(text, sizeof(text), "Case review %s", name);
	} else if (!strncmp(subject, "scrutiny:", 9)) {
		snprintf(href, sizeof(href), "/scrutiny/%s", name);
		snprintf(text, sizeof(text), "Scrutiny item %s", name);
	} else {
		vt_html_text(h, subject);
		return;
	}
	vt_html_element(h, "a", text, "class", "govuk-link", "href", href,
			NULL);
}

static void received_table(struct req *r, const struct vt_meeting *const *ms,
			   size_t n, bool with_meeting)
{
	static const char *const with[] = { "Meeting", "Report", "Note",
					    NULL };
	static const char *const without[] = { "Report", "Note", NULL };
	struct vt_html *h = &r->html;
	size_t i, j, shown = 0;

	for (i = n; i-- > 0;)
		for (j = 0; j < ms[i]->nreceived; j++) {
			const struct vt_meeting_report *rep =
				&ms[i]->received[j];

			if (!shown++)
				page_table_begin(r, "received",
						 "Reports received",
						 with_meeting ? with : without);
			vt_html_literal(h, "<tr class=\"govuk-table__row\">");
			if (with_meeting)
				meeting_link(r, ms[i]);
			vt_html_literal(h, "<td class=\"govuk-table__cell\">");
			report_link(r, rep->subject);
			vt_html_literal(h, "</td>");
			page_cell(r, rep->note);
			vt_html_literal(h, "</tr>");
		}
	if (shown) {
		page_table_end(r);
		return;
	}
	vt_html_element(h, "h2", "Reports received", "class",
			"govuk-heading-m", NULL);
	vt_html_element(h, "p", "No reports are recorded as received.",
			"class", "govuk-body", "id", "no-received", NULL);
}

static void attendance_table(struct req *r, const struct vt_def *def,
			     const struct vt_group *g, const char *year)
{
	static const char *const columns[] = {
		"Agency", "Held", "Present", "Apologies", "Absent",
		"Attendance", NULL };
	struct vt_html *h = &r->html;
	struct vt_attendance_year a;
	char caption[120], n[24];
	size_t i;

	if (vt_attendance_year(def, g, year, fy_of(def), &a))
		return;
	snprintf(caption, sizeof(caption), "Attendance by agency in %s",
		 a.year);
	if (!a.held) {
		vt_html_element(h, "h2", caption, "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "No meetings were held in the year.",
				"class", "govuk-body", "id", "no-attendance",
				NULL);
		vt_attendance_year_release(&a);
		return;
	}
	page_table_begin(r, "attendance", caption, columns);
	for (i = 0; i < a.nrows; i++) {
		const struct vt_attendance_row *row = &a.rows[i];

		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		page_cell(r, page_agency_name(def, row->agency));
		snprintf(n, sizeof(n), "%zu", row->held);
		page_cell(r, n);
		snprintf(n, sizeof(n), "%zu", row->present);
		page_cell(r, n);
		snprintf(n, sizeof(n), "%zu", row->apologies);
		page_cell(r, n);
		snprintf(n, sizeof(n), "%zu", row->absent);
		page_cell(r, n);
		if (isnan(row->rate))
			snprintf(n, sizeof(n), "None held");
		else
			snprintf(n, sizeof(n), "%.0f%%", row->rate);
		page_cell(r, n);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
	snprintf(caption, sizeof(caption), "%zu of %zu meetings held were "
		 "quorate.", a.quorate, a.held);
	if (g->quorum > 0)
		vt_html_element(h, "p", caption, "class", "govuk-body", "id",
				"quorate-count", NULL);
	vt_attendance_year_release(&a);
}

static void add_form(struct req *r, const struct vt_group *g,
		     const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[200];

	vt_html_element(h, "h2", "Add a meeting", "class", "govuk-heading-m",
			"id", "add", NULL);
	snprintf(action, sizeof(action), "/groups/%s/meetings", g->code);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_text(r, "ref", "Reference", "For example the group and "
			"the month: executive-2027-01",
			page_problem_typed(r, p, "ref"), "govuk-input--width-20",
			page_problem_at(p, "ref"));
	page_field_text(r, "date", "Date", "Year, month and day, for example "
			"2027-01-11", page_problem_typed(r, p, "date"),
			"govuk-input--width-10", page_problem_at(p, "date"));
	page_field_textarea(r, "items", "Agenda", "One item a line. Never a "
			    "child's or a person's name.",
			    page_problem_typed(r, p, "items"),
			    page_problem_at(p, "items"));
	page_button(r, "Add meeting", false);
	vt_html_literal(h, "</form>");
}

/* The year asked (?year=2025-26), else this one. */
static const char *year_asked(struct req *r, const struct vt_def *def,
			      char *out)
{
	const char *asked = page_blank_null(req_query(r, "year"));
	char today[11];
	struct vt_attendance_year a;
	const struct vt_group g = { .code = (char *)"" };

	if (asked && !vt_attendance_year(def, &g, asked, fy_of(def), &a)) {
		vt_attendance_year_release(&a);
		snprintf(out, 8, "%s", asked);
		return out;
	}
	server_today(today);
	return vt_meeting_year_of(today, fy_of(def), out);
}

static unsigned group_page(struct req *r, const struct page_problem *p,
			   unsigned status)
{
	static const char *const done[][2] = {
		{ "added", "Meeting added" }, { NULL, NULL } };
	struct vt_html *h = &r->html;
	const struct vt_meeting **ms = NULL;
	const struct vt_group *g;
	struct vt_def def;
	char today[11], year[8], text[64], cad[32];
	size_t n = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	g = vt_def_find(&def, VT_KIND_GROUP, r->params[0]);
	if (!g) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such group.");
	}
	if (vt_group_meetings(&def, g->code, &ms, &n)) {
		vt_def_release(&def);
		return page_error(r, 500, "The group's meetings cannot be "
				  "read.");
	}
	server_today(today);
	r->up_href = "/groups";
	r->up_text = "Groups";
	page_begin(r, g->name);
	if (p)
		page_problem(r, "There is a problem", p->message, p->field);
	else
		page_done(r, done);
	page_summary_begin(r);
	page_summary_row(r, "Chair", g->chair, "group-chair");
	page_summary_row(r, "Meets", cadence_words(g, cad), "group-cadence");
	page_summary_row_open(r, "Reports to", "group-line");
	line_of(r, &def, g);
	page_summary_row_close(r);
	if (g->quorum > 0)
		snprintf(text, sizeof(text), "%lld member agencies present",
			 (long long)g->quorum);
	page_summary_row(r, "Quorum", g->quorum > 0 ? text : "No quorum rule",
			 "group-quorum");
	page_summary_end(r);
	vt_html_element(h, "h2", "Terms of reference", "class",
			"govuk-heading-m", NULL);
	if (g->terms)
		markdown(r, "terms", g->terms);
	else
		vt_html_element(h, "p", "Not yet agreed.", "class",
				"govuk-body", "id", "terms", NULL);
	vt_html_element(h, "h2", "Desired outcomes", "class",
			"govuk-heading-m", NULL);
	if (g->outcomes)
		markdown(r, "outcomes", g->outcomes);
	else
		vt_html_element(h, "p", "Not yet agreed.", "class",
				"govuk-body", "id", "outcomes", NULL);
	members_table(r, &def, g);
	forward_plan(r, ms, n, today);
	held_table(r, g, ms, n);
	decisions_table(r, &def, ms, n, today);
	received_table(r, ms, n, true);
	if (year_asked(r, &def, year))
		attendance_table(r, &def, g, year);
	if (may_keep(r))
		add_form(r, g, p);
	page_end(r);
	free(ms);
	vt_def_release(&def);
	return status;
}

unsigned page_group(struct req *r)
{
	return group_page(r, NULL, 200);
}

/* The library's refusal at the form's field; 'fields' as the form has
   them. */
static void problem_of(struct page_problem *p, const char *why,
		       const char *const *fields, const char *fallback)
{
	page_problem_read(p, why, "meeting", fields, fallback);
}

unsigned page_meeting_add(struct req *r)
{
	static const char *const fields[] = { "ref", "date", "items", NULL };
	const char *items[64];
	char *copy = NULL, *line, *next, why[768], where[300];
	const char *text = page_field_or_null(r, "items");
	struct page_problem p;
	size_t nitems = 0;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Meetings are kept by the "
				  "partnership's business staff and the "
				  "chair.");
	if (text && !(copy = strdup(text)))
		return page_error(r, 500, "Out of memory.");
	for (line = copy; line && nitems < 64; line = next) {
		size_t len;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		len = strlen(line);
		while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (!vt_text_blank(line))
			items[nitems++] = line;
	}
	result = vt_meeting_add(r->store, page_field_or_null(r, "ref"),
				r->params[0], page_field_or_null(r, "date"),
				items, nitems, r->who.email, why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		free(copy);
		problem_of(&p, why, fields, "ref");
		if (!strcmp(p.word, "text"))
			snprintf(p.field, sizeof(p.field), "items");
		return group_page(r, &p, 422);
	}
	if (result) {
		free(copy);
		return page_error(r, 503, "The database does not answer.");
	}
	/* The reference was checked: letters, digits and - _ . only. */
	snprintf(where, sizeof(where), "/groups/%s/meetings/%s?done=added",
		 r->params[0], page_field_or_blank(r, "ref"));
	free(copy);
	return req_redirect(r, where);
}

/* ------------------------------------------------------------------ */
/* One meeting */

/* Whether the attendance form asks about 'agency': a member, or when
   the group lists none one recorded or a statutory partner. */
static bool asked_about(const struct vt_def *def, const struct vt_group *g,
			const struct vt_meeting *m, const char *agency)
{
	const struct vt_agency *a;
	size_t j;

	if (g->nmembers)
		return true;
	for (j = 0; j < m->nattendance; j++)
		if (!strcmp(m->attendance[j].agency, agency))
			return true;
	a = vt_def_find(def, VT_KIND_AGENCY, agency);
	return a && !strcmp(vt_agency_kind_names[a->kind],
			    "statutory-partner");
}

static const char *agency_at(const struct vt_def *def,
			     const struct vt_group *g, size_t i)
{
	return g->nmembers ? g->members[i].agency :
	       ((const struct vt_agency *)vt_def_at(def, VT_KIND_AGENCY,
						     i))->code;
}

static size_t agencies_asked(const struct vt_def *def,
			     const struct vt_group *g)
{
	return g->nmembers ? g->nmembers : vt_def_count(def, VT_KIND_AGENCY);
}

/* The first agency the attendance form asks about. */
static const char *first_asked(const struct vt_def *def,
			       const struct vt_group *g,
			       const struct vt_meeting *m)
{
	size_t i;

	for (i = 0; i < agencies_asked(def, g); i++)
		if (asked_about(def, g, m, agency_at(def, g, i)))
			return agency_at(def, g, i);
	return "";
}

/* The agencies the attendance form asks about: the group's members, or
   when it lists none those recorded and every other agency. */
static void attendance_form(struct req *r, const struct vt_def *def,
			    const struct vt_group *g,
			    const struct vt_meeting *m,
			    const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[300], id[100];
	size_t i, j, n = agencies_asked(def, g);
	bool first = true;

	vt_html_element(h, "h2", "Record attendance", "class",
			"govuk-heading-m", "id", "record-attendance", NULL);
	vt_html_element(h, "p", g->nmembers ? "How each member agency was at "
			"the meeting. Recording it marks the meeting held." :
			"The group's members are not written down: say how "
			"each agency that was expected was at the meeting.",
			"class", "govuk-body", NULL);
	snprintf(action, sizeof(action), "/groups/%s/meetings/%s/attendance",
		 m->group, m->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	for (i = 0; i < n; i++) {
		const char *agency = agency_at(def, g, i);
		const char *chosen = NULL;

		if (!asked_about(def, g, m, agency))
			continue;
		for (j = 0; j < m->nattendance; j++)
			if (!strcmp(m->attendance[j].agency, agency))
				chosen = vt_attended_names[
					m->attendance[j].attended];
		snprintf(id, sizeof(id), "att-%s", agency);
		/* A refusal of the whole is said at the first question. */
		page_field_radios(r, id, page_agency_name(def, agency), NULL,
				  vt_attended_names, attended_labels, chosen,
				  page_problem_at(p, first && p &&
						  !strcmp(p->field, "attendance")
						  ? "attendance" : id));
		first = false;
	}
	page_button(r, "Record attendance", false);
	vt_html_literal(h, "</form>");
}

static void decision_form(struct req *r, const struct vt_def *def,
			  const struct vt_meeting *m,
			  const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[300];

	vt_html_element(h, "h2", "Add a decision", "class", "govuk-heading-m",
			"id", "add-decision", NULL);
	snprintf(action, sizeof(action), "/groups/%s/meetings/%s/decisions",
		 m->group, m->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_textarea(r, "text", "Decision", "Never a child's or a "
			    "person's name.", page_problem_typed(r, p, "text"),
			    page_problem_at(p, "text"));
	page_field_text(r, "owner", "Owner", "A role title, for example Head "
			"of Safeguarding. Never a person's name.",
			page_problem_typed(r, p, "owner"), NULL,
			page_problem_at(p, "owner"));
	{
		size_t n = vt_def_count(def, VT_KIND_AGENCY), i;
		const char **codes = calloc(n + 1, sizeof(*codes));
		const char **names = calloc(n + 1, sizeof(*names));

		for (i = 0; codes && names && i < n; i++) {
			const struct vt_agency *a = vt_def_at(def,
				VT_KIND_AGENCY, i);

			codes[i] = a->code;
			names[i] = a->name ? a->name : a->code;
		}
		if (codes && names)
			page_field_select(r, "agency", "Owner's agency", NULL,
					  codes, names,
					  page_problem_typed(r, p, "agency"),
					  "Choose an agency",
					  page_problem_at(p, "agency"));
		free(codes);
		free(names);
	}
	page_field_text(r, "due", "Due (optional)", "Year, month and day, for "
			"example 2027-03-31", page_problem_typed(r, p, "due"),
			"govuk-input--width-10", page_problem_at(p, "due"));
	page_button(r, "Add decision", false);
	vt_html_literal(h, "</form>");
}

static void done_form(struct req *r, const struct vt_meeting *m,
		      const struct page_problem *p)
{
	const char *numbers[65], *labels[65];
	char nums[64][24], texts[64][120];
	struct vt_html *h = &r->html;
	char action[300];
	size_t i, n = 0;

	for (i = 0; i < m->ndecisions && n < 64; i++) {
		if (m->decisions[i].done)
			continue;
		snprintf(nums[n], sizeof(nums[n]), "%lld",
			 (long long)m->decisions[i].number);
		snprintf(texts[n], sizeof(texts[n]), "%lld: %.100s",
			 (long long)m->decisions[i].number,
			 m->decisions[i].text);
		numbers[n] = nums[n];
		labels[n] = texts[n];
		n++;
	}
	if (!n)
		return;
	numbers[n] = labels[n] = NULL;
	vt_html_element(h, "h2", "Mark a decision done", "class",
			"govuk-heading-m", "id", "mark-done", NULL);
	snprintf(action, sizeof(action), "/groups/%s/meetings/%s/done",
		 m->group, m->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_select(r, "number", "Decision", NULL, numbers, labels,
			  page_problem_typed(r, p, "number"),
			  "Choose a decision", page_problem_at(p, "number"));
	/* "done-on": the page's success banner is "done". */
	page_field_text(r, "done-on", "Done on", "Year, month and day, for "
			"example 2027-01-20", page_problem_typed(r, p,
			"done-on"), "govuk-input--width-10",
			page_problem_at(p, "done-on"));
	page_button(r, "Mark done", false);
	vt_html_literal(h, "</form>");
}

static void receive_form(struct req *r, const struct vt_meeting *m,
			 const struct page_problem *p)
{
	struct vt_html *h = &r->html;
	char action[300];

	vt_html_element(h, "h2", "Record a report received", "class",
			"govuk-heading-m", "id", "record-report", NULL);
	snprintf(action, sizeof(action), "/groups/%s/meetings/%s/received",
		 m->group, m->ref);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	page_field_select(r, "kind", "Kind of report", NULL, report_kinds,
			  report_labels, page_problem_typed(r, p, "kind"),
			  "Choose a kind", page_problem_at(p, "kind"));
	page_field_text(r, "reference", "Which one", "A quarter for the "
			"pack (2026Q2); an agency and a period for a return "
			"(police/2026Q2); the reference of an audit, case "
			"review or scrutiny item (MAA-2026-01)",
			page_problem_typed(r, p, "reference"),
			"govuk-input--width-20",
			page_problem_at(p, "reference"));
	page_field_textarea(r, "note", "Note (optional)", "Never a child's or "
			    "a person's name.", page_problem_typed(r, p, "note"),
			    page_problem_at(p, "note"));
	page_button(r, "Record report", false);
	vt_html_literal(h, "</form>");
}

static unsigned meeting_page(struct req *r, const struct page_problem *p,
			     unsigned status)
{
	static const char *const done[][2] = {
		{ "added", "Meeting added" },
		{ "attendance", "Attendance recorded" },
		{ "decision", "Decision added" },
		{ "done", "Decision marked done" },
		{ "received", "Report recorded" },
		{ NULL, NULL } };
	static const char *const att_columns[] = { "Agency", "Attended",
						   NULL };
	static const char *const dec_columns[] = {
		"Decision", "Owner", "Due", "State", NULL };
	struct vt_html *h = &r->html;
	const struct vt_meeting *m;
	const struct vt_group *g;
	struct vt_def def;
	char title[300], today[11], words[VT_DATE_WORDS_MAX], text[64];
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	m = vt_def_find(&def, VT_KIND_MEETING, r->params[1]);
	g = vt_def_find(&def, VT_KIND_GROUP, r->params[0]);
	if (!m || !g || strcmp(m->group, g->code)) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such meeting.");
	}
	server_today(today);
	snprintf(title, sizeof(title), "/groups/%s", g->code);
	r->up_href = title;
	r->up_text = g->name;
	vt_date_words(m->date, words);
	{
		char heading[300];

		snprintf(heading, sizeof(heading), "%s: %s", g->name, words);
		page_begin(r, heading);
	}
	if (p && !strcmp(p->field, "attendance")) {
		char first[100];

		/* The form's first question: its first radio. */
		snprintf(first, sizeof(first), "att-%s", first_asked(&def, g,
			 m));
		page_problem(r, "There is a problem", p->message, first);
	} else if (p) {
		page_problem(r, "There is a problem", p->message, p->field);
	} else {
		page_done(r, done);
	}
	page_summary_begin(r);
	page_summary_row_open(r, "Status", "meeting-status");
	tag(h, status_words[m->status], status_tags[m->status]);
	page_summary_row_close(r);
	if (m->status == VT_MEETING_HELD) {
		int q = vt_meeting_quorate(g, m);

		snprintf(text, sizeof(text), "%zu", vt_meeting_present(g, m));
		page_summary_row(r, "Members present", text,
				 "meeting-present");
		page_summary_row(r, "Quorate", q < 0 ? "No quorum rule" :
				 q ? "Yes" : "No", "meeting-quorate");
	}
	page_summary_end(r);
	vt_html_element(h, "h2", "Agenda", "class", "govuk-heading-m", NULL);
	if (m->nitems) {
		vt_html_literal(h, "<ul class=\"govuk-list govuk-list--bullet\" "
				   "id=\"agenda\">");
		for (i = 0; i < m->nitems; i++)
			vt_html_element(h, "li", m->items[i].text, NULL);
		vt_html_literal(h, "</ul>");
	} else {
		vt_html_element(h, "p", "No agenda is recorded.", "class",
				"govuk-body", "id", "agenda", NULL);
	}
	if (m->nattendance) {
		page_table_begin(r, "attendance", "Attendance", att_columns);
		for (i = 0; i < m->nattendance; i++) {
			vt_html_literal(h, "<tr class=\"govuk-table__row\">");
			page_cell(r, page_agency_name(&def,
					m->attendance[i].agency));
			page_cell(r, attended_labels[
					m->attendance[i].attended]);
			vt_html_literal(h, "</tr>");
		}
		page_table_end(r);
	}
	if (m->ndecisions) {
		page_table_begin(r, "decisions", "Decisions", dec_columns);
		for (i = 0; i < m->ndecisions; i++)
			decision_row(r, &def, m, &m->decisions[i], today,
				     false);
		page_table_end(r);
	}
	if (m->status == VT_MEETING_HELD) {
		const struct vt_meeting *one[1] = { m };

		received_table(r, one, 1, false);
	}
	if (may_keep(r) && m->status != VT_MEETING_CANCELLED)
		attendance_form(r, &def, g, m, p);
	if (may_keep(r) && m->status == VT_MEETING_HELD) {
		decision_form(r, &def, m, p);
		done_form(r, m, p);
		receive_form(r, m, p);
	}
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_meeting(struct req *r)
{
	return meeting_page(r, NULL, 200);
}

/* After a change: back to the meeting, said done, or the form again
   with the refusal at its field. */
static unsigned changed(struct req *r, enum vt_err result, const char *why,
			const char *const *fields, const char *fallback,
			const char *done)
{
	struct page_problem p;
	char where[300];

	if (result == VT_ENOTFOUND && !strncmp(why, "ref:", 4))
		return page_error(r, 404, "There is no such meeting.");
	if (result == VT_EINVAL || result == VT_ECONFLICT ||
	    result == VT_ENOTFOUND) {
		problem_of(&p, why, fields, fallback);
		if (!strcmp(p.field, "done"))
			snprintf(p.field, sizeof(p.field), "done-on");
		return meeting_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/groups/%s/meetings/%s?done=%s",
		 r->params[0], r->params[1], done);
	return req_redirect(r, where);
}

/* The meeting of the address, of the group of the address. */
static bool meeting_of_group(struct req *r, struct vt_def *def,
			     const struct vt_meeting **m,
			     const struct vt_group **g, unsigned *status)
{
	if (!req_read_def(r, def, status))
		return false;
	*m = vt_def_find(def, VT_KIND_MEETING, r->params[1]);
	*g = vt_def_find(def, VT_KIND_GROUP, r->params[0]);
	if (!*m || !*g || strcmp((*m)->group, (*g)->code)) {
		vt_def_release(def);
		*status = page_error(r, 404, "There is no such meeting.");
		return false;
	}
	return true;
}

unsigned page_meeting_attend(struct req *r)
{
	static const char *const fields[] = { "attendance", NULL };
	struct vt_attendance_entry *e = NULL;
	const struct vt_meeting *m;
	const struct vt_group *g;
	unsigned status = 200;
	struct vt_def def;
	char why[768], today[11], id[100];
	size_t i, n = 0, max;
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Attendance is recorded by the "
				  "partnership's business staff and the "
				  "chair.");
	if (!meeting_of_group(r, &def, &m, &g, &status))
		return status;
	max = agencies_asked(&def, g);
	e = calloc(max ? max : 1, sizeof(*e));
	if (!e) {
		vt_def_release(&def);
		return page_error(r, 500, "Out of memory.");
	}
	for (i = 0; i < max; i++) {
		const char *agency = agency_at(&def, g, i);
		const char *v;

		snprintf(id, sizeof(id), "att-%s", agency);
		v = page_field_or_null(r, id);
		if (!v)
			continue;
		e[n].agency = agency;
		e[n].attended = v;
		n++;
	}
	server_today(today);
	result = vt_meeting_attend(r->store, r->params[1], e, n, today,
				   r->who.email, why, sizeof(why));
	free(e);
	vt_def_release(&def);
	/* Every refusal of the form is about the attendance as a whole:
	   said at its first question. */
	{
		struct page_problem p;

		if (result == VT_EINVAL) {
			problem_of(&p, why, fields, "attendance");
			return meeting_page(r, &p, 422);
		}
	}
	return changed(r, result, why, fields, "attendance", "attendance");
}

unsigned page_meeting_decide(struct req *r)
{
	static const char *const fields[] = { "text", "owner", "agency",
					      "due", NULL };
	char why[768];
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Decisions are recorded by the "
				  "partnership's business staff and the "
				  "chair.");
	result = vt_meeting_decide(r->store, r->params[1],
				   page_field_or_null(r, "text"),
				   page_field_or_null(r, "owner"),
				   page_field_or_null(r, "agency"),
				   page_field_or_null(r, "due"),
				   r->who.email, why, sizeof(why));
	return changed(r, result, why, fields, "text", "decision");
}

unsigned page_meeting_done(struct req *r)
{
	static const char *const fields[] = { "number", "done", NULL };
	const char *number = page_field_or_blank(r, "number");
	char why[768], *end;
	long long n = strtoll(number, &end, 10);
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Decisions are marked done by the "
				  "partnership's business staff and the "
				  "chair.");
	if (!*number || *end || n < 1) {
		snprintf(why, sizeof(why), "number: choose a decision");
		return changed(r, VT_EINVAL, why, fields, "number", "done");
	}
	result = vt_meeting_done(r->store, r->params[1], n,
				 page_field_or_null(r, "done-on"), r->who.email,
				 why, sizeof(why));
	return changed(r, result, why, fields, "done", "done");
}

unsigned page_meeting_receive(struct req *r)
{
	static const char *const fields[] = { "kind", "reference", "note",
					      NULL };
	const char *kind = page_field_or_blank(r, "kind");
	const char *ref = page_field_or_blank(r, "reference");
	char why[768], subject[300];
	enum vt_err result;

	if (!may_keep(r))
		return page_error(r, 403, "Reports received are recorded by "
				  "the partnership's business staff and the "
				  "chair.");
	if (!page_one_of(kind, report_kinds) || !*kind) {
		snprintf(why, sizeof(why), "kind: choose the kind of report");
		return changed(r, VT_EINVAL, why, fields, "kind", "received");
	}
	if (vt_text_blank(ref)) {
		snprintf(why, sizeof(why), "reference: say which one");
		return changed(r, VT_EINVAL, why, fields, "reference",
			       "received");
	}
	snprintf(subject, sizeof(subject), "%s:%s", kind, ref);
	result = vt_meeting_receive(r->store, r->params[1], subject,
				    page_field_or_null(r, "note"),
				    r->who.email, why, sizeof(why));
	return changed(r, result, why, fields, "reference", "received");
}
