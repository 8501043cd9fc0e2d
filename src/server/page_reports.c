/* Report downloads: the pack of a period as HTML, PDF, Excel and Markdown, made for the reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/server.h"

static const struct {
	const char *ext, *label, *type;
} formats[] = {
	{ "html", "Web page (HTML, one self-contained file)",
	  "text/html; charset=utf-8" },
	{ "pdf", "PDF (A4, for printing)", "application/pdf" },
	{ "xlsx", "Excel workbook (the dataset, a sheet per plan)",
	  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "md", "Markdown (for board papers)", "text/markdown; charset=utf-8" },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

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
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_textf(h, "The vital-signs pack for %s%s:", pk.rep.label,
			      pk.rep.publish ? " as published (counts from 1 "
			      "to 4 shown as <5)" : "");
		vt_html_close(h, "p");
		vt_html_literal(h, "<ul class=\"govuk-list\">");
		for (i = 0; i < NFORMATS; i++) {
			snprintf(href, sizeof(href), "/reports/%s/vital-signs"
				 ".%s", pk.period, formats[i].ext);
			vt_html_literal(h, "<li>");
			vt_html_element(h, "a", formats[i].label, "class",
					"govuk-link", "href", href, NULL);
			vt_html_literal(h, "</li>");
		}
		vt_html_literal(h, "</ul>");
	}
	page_end(r);
	pack_close(&pk);
	return 200;
}

/* One renderer into 'path' (the PDF and workbook writers want a file). */
static enum vt_err render(const struct vt_report *rep, const char *ext,
			  const char *path)
{
	FILE *f;
	enum vt_err result;

	if (!strcmp(ext, "pdf"))
		return vt_report_pdf(rep, path);
	if (!strcmp(ext, "xlsx"))
		return vt_report_xlsx(rep, path);
	f = fopen(path, "wb");
	if (!f)
		return VT_EIO;
	result = !strcmp(ext, "md") ? vt_report_markdown(rep, f)
				    : vt_report_html(rep, f);
	if (fclose(f) && !result)
		result = VT_EIO;
	return result;
}

unsigned page_report_file(struct req *r)
{
	const char *dot = strrchr(r->path, '.');
	char dir[] = "/tmp/vitals-report-XXXXXX", path[300];
	struct pack pk;
	unsigned status;
	size_t i;

	for (i = 0; dot && i < NFORMATS; i++)
		if (!strcmp(dot + 1, formats[i].ext))
			break;
	if (!dot || i == NFORMATS)
		return page_error(r, 404, "There is no such report.");
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
	snprintf(path, sizeof(path), "%s/vital-signs.%s", dir, formats[i].ext);
	if (render(&pk.rep, formats[i].ext, path) || !req_send_file(r, path)) {
		status = page_error(r, 500, "The report could not be made.");
	} else {
		status = 200;
		r->content_type = formats[i].type;
		/* A download, even the HTML: its own inline style is one
		   this site's policy would refuse to apply. */
		snprintf(r->disposition, sizeof(r->disposition),
			 "attachment; filename=\"vital-signs-%s.%s\"",
			 pk.period, formats[i].ext);
	}
	unlink(path);
	rmdir(dir);
	pack_close(&pk);
	return status;
}

