/* The annual report on the web: its years, a year's sections and downloads, and the business manager's narrative of each section, saved as versions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitals/annual.h"
#include "vitals/narrative.h"
#include "vitals/strparse.h"
#include "server/server.h"

#define YEARS_SHOWN 6

/* Analysts and administrators write the narrative. */
static bool may_write(const struct req *r)
{
	return r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_ANALYST;
}

/* Whether anything of 'def' falls in the financial year from 'first':
   a plan current in it, or a narrative written for it. */
static bool year_has(const struct vt_def *def, int first, int fy)
{
	char from[11], to[11], year[8];
	size_t i, n = vt_def_count(def, VT_KIND_PLAN);

	snprintf(from, sizeof(from), "%04d-%02d-01", first, fy);
	snprintf(to, sizeof(to), "%04d-%02d-01", first + 1, fy);
	snprintf(year, sizeof(year), "%04d-%02d", first, (first + 1) % 100);
	for (i = 0; i < n; i++) {
		const struct vt_plan *p = vt_def_at(def, VT_KIND_PLAN, i);

		if ((!p->starts || strcmp(p->starts, to) < 0) &&
		    (!p->ends || strcmp(p->ends, from) >= 0))
			return true;
	}
	n = vt_def_count(def, VT_KIND_NARRATIVE);
	for (i = 0; i < n; i++) {
		const struct vt_narrative *x = vt_def_at(def,
			VT_KIND_NARRATIVE, i);

		if (!strcmp(x->year, year))
			return true;
	}
	return false;
}

unsigned page_annual(struct req *r)
{
	struct vt_html *h = &r->html;
	struct vt_def def;
	unsigned status = 0;
	char today[11], year[8], href[64];
	int fy, now, first, shown = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	r->illustrative = vt_def_illustrative(&def);
	fy = vt_def_fy_start(&def);
	server_today(today);
	now = (today[0] - '0') * 1000 + (today[1] - '0') * 100 +
		(today[2] - '0') * 10 + (today[3] - '0');
	if ((today[5] - '0') * 10 + (today[6] - '0') < fy)
		now--;
	page_begin(r, "Annual reports");
	vt_html_element(h, "p", "The partnership's annual report on the "
			"arrangements and the evidence of their impact, for "
			"each financial year.", "class", "govuk-body", NULL);
	vt_html_literal(h, "<ul class=\"govuk-list\">");
	for (first = now; first > now - YEARS_SHOWN; first--) {
		if (!year_has(&def, first, fy))
			continue;
		snprintf(year, sizeof(year), "%04d-%02d", first,
			 (first + 1) % 100);
		snprintf(href, sizeof(href), "/annual/%s", year);
		vt_html_literal(h, "<li>");
		vt_html_open(h, "a", "class", "govuk-link", "href", href,
			     NULL);
		vt_html_textf(h, "Annual report %s", year);
		vt_html_close(h, "a");
		vt_html_literal(h, "</li>");
		shown++;
	}
	vt_html_literal(h, "</ul>");
	if (!shown)
		vt_html_element(h, "p", "No year has a plan or a narrative "
				"yet.", "class", "govuk-body", NULL);
	page_end(r);
	vt_def_release(&def);
	return 200;
}

/* The year of the address, canonical ("2025-26"), or a 404 page. */
static unsigned year_of(struct req *r, char out[8])
{
	int first;

	if (vt_annual_year(r->params[0], &first))
		return page_error(r, 404, "That is not a financial year: "
				  "write it as 2025-26.");
	snprintf(out, 8, "%04d-%02d", first, (first + 1) % 100);
	return 0;
}

static const char *const saved_words[][2] = {
	{ "saved", "Section saved as a new version" }, { NULL, NULL }
};

