/* The partnership's annual report: its sections in order, each made of the pack's parts and the business manager's narrative. */
#ifndef VITALS_ANNUAL_H
#define VITALS_ANNUAL_H

#include <stdbool.h>
#include <stdio.h>

#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/narrative.h"
#include "vitals/report.h"

/*
 * A section of the annual report: its heading, the latest version of its
 * narrative (NULL when none is written), then its parts (only the parts
 * of 'body' are used).  A section with neither says 'empty' ("No case
 * review was open in 2025-26."): never an empty heading.
 */
struct vt_annual_section {
	int key;			/* enum vt_annual_key */
	const char *heading;
	const struct vt_narrative *narrative;	/* borrowed */
	struct vt_report_assurance body;
	char empty[300];
};

struct vt_annual {
	const struct vt_def *def;
	char year[8];			/* "2025-26" */
	int first;			/* 2025 */
	int fy;				/* the financial year's first month */
	char from[11], to[11];		/* its first and last days */
	char quarters[4][VT_PERIOD_ID_MAX];	/* "2025Q2" ... "2026Q1" */
	char qlabels[4][VT_PERIOD_LABEL_MAX];	/* "2025-26 Q1" ... */
	char today[11];
	bool illustrative;		/* demo figures are in it */
	bool publish;			/* disclosure control applies */
	/* The pack of the year's last quarter: the measures' readings,
	   comparators and masking, shared with the quarterly pack. */
	struct vt_report pack;
	struct vt_annual_section sections[VT_ANNUAL__MAX];
	char **strings;			/* headings made for parts (owned) */
	size_t nstrings;
};

/* What the annual report says at its head and on every page of demo
   figures. */
#define VT_ANNUAL_ILLUSTRATIVE "Illustrative figures: demo data, not " \
	"real figures for any child or area."
#define VT_ANNUAL_PUBLISHED "Published: counts from 1 to 4 are shown " \
	"as <5."

/*
 * The annual report of financial year 'year' ("2025-26") from 'def' as
 * on 'today'; published ('publish'): counts from 1 to 4 shown as "<5"
 * in every table and sentence.  Borrows from 'def'.  VT_EINVAL for a
 * year that is not one.
 */
VT_MUST_USE
enum vt_err vt_annual_build(const struct vt_def *def, const char *year,
			    const char *today, bool publish,
			    struct vt_annual *out);
void vt_annual_release(struct vt_annual *a);

/* A count as the annual report writes it: "<5" from 1 to 4 when
   published. */
const char *vt_annual_count(const struct vt_annual *a, size_t n,
			    char buf[32]);

/* The report's content from its h1 on ('h1' NULL: none), for a page to
   put in its own layout. */
struct vt_html;
void vt_annual_html_body(struct vt_html *h, const struct vt_annual *a,
			 const char *h1);

/* The renderers: each writes the whole report. */
VT_MUST_USE
enum vt_err vt_annual_markdown(const struct vt_annual *a, FILE *out);
VT_MUST_USE
enum vt_err vt_annual_html(const struct vt_annual *a, FILE *out);
VT_MUST_USE
enum vt_err vt_annual_pdf(const struct vt_annual *a, const char *path);
/* WordprocessingML that Word and LibreOffice open and edit: heading
   styles, tables with a header row. */
VT_MUST_USE
enum vt_err vt_annual_docx(const struct vt_annual *a, const char *path);

/* The annual report's formats: "html", "pdf", "docx", "md". */
enum vt_annual_format {
	VT_ANNUAL_HTML, VT_ANNUAL_PDF, VT_ANNUAL_DOCX, VT_ANNUAL_MARKDOWN,
	VT_ANNUAL_FORMAT__MAX
};
extern const struct vt_report_format_info
	vt_annual_formats[VT_ANNUAL_FORMAT__MAX];
int vt_annual_format_of(const char *ext);

/* The report in 'format' written to 'path' through a temporary name
   beside it, then renamed. */
VT_MUST_USE
enum vt_err vt_annual_write(const struct vt_annual *a,
			    enum vt_annual_format format, const char *path);

#endif
