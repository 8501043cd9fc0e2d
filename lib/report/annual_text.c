/* The annual report as Markdown and as one self-contained HTML page, and written to a file in any of its formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitals/annual.h"
#include "vitals/html.h"
#include "vitals/markdown.h"
#include "report/assurance.h"

const struct vt_report_format_info vt_annual_formats[VT_ANNUAL_FORMAT__MAX] = {
	[VT_ANNUAL_HTML] = { "html", "Web page (HTML, one self-contained "
			     "file)", "text/html; charset=utf-8" },
	[VT_ANNUAL_PDF] = { "pdf", "PDF (A4, for printing)",
			    "application/pdf" },
	[VT_ANNUAL_DOCX] = { "docx", "Word document (to edit)",
			     "application/vnd.openxmlformats-officedocument."
			     "wordprocessingml.document" },
	[VT_ANNUAL_MARKDOWN] = { "md", "Markdown (for board papers)",
				 "text/markdown; charset=utf-8" },
};

int vt_annual_format_of(const char *ext)
{
	int i;

	for (i = 0; ext && i < VT_ANNUAL_FORMAT__MAX; i++)
		if (!strcmp(ext, vt_annual_formats[i].ext))
			return i;
	return -1;
}

static const char *partnership_name(const struct vt_annual *a)
{
	const struct vt_partnership *p = vt_def_count(a->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(a->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;

	return p ? p->name : "The partnership";
}

/* ===== Markdown ========================================================= */

struct md {
	FILE *f;
	bool failed;
};

static void put(struct md *w, const char *s)
{
	if (!w->failed && fputs(s, w->f) == EOF)
		w->failed = true;
}

/* Text that Markdown would otherwise read as markup, escaped. */
static void text(struct md *w, const char *s)
{
	char c[2] = { 0, 0 };

	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#", *s))
			put(w, "\\");
		c[0] = *s == '\n' || *s == '\r' ? ' ' : *s;
		put(w, c);
	}
}

static void md_table(struct md *w, const struct vt_report_table *t)
{
	size_t row, col;

	if (t->caption[0]) {
		put(w, "*");
		text(w, t->caption);
		put(w, "*\n\n");
	}
	for (row = 0; row < t->nrows; row++) {
		put(w, "|");
		for (col = 0; col < t->ncols; col++) {
			put(w, " ");
			text(w, vt_part_cell_text(t, row, col));
			put(w, " |");
		}
		put(w, "\n");
		if (row == 0) {
			put(w, "|");
			for (col = 0; col < t->ncols; col++)
				put(w, " --- |");
			put(w, "\n");
		}
	}
	put(w, "\n");
}

static void md_part(struct md *w, const struct vt_report_part *part)
{
	size_t i;

	put(w, "### ");
	text(w, part->heading);
	put(w, "\n\n");
	if (part->sentence[0]) {
		text(w, part->sentence);
		put(w, "\n\n");
	}
	for (i = 0; i < part->nitems; i++) {
		put(w, "- ");
		text(w, part->items[i]);
		put(w, "\n");
	}
	if (part->nitems)
		put(w, "\n");
	if (part->table.ncols)
		md_table(w, &part->table);
	if (part->note[0]) {
		text(w, part->note);
		put(w, "\n\n");
	}
}

enum vt_err vt_annual_markdown(const struct vt_annual *a, FILE *out)
{
	struct md w = { out, false };
	size_t k, i;

	put(&w, "# Annual report ");
	text(&w, a->year);
	put(&w, ": ");
	text(&w, partnership_name(a));
	put(&w, "\n\n");
	if (a->illustrative)
		put(&w, "> **Illustrative figures**: demo data, not real "
			"figures for any child or area.\n\n");
	if (a->publish)
		put(&w, "> Published: counts from 1 to 4 are shown as "
			"\\<5.\n\n");
	for (k = 0; k < VT_ANNUAL__MAX; k++) {
		const struct vt_annual_section *s = &a->sections[k];

		put(&w, "## ");
		text(&w, s->heading);
		put(&w, "\n\n");
		if (s->narrative) {
			char *safe = NULL;

			if (vt_markdown_safe(s->narrative->text, 2, &safe))
				return VT_ENOMEM;
			put(&w, safe);
			put(&w, "\n\n");
			free(safe);
		}
		if (s->empty[0] && (!s->narrative || s->key >
				    VT_ANNUAL_SUMMARY)) {
			text(&w, s->empty);
			put(&w, "\n\n");
		}
		for (i = 0; i < s->body.nparts; i++)
			md_part(&w, &s->body.parts[i]);
	}
	if (!w.failed && fflush(out) == EOF)
		w.failed = true;
	return w.failed ? VT_EIO : VT_OK;
}

