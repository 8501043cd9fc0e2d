/* The frame every page shares, the error page, and the health check. */
#include <stdlib.h>
#include <string.h>

#include "vitals/strparse.h"
#include "server/server.h"

/* Whether the route table opens GET 'path' to 'role'. */
static bool opens(const char *path, int role)
{
	size_t i;

	for (i = 0; i < nroutes; i++)
		if (!strcmp(routes[i].method, "GET") &&
		    !strcmp(routes[i].path, path))
			return routes[i].roles & (1u << role);
	return false;
}

/* Where a signed-in user goes: only what the role opens, no link to a
   403. */
static void nav(struct req *r)
{
	static const char *const links[][2] = {
		{ "/", "Dashboard" },
		{ "/measures", "Measures" },
		{ "/returns", "Returns" },
		{ "/actions", "Actions" },
		{ "/challenges", "Challenges" },
		{ "/reviews", "Case reviews" },
		{ "/escalations", "Escalations" },
		{ "/audits", "Audits" },
		{ "/s11", "Section 11" },
		{ "/voice", "Voice" },
		{ "/scrutiny", "Scrutiny plan" },
		{ "/funding", "Funding" },
		{ "/groups", "Groups" },
		{ "/reports", "Reports" },
		{ "/annual", "Annual report" },
		{ "/log", "Change log" },
		{ "/account", "Your account" },
		{ "/admin", "Users and agencies" },
	};
	struct vt_html *h = &r->html;
	size_t i, len;

	vt_html_literal(h, "<nav aria-label=\"Vitals\"><ul class=\"vt-nav\">");
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		bool here;

		if (!opens(links[i][0], r->who.role))
			continue;
		/* The section the page is in: "/measures/ns-m1" is under
		   "Measures". */
		len = strlen(links[i][0]);
		here = r->path && (len == 1 ? !strcmp(r->path, "/")
			: !strncmp(r->path, links[i][0], len) &&
			  (r->path[len] == '\0' || r->path[len] == '/'));
		vt_html_literal(h, "<li>");
		vt_html_element(h, "a", links[i][1], "class", here ?
				"govuk-link vt-nav__current" : "govuk-link",
				"href", links[i][0], "aria-current", here ?
				"page" : NULL, NULL);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ul></nav>");
}

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
		nav(r);
		vt_html_open(h, "p", "class", "govuk-body-s", NULL);
		vt_html_textf(h, "Signed in as %s (%s)", r->who.name,
			      vt_role_names[r->who.role]);
		vt_html_close(h, "p");
		vt_html_literal(h, "<form method=\"post\" action=\"/logout\">");
		page_csrf(r);
		vt_html_literal(h, "<button type=\"submit\" class=\"govuk-"
				   "button govuk-button--secondary\">Sign out"
				   "</button></form></div>");
	}
	vt_html_literal(h, "</header><div class=\"govuk-width-container\">");
	if (r->signed_in && r->up_href) {
		vt_html_literal(h, "<nav class=\"govuk-breadcrumbs\" aria-label="
				   "\"Breadcrumb\"><ol class=\"govuk-breadcrumbs"
				   "__list\"><li class=\"govuk-breadcrumbs__list-"
				   "item\"><a class=\"govuk-breadcrumbs__link\" "
				   "href=\"/\">Dashboard</a></li><li class=\""
				   "govuk-breadcrumbs__list-item\">");
		vt_html_element(h, "a", r->up_text, "class",
				"govuk-breadcrumbs__link", "href", r->up_href,
				NULL);
		vt_html_literal(h, "</li></ol></nav>");
	}
	vt_html_literal(h, "<main class=\"govuk-main-wrapper\" "
			   "id=\"main-content\">");
	vt_html_element(h, "h1", title, "class", "govuk-heading-l", NULL);
	if (r->illustrative)
		vt_html_element(h, "p", "Illustrative figures: demo data, not "
				"real figures for any child or area.", "class",
				"vt-illustrative", NULL);
}

void page_table_begin(struct req *r, const char *id, const char *caption,
		      const char *const *columns)
{
	page_table_open(r, id, caption);
	for (; *columns; columns++)
		page_table_header(r, *columns);
	page_table_body(r);
}

