/* A return form's content, and its writers: workbook and CSV (internal). */
#ifndef VT_IO_RETURNFORM_H
#define VT_IO_RETURNFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/error.h"

#define VT_FORM_CONTEXT 4	/* earlier periods shown beside each figure */

/* One figure the agency is asked for: a measure, or one breakdown of it. */
struct vt_form_row {
	const char *measure;
	const char *breakdown;	/* "" for the whole measure */
	const char *title;
	int unit;		/* enum vt_unit */
	bool ratio;		/* the measure defines numerator/denominator */
	const char *context[VT_FORM_CONTEXT];	/* "" when none */
};

struct vt_form_priority {
	const char *code;
	const char *title;
};

/*
 * Everything a form shows.  The writers only read it; every string is
 * borrowed from whoever built it.
 */
struct vt_return_form {
	const char *agency;
	const char *agency_name;
	const char *period;		/* "2024Q3" */
	const char *label;		/* "2024-25 Q2" */
	const char *due;		/* YYYY-MM-DD, or "" */
	const char *generated;		/* UTC timestamp */
	const char *context_periods[VT_FORM_CONTEXT];
	bool illustrative;		/* context figures are the demo's */
	struct vt_form_row *rows;
	size_t nrows;
	struct vt_form_priority *priorities;
	size_t npriorities;
};

/* Write the form as a workbook (Return, Impact, hidden Vitals sheets). */
VT_MUST_USE
enum vt_err vt_return_form_xlsx(const struct vt_return_form *f,
				const char *path);

/* Write the form as long-form CSV, one row per figure, values empty. */
VT_MUST_USE
enum vt_err vt_return_form_csv(const struct vt_return_form *f,
			       const char *path);

#endif
