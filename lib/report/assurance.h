/* The pack's assurance section: case reviews by stage, their missed and at-risk clocks, recommendations by RAG (internal). */
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

#endif