unsigned page_annual_year(struct req *r)
{
	struct vt_html *h = &r->html;
	struct vt_annual a;
	struct vt_def def;
	unsigned status = 0;
	char year[8], today[11], href[120], title[40];
	char when[VT_TIME_WORDS_MAX];
	size_t i, k;

	if ((status = year_of(r, year)))
		return status;
	if (!req_read_def(r, &def, &status))
		return status;
	server_today(today);
	/* A viewer reads the published report only. */
	if (vt_annual_build(&def, year, today, r->who.role == VT_ROLE_VIEWER,
			    &a)) {
		vt_def_release(&def);
		return page_error(r, 500, "The report could not be made.");
	}
	r->illustrative = a.illustrative;
	r->up_href = "/annual";
	r->up_text = "Annual reports";
	snprintf(title, sizeof(title), "Annual report %s", year);
	page_begin(r, title);
	page_done(r, saved_words);
	if (a.publish)
		vt_html_element(h, "p", "This is the published report: counts "
				"from 1 to 4 are shown as <5.", "class",
				"govuk-body", NULL);
	vt_html_element(h, "h2", "Download", "class", "govuk-heading-m",
			NULL);
	vt_html_literal(h, "<ul class=\"govuk-list\">");
	for (i = 0; i < VT_ANNUAL_FORMAT__MAX; i++) {
		snprintf(href, sizeof(href), "/annual/%s/annual-report.%s",
			 year, vt_annual_formats[i].ext);
		vt_html_literal(h, "<li>");
		vt_html_element(h, "a", vt_annual_formats[i].label, "class",
				"govuk-link", "href", href, NULL);
		vt_html_literal(h, "</li>");
	}
	vt_html_literal(h, "</ul>");
	vt_html_element(h, "h2", "Sections", "class", "govuk-heading-m",
			NULL);
	page_summary_begin(r);
	for (k = 0; k < VT_ANNUAL__MAX; k++) {
		const struct vt_annual_section *s = &a.sections[k];

		page_summary_row_open(r, s->heading, NULL);
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		if (s->narrative) {
			vt_time_words(s->narrative->at ? s->narrative->at : "", when);
			vt_html_textf(h, "Narrative version %lld, by %s, %s.",
				      (long long)s->narrative->version,
				      s->narrative->by ? s->narrative->by :
				      "unknown", when);
		} else {
			vt_html_text(h, "No narrative written.");
		}
		vt_html_textf(h, " %zu part%s from the records.",
			      s->body.nparts, s->body.nparts == 1 ? "" : "s");
		vt_html_close(h, "p");
		if (may_write(r)) {
			snprintf(href, sizeof(href), "/annual/%s/%s", year,
				 vt_annual_key_names[k]);
			vt_html_open(h, "a", "class", "govuk-link", "href",
				     href, NULL);
			vt_html_text(h, "Write");
			vt_html_element(h, "span", s->heading, "class",
					"govuk-visually-hidden", NULL);
			vt_html_close(h, "a");
		}
		page_summary_row_close(r);
	}
	page_summary_end(r);
	vt_html_element(h, "h2", a.publish ? "The report as published" :
			"The report as drafted", "class", "govuk-heading-m",
			NULL);
	vt_annual_html_body(h, &a, NULL);
	page_end(r);
	vt_annual_release(&a);
	vt_def_release(&def);
	return 200;
}

