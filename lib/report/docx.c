/* The annual report as a Word document (WordprocessingML in a zip): heading styles, tables with a header row, every text escaped as it is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "vitals/annual.h"
#include "vitals/buf.h"
#include "report/assurance.h"

#define DOCX_MAX (64u << 20)

/* The writer keeps the first error; each call after it does nothing. */
struct docx {
	struct vt_buf b;
	enum vt_err err;
};

static void lit(struct docx *d, const char *s)
{
	if (!d->err)
		d->err = vt_buf_adds(&d->b, s);
}

/* Text as XML character data: '&', '<', '>', '"' escaped, control
   characters other than tab left out (XML 1.0 cannot hold them). */
static void esc(struct docx *d, const char *s)
{
	for (; s && *s && !d->err; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&')
			lit(d, "&amp;");
		else if (c == '<')
			lit(d, "&lt;");
		else if (c == '>')
			lit(d, "&gt;");
		else if (c == '"')
			lit(d, "&quot;");
		else if (c < 0x20 && c != '\t')
			lit(d, " ");
		else
			d->err = vt_buf_addc(&d->b, (char)c);
	}
}

/* A paragraph of style 'style' (NULL: Normal). */
static void para(struct docx *d, const char *style, const char *text)
{
	lit(d, "<w:p>");
	if (style) {
		lit(d, "<w:pPr><w:pStyle w:val=\"");
		lit(d, style);
		lit(d, "\"/></w:pPr>");
	}
	lit(d, "<w:r><w:t xml:space=\"preserve\">");
	esc(d, text);
	lit(d, "</w:t></w:r></w:p>");
}

static void table(struct docx *d, const struct vt_report_table *t)
{
	size_t row, col;

	if (t->caption[0])
		para(d, "Caption", t->caption);
	lit(d, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
	    "<w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>");
	for (col = 0; col < t->ncols; col++)
		lit(d, "<w:gridCol/>");
	lit(d, "</w:tblGrid>");
	for (row = 0; row < t->nrows; row++) {
		lit(d, row == 0 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
		    : "<w:tr>");
		for (col = 0; col < t->ncols; col++) {
			lit(d, "<w:tc><w:p><w:r>");
			if (row == 0)
				lit(d, "<w:rPr><w:b/></w:rPr>");
			lit(d, "<w:t xml:space=\"preserve\">");
			esc(d, vt_part_cell_text(t, row, col));
			lit(d, "</w:t></w:r></w:p></w:tc>");
		}
		lit(d, "</w:tr>");
	}
	lit(d, "</w:tbl>");
	para(d, NULL, "");
}

static void part(struct docx *d, const struct vt_report_part *p)
{
	size_t i;
	char item[VT_REPORT_ITEM_MAX + 8];

	para(d, "Heading3", p->heading);
	if (p->sentence[0])
		para(d, NULL, p->sentence);
	for (i = 0; i < p->nitems; i++) {
		snprintf(item, sizeof(item), "\u2022 %s", p->items[i]);
		para(d, NULL, item);
	}
	if (p->table.ncols)
		table(d, &p->table);
	if (p->note[0])
		para(d, NULL, p->note);
}

/*
 * A narrative's Markdown as paragraphs: a blank line ends one, a line
 * opening with '#' is a heading, one opening with "- " or "* " a bullet.
 * Emphasis marks are left as typed: the partnership edits the document.
 */
static void narrative(struct docx *d, const char *md)
{
	struct vt_buf line = VT_BUF_INIT(1u << 20);
	const char *s = md, *nl;

	while (s && *s && !d->err) {
		const char *style = NULL;
		size_t n;

		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		vt_buf_reset(&line);
		if (n && s[n - 1] == '\r')
			n--;
		if (n && *s == '#') {
			while (n && (*s == '#' || *s == ' ')) {
				s++;
				n--;
			}
			style = "Heading3";
		} else if (n > 1 && (*s == '-' || *s == '*') && s[1] == ' ') {
			d->err = vt_buf_adds(&line, "\u2022 ");
			s += 2;
			n -= 2;
		}
		if (!d->err && n)
			d->err = vt_buf_add(&line, s, n);
		if (!d->err && n)
			para(d, style, vt_buf_str(&line));
		s = nl ? nl + 1 : NULL;
	}
	vt_buf_release(&line);
}

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	"content-types\"><Default Extension=\"rels\" ContentType=\""
	"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\""
	"application/vnd.openxmlformats-officedocument.wordprocessingml."
	"document.main+xml\"/><Override PartName=\"/word/styles.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.styles+xml\"/><Override PartName=\"/word/"
	"footer1.xml\" ContentType=\"application/vnd.openxmlformats-"
	"officedocument.wordprocessingml.footer+xml\"/></Types>";

static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rId1\" Type=\""
	"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>";

static const char doc_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rId1\" Type=\""
	"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/styles\" Target=\"styles.xml\"/><Relationship "
	"Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
	"officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
	"</Relationships>";

#define HEADING(id, name, size, level) \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name " \
	"w:val=\"" name "\"/><w:basedOn w:val=\"Normal\"/><w:next " \
	"w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing " \
	"w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"" level \
	"\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"" size "\"/></w:rPr>" \
	"</w:style>"

