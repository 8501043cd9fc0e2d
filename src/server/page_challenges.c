/* The challenge log (filtered, sorted by any column, a page at a time): a scrutineer raises a challenge, the agency answers, the raiser closes it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/challenges.h"
#include "vitals/strparse.h"
#include "server/server.h"

/* Raising and closing is scrutiny's; answering is the agencies'. */
static bool may_raise(const struct req *r)
{
	return r->who.role == VT_ROLE_SCRUTINEER || r->who.role == VT_ROLE_CHAIR ||
	       r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_ANALYST;
}

/*
 * A challenge is answered by the agency it is addressed to (its lead),
 * or by those who keep the log: analysts, the chair, the scrutineer and
 * administrators.  Another agency's lead may read it, not answer it.
 */
static bool may_answer(const struct req *r, const struct vt_def *def,
		       const struct vt_challenge *c)
{
	const char *agency;

	if (r->who.role == VT_ROLE_VIEWER)
		return false;
	if (r->who.role != VT_ROLE_AGENCY_LEAD)
		return true;
	agency = vt_challenge_subject_agency(def, c->on);
	return agency && r->who.agency[0] && !strcmp(agency, r->who.agency);
}

static void text_field(struct vt_html *h, const char *id, const char *label,
		       bool area, const char *value)
{
	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_element(h, "label", label, "class", "govuk-label", "for", id,
			NULL);
	if (area) {
		vt_html_open(h, "textarea", "class", "govuk-textarea", "id", id,
			     "name", id, "rows", "4", NULL);
		vt_html_text(h, value ? value : "");
		vt_html_literal(h, "</textarea></div>");
	} else {
		vt_html_open(h, "input", "class", "govuk-input", "id", id,
			     "name", id, "type", "text", "value", value, NULL);
		vt_html_literal(h, "</div>");
	}
}

/* Rows a page, as the action tracker shows them. */
#define CHALLENGES_PER_PAGE 25

/* The columns the log sorts by, as the query names them and the
   headers say them ("" for the order raised). */
enum sort { SORT_NONE, SORT_NUMBER, SORT_SUBJECT, SORT_STATUS, SORT_RAISED,
	    SORT_WAITING, SORT__MAX };
static const char *const sort_names[SORT__MAX] = {
	"", "number", "subject", "status", "raised", "waiting" };
static const char *const sort_labels[SORT__MAX] = {
	"", "Number", "Subject", "Status", "Raised", "Waiting (days)" };

/* The log as asked: filters, order, page. */
struct view {
	struct vt_challenge_filter f;
	enum sort sort;
	bool descending;
	long page, pages;
	const char *bad_page;	/* the page asked, when it is refused */
};

/* "On what (action:REF, ...)": every form a subject takes. */
static const char *on_label(char *buf, size_t size)
{
	snprintf(buf, size, "On what (%s)", vt_subject_forms);
	return buf;
}

/* Which challenges to list: read as the API reads them. */
static void filter_form(struct req *r, const struct view *v)
{
	static const char *const sorts[] = {
		"number", "subject", "status", "raised", "waiting", NULL };
	static const char *const sort_words[] = {
		"Number", "Subject", "Status", "Date raised", "Days waiting",
		NULL };
	static const char *const dirs[] = { "desc", NULL };
	static const char *const dir_words[] = { "Descending", NULL };
	struct vt_html *h = &r->html;
	char label[200];

	vt_html_literal(h, "<form method=\"get\" action=\"/challenges\" "
			   "novalidate>");
	page_text_input(r, "filter-on", "on", on_label(label, sizeof(label)),
			req_query(r, "on"), "govuk-!-width-full");
	page_checkboxes_begin(r);
	page_checkbox(r, "open", "open", "Not closed only", v->f.open_only);
	page_checkboxes_end(r);
	/* The headers sort too; these keep the order when the filters
	   change, and are the fields a refused order is said against. */
	page_select(r, "sort", "Sort by", sorts, sort_words,
		    req_query(r, "sort"), "the order raised");
	page_select(r, "dir", "Order", dirs, dir_words, req_query(r, "dir"),
		    "Ascending");
	if (v->bad_page)
		page_text_input(r, "page", "page", "Page", v->bad_page,
				"govuk-input--width-4");
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
}