void page_table_end(struct req *r)
{
	vt_html_literal(&r->html, "</tbody></table></div>");
}

void page_cell(struct req *r, const char *text)
{
	vt_html_element(&r->html, "td", text ? text : "", "class",
			"govuk-table__cell", NULL);
}

void page_date_cell(struct req *r, const char *date)
{
	char words[VT_DATE_WORDS_MAX];

	if (date)
		vt_date_words(date, words);
	/* Read whole: "5 December 2026" is never broken across lines. */
	vt_html_element(&r->html, "td", date ? words : "", "class",
			"govuk-table__cell vt-nowrap", NULL);
}

void page_text_input(struct req *r, const char *id, const char *name,
		     const char *label, const char *value, const char *width)
{
	struct vt_html *h = &r->html;
	char cls[80];

	snprintf(cls, sizeof(cls), "govuk-input%s%s", width ? " " : "",
		 width ? width : "");
	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_element(h, "label", label, "class", "govuk-label", "for", id,
			NULL);
	vt_html_open(h, "input", "class", cls, "id", id, "name", name, "type",
		     "text", "value", value ? value : "", NULL);
	vt_html_literal(h, "</div>");
}

void page_select(struct req *r, const char *id, const char *label,
		 const char *const *choices, const char *const *labels,
		 const char *chosen, const char *any)
{
	struct vt_html *h = &r->html;
	size_t i;

	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_element(h, "label", label, "class", "govuk-label", "for", id,
			NULL);
	vt_html_open(h, "select", "class", "govuk-select", "id", id, "name",
		     id, NULL);
	vt_html_element(h, "option", any, "value", "", NULL);
	for (i = 0; choices[i]; i++)
		vt_html_element(h, "option", labels ? labels[i] : choices[i],
				"value", choices[i], "selected", chosen &&
				!strcmp(chosen, choices[i]) ? "selected" : NULL,
				NULL);
	vt_html_literal(h, "</select></div>");
}

/* A record's code and the words a reader knows it by. */
static void record_words(const struct vt_def *def, enum vt_kind kind,
			 size_t i, const char **code, const char **words)
{
	const struct vt_agency *a;
	const struct vt_plan *p;
	const struct vt_priority *pr;

	switch (kind) {
	case VT_KIND_AGENCY:
		a = vt_def_at(def, kind, i);
		*code = a->code;
		*words = a->name;
		break;
	case VT_KIND_PLAN:
		p = vt_def_at(def, kind, i);
		*code = p->code;
		*words = p->title;
		break;
	case VT_KIND_PRIORITY:
		pr = vt_def_at(def, kind, i);
		*code = pr->code;
		*words = pr->title;
		break;
	default:
		*code = *words = NULL;
		break;
	}
}

void page_record_select(struct req *r, const struct vt_def *def,
			enum vt_kind kind, const char *id, const char *label,
			const char *chosen, const char *any)
{
	size_t n = vt_def_count(def, kind), i, k = 0;
	const char **codes = calloc(n + 1, sizeof(*codes));
	const char **words = calloc(n + 1, sizeof(*words));

	for (i = 0; codes && words && i < n; i++) {
		record_words(def, kind, i, &codes[k], &words[k]);
		k += codes[k] && words[k];
	}
	if (codes && words) {
		codes[k] = NULL;
		page_select(r, id, label, codes, words, chosen, any);
	} else {
		/* Out of memory: the code can still be typed. */
		page_text_input(r, id, id, label, chosen,
				"govuk-input--width-10");
	}
	free(codes);
	free(words);
}

void page_hidden(struct req *r, const char *name, const char *value)
{
	vt_html_open(&r->html, "input", "type", "hidden", "name", name,
		     "value", value ? value : "", NULL);
}

void page_csrf(struct req *r)
{
	page_hidden(r, "csrf", r->who.csrf);
}

void page_summary_begin(struct req *r)
{
	vt_html_literal(&r->html, "<dl class=\"govuk-summary-list\">");
}

