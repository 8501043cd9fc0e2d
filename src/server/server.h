/* The web application's shared parts: one request, the route table, pages. */
#ifndef VT_SERVER_SERVER_H
#define VT_SERVER_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <microhttpd.h>

#include "vitals/auth.h"
#include "vitals/html.h"
#include "vitals/store.h"

#define REQ_BODY_MAX (64 * 1024)	/* a form; uploads get their own cap */
#define REQ_FIELDS_MAX 32

struct server_config {
	const char *db;
	const char *listen;		/* "127.0.0.1:8080"; port 0: any */
	bool secure_cookies;		/* served over TLS, or behind a proxy
					   that terminates it */
	unsigned threads;
};

struct form_field {
	char *name, *value;
};

/* Everything one request owns; freed in one call when it completes. */
struct req {
	const struct server_config *cfg;
	struct MHD_Connection *conn;
	const char *method, *path;
	char address[64];		/* the client's */
	char *body;
	size_t body_len;
	bool body_too_big;
	struct form_field fields[REQ_FIELDS_MAX];
	size_t nfields;
	struct vt_store *store;		/* opened for this request */
	struct vt_signed_in who;
	bool signed_in;
	bool by_token;			/* Authorization: Bearer, not a cookie */
	char params[2][128];		/* the '*' segments of the route */
	/* The response */
	unsigned status;
	FILE *page;			/* the body being written */
	char *page_buf;
	size_t page_len;
	struct vt_html html;
	const char *content_type;
	char cookies[2][300];
	size_t ncookies;
	char location[256];
	char allow[64];			/* for 405 */
};

/* The roles a route is open to, as a mask of 1 << enum vt_role. */
#define ROLES_ALL ((1u << VT_ROLE__MAX) - 1)

enum route_flags {
	F_PUBLIC = 1 << 0,	/* no sign-in needed */
	F_CSRF = 1 << 1,	/* a state-changing form: token checked */
	F_JSON = 1 << 2,	/* the API: JSON errors, 401 not a redirect */
};

struct route {
	const char *method;
	const char *path;
	unsigned (*handler)(struct req *r);	/* returns the status */
	unsigned roles;
	unsigned flags;
	const char *summary;
};

extern const struct route routes[];
extern const size_t nroutes;

/* Serve until SIGINT or SIGTERM; returns an exit status. */
int server_run(const struct server_config *cfg);

/* Route the request: sign-in, role and CSRF checks, then the handler. */
unsigned route_request(struct req *r);

/* A form field's value, or NULL. */
const char *req_field(const struct req *r, const char *name);
/* A cookie's value, or NULL. */
const char *req_cookie(const struct req *r, const char *name);
/* Queue a Set-Cookie (HttpOnly, SameSite=Lax, Path=/, Secure when set). */
void req_set_cookie(struct req *r, const char *name, const char *value,
		    long max_age);
/* Answer with 'j' (stolen) as JSON; 500 when it is NULL. */
unsigned req_json(struct req *r, unsigned status, json_t *j);
/* {"error": MESSAGE} with 'status'. */
unsigned api_error(struct req *r, unsigned status, const char *message);
/* A 303 to 'location'. */
unsigned req_redirect(struct req *r, const char *location);

/* The shared frame of every page, and the error page. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
unsigned page_error(struct req *r, unsigned status, const char *message);

/* Today, YYYY-MM-DD, as the command line sees it. */
void server_today(char out[11]);

/* Pages */
unsigned page_healthz(struct req *r);
unsigned page_signin_form(struct req *r);
unsigned page_signin(struct req *r);
unsigned page_signout(struct req *r);
unsigned page_dashboard(struct req *r);
unsigned api_actions_summary(struct req *r);
unsigned api_measure_spc(struct req *r);
unsigned api_return(struct req *r);

#endif
