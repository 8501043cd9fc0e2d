/* The challenge log: a scrutineer raises a challenge, the agency answers, the raiser closes it. */
#include <stdio.h>
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

/* Which challenges to list: read as the API reads them. */
static void filter_form(struct req *r, const struct vt_challenge_filter *f)
{
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<form method=\"get\" action=\"/challenges\" "
			   "novalidate>");
	page_text_input(r, "filter-on", "on", "On what (action:REF, "
			"measure:CODE or return:AGENCY/PERIOD)",
			req_query(r, "on"), "govuk-input--width-20");
	page_checkboxes_begin(r);
	page_checkbox(r, "open", "open", "Not closed only", f->open_only);
	page_checkboxes_end(r);
	page_button(r, "Filter", true);
	vt_html_literal(h, "</form>");
}

/*
 * The log, filtered by the query (?open=1, ?on=SUBJECT) as the API
 * filters it, with the form to raise one; 'problem' about the raise
 * form's 'field'.
 */
static unsigned list_page(struct req *r, const char *problem,
			  const char *field, unsigned status)
{
	struct vt_html *h = &r->html;
	struct vt_challenge_filter f = { false, NULL };
	struct vt_query q = req_query_fields(r);
	struct vt_challenge_report rep;
	struct vt_diagq dq;
	struct vt_def def;
	char today[11], href[64];
	bool refused;
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	vt_diagq_init(&dq);
	refused = vt_challenge_filter_read(&def, &q, &f, &dq) != VT_OK;
	if (refused && dq.n) {
		problem = dq.items[0].message;
		field = dq.items[0].field && !strcmp(dq.items[0].field, "on")
			? "filter-on" : "open";
		status = 400;
	}
	server_today(today);
	if (vt_challenges_report(&def, &f, today, &rep)) {
		vt_diagq_release(&dq);
		vt_def_release(&def);
		return page_error(r, 503, "The log could not be read.");
	}
	page_begin(r, "Challenges");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	filter_form(r, &f);
	/* A refused filter lists nothing, as the API answers nothing. */
	if (refused)
		rep.nrows = 0;
	{
		static const char *const columns[] = {
			"Challenge", "On", "Status", "Age (days)", NULL };

		page_table_begin(r, NULL, "Challenge log", columns);
	}
	for (i = 0; i < rep.nrows; i++) {
		const struct vt_challenge *c = rep.rows[i].challenge;

		snprintf(href, sizeof(href), "/challenges/%s", c->id);
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><td class=\""
				   "govuk-table__cell\">");
		vt_html_open(h, "a", "class", "govuk-link", "href", href, NULL);
		vt_html_textf(h, "%s: %s", c->id, c->text);
		vt_html_literal(h, "</a></td>");
		vt_html_element(h, "td", c->on, "class", "govuk-table__cell",
				NULL);
		vt_html_element(h, "td", vt_challenge_status_names[c->status],
				"class", "govuk-table__cell", NULL);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		vt_html_textf(h, "%ld", rep.rows[i].age_days);
		vt_html_literal(h, "</td></tr>");
	}
	page_table_end(r);
	if (may_raise(r)) {
		vt_html_element(h, "h2", "Raise a challenge", "class",
				"govuk-heading-m", NULL);
		vt_html_literal(h, "<form method=\"post\" action=\"/challenges"
				   "\" novalidate>");
		page_csrf(r);
		/* A measure or action page links here with ?on= filled. */
		text_field(h, "on", "On what (action:REF, measure:CODE or "
			   "return:AGENCY/PERIOD)", false, req_field(r, "on") ?
			   req_field(r, "on") : req_query(r, "on"));
		text_field(h, "text", "The challenge", true,
			   req_field(r, "text"));
		vt_html_literal(h, "<button type=\"submit\" class=\"govuk-"
				   "button\">Raise challenge</button></form>");
	}
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
	page_summary_row(r, "On", c->on, NULL);
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