/* The order from ?sort= and ?dir=; false, with the problem and its
   field, for a value that is none of them. */
static bool order_read(struct req *r, struct view *v, const char **problem,
		       const char **field)
{
	const char *name = req_query(r, "sort"), *dir = req_query(r, "dir");
	int i;

	v->sort = SORT_NONE;
	v->descending = dir && !strcmp(dir, "desc");
	for (i = 1; name && *name && i < SORT__MAX; i++)
		if (!strcmp(name, sort_names[i]))
			v->sort = (enum sort)i;
	if (name && *name && v->sort == SORT_NONE) {
		*problem = "challenges sort by number, subject, status, raised "
			   "or waiting";
		*field = "sort";
		return false;
	}
	if (dir && *dir && strcmp(dir, "asc") && strcmp(dir, "desc")) {
		*problem = "the order is ascending or descending";
		*field = "dir";
		return false;
	}
	return true;
}

/* Challenge numbers as numbers: "9" before "10". */
static int number_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
}

/* A row with the order it is sorted in: qsort passes no context, and
   the server's threads share no state. */
struct keyed {
	struct vt_challenge_row row;
	enum sort sort;
	bool descending;
};

/* By the column sorted, the other way when descending; a closed
   challenge waits on no one and sorts last either way; ties keep the
   order raised, so a page is the same page each time. */
static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *ka = pa, *kb = pb;
	const struct vt_challenge_row *a = &ka->row, *b = &kb->row;
	const struct vt_challenge *ca = a->challenge, *cb = b->challenge;
	int c = 0;

	switch (ka->sort) {
	case SORT_SUBJECT:
		c = strcmp(ca->on, cb->on);
		break;
	case SORT_STATUS:
		c = (ca->status > cb->status) - (ca->status < cb->status);
		break;
	case SORT_RAISED:
		c = strcmp(ca->raised, cb->raised);
		break;
	case SORT_WAITING:
		if ((a->waiting_days < 0) != (b->waiting_days < 0))
			return a->waiting_days < 0 ? 1 : -1;
		c = (a->waiting_days > b->waiting_days) -
		    (a->waiting_days < b->waiting_days);
		break;
	case SORT_NUMBER:
		c = number_cmp(ca->id, cb->id);
		break;
	default:
		break;
	}
	if (ka->descending)
		c = -c;
	return c ? c : number_cmp(ca->id, cb->id);
}

/* The report's rows in the view's order; false when out of memory. */
static bool sort_rows(struct vt_challenge_report *rep, const struct view *v)
{
	struct keyed *k;
	size_t i;

	if (!v->sort || rep->nrows < 2)
		return true;
	k = calloc(rep->nrows, sizeof(*k));
	if (!k)
		return false;
	for (i = 0; i < rep->nrows; i++) {
		k[i].row = rep->rows[i];
		k[i].sort = v->sort;
		k[i].descending = v->descending;
	}
	qsort(k, rep->nrows, sizeof(*k), keyed_cmp);
	for (i = 0; i < rep->nrows; i++)
		rep->rows[i] = k[i].row;
	free(k);
	return true;
}

/* The query of the filters, which every link keeps. */
static void filter_query(struct req *r, const struct view *v, char *out,
			 size_t size)
{
	*out = '\0';
	page_query_add(out, size, "on", req_query(r, "on"));
	page_query_add(out, size, "open", v->f.open_only ? "1" : NULL);
}

/* A column's header: a link that sorts by it, ascending first, the
   other way when it is the column sorted by. */
