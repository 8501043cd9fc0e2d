/* Fuzz target: the CSV reader against a naive in-memory reference parser. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/csv.h"
#include "check.h"

/*
 * The streaming reader is compared, record by record, with the simplest
 * parser that could implement the same contract: whole input in memory,
 * one byte at a time, UTF-8 checked by decoding code points rather than
 * by the reader's byte ranges.  Any difference in a field, a line, a
 * column, an error code or an error position aborts.  Build the reader
 * with -DVT_CSV_BUFSZ=7 too, so that short inputs cross buffer boundaries.
 */

struct ref {
	const unsigned char *p;
	size_t n;
	size_t i;
	int sep;
	size_t max_field;
	size_t max_fields;
	long line;
	long col;		/* characters read on the line */

	char *text;		/* 2n + 2 bytes: a field never outgrows input */
	size_t tlen;
	size_t *offs;		/* n + 2: at most one field per byte, plus 1 */
	long *cols;
	size_t nf;
	long rline;
	size_t flen;
	long fline;
	long fcol;

	enum vt_err err;
	long eline;
	long ecol;
};

static int ref_peek(const struct ref *r)
{
	return r->i < r->n ? r->p[r->i] : -1;
}

static enum vt_err ref_fail(struct ref *r, enum vt_err err, long line,
			    long col)
{
	r->err = err;
	r->eline = line;
	r->ecol = col;
	return err;
}

static enum vt_err ref_add(struct ref *r, const unsigned char *s, size_t k)
{
	if (r->flen + k > r->max_field)
		return ref_fail(r, VT_ETOOBIG, r->fline, r->fcol);
	memcpy(r->text + r->tlen, s, k);
	r->tlen += k;
	r->flen += k;
	return VT_OK;
}

static void ref_newline(struct ref *r)
{
	if (r->p[r->i++] == '\r' && ref_peek(r) == '\n')
		r->i++;
	r->line++;
	r->col = 0;
}

/* Decodes one character the textbook way, then judges the code point. */
static enum vt_err ref_utf8(struct ref *r)
{
	const unsigned char *s = r->p + r->i;
	size_t len, k;
	uint32_t cp;

	if (s[0] >= 0xc0 && s[0] < 0xe0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] < 0xf0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] < 0xf8) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return ref_fail(r, VT_EINVAL, r->line, r->col + 1);
	}
	for (k = 1; k < len; k++) {
		if (r->i + k >= r->n || (s[k] & 0xc0) != 0x80)
			return ref_fail(r, VT_EINVAL, r->line, r->col + 1);
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp > 0x10ffff)
		return ref_fail(r, VT_EINVAL, r->line, r->col + 1);
	if (ref_add(r, s, len))
		return r->err;
	r->i += len;
	r->col++;
	return VT_OK;
}

/* Ends a field: -1 at the end of input, the separator, or '\n'. */
static enum vt_err ref_field(struct ref *r, int *end, int *quoted)
{
	long qline = r->line, qcol = r->col + 1;
	unsigned char ch;
	int c;

	*quoted = ref_peek(r) == '"';
	if (*quoted) {
		r->i++;
		r->col++;
	}
	for (;;) {
		c = ref_peek(r);
		if (c < 0) {
			if (*quoted)
				return ref_fail(r, VT_EINVAL, qline, qcol);
			*end = -1;
			return VT_OK;
		}
		if (*quoted && c == '"') {
			r->i++;
			r->col++;
			c = ref_peek(r);
			if (c == '"') {
				if (ref_add(r, (const unsigned char *)"\"", 1))
					return r->err;
				r->i++;
				r->col++;
				continue;
			}
			if (c < 0) {
				*end = -1;
				return VT_OK;
			}
			if (c == r->sep) {
				r->i++;
				r->col++;
				*end = c;
				return VT_OK;
			}
			if (c == '\r' || c == '\n') {
				ref_newline(r);
				*end = '\n';
				return VT_OK;
			}
			return ref_fail(r, VT_EINVAL, r->line, r->col + 1);
		}
		if (!*quoted && c == r->sep) {
			r->i++;
			r->col++;
			*end = c;
			return VT_OK;
		}
		if (c == '\r' || c == '\n') {
			if (!*quoted) {
				ref_newline(r);
				*end = '\n';
				return VT_OK;
			}
			ch = (unsigned char)c;
			if (ref_add(r, &ch, 1))
				return r->err;
			if (c == '\r' && r->i + 1 < r->n &&
			    r->p[r->i + 1] == '\n' &&
			    ref_add(r, (const unsigned char *)"\n", 1))
				return r->err;
			ref_newline(r);
			continue;
		}
		if (c == '"' || c == 0)
			return ref_fail(r, VT_EINVAL, r->line, r->col + 1);
		if (c >= 0x80) {
			if (ref_utf8(r))
				return r->err;
			continue;
		}
		ch = (unsigned char)c;
		if (ref_add(r, &ch, 1))
			return r->err;
		r->i++;
		r->col++;
	}
}

