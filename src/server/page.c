/* The frame every page shares, the error page, and the health check. */
#include "server/server.h"

void page_begin(struct req *r, const char *title)
{
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
			   "<meta charset=\"utf-8\">"
			   "<meta name=\"viewport\" content=\"width=device-"
			   "width, initial-scale=1\">");
	vt_html_open(h, "title", NULL);
	vt_html_textf(h, "%s - Vitals", title);
	vt_html_close(h, "title");
	vt_html_literal(h, "</head><body><header><p>Vitals</p>");
	if (r->signed_in) {
		vt_html_open(h, "p", NULL);
		vt_html_textf(h, "Signed in as %s (%s)", r->who.name,
			      vt_role_names[r->who.role]);
		vt_html_close(h, "p");
		vt_html_literal(h, "<form method=\"post\" action=\"/logout\">");
		vt_html_open(h, "input", "type", "hidden", "name", "csrf",
			     "value", r->who.csrf, NULL);
		vt_html_literal(h, "<button type=\"submit\">Sign out</button>"
				   "</form>");
	}
	vt_html_literal(h, "</header><main>");
	vt_html_element(h, "h1", title, NULL);
}

void page_end(struct req *r)
{
	vt_html_literal(&r->html, "</main></body></html>\n");
}

unsigned page_error(struct req *r, unsigned status, const char *message)
{
	char title[64];

	snprintf(title, sizeof(title), "%u: %s", status,
		 status == 404 ? "not found" : status == 403 ? "forbidden" :
		 status == 405 ? "method not allowed" : status == 413 ?
		 "too large" : status == 429 ? "too many attempts" :
		 "unavailable");
	page_begin(r, title);
	vt_html_element(&r->html, "p", message, NULL);
	page_end(r);
	return status;
}

/* 200 when the database answers (opening it runs a query). */
unsigned page_healthz(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	vt_html_text(&r->html, "ok\n");
	return 200;
}