unsigned page_annual_file(struct req *r)
{
	const char *dot = strrchr(r->path, '.');
	char dir[] = "/tmp/vitals-annual-XXXXXX", path[300], year[8];
	char today[11];
	int format = vt_annual_format_of(dot ? dot + 1 : NULL);
	const struct vt_report_format_info *fi;
	struct vt_annual a;
	struct vt_def def;
	unsigned status = 0;

	if (format < 0)
		return page_error(r, 404, "There is no such report.");
	fi = &vt_annual_formats[format];
	if ((status = year_of(r, year)))
		return status;
	if (!req_read_def(r, &def, &status))
		return status;
	server_today(today);
	if (vt_annual_build(&def, year, today, r->who.role == VT_ROLE_VIEWER,
			    &a)) {
		vt_def_release(&def);
		return page_error(r, 500, "The report could not be made.");
	}
	if (!mkdtemp(dir)) {
		status = page_error(r, 503, "The server cannot make the "
				    "file.");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/annual-report.%s", dir, fi->ext);
	if (vt_annual_write(&a, (enum vt_annual_format)format, path) ||
	    !req_send_file(r, path)) {
		status = page_error(r, 500, "The report could not be made.");
	} else {
		status = 200;
		r->content_type = fi->type;
		snprintf(r->disposition, sizeof(r->disposition),
			 "attachment; filename=\"annual-report-%s.%s\"", year,
			 fi->ext);
	}
	unlink(path);
	rmdir(dir);
out:
	vt_annual_release(&a);
	vt_def_release(&def);
	return status;
}

/* The section of the address, or -1. */
static int section_of(const char *name)
{
	int k;

	for (k = 0; k < VT_ANNUAL__MAX; k++)
		if (!strcmp(vt_annual_key_names[k], name))
			return k;
	return -1;
}

/* The form of a section's narrative, its earlier versions below it;
   after a refusal 'p' says why at the field and keeps what was typed. */
static unsigned section_page(struct req *r, const struct page_problem *p,
			     unsigned code)
{
	static const char *const headings[VT_ANNUAL__MAX] = {
		"Foreword", "Summary", "The arrangements", "Plans and "
		"priorities", "Impact assessment", "Case reviews", "Audits "
		"and section 11", "Escalations", "Independent scrutiny",
		"Multi-agency training", "Funding", "Next year's priorities"
	};
	struct vt_html *h = &r->html;
	const struct vt_narrative *latest;
	struct vt_def def;
	unsigned status = 0;
	char year[8], title[120], action[80], back[40];
	char when[VT_TIME_WORDS_MAX];
	const char *typed;
	int k = section_of(r->params[1]);
	size_t i, n, shown = 0;

	if (k < 0)
		return page_error(r, 404, "There is no such section of the "
				  "annual report.");
	if ((status = year_of(r, year)))
		return status;
	if (!req_read_def(r, &def, &status))
		return status;
	r->illustrative = vt_def_illustrative(&def);
	latest = vt_narrative_latest(&def, year, r->params[1]);
	snprintf(back, sizeof(back), "/annual/%s", year);
	r->up_href = back;
	r->up_text = "Annual report";
	r->status = code;
	snprintf(title, sizeof(title), "%s: annual report %s", headings[k],
		 year);
	page_begin(r, title);
	if (p)
		page_problem(r, "There is a problem", p->message, "text");
	snprintf(action, sizeof(action), "/annual/%s/%s", year,
		 vt_annual_key_names[k]);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	typed = page_problem_typed(r, p, "text");
	page_field_textarea(r, "text", "Text", "Markdown: a blank line "
			    "between paragraphs, # for a heading, - for a "
			    "list. Name roles and agencies, never people. "
			    "Saving keeps the earlier versions.", typed ? typed
			    : latest ? latest->text : "",
			    page_problem_at(p, "text"));
	page_button(r, "Save a new version", false);
	vt_html_close(h, "form");
	vt_html_element(h, "h2", "Earlier versions", "class",
			"govuk-heading-m", NULL);
	page_summary_begin(r);
	n = vt_def_count(&def, VT_KIND_NARRATIVE);
	for (i = n; i-- > 0;) {
		const struct vt_narrative *x = vt_def_at(&def,
			VT_KIND_NARRATIVE, i);
		char key[32];

		if (strcmp(x->year, year) || strcmp(x->section, r->params[1]))
			continue;
		snprintf(key, sizeof(key), "Version %lld",
			 (long long)x->version);
		vt_time_words(x->at ? x->at : "", when);
		page_summary_row_open(r, key, NULL);
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_textf(h, "By %s, %s.", x->by ? x->by : "unknown",
			      when);
		vt_html_close(h, "p");
		vt_html_element(h, "p", x->text, "class", "govuk-body",
				NULL);
		page_summary_row_close(r);
		shown++;
	}
	page_summary_end(r);
	if (!shown)
		vt_html_element(h, "p", "None yet.", "class", "govuk-body",
				NULL);
	page_end(r);
	vt_def_release(&def);
	return code;
}

unsigned page_annual_section(struct req *r)
{
	if (!may_write(r))
		return page_error(r, 403, "Analysts and administrators write "
				  "the annual report.");
	return section_page(r, NULL, 200);
}

unsigned page_annual_save(struct req *r)
{
	static const char *const fields[] = { "text", NULL };
	char why[512], where[80], year[8];
	struct page_problem p;
	enum vt_err result;
	unsigned status;

	if (!may_write(r))
		return page_error(r, 403, "Analysts and administrators write "
				  "the annual report.");
	if (section_of(r->params[1]) < 0)
		return page_error(r, 404, "There is no such section of the "
				  "annual report.");
	if ((status = year_of(r, year)))
		return status;
	result = vt_narrative_save(r->store, year, r->params[1],
				   page_field_or_blank(r, "text"),
				   r->who.email, NULL, why, sizeof(why));
	if (result == VT_EINVAL) {
		page_problem_read(&p, why, "narrative", fields, "text");
		return section_page(r, &p, 422);
	}
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/annual/%s?done=saved", year);
	return req_redirect(r, where);
}
