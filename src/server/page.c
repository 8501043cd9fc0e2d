/* The frame every page shares, the error page, and the health check. */
#include "server/server.h"

void page_begin(struct req *r, const char *title)
{
	struct vt_html *h = &r->html;

	/* The frame of govuk-frontend's page template, without GOV.UK's
	   brand: Vitals is the partnership's service, not the Crown's. */
	vt_html_literal(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-"
			   "template\"><head><meta charset=\"utf-8\">"
			   "<meta name=\"viewport\" content=\"width=device-"
			   "width, initial-scale=1\">");
	vt_html_open(h, "title", NULL);
	vt_html_textf(h, "%s - Vitals", title);
	vt_html_close(h, "title");
	vt_html_literal(h, "<link rel=\"stylesheet\" href=\"/assets/"
			   "vitals.css\"></head>"
			   "<body class=\"govuk-template__body\">"
			   "<a href=\"#main-content\" class=\"govuk-skip-"
			   "link\">Skip to main content</a>"
			   "<header class=\"govuk-template__header\">"
			   "<div class=\"govuk-generic-header\">"
			   "<div class=\"govuk-generic-header__container "
			   "govuk-width-container\">"
			   "<div class=\"govuk-generic-header__logo\">"
			   "<a href=\"/\" class=\"govuk-generic-header__"
			   "homepage-link\">Vitals</a></div></div></div>");
	if (r->signed_in) {
		vt_html_literal(h, "<div class=\"govuk-width-container\">");
		vt_html_open(h, "p", "class", "govuk-body-s", NULL);
		vt_html_textf(h, "Signed in as %s (%s)", r->who.name,
			      vt_role_names[r->who.role]);
		vt_html_close(h, "p");
		vt_html_literal(h, "<form method=\"post\" action=\"/logout\">");
		vt_html_open(h, "input", "type", "hidden", "name", "csrf",
			     "value", r->who.csrf, NULL);
		vt_html_literal(h, "<button type=\"submit\" class=\"govuk-"
				   "button govuk-button--secondary\">Sign out"
				   "</button></form></div>");
	}
	vt_html_literal(h, "</header><div class=\"govuk-width-container\">"
			   "<main class=\"govuk-main-wrapper\" "
			   "id=\"main-content\">");
	vt_html_element(h, "h1", title, "class", "govuk-heading-l", NULL);
}

void page_end(struct req *r)
{
	vt_html_literal(&r->html, "</main></div>"
			"<footer class=\"govuk-template__footer\">"
			"<div class=\"govuk-footer\">"
			"<div class=\"govuk-width-container\">"
			"<div class=\"govuk-footer__meta\">"
			"<p class=\"govuk-footer__meta-item\">Vitals: "
			"performance and improvement for the safeguarding "
			"partnership</p></div></div></div></footer>"
			"</body></html>\n");
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
	vt_html_element(&r->html, "p", message, "class", "govuk-body", NULL);
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