static enum vt_err ref_next(struct ref *r)
{
	int end, quoted;

	if (r->err)
		return r->err;
	for (;;) {
		r->nf = 0;
		r->tlen = 0;
		if (r->i >= r->n)
			return VT_ENOTFOUND;
		r->rline = r->line;
		do {
			if (r->nf == r->max_fields)
				return ref_fail(r, VT_ETOOBIG, r->line,
						r->col + 1);
			r->offs[r->nf] = r->tlen;
			r->cols[r->nf] = r->col + 1;
			r->fline = r->line;
			r->fcol = r->col + 1;
			r->flen = 0;
			if (ref_field(r, &end, &quoted))
				return r->err;
			r->text[r->tlen++] = '\0';
			r->nf++;
		} while (end == r->sep);
		/* Blank lines are skipped, as the reader documents. */
		if (r->nf != 1 || quoted || r->flen != 0)
			return VT_OK;
	}
}

static void run(const uint8_t *data, size_t size,
		const struct vt_csv_options *opt)
{
	size_t max_field = opt->max_field ? opt->max_field : 64 * 1024;
	size_t max_fields = opt->max_fields ? opt->max_fields : 1024;
	struct ref ref = { 0 };
	struct vt_csv_record rec;
	struct vt_csv *r = NULL;
	enum vt_err got, want;
	long last_line = 0;
	char *copy = malloc(size + 1);
	FILE *f;
	size_t i;

	CHECK(copy);
	if (size)
		memcpy(copy, data, size);
	f = fmemopen(copy, size, "r");
	CHECK(f);
	CHECK(vt_csv_open(f, opt, &r) == VT_OK);

	ref.p = data;
	ref.n = size;
	ref.sep = opt->separator ? opt->separator : ',';
	ref.max_field = max_field;
	ref.max_fields = max_fields;
	ref.line = 1;
	ref.text = malloc(2 * size + 2);
	ref.offs = malloc((size + 2) * sizeof(*ref.offs));
	ref.cols = malloc((size + 2) * sizeof(*ref.cols));
	CHECK(ref.text && ref.offs && ref.cols);
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		ref.i = 3;

	for (;;) {
		got = vt_csv_next(r, &rec);
		want = ref_next(&ref);
		CHECK(got == want);
		if (got != VT_OK)
			break;
		CHECK(rec.nfields >= 1 && rec.nfields <= max_fields);
		CHECK(rec.nfields == ref.nf);
		CHECK(rec.line == ref.rline);
		CHECK(rec.line > last_line);
		last_line = rec.line;
		for (i = 0; i < rec.nfields; i++) {
			CHECK(strlen(rec.fields[i]) <= max_field);
			CHECK(strcmp(rec.fields[i], ref.text + ref.offs[i]) ==
			      0);
			CHECK(rec.columns[i] >= 1);
			CHECK(rec.columns[i] == ref.cols[i]);
		}
	}
	if (got == VT_ENOTFOUND) {
		CHECK(vt_csv_error(r)[0] == '\0');
	} else {
		const char *msg = vt_csv_error(r);

		CHECK(msg[0] >= 'a' && msg[0] <= 'z');
		CHECK(vt_csv_error_line(r) == ref.eline);
		CHECK(vt_csv_error_column(r) == ref.ecol);
		CHECK(vt_csv_error_line(r) >= 1);
		CHECK(vt_csv_error_column(r) >= 1);
	}
	/* The end, or the error, repeats. */
	CHECK(vt_csv_next(r, &rec) == got);

	vt_csv_close(r);
	fclose(f);
	free(copy);
	free(ref.text);
	free(ref.offs);
	free(ref.cols);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Both separators, the default caps and caps small enough to hit. */
	static const struct vt_csv_options opts[] = {
		{ 0, 0, 0 },
		{ ';', 0, 0 },
		{ ',', 8, 4 },
		{ ';', 3, 2 },
		{ ',', 1, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		run(data, size, &opts[i]);
	return 0;
}
