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
const struct route routes[] = {
	{ "GET", "/healthz", page_healthz, ROLES_ALL, F_PUBLIC,
	  "200 when the database answers" },
	{ "GET", "/login", page_signin_form, ROLES_ALL, F_PUBLIC,
	  "the sign-in form" },
	{ "POST", "/login", page_signin, ROLES_ALL, F_PUBLIC | F_CSRF,
	  "sign in: email, password, csrf" },
	{ "POST", "/logout", page_signout, ROLES_ALL, F_CSRF,
	  "sign out" },
	{ "GET", "/", page_dashboard, ROLES_ALL, 0,
	  "the vital-signs dashboard" },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

/* Before signing in, the form's token is also in a cookie: a page of
   another site can send neither. */
static bool csrf_ok(struct req *r)
{
	const char *given = req_field(r, "csrf");

	if (r->signed_in)
		return vt_token_equal(given, r->who.csrf);
	return vt_token_equal(given, req_cookie(r, "vitals_csrf"));
}

unsigned route_request(struct req *r)
{
	const struct route *rt = NULL;
	const char *session = req_cookie(r, "vitals_session");
	size_t i;
	enum vt_err result;

	for (i = 0; i < nroutes; i++) {
		if (strcmp(routes[i].path, r->path))
			continue;
		if (!strcmp(routes[i].method, r->method)) {
			rt = &routes[i];
			break;
		}
		/* Known path, other method: say which are allowed. */
		strncat(r->allow, r->allow[0] ? ", " : "",
			sizeof(r->allow) - strlen(r->allow) - 1);
		strncat(r->allow, routes[i].method,
			sizeof(r->allow) - strlen(r->allow) - 1);
	}
	if (!rt)
		return r->allow[0] ? page_error(r, 405, "That address does "
						"not take this method.")
				   : page_error(r, 404, "There is no such page.");
	if (r->body_too_big)
		return page_error(r, 413, "The form is too large.");
	result = vt_store_open(r->cfg->db, VT_OPEN_EXISTING, &r->store);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	if (session) {
		result = vt_session_get(r->store, session, (int64_t)time(NULL),
					&r->who);
		if (result && result != VT_EDENIED)
			return page_error(r, 503, "The database does not "
					  "answer.");
		r->signed_in = !result;
	}
	if (!(rt->flags & F_PUBLIC) && !r->signed_in)
		return !strcmp(r->method, "GET")
			       ? req_redirect(r, "/login")
			       : page_error(r, 403, "Sign in first.");
	if (r->signed_in && !(rt->roles & (1u << r->who.role)))
		return page_error(r, 403, "Your role does not open this page.");
	if ((rt->flags & F_CSRF) && !csrf_ok(r))
		return page_error(r, 403, "The form has expired or did not "
				  "come from this site: load the page again.");
	return rt->handler(r);
}
