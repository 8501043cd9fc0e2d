/* The route table, and the checks every route passes before its handler: sign-in, role, CSRF. */
#include <string.h>
#include <time.h>

#include "server/server.h"

/*
 * Adding a page:
 *  1. write src/server/page_<name>.c with unsigned page_<name>(struct req *)
 *     returning the status, its output through r->html;
 *  2. declare it in server.h and add a row below: who may reach it
 *     (roles), and F_CSRF for anything that changes state;
 *  3. document the address in docs/api.md and test it in tests/http/.
 */
/* The API's figures are working data: a viewer has published outputs. */
#define API_ROLES (ROLES_ALL & ~(1u << VT_ROLE_VIEWER))
/* Working pages: everyone but a viewer; handlers narrow by agency. */
#define WORK_ROLES API_ROLES
#define EDIT_ROLES ((1u << VT_ROLE_ADMIN) | (1u << VT_ROLE_AGENCY_LEAD))
#define REVIEW_ROLES ((1u << VT_ROLE_ADMIN) | (1u << VT_ROLE_ANALYST))
#define ACTION_ROLES (EDIT_ROLES | REVIEW_ROLES)
/* The change log is the scrutineer's audit trail, and the analysts'. */
#define LOG_ROLES (REVIEW_ROLES | (1u << VT_ROLE_SCRUTINEER) | \
		   (1u << VT_ROLE_CHAIR))
#define RAISE_ROLES (REVIEW_ROLES | (1u << VT_ROLE_SCRUTINEER) | \
		     (1u << VT_ROLE_CHAIR))
/* The case review register is kept by the partnership itself. */
#define KEEP_ROLES (REVIEW_ROLES | (1u << VT_ROLE_CHAIR))
/* Escalations are raised and moved on by the partnership's staff and
   by agency leads; the handlers narrow by who may see each one. */
#define ESCALATE_ROLES (REVIEW_ROLES | (1u << VT_ROLE_CHAIR) | \
			(1u << VT_ROLE_AGENCY_LEAD))

/* Cases of an audit are graded by the agencies taking part (a lead for
   its own agency) and by the partnership's staff. */
#define GRADE_ROLES (KEEP_ROLES | (1u << VT_ROLE_AGENCY_LEAD))

/* Voice reports are kept by the partnership's staff; the scrutiny plan
   by the independent scrutineer and the administrator: as the library's
   rules say (vt_voice_may_change, vt_scrutiny_may_change), which the
   handlers ask too.  Every working role reads both. */
#define VOICE_ROLES KEEP_ROLES
#define SCRUTINY_ROLES ((1u << VT_ROLE_ADMIN) | (1u << VT_ROLE_SCRUTINEER))
/* The pooled budget is kept by the analysts and the administrator
   (vt_funding_may_change); every working role reads it. */
#define FUNDING_ROLES REVIEW_ROLES

/* Every signed-in user reads the groups and their meetings; the
   partnership's business staff and the chair keep the meetings. */
#define MEETING_ROLES (REVIEW_ROLES | (1u << VT_ROLE_CHAIR))