void page_summary_row_open(struct req *r, const char *key, const char *id)
{
	vt_html_literal(&r->html, "<div class=\"govuk-summary-list__row\">");
	vt_html_element(&r->html, "dt", key, "class",
			"govuk-summary-list__key", NULL);
	vt_html_open(&r->html, "dd", "class", "govuk-summary-list__value",
		     "id", id, NULL);
}

void page_summary_row_close(struct req *r)
{
	vt_html_literal(&r->html, "</dd></div>");
}

void page_summary_row(struct req *r, const char *key, const char *value,
		      const char *id)
{
	page_summary_row_open(r, key, id);
	vt_html_text(&r->html, value ? value : "");
	page_summary_row_close(r);
}

void page_summary_end(struct req *r)
{
	vt_html_literal(&r->html, "</dl>");
}

void page_checkboxes_begin(struct req *r)
{
	vt_html_literal(&r->html, "<div class=\"govuk-checkboxes govuk-"
			"checkboxes--small govuk-!-margin-bottom-4\">");
}

void page_checkbox(struct req *r, const char *id, const char *name,
		   const char *label, bool checked)
{
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<div class=\"govuk-checkboxes__item\">");
	vt_html_open(h, "input", "class", "govuk-checkboxes__input", "id", id,
		     "name", name, "type", "checkbox", "value", "1",
		     "checked", checked ? "checked" : NULL, NULL);
	vt_html_element(h, "label", label, "class",
			"govuk-label govuk-checkboxes__label", "for", id, NULL);
	vt_html_literal(h, "</div>");
}

void page_checkboxes_end(struct req *r)
{
	vt_html_literal(&r->html, "</div>");
}

void page_button(struct req *r, const char *text, bool secondary)
{
	vt_html_element(&r->html, "button", text, "type", "submit", "class",
			secondary ? "govuk-button govuk-button--secondary"
				  : "govuk-button", NULL);
}

void page_problem(struct req *r, const char *title, const char *problem,
		  const char *field)
{
	struct vt_html *h = &r->html;
	char href[80], sentence[400];

	snprintf(href, sizeof(href), "#%s", field);
	/* The library's messages begin in lower case, to follow a place;
	   a GOV.UK error message is a sentence. */
	snprintf(sentence, sizeof(sentence), "%s", problem);
	if (sentence[0] >= 'a' && sentence[0] <= 'z')
		sentence[0] = (char)(sentence[0] - 'a' + 'A');
	problem = sentence;
	r->error_summary = true;
	vt_html_literal(h, "<div class=\"govuk-error-summary\"><div role=\""
			   "alert\">");
	vt_html_element(h, "h2", title, "class",
			"govuk-error-summary__title", NULL);
	vt_html_literal(h, "<div class=\"govuk-error-summary__body\"><ul "
			   "class=\"govuk-list govuk-error-summary__list\">"
			   "<li>");
	vt_html_element(h, "a", problem, "href", href, NULL);
	vt_html_literal(h, "</li></ul></div></div></div>");
}

void page_end(struct req *r)
{
	vt_html_literal(&r->html, "</main></div>"
			"<footer class=\"govuk-template__footer\">"
			"<div class=\"govuk-footer\">"
			"<div class=\"govuk-width-container\">"
			"<div class=\"govuk-footer__meta\">"
			"<div class=\"govuk-footer__meta-item\">"
			"<ul class=\"govuk-footer__inline-list\"><li class=\""
			"govuk-footer__inline-list-item\"><a class=\"govuk-"
			"footer__link\" href=\"/accessibility\">"
			"Accessibility statement</a></li></ul>"
			"<p class=\"govuk-body-s\">Vitals: "
			"performance and improvement for the safeguarding "
			"partnership</p></div></div></div></div></footer>"
			"</body></html>\n");
}