static void sort_header(struct req *r, const struct view *v, enum sort col)
{
	char query[600], href[700];
	bool sorted = v->sort == col;

	filter_query(r, v, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort", sort_names[col]);
	page_query_add(query, sizeof(query), "dir", sorted && !v->descending
						    ? "desc" : NULL);
	snprintf(href, sizeof(href), "/challenges?%s", query);
	page_sort_header(r, sort_labels[col], href,
			 !sorted ? 0 : v->descending ? -1 : 1);
}

static void row(struct req *r, const struct vt_challenge_row *row)
{
	struct vt_html *h = &r->html;
	const struct vt_challenge *c = row->challenge;
	char href[64], days[24];

	snprintf(href, sizeof(href), "/challenges/%s", c->id);
	vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
			   "govuk-table__cell\">");
	vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
	vt_html_textf(h, "%s: %s", c->id, c->text);
	vt_html_literal(h, "</a></td>");
	page_cell(r, c->on);
	page_cell(r, vt_challenge_status_names[c->status]);
	page_date_cell(r, c->raised);
	snprintf(days, sizeof(days), "%ld", row->waiting_days);
	page_cell(r, row->waiting_days >= 0 ? days : NULL);
	vt_html_literal(h, "</tr>");
}

static void log_table(struct req *r, const struct view *v,
		      const struct vt_challenge_report *rep, bool any)
{
	char query[600], base[700];
	size_t i, first, end;
	int col;

	if (!rep->nrows) {
		vt_html_element(&r->html, "p", any ? "No challenges match "
				"these filters." : "No challenges have been "
				"raised.", "class", "govuk-body", "id",
				"no-challenges", NULL);
		return;
	}
	page_showing(r, v->page, CHALLENGES_PER_PAGE, rep->nrows,
		     "challenges");
	page_table_open(r, "challenges", "Challenge log");
	for (col = SORT_NUMBER; col < SORT__MAX; col++)
		sort_header(r, v, (enum sort)col);
	page_table_body(r);
	first = (size_t)(v->page - 1) * CHALLENGES_PER_PAGE;
	end = first + CHALLENGES_PER_PAGE < rep->nrows
	      ? first + CHALLENGES_PER_PAGE : rep->nrows;
	for (i = first; i < end; i++)
		row(r, &rep->rows[i]);
	page_table_end(r);
	filter_query(r, v, query, sizeof(query));
	page_query_add(query, sizeof(query), "sort",
		       v->sort ? sort_names[v->sort] : NULL);
	page_query_add(query, sizeof(query), "dir",
		       v->descending ? "desc" : NULL);
	snprintf(base, sizeof(base), "/challenges?%s", query);
	page_pagination(r, "Pages of challenges", base, v->page, v->pages);
}

/* The form that raises a challenge, for those who may. */
static void raise_form(struct req *r)
{
	struct vt_html *h = &r->html;
	char label[200];

	vt_html_element(h, "h2", "Raise a challenge", "class",
			"govuk-heading-m", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/challenges\" "
			   "novalidate>");
	page_csrf(r);
	/* A measure or action page links here with ?on= filled. */
	text_field(h, "on", on_label(label, sizeof(label)), false,
		   req_field(r, "on") ?
		   req_field(r, "on") : req_query(r, "on"));
	text_field(h, "text", "The challenge", true, req_field(r, "text"));
	vt_html_literal(h, "<button type=\"submit\" class=\"govuk-button\">"
			   "Raise challenge</button></form>");
}

/*
 * The log, filtered by the query (?open=1, ?on=SUBJECT) as the API
 * filters it, sorted (?sort=, ?dir=) and a page at a time (?page=),
 * with the form to raise one; 'problem' about the raise form's 'field'.
 * A refused filter, order or page is a 400 that lists nothing.
 */
