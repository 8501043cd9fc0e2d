/* Your account: change your password, and your personal API tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "server/server.h"

/* A day as people read it: "5 December 2026". */
static void day_text(int64_t at, char out[32])
{
	time_t t = (time_t)at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%e %B %Y", &tm);
	if (out[0] == ' ')
		memmove(out, out + 1, strlen(out));
}

static void token_row(void *arg, const struct vt_api_token_info *tk)
{
	struct req *r = arg;
	const char *name = tk->name;
	char created[32], expires[32], used[32], action[64];

	day_text(tk->created, created);
	day_text(tk->expires, expires);
	if (tk->last_used)
		day_text(tk->last_used, used);
	vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
	page_cell(r, name);
	page_cell(r, tk->write ? "Read and change" : "Read only");
	page_cell(r, created);
	page_cell(r, expires);
	page_cell(r, tk->last_used ? used : "Never");
	vt_html_literal(&r->html, "<td class=\"govuk-table__cell\">");
	snprintf(action, sizeof(action), "/account/tokens/revoke");
	vt_html_open(&r->html, "form", "method", "post", "action", action,
		     NULL);
	page_csrf(r);
	vt_html_open(&r->html, "input", "type", "hidden", "name", "name",
		     "value", name, NULL);
	vt_html_open(&r->html, "button", "type", "submit", "class",
		     "govuk-button govuk-button--warning govuk-!-margin-bottom-"
		     "0", NULL);
	vt_html_literal(&r->html, "Revoke<span class=\"govuk-visually-hidden"
			"\"> ");
	vt_html_text(&r->html, name);
	vt_html_literal(&r->html, "</span></button></form></td></tr>");
}

/* A password field of the change form. */
static void password_field(struct vt_html *h, const char *id,
			   const char *name, const char *label,
			   const char *autocomplete, const char *hint)
{
	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_open(h, "label", "class", "govuk-label", "for", id, NULL);
	vt_html_text(h, label);
	vt_html_close(h, "label");
	if (hint) {
		char hint_id[40];

		snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
		vt_html_element(h, "div", hint, "class", "govuk-hint", "id",
				hint_id, NULL);
		vt_html_open(h, "input", "class", "govuk-input "
			     "govuk-input--width-20", "id", id, "name", name,
			     "type", "password", "autocomplete", autocomplete,
			     "aria-describedby", hint_id, "required",
			     "required", NULL);
	} else {
		vt_html_open(h, "input", "class", "govuk-input "
			     "govuk-input--width-20", "id", id, "name", name,
			     "type", "password", "autocomplete", autocomplete,
			     "required", "required", NULL);
	}
	vt_html_literal(h, "</div>");
}

/* Changing one's own password: the current one, the new one twice. */
static void password_form(struct req *r)
{
	struct vt_html *h = &r->html;
	char hint[160];

	snprintf(hint, sizeof(hint), "At least %d characters, not a common "
		 "password. A few words you will remember work well.",
		 VT_PASSWORD_MIN);
	vt_html_literal(h, "<form method=\"post\" action=\"/account/"
			   "password\" novalidate>");
	page_csrf(r);
	password_field(h, "current-password", "current", r->who.one_time ?
		       "The password you were given" : "Current password",
		       "current-password", NULL);
	password_field(h, "new-password", "password", "New password",
		       "new-password", hint);
	password_field(h, "confirm-password", "confirm",
		       "New password again", "new-password", NULL);
	vt_html_literal(h, "<button type=\"submit\" class=\"govuk-button\">"
			   "Change password</button></form>");
}

/*
 * The account page: who you are, your password, your API tokens.  With a
 * one-time password only the password form: nothing else opens until the
 * user has chosen their own.
 */