/* ===== HTML ============================================================= */

void vt_annual_html_body(struct vt_html *h, const struct vt_annual *a,
			 const char *h1)
{
	size_t k, i;

	if (h1)
		vt_html_element(h, "h1", h1, "class", "govuk-heading-xl",
				NULL);
	if (a->illustrative)
		vt_html_element(h, "p", VT_ANNUAL_ILLUSTRATIVE, "class",
				"notice govuk-body", NULL);
	if (a->publish)
		vt_html_element(h, "p", VT_ANNUAL_PUBLISHED, "class",
				"govuk-body", NULL);
	for (k = 0; k < VT_ANNUAL__MAX; k++) {
		const struct vt_annual_section *s = &a->sections[k];

		vt_html_element(h, "h2", s->heading, "id",
				vt_annual_key_names[k], "class",
				"govuk-heading-l", NULL);
		if (s->narrative) {
			char *safe = NULL, *under = NULL;

			/* Its headings under the section's h2. */
			if (!vt_markdown_safe(s->narrative->text, 2, &under) &&
			    !vt_markdown_html(under, &safe)) {
				vt_html_open(h, "div", "class",
					     "govuk-body vt-narrative", NULL);
				vt_html_trusted(h, safe);
				vt_html_close(h, "div");
			}
			free(under);
			free(safe);
		}
		if (s->empty[0] && (!s->narrative || s->key >
				    VT_ANNUAL_SUMMARY))
			vt_html_element(h, "p", s->empty, "class",
					"govuk-body", NULL);
		for (i = 0; i < s->body.nparts; i++)
			vt_report_html_part(h, &s->body.parts[i]);
	}
}

enum vt_err vt_annual_html(const struct vt_annual *a, FILE *out)
{
	char title[300];
	struct vt_html h;

	snprintf(title, sizeof(title), "Annual report %s: %s", a->year,
		 partnership_name(a));
	vt_html_init(&h, out);
	vt_html_literal(&h, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
			   "<meta charset=\"utf-8\">"
			   "<meta name=\"viewport\" content=\"width=device-"
			   "width, initial-scale=1\">");
	vt_html_element(&h, "title", title, NULL);
	vt_html_literal(&h, "<style>");
	vt_html_literal(&h, vt_report_html_style());
	vt_html_literal(&h, "</style></head><body><main>");
	vt_annual_html_body(&h, a, title);
	vt_html_literal(&h, "</main></body></html>\n");
	return vt_html_finish(&h);
}

/* ===== Files ============================================================ */

static enum vt_err render(const struct vt_annual *a,
			  enum vt_annual_format format, const char *path)
{
	enum vt_err result;
	FILE *f;

	if (format == VT_ANNUAL_PDF)
		return vt_annual_pdf(a, path);
	if (format == VT_ANNUAL_DOCX)
		return vt_annual_docx(a, path);
	f = fopen(path, "wb");
	if (!f)
		return VT_EIO;
	result = format == VT_ANNUAL_MARKDOWN ? vt_annual_markdown(a, f)
					      : vt_annual_html(a, f);
	if (fclose(f) && !result)
		result = VT_EIO;
	return result;
}

static enum vt_err render_annual(const void *report, int format,
				 const char *path)
{
	return render(report, (enum vt_annual_format)format, path);
}

enum vt_err vt_annual_write(const struct vt_annual *a,
			    enum vt_annual_format format, const char *path)
{
	if ((unsigned)format >= VT_ANNUAL_FORMAT__MAX)
		return VT_EINVAL;
	return vt_report_write_whole(path, render_annual, a, format);
}