static unsigned list_page(struct req *r, const char *problem,
			  const char *field, unsigned status)
{
	struct vt_query q = req_query_fields(r);
	struct vt_challenge_report rep;
	struct vt_diagq dq;
	struct vt_def def;
	struct view v;
	char today[11], why[120];
	bool refused;

	if (!req_read_def(r, &def, &status))
		return status;
	memset(&v, 0, sizeof(v));
	vt_diagq_init(&dq);
	refused = vt_challenge_filter_read(&def, &q, &v.f, &dq) != VT_OK;
	if (refused && dq.n) {
		problem = dq.items[0].message;
		field = dq.items[0].field && !strcmp(dq.items[0].field, "on")
			? "filter-on" : "open";
		status = 400;
	} else if (!refused && !order_read(r, &v, &problem, &field)) {
		refused = true;
		status = 400;
	}
	server_today(today);
	if (vt_challenges_report(&def, refused ? NULL : &v.f, today, &rep)) {
		vt_diagq_release(&dq);
		vt_def_release(&def);
		return page_error(r, 503, "The log could not be read.");
	}
	if (!refused && !sort_rows(&rep, &v)) {
		vt_challenge_report_release(&rep);
		vt_diagq_release(&dq);
		vt_def_release(&def);
		return page_error(r, 503, "The log could not be sorted.");
	}
	if (!refused && !page_number_read(r, rep.nrows, CHALLENGES_PER_PAGE,
					  &v.page, &v.pages, why,
					  sizeof(why))) {
		v.bad_page = req_query(r, "page");
		problem = why;
		field = "page";
		refused = true;
		status = 400;
	}
	page_begin(r, "Challenges");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	filter_form(r, &v);
	/* A refused query lists nothing, as the API answers nothing. */
	if (!refused)
		log_table(r, &v, &rep, vt_def_count(&def, VT_KIND_CHALLENGE));
	if (may_raise(r))
		raise_form(r);
	page_end(r);
	vt_challenge_report_release(&rep);
	vt_diagq_release(&dq);
	vt_def_release(&def);
	return status;
}

unsigned page_challenges(struct req *r)
{
	return list_page(r, NULL, NULL, 200);
}

unsigned page_challenge_raise(struct req *r)
{
	const char *on = req_field(r, "on"), *text = req_field(r, "text");
	char today[11], id[16], why[300], where[64];
	enum vt_err result;

	if (!may_raise(r))
		return page_error(r, 403, "Challenges are raised by scrutiny.");
	server_today(today);
	result = vt_challenge_raise(r->store, on ? on : "", r->who.name,
				    text ? text : "", today, r->who.email, id,
				    why, sizeof(why));
	if (result == VT_EINVAL || result == VT_ENOTFOUND)
		return list_page(r, why, vt_text_blank(on) ? "on" :
				 vt_text_blank(text) ? "text" : "on", 422);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/challenges/%s?done=raised", id);
	return req_redirect(r, where);
}

/* One step of a challenge's life: a text and a button to post it. */
static void step_form(struct req *r, const struct vt_challenge *c,
		      const char *step, const char *field, const char *label,
		      const char *button, const char *button_class)
{
	struct vt_html *h = &r->html;
	char action[80];

	snprintf(action, sizeof(action), "/challenges/%s/%s", c->id, step);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	text_field(h, field, label, true, NULL);
	vt_html_element(h, "button", button, "type", "submit", "class",
			button_class, NULL);
	vt_html_literal(h, "</form>");
}

/* What the challenge is on; a case review links to its page (each byte
   of its reference outside a code's letters percent-encoded, since a
   reference may hold '/'). */
static void subject_row(struct req *r, const char *on)
{
	/* The registers whose records a challenge is on, and their pages:
	   the rest of the subject is the page's address. */
	static const char *const pages[][2] = {
		{ "review:", "/reviews/" }, { "audit:", "/audits/" },
		{ "s11:", "/s11/" }, { "scrutiny:", "/scrutiny/" },
	};
	char href[300];
	size_t len, i, k, plen = 0;

	for (k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
		plen = strlen(pages[k][0]);
		if (!strncmp(on, pages[k][0], plen) && on[plen])
			break;
	}
	if (k == sizeof(pages) / sizeof(pages[0])) {
		page_summary_row(r, "On", on, NULL);
		return;
	}
	len = (size_t)snprintf(href, sizeof(href), "%s", pages[k][1]);
	for (i = plen; on[i] && len + 4 < sizeof(href); i++) {
		unsigned char ch = (unsigned char)on[i];

		/* s11:AGENCY/CYCLE keeps its '/': two segments. */
		if (isalnum(ch) || strchr("-_.", ch) ||
		    (ch == '/' && !strcmp(pages[k][0], "s11:")))
			href[len++] = (char)ch;
		else
			len += (size_t)snprintf(href + len, sizeof(href) - len,
						"%%%02X", ch);
	}
	href[len] = '\0';
	page_summary_row_open(r, "On", NULL);
	vt_html_open(&r->html, "a", "class", "govuk-link", "href", href, NULL);
	vt_html_text(&r->html, on);
	vt_html_literal(&r->html, "</a>");
	page_summary_row_close(r);
}

