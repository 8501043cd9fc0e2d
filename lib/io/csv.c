/* Streaming RFC 4180 CSV reader: bounded memory, exact error positions. */
#include "vitals/csv.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Bytes read from the file at a time.  Memory does not grow with the file:
 * only this buffer and the current record (bounded by the caps) are held.
 * The fuzz build may shrink it so that short inputs cross many buffer
 * boundaries; the start of the input needs 3 bytes to spot a BOM.
 */
#ifndef VT_CSV_BUFSZ
#define VT_CSV_BUFSZ (64 * 1024)
#endif
_Static_assert(VT_CSV_BUFSZ >= 4, "the read buffer must hold a BOM");

#define CSV_DEF_MAX_FIELD (64 * 1024)
#define CSV_DEF_MAX_FIELDS 1024
/* Room for the longest message below with 20-digit numbers. */
#define CSV_MSG_SIZE 192
/* First size of the record text; most records are far shorter. */
#define CSV_TEXT_MIN 256
#define CSV_FIELDS_MIN 16

static const char csv_not_utf8[] =
	"not UTF-8; save the file as 'CSV UTF-8'";

/*
 * What a byte means to the scanner.  CC_TEXT bytes are copied in bulk by a
 * tight loop over the buffer; every other class stops the loop.
 */
enum csv_class {
	CC_TEXT = 0,
	CC_SEP,
	CC_QUOTE,
	CC_CR,
	CC_LF,
	CC_NUL,
	CC_HIGH		/* starts a multi-byte UTF-8 sequence, or is junk */
};

struct vt_csv {
	FILE *f;
	size_t max_field;
	size_t max_fields;
	unsigned char sep;
	unsigned char cls[256];		/* outside quotes */
	unsigned char qcls[256];	/* in quotes, where ',' is text */

	unsigned char *in;		/* VT_CSV_BUFSZ bytes */
	size_t pos;			/* next unread byte */
	size_t len;			/* bytes held */
	bool eof;			/* the file has nothing more */
	bool started;			/* the BOM check is done */
	bool done;			/* VT_ENOTFOUND was returned */

	/*
	 * Position of the next byte.  'col' counts characters already read
	 * on the line, so the next one is at col + 1.  Wider than the long
	 * of the API so that no file can overflow them; reported values
	 * are clamped.
	 */
	long long line;
	long long col;

	/* The record: fields back to back, each NUL-terminated. */
	char *text;
	size_t text_len;
	size_t text_alloc;
	size_t field_start;		/* offset of the current field */
	long long field_line;		/* where it starts, for cap errors */
	long long field_col;

	size_t *offs;			/* field starts in 'text' */
	char **fields;			/* made from 'offs' once complete */
	long *columns;
	size_t nfields;
	size_t fields_alloc;

	enum vt_err err;		/* sticky: later calls return it */
	long err_line;
	long err_col;
	char msg[CSV_MSG_SIZE];
};