const struct route routes[] = {
	{ "GET", "/healthz", page_healthz, ROLES_ALL, F_PUBLIC,
	  "200 when the database answers" },
	{ "GET", "/assets/vitals.css", page_asset_css, ROLES_ALL, F_PUBLIC,
	  "the stylesheet" },
	{ "GET", "/accessibility", page_accessibility, ROLES_ALL,
	  F_PUBLIC | F_ONE_TIME, "the accessibility statement" },
	{ "GET", "/login", page_signin_form, ROLES_ALL, F_PUBLIC,
	  "the sign-in form" },
	{ "POST", "/login", page_signin, ROLES_ALL, F_PUBLIC | F_CSRF,
	  "sign in: email, password, csrf" },
	{ "POST", "/logout", page_signout, ROLES_ALL, F_CSRF | F_ONE_TIME,
	  "sign out" },
	{ "GET", "/", page_dashboard, ROLES_ALL, 0,
	  "the vital-signs dashboard" },
	{ "GET", "/returns", page_returns, WORK_ROLES, 0,
	  "returns status for a period (?period=2024Q3)" },
	{ "GET", "/returns/*/*", page_return, WORK_ROLES, 0,
	  "an agency's return (a lead: others' once submitted)" },
	{ "POST", "/returns/*/*", page_return_save, EDIT_ROLES,
	  F_CSRF | F_KEEPS_WORK,
	  "save and submit the return's form (its own agency's lead)" },
	{ "POST", "/returns/*/*/upload", page_return_upload, EDIT_ROLES,
	  F_CSRF, "import a completed template (multipart, field 'file')" },
	{ "GET", "/returns/*/*/template.xlsx", page_return_template,
	  EDIT_ROLES | REVIEW_ROLES, 0, "the return's template workbook" },
	{ "GET", "/returns/*/*/template.csv", page_return_template,
	  EDIT_ROLES | REVIEW_ROLES, 0, "the return's template as CSV" },
	{ "POST", "/returns/*/*/approve", page_return_approve, REVIEW_ROLES,
	  F_CSRF, "approve a submitted return" },
	{ "POST", "/returns/*/*/reopen", page_return_reopen, REVIEW_ROLES,
	  F_CSRF, "send a return back to its agency: reason" },
	{ "POST", "/returns/*/*/open-early", page_return_open_early,
	  REVIEW_ROLES, F_CSRF,
	  "open a return before its quarter ends, for its agency: reason" },
	{ "GET", "/actions", page_actions, WORK_ROLES, 0,
	  "the action tracker (?q=&rag=&agency=&plan=&overdue=1&stale=1"
	  "&sort=&dir=&page=)" },
	{ "GET", "/actions/*", page_action, WORK_ROLES, 0,
	  "an action, its updates, and the update form" },
	{ "POST", "/actions/*", page_action_update, ACTION_ROLES, F_CSRF,
	  "a monthly update: rag, note, evidence, seen" },
	{ "POST", "/actions/*/life", page_action_life, ACTION_ROLES, F_CSRF,
	  "how often it is reviewed and when it was discharged: cadence, "
	  "discharged" },
	{ "GET", "/challenges", page_challenges, WORK_ROLES, 0,
	  "the challenge log" },
	{ "POST", "/challenges", page_challenge_raise, RAISE_ROLES, F_CSRF,
	  "raise a challenge: on, text" },
	{ "GET", "/challenges/*", page_challenge, WORK_ROLES, 0,
	  "a challenge and its responses" },
	{ "POST", "/challenges/*/respond", page_challenge_respond, WORK_ROLES,
	  F_CSRF, "answer a challenge: text" },
	{ "POST", "/challenges/*/close", page_challenge_close, RAISE_ROLES,
	  F_CSRF, "close a challenge: outcome" },
	{ "GET", "/reviews", page_reviews, WORK_ROLES, 0,
	  "the case review register (?state=&stage=&agency=&clock=&sort="
	  "&dir=&page=; an agency lead: the reviews involving the agency)" },
	{ "POST", "/reviews", page_review_add, KEEP_ROLES, F_CSRF,
	  "add a case review: ref, aware, agency-CODE, themes" },
	{ "GET", "/reviews/*", page_review, WORK_ROLES, 0,
	  "a case review: its stages, clocks and recommendations" },
	{ "POST", "/reviews/*", page_review_record, KEEP_ROLES, F_CSRF,
	  "record a stage: stage, date, decision, reviewer, note" },
	{ "POST", "/reviews/*/recommend", page_review_recommend, KEEP_ROLES,
	  F_CSRF, "make a recommendation an action of the tracker: rec-text, "
	  "rec-agency, rec-due, rec-owner" },
	{ "GET", "/escalations", page_escalations, WORK_ROLES, 0,
	  "the escalations and disputes register (?state=&in-theme=&by="
	  "&about-agency=&stage=&past=1&sort=&dir=&page=; an agency lead: those its agency "
	  "raised or that are about it)" },
	{ "POST", "/escalations", page_escalation_raise, ESCALATE_ROLES,
	  F_CSRF, "raise an escalation: ref, raised, raised_by, raised_role, "
	  "about, theme, summary" },
	{ "GET", "/escalations/causes", page_escalation_causes, WORK_ROLES, 0,
	  "escalations per quarter by theme, agency about and stage reached, "
	  "with the trend" },
	{ "GET", "/escalations/*", page_escalation, WORK_ROLES, 0,
	  "an escalation: its stages, each with its clock" },
	{ "POST", "/escalations/*/escalate", page_escalation_escalate,
	  ESCALATE_ROLES, F_CSRF, "take it to the next stage: date, note" },
	{ "POST", "/escalations/*/resolve", page_escalation_resolve,
	  ESCALATE_ROLES, F_CSRF,
	  "resolve it: resolved, outcome, resolution" },
	{ "GET", "/audits", page_audits, WORK_ROLES, 0,
	  "the multi-agency audit programme (?state=&in-theme=&agency=; an "
	  "agency lead: the audits its agency takes part in), the year's "
	  "completion and grades by agency" },
	{ "POST", "/audits", page_audit_add, KEEP_ROLES, F_CSRF,
	  "plan an audit: ref, theme, planned, lead, agency-CODE, sample, "
	  "reaudit_of" },
	{ "GET", "/audits/*", page_audit, WORK_ROLES, 0,
	  "an audit: its grades and recommendations" },
	{ "POST", "/audits/*/grade", page_audit_grade, GRADE_ROLES, F_CSRF,
	  "grade a case: case, agency, grade, findings" },
	{ "POST", "/audits/*/complete", page_audit_complete, KEEP_ROLES,
	  F_CSRF, "record the audit as done: done, summary" },
	{ "POST", "/audits/*/recommend", page_audit_recommend, KEEP_ROLES,
	  F_CSRF, "make a recommendation an action of the tracker: rec-text, "
	  "rec-agency, rec-due, rec-owner" },
	{ "GET", "/s11", page_s11, WORK_ROLES, 0,
	  "section 11 self-assessments: a cycle's heat map (?cycle=), who "
	  "has not returned; ?start=CYCLE&agency= opens one (an agency "
	  "lead: its own agency's only)" },
	{ "GET", "/s11/*/*", page_s11_record, WORK_ROLES, 0,
	  "an agency's self-assessment for a cycle, its form while a draft" },
	{ "POST", "/s11/*/*", page_s11_save, ACTION_ROLES, F_CSRF,
	  "rate every standard at once: rating-S, evidence-S, action-S for "
	  "each standard S; send=draft or submit" },
	{ "POST", "/s11/*/*/challenge", page_s11_challenge, RAISE_ROLES,
	  F_CSRF, "record the challenge session: challenged, outcome, new-S "
	  "for each standard S changed, note" },
	{ "GET", "/voice", page_voice_list, WORK_ROLES, 0,
	  "the register of voice reports (?quarter=&in-theme=), counted "
	  "by quarter: reports, participants and themes" },
	{ "POST", "/voice", page_voice_add, VOICE_ROLES, F_CSRF,
	  "add a voice report: ref, title, source, date, method, "
	  "participants, theme-CODE, summary, measure" },
	{ "GET", "/voice/*", page_voice, WORK_ROLES, 0,
	  "a voice report: what was said, what changed, the priorities, "
	  "actions and measure it bears on" },
	{ "POST", "/voice/*", page_voice_changed, VOICE_ROLES, F_CSRF,
	  "record what changed: changed, priority-CODE, actions" },
	{ "GET", "/scrutiny", page_scrutiny_plan, WORK_ROLES, 0,
	  "the independent scrutineer's plan for a year (?year=2026-27)" },
	{ "POST", "/scrutiny", page_scrutiny_add, SCRUTINY_ROLES, F_CSRF,
	  "add an item to the plan: ref, item-year, theme, method, planned" },
	{ "GET", "/scrutiny/*", page_scrutiny, WORK_ROLES, 0,
	  "an item of the plan: its report and findings, each linked to "
	  "the challenge or action it became" },
	{ "POST", "/scrutiny/*/report", page_scrutiny_report, SCRUTINY_ROLES,
	  F_CSRF, "report the item: reported, summary" },
	{ "POST", "/scrutiny/*/finding", page_scrutiny_finding,
	  SCRUTINY_ROLES, F_CSRF, "record a finding as a challenge or an "
	  "action: text, becomes, agency, due, owner" },
	{ "GET", "/funding", page_funding, WORK_ROLES, 0,
	  "the pooled budget of a financial year (?year=2025-26): each "
	  "partner's contribution and share, each heading's budget against "
	  "spending" },
	{ "POST", "/funding/contribution", page_funding_contribution,
	  FUNDING_ROLES, F_CSRF, "set a contribution: year, agency, amount, "
	  "note" },
	{ "POST", "/funding/heading", page_funding_heading, FUNDING_ROLES,
	  F_CSRF, "set a spending heading: year, heading, budgeted, actual" },
	{ "GET", "/groups", page_groups, ROLES_ALL, 0,
	  "every group: chair, cadence, who it reports to, its next meeting "
	  "and decisions open" },
	{ "GET", "/groups/*", page_group, ROLES_ALL, 0,
	  "a group: terms of reference, desired outcomes, members, forward "
	  "plan, meetings, decisions, reports received, attendance by agency "
	  "(?year=2025-26)" },
	{ "POST", "/groups/*/meetings", page_meeting_add, MEETING_ROLES,
	  F_CSRF, "add a meeting: ref, date, items (one a line)" },
	{ "GET", "/groups/*/meetings/*", page_meeting, ROLES_ALL, 0,
	  "a meeting: agenda, attendance, quorate, decisions, reports" },
	{ "POST", "/groups/*/meetings/*/attendance", page_meeting_attend,
	  MEETING_ROLES, F_CSRF,
	  "record attendance: att-AGENCY (present, apologies, absent)" },
	{ "POST", "/groups/*/meetings/*/decisions", page_meeting_decide,
	  MEETING_ROLES, F_CSRF, "add a decision: text, owner, agency, due" },
	{ "POST", "/groups/*/meetings/*/done", page_meeting_done,
	  MEETING_ROLES, F_CSRF, "mark a decision done: number, done" },
	{ "POST", "/groups/*/meetings/*/received", page_meeting_receive,
	  MEETING_ROLES, F_CSRF, "record a report received: kind, reference, "
	  "note" },
	{ "GET", "/measures", page_measures, WORK_ROLES, 0,
	  "plans, priorities and their measures, each with its reading" },
	{ "GET", "/measures/*", page_measure, WORK_ROLES, 0,
	  "a measure: chart, reading, versions, actions, challenges, impact" },
	{ "GET", "/priorities/*", page_priority, WORK_ROLES, 0,
	  "a priority: its text, each objective with its measures' readings "
	  "and its actions' RAG (?period=)" },
	{ "POST", "/priorities/*/link", page_priority_link, REVIEW_ROLES,
	  F_CSRF, "link a measure or action to an objective, or take the "
	  "link away: objective, measure or action, change (link, unlink)" },
	{ "GET", "/reports", page_reports, ROLES_ALL, 0,
	  "the pack's downloads (a viewer's are published)" },
	{ "GET", "/reports/*/vital-signs.html", page_report_file, ROLES_ALL, 0,
	  "the pack as one HTML file" },
	{ "GET", "/reports/*/vital-signs.pdf", page_report_file, ROLES_ALL, 0,
	  "the pack as PDF" },
	{ "GET", "/reports/*/vital-signs.xlsx", page_report_file, ROLES_ALL,
	  0, "the pack's dataset as a workbook" },
	{ "GET", "/reports/*/vital-signs.md", page_report_file, ROLES_ALL, 0,
	  "the pack as Markdown" },
	{ "GET", "/annual", page_annual, ROLES_ALL, 0,
	  "the years with an annual report" },
	{ "GET", "/annual/*", page_annual_year, ROLES_ALL, 0,
	  "a year's annual report: its sections and downloads (a viewer's "
	  "published)" },
	{ "GET", "/annual/*/annual-report.html", page_annual_file, ROLES_ALL,
	  0, "the annual report as one HTML file" },
	{ "GET", "/annual/*/annual-report.pdf", page_annual_file, ROLES_ALL,
	  0, "the annual report as PDF" },
	{ "GET", "/annual/*/annual-report.docx", page_annual_file, ROLES_ALL,
	  0, "the annual report as a Word document" },
	{ "GET", "/annual/*/annual-report.md", page_annual_file, ROLES_ALL,
	  0, "the annual report as Markdown" },
	{ "GET", "/annual/*/*", page_annual_section, REVIEW_ROLES, 0,
	  "a section's narrative: the form and its earlier versions" },
	{ "POST", "/annual/*/*", page_annual_save, REVIEW_ROLES, F_CSRF,
	  "save the section's narrative as a new version: text" },
	{ "GET", "/log", page_log, LOG_ROLES, 0,
	  "the change log, newest first (?entity=)" },
	{ "GET", "/account", page_account, ROLES_ALL, F_ONE_TIME,
	  "your account, its password and personal API tokens" },
	{ "POST", "/account/password", page_password_change, ROLES_ALL,
	  F_CSRF | F_ONE_TIME,
	  "change your password: current, password, confirm" },
	{ "POST", "/account/tokens", page_token_add, ROLES_ALL, F_CSRF,
	  "create a personal API token: name (shown once)" },
	{ "POST", "/account/tokens/revoke", page_token_revoke, ROLES_ALL,
	  F_CSRF, "revoke one of your tokens: name" },
	{ "GET", "/admin", page_admin, 1u << VT_ROLE_ADMIN, 0,
	  "users and agencies" },
	{ "POST", "/admin/users", page_user_add, 1u << VT_ROLE_ADMIN, F_CSRF,
	  "add a user: email, name, role, agency (password shown once)" },
	{ "POST", "/admin/users/disable", page_user_disable,
	  1u << VT_ROLE_ADMIN, F_CSRF,
	  "disable a user: email (signed out, tokens revoked)" },
	{ "POST", "/admin/users/enable", page_user_enable, 1u << VT_ROLE_ADMIN,
	  F_CSRF, "enable a user: email (a one-time password shown once)" },
	{ "GET", "/admin/user", page_user_edit, 1u << VT_ROLE_ADMIN, 0,
	  "a user's role and agency to change (?email=)" },
	{ "POST", "/admin/user", page_user_change, 1u << VT_ROLE_ADMIN, F_CSRF,
	  "change a user's role and agency: email, role, agency (signed "
	  "out, tokens revoked)" },
	{ "GET", "/api/v1/measures", api_measures, API_ROLES, F_JSON,
	  "every measure's definition (?plan=&priority=&agency=&period=)" },
	{ "GET", "/api/v1/measures/*/values", api_measure_values, API_ROLES,
	  F_JSON, "every version of a measure's figures the reader may see" },
	{ "GET", "/api/v1/actions", api_actions, API_ROLES, F_JSON,
	  "the rows of 'vitals actions list --json' (?rag=&agency=&plan=&q=)" },
	{ "GET", "/api/v1/challenges", api_challenges, API_ROLES, F_JSON,
	  "the JSON of 'vitals challenge list --json' (?open=1&on=)" },
	{ "GET", "/api/v1/status/*", api_status, API_ROLES, F_JSON,
	  "the JSON of 'vitals measures status --period P --json'" },
	{ "GET", "/api/v1/actions/summary", api_actions_summary, API_ROLES,
	  F_JSON, "the JSON of 'vitals actions summary --json'" },
	{ "GET", "/api/v1/measures/*/spc", api_measure_spc, API_ROLES,
	  F_JSON, "the JSON of 'vitals spc MEASURE --json'" },
	{ "GET", "/api/v1/returns", api_returns, API_ROLES, F_JSON,
	  "where each agency's return stands (?period=&state=&late=1)" },
	{ "GET", "/api/v1/log", api_log, LOG_ROLES & API_ROLES, F_JSON,
	  "the latest changes, newest first (?entity=&key=)" },
	{ "GET", "/api/v1/returns/*/*", api_return, API_ROLES, F_JSON,
	  "an agency's return for a period (a lead: others' once submitted)" },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

/* Before signing in, the form's token is also in a cookie: a page of
   another site can send neither. */
static bool csrf_ok(struct req *r)
{
	const char *given = req_field(r, "csrf");

	/* A token never stands in for the form's token (and reaches no
	   form: tokens open /api/v1/ only). */
	if (r->by_token)
		return false;
	if (r->signed_in)
		return vt_token_equal(given, r->who.csrf);
	return vt_token_equal(given, req_cookie(r, "vitals_csrf"));
}

/*
 * Whether 'path' fits 'pattern', where a '*' segment takes any one
 * segment of up to 127 characters (kept in r->params, at most two).
 */
static bool match(struct req *r, const char *pattern, const char *path)
{
	size_t n = 0, len;

	while (*pattern && *path) {
		if (pattern[0] == '*' && (pattern[1] == '/' || !pattern[1])) {
			len = strcspn(path, "/");
			if (!len || len >= sizeof(r->params[0]) || n >= 2)
				return false;
			memcpy(r->params[n], path, len);
			r->params[n++][len] = '\0';
			path += len;
			pattern++;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return !*pattern && !*path;
}

/* "Bearer TOKEN": the token, or NULL. */
static const char *bearer(const struct req *r)
{
	const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						    "Authorization");

	return h && !strncmp(h, "Bearer ", 7) ? h + 7 : NULL;
}

/* The route of the method and path, or NULL with r->allow filled. */
static const struct route *find_route(struct req *r)
{
	size_t i;

	for (i = 0; i < nroutes; i++) {
		if (!match(r, routes[i].path, r->path))
			continue;
		if (!strcmp(routes[i].method, r->method))
			return &routes[i];
		/* Known path, other method: say which are allowed. */
		strncat(r->allow, r->allow[0] ? ", " : "",
			sizeof(r->allow) - strlen(r->allow) - 1);
		strncat(r->allow, routes[i].method,
			sizeof(r->allow) - strlen(r->allow) - 1);
	}
	return NULL;
}

/*
 * Who sent the request: a bearer token, or a session cookie.  0 (signed
 * in or not), or the status of the refusal it made.
 */
static unsigned sign_in(struct req *r)
{
	const char *session = req_cookie(r, "vitals_session");
	const char *token = bearer(r);
	enum vt_err result;

	/*
	 * A personal token opens the API only: on a web route it would let
	 * a script (or whoever holds it) use every form of the account
	 * without the form's token.
	 */
	if (token && strncmp(r->path, "/api/v1/", 8))
		return api_error(r, 401, "a token opens /api/v1/ only; sign "
				 "in to use this page");
	if (token) {
		/* A token that is no token is refused, cookie or not. */
		result = vt_api_token_check(r->store, token,
					    (int64_t)time(NULL), &r->who);
		if (result == VT_EDENIED)
			return api_error(r, 401, "the token is not valid "
					 "(revoked, expired, or never made)");
		if (result)
			return api_error(r, 503, "the database does not answer");
		/* A token reads unless it was made to write. */
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") &&
		    !r->who.token_write)
			return api_error(r, 403, "this token reads only");
		r->signed_in = r->by_token = true;
	} else if (session) {
		result = vt_session_get(r->store, session, (int64_t)time(NULL),
					&r->who);
		if (result && result != VT_EDENIED)
			return page_error(r, 503, "The database does not "
					  "answer.");
		r->signed_in = !result;
	}
	return 0;
}

unsigned route_admit(struct req *r)
{
	const struct route *rt = find_route(r);
	unsigned status;

	if (!rt && !strncmp(r->path, "/api/", 5))
		return api_error(r, r->allow[0] ? 405 : 404, r->allow[0] ?
				 "that address does not take this method" :
				 "there is no such address");
	if (!rt)
		return r->allow[0] ? page_error(r, 405, "That address does "
						"not take this method.")
				   : page_error(r, 404, "There is no such page.");
	r->route = rt;
	if (server_store(r))
		return page_error(r, 503, "The database does not answer.");
	status = sign_in(r);
	if (status)
		return status;
	/* A long form sent once the session has ended is read, to be kept
	   through signing in again (route_request). */
	if (!r->signed_in && (rt->flags & F_KEEPS_WORK) &&
	    !strcmp(r->method, "POST"))
		return 0;
	if (!(rt->flags & F_PUBLIC) && !r->signed_in)
		return rt->flags & F_JSON
			? api_error(r, 401, "sign in or send a token "
				    "(Authorization: Bearer ...)")
			: !strcmp(r->method, "GET")
			? req_redirect(r, "/login")
			: page_error(r, 403, "Sign in first.");
	/* A password someone else chose opens only the page that
	   replaces it. */
	if (r->signed_in && r->who.one_time && !(rt->flags & F_ONE_TIME))
		return rt->flags & F_JSON
			? api_error(r, 403, "choose your own password first "
				    "(your account page)")
			: !strcmp(r->method, "GET")
			? req_redirect(r, "/account")
			: page_error(r, 403, "Choose your own password first, "
				     "on your account page.");
	if (r->signed_in && !(rt->roles & (1u << r->who.role)))
		return rt->flags & F_JSON
			? api_error(r, 403, "your role does not open this")
			: page_error(r, 403, "Your role does not open this "
				     "page.");
	return 0;
}

unsigned route_request(struct req *r)
{
	if (r->body_too_big || r->form.too_many)
		return page_error(r, 413, "The form is too large.");
	if (server_store(r))
		return page_error(r, 503, "The database does not answer.");
	if (!r->signed_in && (r->route->flags & F_KEEPS_WORK))
		return signin_keeping_work(r);
	if ((r->route->flags & F_CSRF) && !csrf_ok(r))
		return page_error(r, 403, "The form has expired or did not "
				  "come from this site: load the page again.");
	/* The API's reads are kept until the data or the day moves. */
	if ((r->route->flags & F_JSON) && !strcmp(r->method, "GET"))
		return api_cached(r);
	return r->route->handler(r);
}