static unsigned account_page(struct req *r, const char *new_token,
			     const char *problem, const char *field,
			     const char *done, unsigned status)
{
	static const char *const columns[] = {
		"Token", "May", "Created", "Expires", "Last used", "Action",
		NULL };
	struct vt_html *h = &r->html;
	enum vt_err listed;

	page_begin(r, r->who.one_time ? "Choose your password"
				       : "Your account");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	if (done) {
		vt_html_literal(h, "<div class=\"govuk-notification-banner "
				   "govuk-notification-banner--success\" role=\""
				   "alert\" aria-labelledby=\"done-title\" id=\""
				   "done\"><div class=\"govuk-notification-banner"
				   "__header\"><h2 class=\"govuk-notification-"
				   "banner__title\" id=\"done-title\">Success"
				   "</h2></div><div class=\"govuk-notification-"
				   "banner__content\">");
		vt_html_element(h, "p", done, "class",
				"govuk-notification-banner__heading", NULL);
		vt_html_literal(h, "</div></div>");
	}
	if (r->who.one_time) {
		vt_html_element(h, "p", "The password you signed in with was "
				"given to you by an administrator. Choose your "
				"own before you go on: only you will know it.",
				"class", "govuk-body", NULL);
		password_form(r);
		page_end(r);
		return status;
	}
	page_summary_begin(r);
	page_summary_row(r, "Email", r->who.email, NULL);
	page_summary_row(r, "Role", vt_role_names[r->who.role], NULL);
	page_summary_end(r);
	vt_html_element(h, "h2", "Change your password", "class",
			"govuk-heading-m", NULL);
	vt_html_element(h, "p", "Changing it signs you out everywhere else "
			"and revokes your API tokens.", "class", "govuk-body",
			NULL);
	password_form(r);
	if (new_token) {
		vt_html_literal(h, "<div class=\"govuk-panel govuk-panel--"
				   "confirmation\"><h2 class=\"govuk-panel__"
				   "title\">Your new token</h2><div class=\""
				   "govuk-panel__body\">Shown this once: ");
		vt_html_element(h, "code", new_token, "id", "new-token", NULL);
		vt_html_literal(h, "</div></div>");
	}
	page_table_begin(r, "tokens", "Personal API tokens", columns);
	listed = vt_api_token_list(r->store, r->who.email, token_row, r);
	page_table_end(r);
	/* An empty table must mean no tokens, never a database that did
	   not answer. */
	if (listed)
		vt_html_element(h, "p", "Your tokens could not be read: the "
				"database did not answer. Load the page again.",
				"class", "govuk-error-message", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/account/tokens\">");
	page_csrf(r);
	vt_html_literal(h, "<div class=\"govuk-form-group\"><label class=\""
			   "govuk-label\" for=\"token-name\">Name of a new "
			   "token (what will use it)</label><input class=\""
			   "govuk-input govuk-input--width-20\" id=\"token-"
			   "name\" name=\"name\" type=\"text\"></div>"
			   "<div class=\"govuk-form-group\"><div class=\""
			   "govuk-checkboxes govuk-checkboxes--small\"><div "
			   "class=\"govuk-checkboxes__item\"><input class=\""
			   "govuk-checkboxes__input\" id=\"token-write\" "
			   "name=\"write\" type=\"checkbox\" value=\"1\"><label "
			   "class=\"govuk-label govuk-checkboxes__label\" for="
			   "\"token-write\">It may change data, not only read "
			   "it</label></div></div></div><p class=\"govuk-body\">"
			   "A token works for 90 days, on the API only."
			   "</p><button type=\"submit\" class=\"govuk-button\">"
			   "Create token</button></form>");
	page_end(r);
	return status;
}

unsigned page_account(struct req *r)
{
	return account_page(r, NULL, NULL, NULL,
			    req_query(r, "done") &&
			    !strcmp(req_query(r, "done"), "revoked")
			    ? "Token revoked: it no longer opens the API" : NULL,
			    200);
}

/* The first letter of a library message made a capital, as GOV.UK
   error messages are written. */
static void sentence(const char *message, char out[200])
{
	snprintf(out, 200, "%s", message);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

unsigned page_password_change(struct req *r)
{
	const char *current = req_field(r, "current");
	const char *password = req_field(r, "password");
	const char *confirm = req_field(r, "confirm");
	char session[VT_TOKEN_LEN + 1], problem[200];
	struct vt_signed_in who;
	enum vt_err result;

	if (!current || !*current)
		return account_page(r, NULL, r->who.one_time ? "Enter the "
				    "password you were given" : "Enter your "
				    "current password", "current-password",
				    NULL, 422);
	if (!password || !*password)
		return account_page(r, NULL, "Enter a new password",
				    "new-password", NULL, 422);
	if (vt_password_problem(password)) {
		sentence(vt_password_problem(password), problem);
		return account_page(r, NULL, problem, "new-password", NULL,
				    422);
	}
	if (!strcmp(password, current))
		return account_page(r, NULL, "Choose a new password, not the "
				    "one you have now", "new-password", NULL,
				    422);
	if (!confirm || strcmp(password, confirm))
		return account_page(r, NULL, "The new password and the one "
				    "typed again are not the same",
				    "confirm-password", NULL, 422);
	result = vt_password_change(r->store, r->who.email, current, password,
				    r->address, (int64_t)time(NULL), session,
				    &who);
	if (result == VT_EDENIED)
		return account_page(r, NULL, r->who.one_time ? "The password "
				    "you were given is not right" : "Your "
				    "current password is not right",
				    "current-password", NULL, 422);
	if (result == VT_ETHROTTLED)
		return account_page(r, NULL, "Too many wrong passwords: wait "
				    "a few minutes and try again",
				    "current-password", NULL, 429);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The old session has gone with the old password: this browser
	   carries on with the new one. */
	req_set_cookie(r, "vitals_session", session, VT_SESSION_MAX);
	sodium_memzero(session, sizeof(session));
	r->who = who;
	return account_page(r, NULL, NULL, NULL, "Your password has been "
			    "changed. You have been signed out everywhere "
			    "else, and your API tokens have been revoked.",
			    200);
}

unsigned page_token_add(struct req *r)
{
	const char *name = req_field(r, "name");
	char token[VT_TOKEN_LEN + 1];
	enum vt_err result;

	if (!name || !*name || strlen(name) > 64)
		return account_page(r, NULL, "give the token a name of up to "
				    "64 characters", "token-name", NULL, 422);
	result = vt_api_token_add(r->store, r->who.email, name,
				  req_field(r, "write") != NULL, VT_TOKEN_DAYS,
				  (int64_t)time(NULL), token);
	if (result == VT_ECONFLICT)
		return account_page(r, NULL, "you have a token of that name "
				    "already", "token-name", NULL, 422);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	return account_page(r, token, NULL, NULL, NULL, 200);
}

unsigned page_token_revoke(struct req *r)
{
	const char *name = req_field(r, "name");
	enum vt_err result = vt_api_token_revoke(r->store, r->who.email,
						 name ? name : "");

	if (result == VT_ENOTFOUND)
		return account_page(r, NULL, "there is no token of that name",
				    "tokens", NULL, 404);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	return req_redirect(r, "/account?done=revoked");
}

