/* Streaming reader for Excel workbooks (.xlsx), from any producer. */
#ifndef VITALS_XLSX_H
#define VITALS_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/error.h"

/* Caps: a workbook past them is refused, not read. */
#define VT_XLSX_MAX_PART (64u * 1024 * 1024)	/* inflated bytes per part */
#define VT_XLSX_MAX_RATIO 200			/* inflated / compressed */

enum vt_xlsx_type {
	VT_XLSX_NUMBER,	/* 'number' holds it; 'text' the digits as stored */
	VT_XLSX_TEXT,	/* shared, inline or formula string */
	VT_XLSX_BOOL,	/* 'number' is 0 or 1; 'text' "TRUE"/"FALSE" */
	VT_XLSX_ERROR,	/* 'text' is the error, e.g. "#N/A" */
	VT_XLSX_DATE,	/* a number styled as a date: 'text' is ISO
			   "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM:SS" with a
			   time of day); 'number' the serial */
};

/*
 * One non-empty cell.  'row' and 'col' are 1-based (A = 1), computed from
 * the cell reference or, where a producer left references out, from the
 * cell's position.  'text' is valid only during the callback.  A formula
 * cell gives its cached value.
 */
struct vt_xlsx_cell {
	long row;
	long col;
	enum vt_xlsx_type type;
	const char *text;
	double number;
};

typedef enum vt_err (*vt_xlsx_cell_fn)(void *arg,
				       const struct vt_xlsx_cell *cell);

struct vt_xlsx;

/*
 * Open a workbook from a file or from memory ('data' must outlive the
 * workbook).  Refused with VT_EINVAL and a message from vt_xlsx_error()
 * (the workbook is still returned for the message; close it): not a zip,
 * an encrypted or legacy .xls file ("password-protected or .xls"), a part
 * with a DOCTYPE, a part over the caps, no workbook part.  The shared
 * strings and styles are read at open; sheets are streamed.
 */
VT_MUST_USE
enum vt_err vt_xlsx_open_file(const char *path, struct vt_xlsx **out);
VT_MUST_USE
enum vt_err vt_xlsx_open_mem(const void *data, size_t len,
			     struct vt_xlsx **out);

/* The problem that refused the workbook or a sheet; never NULL. */
const char *vt_xlsx_error(const struct vt_xlsx *x);

/* Sheets in workbook order. */
size_t vt_xlsx_sheet_count(const struct vt_xlsx *x);
const char *vt_xlsx_sheet_name(const struct vt_xlsx *x, size_t i);
bool vt_xlsx_sheet_hidden(const struct vt_xlsx *x, size_t i);

/*
 * Stream the non-empty cells of the sheet called 'name' in row order,
 * calling 'fn' for each; a non-zero return from 'fn' stops and is
 * returned.  VT_ENOTFOUND when there is no such sheet.
 */
VT_MUST_USE
enum vt_err vt_xlsx_read_sheet(struct vt_xlsx *x, const char *name,
			       vt_xlsx_cell_fn fn, void *arg);

void vt_xlsx_close(struct vt_xlsx *x);

/* A sheet name Excel takes from 'name': at most 31 characters, none of
   []:*?/\ (each becomes '_'). */
void vt_xlsx_safe_sheet_name(const char *name, char out[32]);

#endif