unsigned page_error(struct req *r, unsigned status, const char *message)
{
	struct vt_html *h = &r->html;

	/* GOV.UK's titles for these pages: what happened, in words. */
	page_begin(r, status == 404 ? "Page not found"
		   : status == 403 ? "You cannot open this page"
		   : status == 400 ? "That address is not one Vitals can read"
		   : status == 405 ? "That cannot be done here"
		   : status == 413 ? "That is too large to send"
		   : status == 429 ? "Too many attempts"
		   : "Sorry, there is a problem with the service");
	vt_html_element(h, "p", message, "class", "govuk-body", NULL);
	/* Always a way on: back where one came from, or home. */
	vt_html_open(h, "p", "class", "govuk-body", NULL);
	if (r->signed_in)
		vt_html_element(h, "a", "Go to the dashboard", "class",
				"govuk-link", "href", "/", NULL);
	else
		vt_html_element(h, "a", "Sign in", "class", "govuk-link",
				"href", "/login", NULL);
	vt_html_close(h, "p");
	page_end(r);
	return status;
}

void page_important(struct req *r, const char *id, const char *text)
{
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<div class=\"govuk-notification-banner\" role=\""
			   "region\" aria-labelledby=\"important-title\"><div"
			   " class=\"govuk-notification-banner__header\"><h2 "
			   "class=\"govuk-notification-banner__title\" id=\""
			   "important-title\">Important</h2></div>");
	vt_html_open(h, "div", "class", "govuk-notification-banner__content",
		     "id", id, NULL);
	vt_html_element(h, "p", text, "class",
			"govuk-notification-banner__heading", NULL);
	vt_html_literal(h, "</div></div>");
}

void page_done(struct req *r, const char *const words[][2])
{
	struct vt_html *h = &r->html;
	const char *done = req_query(r, "done");
	size_t i;

	for (i = 0; done && words[i][0]; i++) {
		if (strcmp(done, words[i][0]))
			continue;
		vt_html_literal(h, "<div class=\"govuk-notification-banner "
				   "govuk-notification-banner--success\" role="
				   "\"alert\" aria-labelledby=\"done-title\" id="
				   "\"done\"><div class=\"govuk-notification-"
				   "banner__header\"><h2 class=\"govuk-"
				   "notification-banner__title\" id=\"done-"
				   "title\">Success</h2></div><div class=\""
				   "govuk-notification-banner__content\">");
		vt_html_element(h, "p", words[i][1], "class",
				"govuk-notification-banner__heading", NULL);
		vt_html_literal(h, "</div></div>");
		return;
	}
}

unsigned page_accessibility(struct req *r)
{
	struct vt_html *h = &r->html;

	page_begin(r, "Accessibility statement");
	vt_html_element(h, "p", "Vitals is meant for everyone in the "
			"partnership, whatever their sight, hearing, movement "
			"or device. It aims to meet the Web Content "
			"Accessibility Guidelines version 2.2 at level AA.",
			"class", "govuk-body", NULL);
	vt_html_element(h, "h2", "What you can do", "class",
			"govuk-heading-m", NULL);
	vt_html_literal(h, "<ul class=\"govuk-list govuk-list--bullet\">"
			"<li>use every page with a keyboard alone</li>"
			"<li>zoom to 400% or use a phone: pages reflow, and a "
			"wide table scrolls inside its own region</li>"
			"<li>hear every chart: each has a text alternative and "
			"its figures are in a table beside it</li>"
			"<li>use the site without JavaScript</li></ul>");
	vt_html_element(h, "h2", "How it is checked", "class",
			"govuk-heading-m", NULL);
	vt_html_element(h, "p", "Every page in every role's navigation is "
			"checked automatically against WCAG 2.2 AA, with the "
			"site's own security policy in force, and at a width "
			"of 320 pixels, each time the software is changed.",
			"class", "govuk-body", NULL);
	vt_html_element(h, "h2", "Known problems", "class",
			"govuk-heading-m", NULL);
	vt_html_element(h, "p", "The PDF pack is tagged for screen readers, "
			"but its charts carry their description as a caption "
			"rather than as alternative text.",
			"class", "govuk-body", NULL);
	vt_html_element(h, "h2", "Reporting a problem", "class",
			"govuk-heading-m", NULL);
	vt_html_element(h, "p", "Tell the partnership's business unit, who "
			"run this service for the partnership, what you were "
			"doing and what went wrong.", "class", "govuk-body",
			NULL);
	page_end(r);
	return 200;
}

