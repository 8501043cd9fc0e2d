/* The pack's assurance section: case reviews by stage, their missed and at-risk clocks, recommendations by RAG, escalations, and the parts drawn alike (internal). */
#ifndef VT_REPORT_ASSURANCE_H
#define VT_REPORT_ASSURANCE_H

#include "vitals/error.h"
#include "vitals/report.h"

/* Fill r->assurance from r->def as on r->today. */
VT_MUST_USE
enum vt_err vt_assurance_build(struct vt_report *r);
void vt_assurance_release(struct vt_report_assurance *a);

/* "CSPR-2026-01: rapid review missed (due 20 January 2027)" and the
   like, into 'out': a clock as every renderer words it. */
void vt_assurance_clock_words(const struct vt_report_clock *c, char *out,
			      size_t size);

/* A bar chart in words, its text alternative: "TITLE: label N, label
   N", into 'out'. */
void vt_assurance_bars_words(const char *title,
			     const struct vt_report_bar *bars, size_t n,
			     char *out, size_t size);

/* A new part at the end of 'a''s, empty; NULL when out of memory. */
struct vt_report_part *vt_part_add(struct vt_report_assurance *a,
				   const char *id, const char *heading);
/* An item in words at the end of the part's. */
VT_MUST_USE
enum vt_err vt_part_item(struct vt_report_part *part, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A chart of 'nbars' zeroed bars; NULL when out of memory or full. */
struct vt_report_chart *vt_part_chart(struct vt_report_part *part,
				      size_t nbars);
/* Bar 'i' of 'c': its label (copied) and count. */
void vt_part_bar(struct vt_report_chart *c, size_t i, const char *label,
		 size_t count);
/* "requires-improvement" as words: "Requires improvement". */
void vt_words_of_code(const char *code, char *out, size_t size);
/* The part's table, its cells empty and untoned. */
VT_MUST_USE
enum vt_err vt_part_table(struct vt_report_part *part, size_t ncols,
			  size_t nrows);
VT_MUST_USE
enum vt_err vt_part_cell(struct vt_report_part *part, size_t row, size_t col,
			 enum vt_report_tone tone, const char *text);
/* A cell's text, "" when none was set. */
const char *vt_part_cell_text(const struct vt_report_table *t, size_t row,
			      size_t col);
void vt_part_release(struct vt_report_part *part);

/* The parts: the audit programme of the pack's year to its quarter. */
VT_MUST_USE
enum vt_err vt_assurance_audits(struct vt_report *r,
				const struct vt_partnership *p);

/* Section 11: the heat map of the latest cycle submitted. */
VT_MUST_USE
enum vt_err vt_assurance_s11(struct vt_report *r);
/* The voice reports of the pack's quarter. */
VT_MUST_USE
enum vt_err vt_assurance_voice(struct vt_report *r);
/* The measures several agencies contribute to, each agency's part. */
VT_MUST_USE
enum vt_err vt_assurance_contributions(struct vt_report *r);

/*
 * Partnership funding, for the annual report: the budget of financial
 * year 'year' ("2025-26") in 'def'.  vt_part_funding fills 'part' (new
 * from vt_part_add) with the year in words, the contributions table
 * (partner, amount, share, the year before's) and each contribution's
 * note; vt_part_funding_spend with each heading's budget, spending and
 * variance in words (toned: under or on budget good, over poor).
 * VT_ENOTFOUND when there is no budget for the year.
 */
VT_MUST_USE
enum vt_err vt_part_funding(struct vt_report_part *part,
			    const struct vt_def *def, const char *year);
VT_MUST_USE
enum vt_err vt_part_funding_spend(struct vt_report_part *part,
				  const struct vt_def *def, const char *year);
/* Both, as two parts added at the end of 'a''s. */
VT_MUST_USE
enum vt_err vt_assurance_funding(struct vt_report_assurance *a,
				 const struct vt_def *def, const char *year);

/*
 * Writes a report to 'path' whole or not at all: 'to' writes it in
 * 'format' to a temporary file beside 'path', renamed into place only
 * when it succeeds, so a reader never finds half a report.
 */
typedef enum vt_err (*vt_report_render_fn)(const void *report, int format,
					   const char *path);
VT_MUST_USE
enum vt_err vt_report_write_whole(const char *path, vt_report_render_fn to,
				  const void *report, int format);

#endif
