/* Report downloads: the pack of a period as HTML, PDF, Excel and Markdown, made for the reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/server.h"

unsigned page_reports(struct req *r)
{
	struct vt_html *h = &r->html;
	struct pack pk;
	char href[200];
	unsigned status = pack_open(r, req_query(r, "period"), &pk);
	size_t i;

	if (status)
		return status;
	page_begin(r, "Reports");
	if (!pk.built) {
		vt_html_element(h, "p", "No figures yet.", "class",
				"govuk-body", NULL);
	} else {
		page_period_picker(r, &pk, "/reports");
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_textf(h, "The vital-signs pack for %s%s:", pk.rep.label,
			      pk.rep.publish ? " as published (counts from 1 "
			      "to 4 shown as <5)" : "");
		vt_html_close(h, "p");
		vt_html_literal(h, "<ul class=\"govuk-list\">");
		for (i = 0; i < VT_REPORT__MAX; i++) {
			snprintf(href, sizeof(href), "/reports/%s/vital-signs"
				 ".%s", pk.period, vt_report_formats[i].ext);
			vt_html_literal(h, "<li>");
			vt_html_element(h, "a", vt_report_formats[i].label,
					"class", "govuk-link", "href", href,
					NULL);
			vt_html_literal(h, "</li>");
		}
		vt_html_literal(h, "</ul>");
	}
	page_end(r);
	pack_close(&pk);
	return 200;
}

unsigned page_report_file(struct req *r)
{
	const char *dot = strrchr(r->path, '.');
	char dir[] = "/tmp/vitals-report-XXXXXX", path[300];
	const struct vt_report_format_info *fi;
	int format = vt_report_format_of(dot ? dot + 1 : NULL);
	struct pack pk;
	unsigned status;

	if (format < 0)
		return page_error(r, 404, "There is no such report.");
	fi = &vt_report_formats[format];
	status = pack_open(r, r->params[0], &pk);
	if (status)
		return status;
	if (!pk.built) {
		pack_close(&pk);
		return page_error(r, 404, "There are no figures for that "
				  "period.");
	}
	if (!mkdtemp(dir)) {
		pack_close(&pk);
		return page_error(r, 503, "The server cannot make the file.");
	}
	snprintf(path, sizeof(path), "%s/vital-signs.%s", dir, fi->ext);
	if (vt_report_write(&pk.rep, (enum vt_report_format)format, path) ||
	    !req_send_file(r, path)) {
		status = page_error(r, 500, "The report could not be made.");
	} else {
		status = 200;
		r->content_type = fi->type;
		/* A download, even the HTML: its own inline style is one
		   this site's policy would refuse to apply. */
		snprintf(r->disposition, sizeof(r->disposition),
			 "attachment; filename=\"vital-signs-%s.%s\"",
			 pk.period, fi->ext);
	}
	unlink(path);
	rmdir(dir);
	pack_close(&pk);
	return status;
}
