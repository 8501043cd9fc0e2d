/* Signing in and out: the form, its token, sessions, the same answer for every failure. */
#include <string.h>
#include <time.h>

#include "server/server.h"

#define KEPT "kept:"	/* the prefix of a kept field's name */

/*
 * The fields of a form sent after its session ended, carried through the
 * sign-in form (never the old form token), and the address they were
 * for; or those of a sign-in that failed, carried again.
 */
static void kept_fields(struct req *r, bool from_sign_in)
{
	char name[160];
	size_t i;

	for (i = 0; i < r->form.nfields; i++) {
		const struct vt_form_field *f = &r->form.fields[i];

		if (from_sign_in) {
			if (strncmp(f->name, KEPT, strlen(KEPT)) &&
			    strcmp(f->name, "continue"))
				continue;
			page_hidden(r, f->name, f->value);
		} else if (strcmp(f->name, "csrf")) {
			snprintf(name, sizeof(name), KEPT "%s", f->name);
			page_hidden(r, name, f->value);
		}
	}
	if (!from_sign_in)
		page_hidden(r, "continue", r->path);
}

static unsigned form(struct req *r, unsigned status, const char *problem)
{
	struct vt_html *h = &r->html;
	char token[VT_TOKEN_LEN + 1];
	bool keeping = r->route && (r->route->flags & F_KEEPS_WORK);

	/* A token for this form, in a cookie too (checked on POST). */
	vt_token_new(token);
	req_set_cookie(r, "vitals_csrf", token, 3600);
	page_begin(r, "Sign in");
	if (problem) {
		r->error_summary = true;
		vt_html_literal(h, "<div class=\"govuk-error-summary\" "
				   "role=\"alert\" aria-labelledby=\""
				   "error-title\"><h2 id=\"error-title\" "
				   "class=\"govuk-error-summary__title\">"
				   "There is a problem</h2>"
				   "<div class=\"govuk-error-summary__body\">"
				   "<ul class=\"govuk-list govuk-error-"
				   "summary__list\"><li>");
		vt_html_open(h, "a", "href", "#email", NULL);
		vt_html_text(h, problem);
		vt_html_close(h, "a");
		vt_html_literal(h, "</li></ul></div></div>");
	}
	if (keeping || req_field(r, "continue"))
		page_important(r, "kept", "You were signed out, so nothing was "
			       "saved. Sign in again: what you typed is kept, "
			       "for you to check and send.");
	vt_html_literal(h, "<form method=\"post\" action=\"/login\">"
			   "<div class=\"govuk-form-group\">"
			   "<label class=\"govuk-label\" for=\"email\">"
			   "Email address</label>");
	vt_html_open(h, "input", "class", "govuk-input", "id", "email",
		     "name", "email", "type", "email", "autocomplete",
		     "username", "required", "required", "value",
		     req_field(r, "email"), NULL);
	vt_html_literal(h, "</div><div class=\"govuk-form-group\">"
			   "<label class=\"govuk-label\" for=\"password\">"
			   "Password</label>"
			   "<input class=\"govuk-input\" id=\"password\" "
			   "name=\"password\" type=\"password\" "
			   "autocomplete=\"current-password\" required>"
			   "</div>");
	page_hidden(r, "csrf", token);
	if (keeping || req_field(r, "continue"))
		kept_fields(r, !keeping);
	vt_html_literal(h, "<button type=\"submit\" class=\"govuk-button\">"
			   "Sign in</button></form>");
	page_end(r);
	return status;
}

unsigned page_signin_form(struct req *r)
{
	if (r->signed_in)
		return req_redirect(r, "/");
	return form(r, 200, NULL);
}

unsigned page_signin(struct req *r)
{
	const char *email = req_field(r, "email");
	const char *password = req_field(r, "password");
	char session[VT_TOKEN_LEN + 1];
	struct vt_signed_in who;
	enum vt_err result;

	if (!email || !password || !*email || !*password)
		return form(r, 400, "Enter your email address and password");
	result = vt_signin(r->store, email, password, r->address,
			   (int64_t)time(NULL), session, &who);
	/* Whether or not the account exists, the same words. */
	if (result == VT_EDENIED)
		return form(r, 401, "The email address or password is not "
			    "right");
	if (result == VT_ETHROTTLED)
		return form(r, 429, "Too many attempts to sign in: wait 15 "
			    "minutes and try again");
	if (result)
		return page_error(r, 503, "The database does not answer.");
	req_set_cookie(r, "vitals_session", session, VT_SESSION_MAX);
	req_set_cookie(r, "vitals_csrf", "", 0);
	if (req_field(r, "continue") && !who.one_time) {
		unsigned status = 200;

		/* Signed in again over a form kept: that form, as typed. */
		r->who = who;
		r->signed_in = true;
		if (return_page_kept(r, req_field(r, "continue"), &status))
			return status;
	}
	return req_redirect(r, who.one_time ? "/account" : "/");
}

unsigned signin_keeping_work(struct req *r)
{
	return form(r, 401, NULL);
}

unsigned page_signout(struct req *r)
{
	if (vt_session_end(r->store, req_cookie(r, "vitals_session")))
		return page_error(r, 503, "The database does not answer.");
	req_set_cookie(r, "vitals_session", "", 0);
	return req_redirect(r, "/login");
}
