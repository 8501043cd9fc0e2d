/* Streaming RFC 4180 CSV reader with exact error positions. */
#ifndef VITALS_CSV_H
#define VITALS_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "vitals/error.h"

struct vt_csv_options {
	char separator;		/* ',' (default when 0) or ';' when asked */
	size_t max_field;	/* bytes per field; 0: 64 KiB */
	size_t max_fields;	/* fields per record; 0: 1024 */
};

/*
 * One record.  'fields' and their text belong to the reader and stay valid
 * until the next vt_csv_next() or vt_csv_close().  Fields are
 * NUL-terminated (a field cannot hold NUL: that is refused).  'line' is the
 * 1-based physical line the record starts on; 'columns[i]' the 1-based
 * column (in characters) where field i starts, for diagnostics.
 */
struct vt_csv_record {
	char **fields;
	size_t nfields;
	long line;
	const long *columns;
};

struct vt_csv;

/*
 * Read from 'f' (not closed by the reader).  A UTF-8 byte order mark at
 * the very start is skipped; records end at LF or CRLF (a lone CR too);
 * quoted fields may hold separators, quotes ("") and line breaks.
 * Memory stays bounded by the caps, whatever the size of the file.
 * '*out' is freed with vt_csv_close().
 */
VT_MUST_USE
enum vt_err vt_csv_open(FILE *f, const struct vt_csv_options *opt,
			struct vt_csv **out);

/*
 * The next record: VT_OK, VT_ENOTFOUND at the end of the input (a final
 * empty line is no record), or an error — VT_EINVAL for malformed input
 * (unterminated quote, text after a closing quote, a quote inside an
 * unquoted field, invalid UTF-8, a NUL byte), VT_ETOOBIG past a cap,
 * VT_EIO for a read error.  After an error, vt_csv_error() describes it
 * and vt_csv_error_line()/_column() say where; reading further is refused.
 */
VT_MUST_USE
enum vt_err vt_csv_next(struct vt_csv *r, struct vt_csv_record *rec);

const char *vt_csv_error(const struct vt_csv *r);
long vt_csv_error_line(const struct vt_csv *r);
long vt_csv_error_column(const struct vt_csv *r);

void vt_csv_close(struct vt_csv *r);

/*
 * Write one field of a CSV record to 'f', then 'end' (',' between
 * fields, '\n' after the last).  Quoted when it holds a comma, quote or
 * line break; a field that a spreadsheet would take for a formula
 * (starting with = + - @, a tab or a CR, unless it is a plain number such
 * as -5) is written with a ' in front,
 * so that opening an export never runs anything.  NULL is an empty field.
 */
VT_MUST_USE
enum vt_err vt_csv_put(FILE *f, const char *text, char end);

#endif
