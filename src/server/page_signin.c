/* Signing in and out: the form, its token, sessions, the same answer for every failure. */
#include <string.h>
#include <time.h>

#include "server/server.h"

static unsigned form(struct req *r, unsigned status, const char *problem)
{
	struct vt_html *h = &r->html;
	char token[VT_TOKEN_LEN + 1];

	/* A token for this form, in a cookie too (checked on POST). */
	vt_token_new(token);
	req_set_cookie(r, "vitals_csrf", token, 3600);
	page_begin(r, "Sign in");
	if (problem) {
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
	return req_redirect(r, who.one_time ? "/account" : "/");
}

unsigned page_signout(struct req *r)
{
	if (vt_session_end(r->store, req_cookie(r, "vitals_session")))
		return page_error(r, 503, "The database does not answer.");
	req_set_cookie(r, "vitals_session", "", 0);
	return req_redirect(r, "/login");
}