static enum vt_err fail(struct vt_csv *r, enum vt_err err, long long line,
			long long col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static long clamp_long(long long v)
{
	return v > LONG_MAX ? LONG_MAX : (long)v;
}

/* Records the error so that every later vt_csv_next() repeats it. */
static enum vt_err fail(struct vt_csv *r, enum vt_err err, long long line,
			long long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	r->err = err;
	r->err_line = clamp_long(line);
	r->err_col = clamp_long(col);
	return err;
}

static enum vt_err fail_nomem(struct vt_csv *r)
{
	return fail(r, VT_ENOMEM, r->line, r->col + 1, "out of memory");
}

/* Names a byte for a message: "'x'", "a tab", "byte 0xe9". */
static void describe_byte(int c, char *buf, size_t size)
{
	if (c == ' ')
		snprintf(buf, size, "a space");
	else if (c == '\t')
		snprintf(buf, size, "a tab");
	else if (c == 0)
		snprintf(buf, size, "a NUL byte");
	else if (c > ' ' && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", (unsigned)c);
}

/*
 * Reads more input behind the unread bytes, which move to the front.  At
 * the end of the input nothing is added: the caller sees pos == len.
 */
static enum vt_err refill(struct vt_csv *r)
{
	size_t keep = r->len - r->pos;
	size_t want, got;

	if (r->eof)
		return VT_OK;
	if (keep)
		memmove(r->in, r->in + r->pos, keep);
	r->pos = 0;
	r->len = keep;
	want = VT_CSV_BUFSZ - keep;
	got = fread(r->in + keep, 1, want, r->f);
	r->len += got;
	/* fread() comes back short only at the end or on an error. */
	if (got < want) {
		if (ferror(r->f))
			return fail(r, VT_EIO, r->line, r->col + 1,
				    "cannot read the input");
		r->eof = true;
	}
	return VT_OK;
}

/* The next byte without taking it, or -1 at the end of the input. */
static enum vt_err peek(struct vt_csv *r, int *c)
{
	enum vt_err result;

	if (r->pos == r->len) {
		result = refill(r);
		if (result)
			return result;
		if (r->pos == r->len) {
			*c = -1;
			return VT_OK;
		}
	}
	*c = r->in[r->pos];
	return VT_OK;
}

/*
 * Room for 'extra' more bytes of text plus a NUL.  Doubling keeps appends
 * linear; the caps bound the total, so no overflow check is needed beyond
 * the one that protects the arithmetic itself.
 */
static enum vt_err grow_text(struct vt_csv *r, size_t extra)
{
	size_t need, size;
	char *p;

	if (extra >= SIZE_MAX - r->text_len)
		return fail_nomem(r);
	need = r->text_len + extra + 1;
	if (need <= r->text_alloc)
		return VT_OK;
	size = r->text_alloc ? r->text_alloc : CSV_TEXT_MIN;
	while (size < need) {
		if (size > SIZE_MAX / 2) {
			size = need;
			break;
		}
		size *= 2;
	}
	p = realloc(r->text, size);
	if (!p)
		return fail_nomem(r);
	r->text = p;
	r->text_alloc = size;
	return VT_OK;
}

/* Appends to the current field, refusing to pass max_field. */
static inline enum vt_err add_text(struct vt_csv *r, const void *s, size_t n)
{
	enum vt_err result;
	size_t have = r->text_len - r->field_start;

	if (n > r->max_field - have)
		return fail(r, VT_ETOOBIG, r->field_line, r->field_col,
			    "found a field longer than %zu bytes; at most %zu "
			    "bytes per field are accepted",
			    r->max_field, r->max_field);
	if (r->text_len + n >= r->text_alloc) {
		result = grow_text(r, n);
		if (result)
			return result;
	}
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
	return VT_OK;
}

/*
 * The three per-field arrays grow together.  Each realloc that succeeds is
 * kept even if a later one fails: the arrays are then merely larger than
 * 'fields_alloc' says.
 */
static enum vt_err grow_fields(struct vt_csv *r)
{
	size_t n = r->fields_alloc ? r->fields_alloc * 2 : CSV_FIELDS_MIN;
	size_t *offs;
	char **fields;
	long *columns;

	if (n > r->max_fields || n < r->fields_alloc)
		n = r->max_fields;
	if (n > SIZE_MAX / sizeof(*offs) || n > SIZE_MAX / sizeof(*fields) ||
	    n > SIZE_MAX / sizeof(*columns))
		return fail_nomem(r);
	offs = realloc(r->offs, n * sizeof(*offs));
	if (!offs)
		return fail_nomem(r);
	r->offs = offs;
	fields = realloc(r->fields, n * sizeof(*fields));
	if (!fields)
		return fail_nomem(r);
	r->fields = fields;
	columns = realloc(r->columns, n * sizeof(*columns));
	if (!columns)
		return fail_nomem(r);
	r->columns = columns;
	r->fields_alloc = n;
	return VT_OK;
}

static enum vt_err start_field(struct vt_csv *r)
{
	enum vt_err result;

	if (r->nfields == r->max_fields)
		return fail(r, VT_ETOOBIG, r->line, r->col + 1,
			    "found a record with more than %zu fields; at "
			    "most %zu fields per record are accepted",
			    r->max_fields, r->max_fields);
	if (r->nfields == r->fields_alloc) {
		result = grow_fields(r);
		if (result)
			return result;
	}
	r->field_start = r->text_len;
	r->field_line = r->line;
	r->field_col = r->col + 1;
	r->offs[r->nfields] = r->text_len;
	r->columns[r->nfields] = clamp_long(r->col + 1);
	return VT_OK;
}

static enum vt_err end_field(struct vt_csv *r)
{
	enum vt_err result;

	if (r->text_len >= r->text_alloc) {
		result = grow_text(r, 0);
		if (result)
			return result;
	}
	r->text[r->text_len++] = '\0';
	r->nfields++;
	return VT_OK;
}

/*
 * Takes a CR, LF or CRLF at r->pos as one line break, keeping its bytes
 * in the field when it is inside quotes.  A lone CR ends a line too (old
 * Mac files), so positions agree with what editors show.
 */
static enum vt_err take_newline(struct vt_csv *r, bool keep)
{
	enum vt_err result;
	unsigned char c = r->in[r->pos++];
	int next;

	if (keep) {
		result = add_text(r, &c, 1);
		if (result)
			return result;
	}
	if (c == '\r') {
		/* May read more, which is why 'c' was copied out first. */
		result = peek(r, &next);
		if (result)
			return result;
		if (next == '\n') {
			r->pos++;
			if (keep) {
				result = add_text(r, "\n", 1);
				if (result)
					return result;
			}
		}
	}
	r->line++;
	r->col = 0;
	return VT_OK;
}

static enum vt_err fail_utf8(struct vt_csv *r, const unsigned char *seq,
			     size_t n, const char *why)
{
	char hex[4 * 5 + 1];
	size_t i, at = 0;

	for (i = 0; i < n && i < 4; i++) {
		snprintf(hex + at, sizeof(hex) - at, "%s0x%02x",
			 i ? " " : "", (unsigned)seq[i]);
		at += strlen(hex + at);
	}
	return fail(r, VT_EINVAL, r->line, r->col + 1,
		    "found %s %s%s, which %s %s", n == 1 ? "byte" : "bytes",
		    hex, why, n == 1 ? "is" : "are", csv_not_utf8);
}

/*
 * Takes one multi-byte UTF-8 character at r->pos, which may continue in
 * the next buffer.  Overlong forms, surrogates, values past U+10FFFF and
 * cut-short sequences are refused: they are what a Windows-1252 ("CSV"
 * rather than "CSV UTF-8") export looks like, and storing them would put
 * invalid text in the database.
 */
static enum vt_err take_utf8(struct vt_csv *r)
{
	enum vt_err result;
	unsigned char seq[4];
	unsigned lo = 0x80, hi = 0xbf;
	size_t need, i;
	int c;

	seq[0] = r->in[r->pos];
	if (seq[0] >= 0xc2 && seq[0] <= 0xdf) {
		need = 1;
	} else if (seq[0] >= 0xe0 && seq[0] <= 0xef) {
		need = 2;
		if (seq[0] == 0xe0)
			lo = 0xa0;
		else if (seq[0] == 0xed)
			hi = 0x9f;
	} else if (seq[0] >= 0xf0 && seq[0] <= 0xf4) {
		need = 3;
		if (seq[0] == 0xf0)
			lo = 0x90;
		else if (seq[0] == 0xf4)
			hi = 0x8f;
	} else {
		return fail_utf8(r, seq, 1,
				 seq[0] == 0xc0 || seq[0] == 0xc1 ?
				 " (an overlong form)" : "");
	}
	r->pos++;
	for (i = 1; i <= need; i++) {
		result = peek(r, &c);
		if (result)
			return result;
		if (c < 0)
			return fail_utf8(r, seq, i,
					 " (cut short by the end of the "
					 "input)");
		seq[i] = (unsigned char)c;
		if (c < 0x80 || c > 0xbf)
			return fail_utf8(r, seq, i + 1,
					 " (an incomplete sequence)");
		if (i == 1 && ((unsigned)c < lo || (unsigned)c > hi))
			return fail_utf8(r, seq, 2,
					 seq[0] == 0xed ? " (a surrogate)" :
					 seq[0] == 0xf4 ?
					 " (past U+10FFFF)" :
					 " (an overlong form)");
		r->pos++;
	}
	result = add_text(r, seq, need + 1);
	if (result)
		return result;
	r->col++;
	return VT_OK;
}

static enum vt_err fail_nul(struct vt_csv *r)
{
	return fail(r, VT_EINVAL, r->line, r->col + 1,
		    "found a NUL byte; only text is accepted (a UTF-16 "
		    "file? save the file as 'CSV UTF-8')");
}

/*
 * Copies the run of ordinary bytes at r->pos straight from the buffer:
 * this loop is where nearly all the time goes, so it uses no calls.
 */
static inline enum vt_err scan_run(struct vt_csv *r,
				   const unsigned char *cls)
{
	const unsigned char *s = r->in + r->pos;
	const unsigned char *p = s;
	const unsigned char *e = r->in + r->len;
	size_t n;

	/* Four at a time: fields are short, but this is the hot loop. */
	while (e - p >= 4 && !(cls[p[0]] | cls[p[1]] | cls[p[2]] | cls[p[3]]))
		p += 4;
	while (p < e && !cls[*p])
		p++;
	n = (size_t)(p - s);
	if (!n)
		return VT_OK;
	r->pos += n;
	r->col += (long long)n;
	return add_text(r, s, n);
}

/*
 * Reads an unquoted field at r->pos.  '*end' tells what ended it: the
 * separator, '\n' for any line break, or -1 for the end of the input.
 */
static enum vt_err read_plain(struct vt_csv *r, int *end)
{
	enum vt_err result;
	int c;

	for (;;) {
		result = scan_run(r, r->cls);
		if (result)
			return result;
		result = peek(r, &c);
		if (result)
			return result;
		if (c < 0) {
			*end = -1;
			return VT_OK;
		}
		switch (r->cls[c]) {
		case CC_TEXT:
			/* Only after a refill: scan the new buffer. */
			break;
		case CC_SEP:
			r->pos++;
			r->col++;
			*end = c;
			return VT_OK;
		case CC_CR:
		case CC_LF:
			result = take_newline(r, false);
			if (result)
				return result;
			*end = '\n';
			return VT_OK;
		case CC_QUOTE:
			return fail(r, VT_EINVAL, r->line, r->col + 1,
				    "found '\"' inside an unquoted field; a "
				    "field holding quotes must be enclosed "
				    "in quotes, each inner quote doubled");
		case CC_NUL:
			return fail_nul(r);
		default:
			result = take_utf8(r);
			if (result)
				return result;
			break;
		}
	}
}

/*
 * Reads a quoted field; r->pos is on its opening quote.  Separators and
 * line breaks inside are text, "" is one quote.  After the closing quote
 * only a separator, a line break or the end may follow: anything else
 * means the quoting is broken and guessing would misplace fields.
 */
static enum vt_err read_quoted(struct vt_csv *r, int *end)
{
	enum vt_err result;
	long long qline = r->line, qcol = r->col + 1;
	char what[24];
	int c;

	r->pos++;
	r->col++;
	for (;;) {
		result = scan_run(r, r->qcls);
		if (result)
			return result;
		result = peek(r, &c);
		if (result)
			return result;
		if (c < 0)
			return fail(r, VT_EINVAL, qline, qcol,
				    "found a quoted field that is not closed "
				    "before the end of the input; a closing "
				    "'\"' is expected");
		switch (r->qcls[c]) {
		case CC_TEXT:
			break;
		case CC_QUOTE:
			r->pos++;
			r->col++;
			result = peek(r, &c);
			if (result)
				return result;
			if (c == '"') {
				r->pos++;
				r->col++;
				result = add_text(r, "\"", 1);
				if (result)
					return result;
				break;
			}
			if (c < 0) {
				*end = -1;
				return VT_OK;
			}
			if (c == r->sep) {
				r->pos++;
				r->col++;
				*end = c;
				return VT_OK;
			}
			if (c == '\r' || c == '\n') {
				result = take_newline(r, false);
				if (result)
					return result;
				*end = '\n';
				return VT_OK;
			}
			describe_byte(c, what, sizeof(what));
			return fail(r, VT_EINVAL, r->line, r->col + 1,
				    "found %s after the closing quote of a "
				    "field; expected '%c' or the end of the "
				    "line", what, r->sep);
		case CC_CR:
		case CC_LF:
			result = take_newline(r, true);
			if (result)
				return result;
			break;
		case CC_NUL:
			return fail_nul(r);
		default:
			result = take_utf8(r);
			if (result)
				return result;
			break;
		}
	}
}

/*
 * Reads records until one is not a blank line.  A record made of exactly
 * one empty unquoted field can only come from a blank line; RFC 4180 makes
 * it a record, but no caller wants blank rows (spreadsheets leave them at
 * the end, people between blocks), so they are skipped wherever they are.
 * A quoted "" on its own line is kept: someone wrote it.
 */
static enum vt_err read_record(struct vt_csv *r, long long *line)
{
	enum vt_err result;
	long long start;
	bool quoted;
	int c, end = -1;

	for (;;) {
		r->nfields = 0;
		r->text_len = 0;
		result = peek(r, &c);
		if (result)
			return result;
		if (c < 0)
			return VT_ENOTFOUND;
		start = r->line;
		do {
			result = start_field(r);
			if (result)
				return result;
			result = peek(r, &c);
			if (result)
				return result;
			quoted = c == '"';
			if (quoted)
				result = read_quoted(r, &end);
			else
				result = read_plain(r, &end);
			if (result)
				return result;
			result = end_field(r);
			if (result)
				return result;
		} while (end == r->sep);
		if (r->nfields != 1 || quoted || r->text[0] != '\0') {
			*line = start;
			return VT_OK;
		}
	}
}

/*
 * Skips a UTF-8 byte order mark, which Excel's "CSV UTF-8" writes.  The
 * first read may in principle be short, so read until 3 bytes are held.
 */
static enum vt_err skip_bom(struct vt_csv *r)
{
	enum vt_err result;

	while (r->len - r->pos < 3 && !r->eof) {
		result = refill(r);
		if (result)
			return result;
	}
	if (r->len - r->pos >= 3 && r->in[r->pos] == 0xef &&
	    r->in[r->pos + 1] == 0xbb && r->in[r->pos + 2] == 0xbf)
		r->pos += 3;
	return VT_OK;
}

enum vt_err vt_csv_open(FILE *f, const struct vt_csv_options *opt,
			struct vt_csv **out)
{
	struct vt_csv *r;
	char sep = opt && opt->separator ? opt->separator : ',';
	unsigned i;

	/* Only these two: other separators would need other quoting. */
	if (!f || !out || (sep != ',' && sep != ';'))
		return VT_EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return VT_ENOMEM;
	r->in = malloc(VT_CSV_BUFSZ);
	if (!r->in) {
		free(r);
		return VT_ENOMEM;
	}
	r->f = f;
	r->sep = (unsigned char)sep;
	r->max_field = opt && opt->max_field ? opt->max_field :
		       CSV_DEF_MAX_FIELD;
	r->max_fields = opt && opt->max_fields ? opt->max_fields :
			CSV_DEF_MAX_FIELDS;
	r->line = 1;
	for (i = 0x80; i < 256; i++)
		r->cls[i] = CC_HIGH;
	r->cls[0] = CC_NUL;
	r->cls['"'] = CC_QUOTE;
	r->cls['\r'] = CC_CR;
	r->cls['\n'] = CC_LF;
	memcpy(r->qcls, r->cls, sizeof(r->qcls));
	r->cls[r->sep] = CC_SEP;
	*out = r;
	return VT_OK;
}

enum vt_err vt_csv_next(struct vt_csv *r, struct vt_csv_record *rec)
{
	enum vt_err result;
	long long line = 0;
	size_t i;

	if (!r || !rec)
		return VT_EINVAL;
	if (r->err)
		return r->err;
	if (r->done)
		return VT_ENOTFOUND;
	if (!r->started) {
		result = skip_bom(r);
		if (result)
			return result;
		r->started = true;
	}
	result = read_record(r, &line);
	if (result == VT_ENOTFOUND)
		r->done = true;
	if (result)
		return result;
	/* Pointers only now: 'text' may have moved while growing. */
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->text + r->offs[i];
	rec->fields = r->fields;
	rec->nfields = r->nfields;
	rec->line = clamp_long(line);
	rec->columns = r->columns;
	return VT_OK;
}

const char *vt_csv_error(const struct vt_csv *r)
{
	return r && r->err ? r->msg : "";
}

long vt_csv_error_line(const struct vt_csv *r)
{
	return r && r->err ? r->err_line : 0;
}

long vt_csv_error_column(const struct vt_csv *r)
{
	return r && r->err ? r->err_col : 0;
}

void vt_csv_close(struct vt_csv *r)
{
	if (!r)
		return;
	free(r->in);
	free(r->text);
	free(r->offs);
	free(r->fields);
	free(r->columns);
	free(r);
}
