/* A row of a return as a reader found it, and where: the shape every return reader gives the model. */
#ifndef VITALS_RETURNROW_H
#define VITALS_RETURNROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitals/error.h"

/*
 * Columns of a long-form return (CSV, or the first sheet of a workbook):
 *   agency,measure,period,value[,numerator,denominator,breakdown,note]
 * named by a header row, in any order.  The Vitals template workbook has
 * the agency and period in its hidden "Vitals" sheet and one row per
 * measure on its "Return" sheet, and narratives on its "Impact" sheet.
 */
enum vt_rcol {
	VT_RCOL_AGENCY, VT_RCOL_MEASURE, VT_RCOL_PERIOD, VT_RCOL_BREAKDOWN,
	VT_RCOL_VALUE, VT_RCOL_NUMERATOR, VT_RCOL_DENOMINATOR, VT_RCOL_NOTE,
	VT_RCOL__MAX
};

extern const char *const vt_rcol_names[VT_RCOL__MAX + 1];

/*
 * One row of a return as found in the file: every cell as text (NULL when
 * empty), and where it came from.  Places are only spelt out when a
 * problem is reported (vt_return_row_place), not for every row of a large
 * file.  Valid only during the callback.
 */
struct vt_return_row {
	const char *cell[VT_RCOL__MAX];
	const char *source;		/* the file */
	const char *sheet;		/* NULL for CSV */
	long line;			/* CSV line or sheet row */
	long col[VT_RCOL__MAX];		/* each cell's column; 0 unknown */
	/* a cell found elsewhere (the form's agency and period), or NULL */
	const char *fixed_place[VT_RCOL__MAX];
	/* An editor's row: the figure's version when the form was read (0:
	   none stored); a later version makes the import a conflict. */
	bool check_version;
	int64_t based_on;
	/*
	 * The figure withdrawn ("clear this figure"): a new version with no
	 * value nor code, kept in history.  Its value, numerator and
	 * denominator must be empty (a note may say why).  An empty value
	 * without it is a figure not given, never a withdrawal: a template
	 * row left blank must not clear what was sent before.
	 */
	bool clear;
};

/*
 * Where cell 'col' of 'row' is, or the row itself for col < 0:
 * "q3.csv:17:4", "q3.csv:17", "q3.xlsx:Return!D14", "q3.xlsx:Return!14".
 */
void vt_return_row_place(const struct vt_return_row *row, int col,
			 char *out, size_t size);

/* One narrative: agency, period and priority code, Markdown text. */
struct vt_impact_row {
	const char *agency;
	const char *period;
	const char *priority;
	const char *text;
	const char *place;
	bool check_version;	/* as for figures */
	int64_t based_on;
};

struct vt_return_reader_fns {
	enum vt_err (*row)(void *arg, const struct vt_return_row *row);
	enum vt_err (*impact)(void *arg, const struct vt_impact_row *row);
};

#endif