static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/"
	"wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr>"
	"<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>"
	"<w:sz w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr>"
	"</w:rPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	"<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing "
	"w:after=\"120\"/></w:pPr></w:style>"
	HEADING("Title", "Title", "44", "0")
	HEADING("Heading1", "heading 1", "36", "0")
	HEADING("Heading2", "heading 2", "30", "1")
	HEADING("Heading3", "heading 3", "26", "2")
	"<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name "
	"w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
	"<w:rPr><w:b/><w:sz w:val=\"20\"/></w:rPr></w:style>"
	"<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
	"<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblCellMar><w:left "
	"w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
	"</w:tblCellMar></w:tblPr></w:style>"
	"<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name "
	"w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr>"
	"<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left "
	"w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" "
	"w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH "
	"w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" "
	"w:sz=\"4\"/></w:tblBorders></w:tblPr></w:style></w:styles>";

static enum vt_err document(const struct vt_annual *a, struct docx *d)
{
	const struct vt_partnership *p = vt_def_count(a->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(a->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	char title[300];
	size_t k, i;

	snprintf(title, sizeof(title), "Annual report %s: %s", a->year,
		 p ? p->name : "the partnership");
	lit(d, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	    "\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\" xmlns:r=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/relationships\">"
	    "<w:body>");
	para(d, "Title", title);
	if (a->illustrative)
		para(d, NULL, VT_ANNUAL_ILLUSTRATIVE);
	if (a->publish)
		para(d, NULL, VT_ANNUAL_PUBLISHED);
	for (k = 0; k < VT_ANNUAL__MAX; k++) {
		const struct vt_annual_section *s = &a->sections[k];

		para(d, "Heading1", s->heading);
		if (s->narrative)
			narrative(d, s->narrative->text);
		if (s->empty[0] && (!s->narrative || s->key >
				    VT_ANNUAL_SUMMARY))
			para(d, NULL, s->empty);
		for (i = 0; i < s->body.nparts; i++)
			part(d, &s->body.parts[i]);
	}
	/* Demo figures say so on every page too: in the footer. */
	lit(d, "<w:sectPr><w:footerReference "
	    "w:type=\"default\" r:id=\"rId2\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar "
	    "w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" "
	    "w:left=\"1134\" w:header=\"567\" w:footer=\"567\" "
	    "w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
	return d->err;
}

/* The footer of every page: the report, the demo's warning, the page. */
static enum vt_err footer(const struct vt_annual *a, struct docx *d)
{
	char text[200];

	snprintf(text, sizeof(text), "Annual report %s%s  \u00b7  page ",
		 a->year, a->illustrative ? "  \u00b7  Illustrative figures: "
		 "demo data, not real" : "");
	lit(d, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	    "\n<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:p><w:r><w:rPr><w:sz "
	    "w:val=\"16\"/></w:rPr><w:t xml:space=\"preserve\">");
	esc(d, text);
	lit(d, "</w:t></w:r><w:r><w:rPr><w:sz w:val=\"16\"/></w:rPr>"
	    "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
	    "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>"
	    "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:sz "
	    "w:val=\"16\"/></w:rPr><w:t>1</w:t></w:r><w:r><w:fldChar "
	    "w:fldCharType=\"end\"/></w:r></w:p></w:ftr>");
	return d->err;
}

/* Add 'len' bytes at 'data' as 'name'; with 'owned' the zip frees them. */
static enum vt_err add(zip_t *z, const char *name, const void *data,
		       size_t len, bool owned)
{
	zip_source_t *src = zip_source_buffer(z, data, len, owned);

	if (!src)
		return VT_ENOMEM;
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return VT_EIO;
	}
	return VT_OK;
}

enum vt_err vt_annual_docx(const struct vt_annual *a, const char *path)
{
	struct docx d = { VT_BUF_INIT(DOCX_MAX), VT_OK };
	struct docx f = { VT_BUF_INIT(1u << 16), VT_OK };
	enum vt_err result = document(a, &d);
	size_t len;
	char *body;
	zip_t *z;
	int err;

	if (result) {
		vt_buf_release(&d.b);
		return result;
	}
	len = strlen(vt_buf_str(&d.b));
	body = vt_buf_detach(&d.b);
	if (!body)
		return VT_ENOMEM;
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z) {
		free(body);
		return VT_EIO;
	}
	result = add(z, "[Content_Types].xml", content_types,
		     sizeof(content_types) - 1, false);
	if (!result)
		result = add(z, "_rels/.rels", rels, sizeof(rels) - 1, false);
	if (!result)
		result = add(z, "word/_rels/document.xml.rels", doc_rels,
			     sizeof(doc_rels) - 1, false);
	if (!result)
		result = add(z, "word/styles.xml", styles, sizeof(styles) - 1,
			     false);
	if (!result) {
		result = add(z, "word/document.xml", body, len, true);
		if (!result)
			body = NULL;
	}
	free(body);
	if (!result)
		result = footer(a, &f);
	if (!result) {
		len = strlen(vt_buf_str(&f.b));
		body = vt_buf_detach(&f.b);
		result = body ? add(z, "word/footer1.xml", body, len, true)
			      : VT_ENOMEM;
		if (result)
			free(body);
	}
	vt_buf_release(&f.b);
	if (result) {
		zip_discard(z);
		return result;
	}
	return zip_close(z) ? VT_EIO : VT_OK;
}