static unsigned challenge_page(struct req *r, const char *problem,
			       unsigned status)
{
	static const char *const done[][2] = {
		{ "raised", "Challenge raised" },
		{ "answered", "Response sent" },
		{ "closed", "Challenge closed" },
		{ NULL, NULL } };
	struct vt_html *h = &r->html;
	const struct vt_challenge *c;
	struct vt_def def;
	char title[64], words[VT_DATE_WORDS_MAX];
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	c = vt_def_find(&def, VT_KIND_CHALLENGE, r->params[0]);
	if (!c) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such challenge.");
	}
	r->up_href = "/challenges";
	r->up_text = "Challenges";
	snprintf(title, sizeof(title), "Challenge %s", c->id);
	page_begin(r, title);
	if (problem)
		page_problem(r, "There is a problem", problem, "text");
	else
		page_done(r, done);
	page_summary_begin(r);
	subject_row(r, c->on);
	page_summary_row(r, "Status", vt_challenge_status_names[c->status],
			 "challenge-status");
	page_summary_row_open(r, "Raised", NULL);
	vt_date_words(c->raised, words);
	vt_html_textf(h, "%s by %s", words, c->by);
	page_summary_row_close(r);
	page_summary_end(r);
	vt_html_element(h, "p", c->text, "class", "govuk-body-l", NULL);
	vt_html_literal(h, "<h2 class=\"govuk-heading-m\">Responses</h2><ul "
			   "class=\"govuk-list\" id=\"responses\">");
	for (i = 0; i < c->nresponses; i++) {
		vt_html_literal(h, "<li>");
		vt_date_words(c->responses[i].date, words);
		vt_html_textf(h, "%s, %s: %s", words,
			      c->responses[i].by ? c->responses[i].by : "",
			      c->responses[i].text);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ul>");
	if (c->outcome)
		vt_html_element(h, "p", c->outcome, "class", "govuk-body",
				"id", "outcome", NULL);
	if (c->status != VT_CHALLENGE_CLOSED && may_answer(r, &def, c))
		step_form(r, c, "respond", "text", "Your response",
			  "Send response", "govuk-button");
	if (c->status != VT_CHALLENGE_CLOSED && may_raise(r))
		step_form(r, c, "close", "outcome", "Outcome",
			  "Close challenge",
			  "govuk-button govuk-button--secondary");
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_challenge(struct req *r)
{
	return challenge_page(r, NULL, 200);
}

static unsigned answer(struct req *r, bool closing)
{
	const char *text = req_field(r, closing ? "outcome" : "text");
	char today[11], why[300], where[80];
	enum vt_err result;

	if (closing && !may_raise(r))
		return page_error(r, 403, "Your role does not do this.");
	if (!closing) {
		struct vt_def def;
		const struct vt_challenge *c;
		unsigned status = 0;
		bool allowed;

		if (!req_read_def(r, &def, &status))
			return status;
		c = vt_def_find(&def, VT_KIND_CHALLENGE, r->params[0]);
		allowed = !c || may_answer(r, &def, c);
		vt_def_release(&def);
		if (!allowed)
			return page_error(r, 403, "This challenge is addressed "
					  "to another agency: its lead "
					  "answers it.");
	}
	server_today(today);
	result = closing
		? vt_challenge_close(r->store, r->params[0], r->who.name,
				     text ? text : "", today, r->who.email, why,
				     sizeof(why))
		: vt_challenge_respond(r->store, r->params[0], r->who.name,
				       text ? text : "", today, r->who.email,
				       why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such challenge.");
	if (result == VT_EINVAL)
		return challenge_page(r, why, 422);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/challenges/%s?done=%s", r->params[0],
		 closing ? "closed" : "answered");
	return req_redirect(r, where);
}

unsigned page_challenge_respond(struct req *r)
{
	return answer(r, false);
}

unsigned page_challenge_close(struct req *r)
{
	return answer(r, true);
}