bool req_send_file(struct req *r, const char *path)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "rb");
	bool ok = f != NULL;

	while (ok && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		ok = fwrite(buf, 1, n, r->page) == n;
	if (f) {
		ok = ok && !ferror(f);
		fclose(f);
	}
	return ok;
}

/* "ok" only when the database can be read throughout and written: a
   read-only or damaged file is not healthy, though it opens. */
unsigned page_healthz(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	if (vt_store_health(r->store)) {
		/* The why is for the operator's log, not for anyone. */
		fprintf(stderr, "vitals serve: /healthz: %s\n",
			vt_store_errmsg(r->store));
		vt_html_text(&r->html, "the database cannot be used\n");
		return 503;
	}
	vt_html_text(&r->html, "ok\n");
	return 200;
}

/* ------------------------------------------------------------------ */
/* Long lists: sortable headers, pagination */

void page_query_add(char *out, size_t size, const char *name,
		    const char *value)
{
	size_t len = strlen(out), start = len;
	const unsigned char *p = (const unsigned char *)value;

	if (!value || !*value || len + strlen(name) + 3 >= size)
		return;
	len += (size_t)snprintf(out + len, size - len, "%s%s=",
				*out ? "&" : "", name);
	for (; *p; p++) {
		if (len + 4 >= size) {
			/* A value cut short would be another value. */
			out[start] = '\0';
			return;
		}
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~@", *p))
			out[len++] = (char)*p;
		else
			len += (size_t)snprintf(out + len, size - len, "%%%02X",
						*p);
	}
	out[len] = '\0';
}

void page_table_open(struct req *r, const char *id, const char *caption)
{
	struct vt_html *h = &r->html;

	/* A table wider than a phone scrolls inside its own region, which
	   the keyboard can reach, rather than the whole page sideways. */
	vt_html_open(h, "div", "class", "vt-table-scroll", "role", "region",
		     "aria-label", caption, "tabindex", "0", NULL);
	vt_html_open(h, "table", "class", "govuk-table", "id", id, NULL);
	vt_html_element(h, "caption", caption, "class", "govuk-table__caption "
			"govuk-table__caption--m", NULL);
	vt_html_literal(h, "<thead class=\"govuk-table__head\"><tr class=\""
			   "govuk-table__row\">");
}

void page_table_header(struct req *r, const char *label)
{
	vt_html_element(&r->html, "th", label, "scope", "col", "class",
			"govuk-table__header", NULL);
}

void page_sort_header(struct req *r, const char *label, const char *href,
		      int sorted)
{
	struct vt_html *h = &r->html;

	/* aria-sort on the sorted column only, as ARIA asks: a reader
	   hears which one orders the rows, and which way. */
	vt_html_open(h, "th", "scope", "col", "class", "govuk-table__header",
		     "aria-sort", sorted > 0 ? "ascending" : sorted < 0 ?
		     "descending" : NULL, NULL);
	vt_html_element(h, "a", label, "class", "govuk-link", "href", href,
			NULL);
	/* The arrow is for the eye; aria-sort says it to the ear. */
	if (sorted)
		vt_html_element(h, "span", sorted > 0 ? " \u25B2" : " \u25BC",
				"aria-hidden", "true", NULL);
	vt_html_close(h, "th");
}

void page_table_body(struct req *r)
{
	vt_html_literal(&r->html, "</tr></thead><tbody class=\"govuk-table__"
			"body\">");
}

/* The address of page 'page': 'base' with page=N added. */
static void numbered_href(const char *base, long page, char *out,
			  size_t size)
{
	snprintf(out, size, "%s%spage=%ld", base, strchr(base, '?') ?
		 (base[strlen(base) - 1] == '?' ? "" : "&") : "?", page);
}

void page_pagination(struct req *r, const char *label, const char *base,
		     long page, long pages)
{
	struct vt_html *h = &r->html;
	char href[2048], n[24], name[48];
	long p;

	if (pages < 2)
		return;
	vt_html_open(h, "nav", "class", "govuk-pagination", "aria-label",
		     label, NULL);
	if (page > 1) {
		numbered_href(base, page - 1, href, sizeof(href));
		vt_html_literal(h, "<div class=\"govuk-pagination__prev\">");
		vt_html_open(h, "a", "class", "govuk-link govuk-pagination__link",
			     "href", href, "rel", "prev", NULL);
		vt_html_literal(h, "<svg class=\"govuk-pagination__icon "
			"govuk-pagination__icon--prev\" xmlns=\"http://www.w3"
			".org/2000/svg\" height=\"13\" width=\"15\" aria-hidden"
			"=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">"
			"<path d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6."
			"4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4."
			"2931-4.293-1.414-1.414z\"></path></svg><span class="
			"\"govuk-pagination__link-title\">Previous<span class="
			"\"govuk-visually-hidden\"> page</span></span></a></div>");
	}
	vt_html_literal(h, "<ul class=\"govuk-pagination__list\">");
	for (p = 1; p <= pages; p++) {
		/* The first, the last, and this page's neighbours; a gap
		   stands for the rest. */
		if (p != 1 && p != pages && (p < page - 1 || p > page + 1)) {
			if (p == page - 2 || p == page + 2)
				vt_html_literal(h, "<li class=\"govuk-pagination"
					"__item govuk-pagination__item--ellipses"
					"\">&ctdot;</li>");
			continue;
		}
		numbered_href(base, p, href, sizeof(href));
		snprintf(n, sizeof(n), "%ld", p);
		snprintf(name, sizeof(name), "Page %ld", p);
		vt_html_literal(h, p == page
			? "<li class=\"govuk-pagination__item govuk-pagination"
			  "__item--current\">"
			: "<li class=\"govuk-pagination__item\">");
		vt_html_element(h, "a", n, "class",
				"govuk-link govuk-pagination__link", "href", href,
				"aria-label", name, "aria-current",
				p == page ? "page" : NULL, NULL);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ul>");
	if (page < pages) {
		numbered_href(base, page + 1, href, sizeof(href));
		vt_html_literal(h, "<div class=\"govuk-pagination__next\">");
		vt_html_open(h, "a", "class", "govuk-link govuk-pagination__link",
			     "href", href, "rel", "next", NULL);
		vt_html_literal(h, "<span class=\"govuk-pagination__link-title"
			"\">Next<span class=\"govuk-visually-hidden\"> page"
			"</span></span><svg class=\"govuk-pagination__icon "
			"govuk-pagination__icon--next\" xmlns=\"http://www.w3"
			".org/2000/svg\" height=\"13\" width=\"15\" aria-hidden"
			"=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\">"
			"<path d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293"
			"h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-"
			"6.4062-6.7246-6.7266z\"></path></svg></a></div>");
	}
	vt_html_close(h, "nav");
}

bool page_number_read(struct req *r, size_t total, long per_page,
		      long *page, long *pages, char *why, size_t whysize)
{
	const char *s = req_query(r, "page");
	int64_t n = 1;

	*pages = total ? (long)((total + (size_t)per_page - 1) /
				(size_t)per_page) : 1;
	*page = 1;
	if (s && *s && (vt_parse_int64(s, &n) || n < 1)) {
		snprintf(why, whysize, "the page is a whole number from 1 to "
			 "%ld", *pages);
		return false;
	}
	if (n > *pages) {
		snprintf(why, whysize, *pages == 1 ? "there is only %ld page"
			 : "there are only %ld pages", *pages);
		return false;
	}
	*page = (long)n;
	return true;
}

void page_showing(struct req *r, long page, long per_page, size_t total,
		  const char *noun)
{
	size_t first = (size_t)(page - 1) * (size_t)per_page + 1;
	size_t last = first + (size_t)per_page - 1;

	vt_html_open(&r->html, "p", "class", "govuk-body", "id", "showing",
		     NULL);
	vt_html_textf(&r->html, "Showing %zu to %zu of %zu %s", first,
		      last < total ? last : total, total, noun);
	vt_html_close(&r->html, "p");
}
