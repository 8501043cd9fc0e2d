/* Unit tests for the streaming CSV reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/csv.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define MAXF 6
#define MAXR 6

/* The reader's read buffer; inputs are built to straddle it. */
#define READ_BUFSZ (64 * 1024)

/* An input literal and its length, which counts embedded NULs. */
#define IN(s) .in = (s), .len = sizeof(s) - 1

struct exp_rec {
	long line;			/* 0 ends the list */
	const char *f[MAXF + 1];	/* NULL-terminated */
	long col[MAXF];			/* 0: not checked */
};

/* A record on 'ln' with the given fields; RECC checks columns too. */
#define REC(ln, ...) { (ln), { __VA_ARGS__ }, { 0 } }
#define RECC(ln, cols, ...) { (ln), { __VA_ARGS__ }, cols }
#define COLS(...) { __VA_ARGS__ }

struct csv_case {
	const char *name;
	const char *in;
	size_t len;
	char sep;
	size_t max_field;
	size_t max_fields;
	struct exp_rec rec[MAXR];
	/* What comes after the records: VT_OK here means VT_ENOTFOUND. */
	enum vt_err err;
	const char *msg;		/* a substring of vt_csv_error() */
	long eline;
	long ecol;
};

static const struct csv_case cases[] = {
	/* Plain records and line ends. */
	{ .name = "simple", IN("a,b,c\n1,2,3\n"),
	  .rec = { RECC(1, COLS(1, 3, 5), "a", "b", "c"),
		   RECC(2, COLS(1, 3, 5), "1", "2", "3") } },
	{ .name = "no final newline", IN("a,b\n1,2"),
	  .rec = { REC(1, "a", "b"), RECC(2, COLS(1, 3), "1", "2") } },
	{ .name = "empty file", IN("") },
	{ .name = "only line breaks", IN("\n\r\n\r\n\r") },
	{ .name = "crlf", IN("a,b\r\nc,d\r\n"),
	  .rec = { REC(1, "a", "b"), RECC(2, COLS(1, 3), "c", "d") } },
	{ .name = "lone cr", IN("a,b\rc,d\re"),
	  .rec = { REC(1, "a", "b"), REC(2, "c", "d"),
		   RECC(3, COLS(1), "e") } },
	{ .name = "crlf is one break, cr then cr two", IN("a\r\n\r\rb\n"),
	  .rec = { REC(1, "a"), REC(4, "b") } },
	{ .name = "spaces kept", IN(" a , b \n"),
	  .rec = { RECC(1, COLS(1, 5), " a ", " b ") } },

	/* Quoting. */
	{ .name = "quoted separator", IN("\"a,b\",c\n"),
	  .rec = { RECC(1, COLS(1, 7), "a,b", "c") } },
	{ .name = "doubled quotes", IN("\"say \"\"hi\"\"\",x\n"),
	  .rec = { RECC(1, COLS(1, 14), "say \"hi\"", "x") } },
	{ .name = "only a quote", IN("\"\"\"\"\n"),
	  .rec = { REC(1, "\"") } },
	{ .name = "lf inside quotes", IN("\"l1\nl2\",b\nc,d\n"),
	  .rec = { RECC(1, COLS(1, 5), "l1\nl2", "b"),
		   RECC(3, COLS(1, 3), "c", "d") } },
	{ .name = "crlf inside quotes", IN("\"x\r\ny\",z\r\nq\r\n"),
	  .rec = { RECC(1, COLS(1, 4), "x\r\ny", "z"),
		   REC(3, "q") } },
	{ .name = "cr inside quotes", IN("a,\"x\ry\"\rb"),
	  .rec = { RECC(1, COLS(1, 3), "a", "x\ry"), REC(3, "b") } },
	{ .name = "several breaks inside quotes",
	  IN("k,\"1\n\n2\r\n\"\"3\"\"\",v,w\nz\n"),
	  .rec = { RECC(1, COLS(1, 3, 8, 10), "k", "1\n\n2\r\n\"3\"", "v",
			"w"),
		   REC(5, "z") } },
	{ .name = "quoted empty at the end", IN("a,\"\""),
	  .rec = { RECC(1, COLS(1, 3), "a", "") } },
	{ .name = "quoted field then end of input", IN("\"abc\""),
	  .rec = { REC(1, "abc") } },

	/* Byte order mark. */
	{ .name = "bom", IN("\xEF\xBB\xBFid,name\n1,x\n"),
	  .rec = { RECC(1, COLS(1, 4), "id", "name"),
		   REC(2, "1", "x") } },
	{ .name = "bom only", IN("\xEF\xBB\xBF") },
	{ .name = "bom then quote", IN("\xEF\xBB\xBF\"a\"\n"),
	  .rec = { RECC(1, COLS(1), "a") } },
	{ .name = "bom not at the start is text", IN("a,\xEF\xBB\xBF\n"),
	  .rec = { REC(1, "a", "\xEF\xBB\xBF") } },

	/* Separators. */
	{ .name = "semicolon asked", IN("a;b,c;\"d;e\"\n"), .sep = ';',
	  .rec = { RECC(1, COLS(1, 3, 7), "a", "b,c", "d;e") } },
	{ .name = "semicolon not by default", IN("a;b,c\n"),
	  .rec = { RECC(1, COLS(1, 5), "a;b", "c") } },
	{ .name = "comma asked", IN("a;b,c\n"), .sep = ',',
	  .rec = { REC(1, "a;b", "c") } },

	/* Empty fields, blank lines, ragged rows. */
	{ .name = "empty fields", IN(",,\na,,b\n"),
	  .rec = { RECC(1, COLS(1, 2, 3), "", "", ""),
		   RECC(2, COLS(1, 3, 4), "a", "", "b") } },
	{ .name = "trailing separator", IN("a,b,\n"),
	  .rec = { RECC(1, COLS(1, 3, 5), "a", "b", "") } },
	{ .name = "trailing separator at the end", IN("a,"),
	  .rec = { REC(1, "a", "") } },
	{ .name = "blank lines skipped", IN("a\n\nb\r\n\r\n\n\n"),
	  .rec = { REC(1, "a"), REC(3, "b") } },
	{ .name = "blank lines first", IN("\n\na,b\n"),
	  .rec = { REC(3, "a", "b") } },
	{ .name = "quoted empty line kept", IN("\"\"\n\n"),
	  .rec = { REC(1, "") } },
	{ .name = "separator line kept", IN(",\n"),
	  .rec = { REC(1, "", "") } },
	{ .name = "ragged rows", IN("a,b,c\nd\ne,f\n"),
	  .rec = { REC(1, "a", "b", "c"), REC(2, "d"),
		   REC(3, "e", "f") } },

	/* Columns count characters, not bytes. */
	{ .name = "utf-8 columns", IN("\xC3\xA9,\xC3\xBC\xE2\x82\xAC,x\n"),
	  .rec = { RECC(1, COLS(1, 3, 6), "\xC3\xA9", "\xC3\xBC\xE2\x82\xAC",
			"x") } },
	{ .name = "4-byte utf-8", IN("\xF0\x9F\x98\x80,a\n"),
	  .rec = { RECC(1, COLS(1, 3), "\xF0\x9F\x98\x80", "a") } },
	{ .name = "utf-8 in quotes", IN("\"na\xC3\xAFve\",b\n"),
	  .rec = { RECC(1, COLS(1, 9), "na\xC3\xAFve", "b") } },
	{ .name = "utf-8 limits", IN("\xC2\x80,\xEF\xBF\xBF,\xF4\x8F\xBF\xBF,"
				     "\xED\x9F\xBF,\xEE\x80\x80\n"),
	  .rec = { RECC(1, COLS(1, 3, 5, 7, 9), "\xC2\x80", "\xEF\xBF\xBF",
			"\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xEE\x80\x80") } },

	/* Unterminated quotes: the opening quote is the place. */
	{ .name = "unterminated", IN("a,b\nc,\"open\nmore\n"),
	  .rec = { REC(1, "a", "b") },
	  .err = VT_EINVAL, .msg = "quoted field that is not closed",
	  .eline = 2, .ecol = 3 },
	{ .name = "unterminated alone", IN("\""),
	  .err = VT_EINVAL, .msg = "a closing '\"' is expected",
	  .eline = 1, .ecol = 1 },
	{ .name = "unterminated after escape", IN("\xC3\xA9,\"x\"\""),
	  .err = VT_EINVAL, .msg = "not closed before the end of the input",
	  .eline = 1, .ecol = 3 },

	/* Text after a closing quote. */
	{ .name = "text after quote", IN("\"a\"x,b\n"),
	  .err = VT_EINVAL,
	  .msg = "found 'x' after the closing quote of a field; "
		 "expected ',' or the end of the line",
	  .eline = 1, .ecol = 4 },
	{ .name = "space after quote on a later line",
	  IN("\"a\nb\" ,c\n"),
	  .err = VT_EINVAL, .msg = "found a space after the closing quote",
	  .eline = 2, .ecol = 3 },
	{ .name = "comma after quote with semicolons", IN("\"a\",b\n"),
	  .sep = ';',
	  .err = VT_EINVAL, .msg = "found ',' after the closing quote of "
		 "a field; expected ';'",
	  .eline = 1, .ecol = 4 },
	{ .name = "utf-8 after quote", IN("ok\n\"a\"\xC3\xA9\n"),
	  .rec = { REC(1, "ok") },
	  .err = VT_EINVAL, .msg = "found byte 0xc3 after the closing quote",
	  .eline = 2, .ecol = 4 },

	/* Quotes inside unquoted fields. */
	{ .name = "quote in field", IN("ab\"c\n"),
	  .err = VT_EINVAL, .msg = "found '\"' inside an unquoted field; "
		 "a field holding quotes must be enclosed in quotes",
	  .eline = 1, .ecol = 3 },
	{ .name = "quote after utf-8", IN("x\n\xC3\xA9\"\n"),
	  .rec = { REC(1, "x") },
	  .err = VT_EINVAL, .msg = "inside an unquoted field",
	  .eline = 2, .ecol = 2 },
	{ .name = "space then quote", IN("a, \"b\"\n"),
	  .err = VT_EINVAL, .msg = "inside an unquoted field",
	  .eline = 1, .ecol = 4 },

	/* Invalid UTF-8, at the first byte of the character. */
	{ .name = "windows-1252", IN("caf\xE9,x\n"),
	  .err = VT_EINVAL,
	  .msg = "found bytes 0xe9 0x2c (an incomplete sequence), which are "
		 "not UTF-8; save the file as 'CSV UTF-8'",
	  .eline = 1, .ecol = 4 },
	{ .name = "windows-1252 at the end of a line", IN("ok\nx,caf\xE9\n"),
	  .rec = { REC(1, "ok") },
	  .err = VT_EINVAL, .msg = "not UTF-8; save the file as 'CSV UTF-8'",
	  .eline = 2, .ecol = 6 },
	{ .name = "overlong 2 bytes", IN("\xC0\xAF"),
	  .err = VT_EINVAL, .msg = "found byte 0xc0 (an overlong form), "
		 "which is not UTF-8",
	  .eline = 1, .ecol = 1 },
	{ .name = "overlong 3 bytes", IN("a,\xE0\x80\xAF"),
	  .err = VT_EINVAL, .msg = "found bytes 0xe0 0x80 (an overlong form)",
	  .eline = 1, .ecol = 3 },
	{ .name = "overlong 4 bytes", IN("\"\xF0\x8F\xBF\xBF\""),
	  .err = VT_EINVAL, .msg = "0xf0 0x8f (an overlong form)",
	  .eline = 1, .ecol = 2 },
	{ .name = "surrogate", IN("\xC3\xA9\xED\xA0\x80"),
	  .err = VT_EINVAL, .msg = "0xed 0xa0 (a surrogate), which are not "
		 "UTF-8",
	  .eline = 1, .ecol = 2 },
	{ .name = "past U+10FFFF", IN("\xF4\x90\x80\x80"),
	  .err = VT_EINVAL, .msg = "(past U+10FFFF)",
	  .eline = 1, .ecol = 1 },
	{ .name = "never in UTF-8", IN("a\xFF"),
	  .err = VT_EINVAL, .msg = "found byte 0xff, which is not UTF-8",
	  .eline = 1, .ecol = 2 },
	{ .name = "lone continuation", IN("\x80"),
	  .err = VT_EINVAL, .msg = "found byte 0x80, which is not UTF-8",
	  .eline = 1, .ecol = 1 },
	{ .name = "cut short by the end", IN("ab\xE2\x82"),
	  .err = VT_EINVAL, .msg = "found bytes 0xe2 0x82 (cut short by the "
		 "end of the input), which are not UTF-8",
	  .eline = 1, .ecol = 3 },
	{ .name = "cut short by a line break", IN("\"\xE2\n\""),
	  .err = VT_EINVAL, .msg = "0xe2 0x0a (an incomplete sequence)",
	  .eline = 1, .ecol = 2 },
	{ .name = "utf-16", IN("\xFF\xFE" "a\0,\0b\0"),
	  .err = VT_EINVAL, .msg = "found byte 0xff",
	  .eline = 1, .ecol = 1 },

	/* NUL bytes. */
	{ .name = "nul", IN("a,b\0c\n"),
	  .err = VT_EINVAL, .msg = "found a NUL byte; only text is accepted",
	  .eline = 1, .ecol = 4 },
	{ .name = "nul in quotes", IN("a\n\"b\n\0\"\n"),
	  .rec = { REC(1, "a") },
	  .err = VT_EINVAL, .msg = "NUL byte",
	  .eline = 3, .ecol = 1 },
	{ .name = "nul after quote", IN("\"b\"\0"),
	  .err = VT_EINVAL, .msg = "found a NUL byte after the closing quote",
	  .eline = 1, .ecol = 4 },

	/* Caps: the place is the start of the field past the cap. */
	{ .name = "field at its cap", IN("abc,\"a\"\"b\"\n"), .max_field = 3,
	  .rec = { REC(1, "abc", "a\"b") } },
	{ .name = "field past its cap", IN("abc,abcd\n"), .max_field = 3,
	  .err = VT_ETOOBIG,
	  .msg = "found a field longer than 3 bytes; at most 3 bytes per "
		 "field are accepted",
	  .eline = 1, .ecol = 5 },
	{ .name = "quoted field past its cap", IN("a\nb,\"x\ny\"\"z\""),
	  .max_field = 4, .rec = { REC(1, "a") },
	  .err = VT_ETOOBIG, .msg = "longer than 4 bytes",
	  .eline = 2, .ecol = 3 },
	{ .name = "utf-8 past the cap", IN("\xE2\x82\xAC\xE2\x82\xAC"),
	  .max_field = 5, .err = VT_ETOOBIG, .msg = "longer than 5 bytes",
	  .eline = 1, .ecol = 1 },
	{ .name = "fields at their cap", IN("a,b\nc\n"), .max_fields = 2,
	  .rec = { REC(1, "a", "b"), REC(2, "c") } },
	{ .name = "fields past their cap", IN("a,b\nc,d,e\n"),
	  .max_fields = 2, .rec = { REC(1, "a", "b") },
	  .err = VT_ETOOBIG,
	  .msg = "found a record with more than 2 fields; at most 2 fields "
		 "per record are accepted",
	  .eline = 2, .ecol = 5 },
	{ .name = "trailing separator past the cap", IN("a,b,\n"),
	  .max_fields = 2, .err = VT_ETOOBIG, .msg = "more than 2 fields",
	  .eline = 1, .ecol = 5 },
	{ .name = "one field", IN("a\nb,c\n"), .max_fields = 1,
	  .rec = { REC(1, "a") },
	  .err = VT_ETOOBIG, .msg = "more than 1 fields",
	  .eline = 2, .ecol = 3 },
};

/* Copies the input so that fmemopen() gets writable memory of its own. */
static FILE *open_bytes(const char *in, size_t len, char **copy)
{
	FILE *f;

	*copy = malloc(len + 1);
	assert_non_null(*copy);
	if (len)
		memcpy(*copy, in, len);
	f = fmemopen(*copy, len, "r");
	assert_non_null(f);
	return f;
}

static void check_record(const char *name, size_t i,
			 const struct vt_csv_record *rec,
			 const struct exp_rec *e)
{
	size_t n, j;

	for (n = 0; e->f[n]; n++)
		;
	if (rec->line != e->line)
		fail_msg("%s: record %zu: line %ld, expected %ld", name, i,
			 rec->line, e->line);
	if (rec->nfields != n)
		fail_msg("%s: record %zu: %zu fields, expected %zu", name, i,
			 rec->nfields, n);
	for (j = 0; j < n; j++) {
		if (strcmp(rec->fields[j], e->f[j]) != 0)
			fail_msg("%s: record %zu field %zu: \"%s\", expected "
				 "\"%s\"", name, i, j, rec->fields[j], e->f[j]);
		if (e->col[j] && rec->columns[j] != e->col[j])
			fail_msg("%s: record %zu field %zu: column %ld, "
				 "expected %ld", name, i, j, rec->columns[j],
				 e->col[j]);
	}
}

/*
 * Reads the whole input and compares; the error (or the end) must repeat
 * on the next call and leave the record untouched.
 */
static void run_case(const struct csv_case *c, const struct exp_rec *recs,
		     size_t nrecs)
{
	struct vt_csv_options opt = { c->sep, c->max_field, c->max_fields };
	struct vt_csv_record rec, sentinel;
	enum vt_err want = c->err ? c->err : VT_ENOTFOUND;
	struct vt_csv *r = NULL;
	enum vt_err result;
	char *copy;
	FILE *f = open_bytes(c->in, c->len, &copy);
	size_t i;
	int pass;

	assert_int_equal(vt_csv_open(f, &opt, &r), VT_OK);
	assert_non_null(r);
	for (i = 0; i < nrecs; i++) {
		result = vt_csv_next(r, &rec);
		if (result != VT_OK)
			fail_msg("%s: record %zu: %s (%s)", c->name, i,
				 vt_strerror(result), vt_csv_error(r));
		check_record(c->name, i, &rec, &recs[i]);
	}
	for (pass = 0; pass < 2; pass++) {
		memset(&sentinel, 0xa5, sizeof(sentinel));
		rec = sentinel;
		result = vt_csv_next(r, &rec);
		if (result != want)
			fail_msg("%s: after %zu records: %s (%s), expected %s",
				 c->name, nrecs, vt_strerror(result),
				 vt_csv_error(r), vt_strerror(want));
		if (memcmp(&rec, &sentinel, sizeof(rec)) != 0)
			fail_msg("%s: a failed call wrote the record", c->name);
		if (!c->err) {
			assert_string_equal(vt_csv_error(r), "");
			continue;
		}
		if (!strstr(vt_csv_error(r), c->msg))
			fail_msg("%s: message \"%s\" lacks \"%s\"", c->name,
				 vt_csv_error(r), c->msg);
		if (vt_csv_error_line(r) != c->eline ||
		    vt_csv_error_column(r) != c->ecol)
			fail_msg("%s: error at %ld:%ld, expected %ld:%ld",
				 c->name, vt_csv_error_line(r),
				 vt_csv_error_column(r), c->eline, c->ecol);
	}
	vt_csv_close(r);
	fclose(f);
	free(copy);
}

static void test_table(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		for (n = 0; n < MAXR && cases[i].rec[n].line; n++)
			;
		run_case(&cases[i], cases[i].rec, n);
	}
}

/* Messages are lower-case, name what was found, end without a stop. */
static void test_messages(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_csv_options opt = { cases[i].sep, cases[i].max_field,
					      cases[i].max_fields };
		struct vt_csv_record rec;
		struct vt_csv *r = NULL;
		char *copy;
		FILE *f;
		const char *m;
		size_t len;

		if (!cases[i].err)
			continue;
		f = open_bytes(cases[i].in, cases[i].len, &copy);
		assert_int_equal(vt_csv_open(f, &opt, &r), VT_OK);
		while (vt_csv_next(r, &rec) == VT_OK)
			;
		m = vt_csv_error(r);
		len = strlen(m);
		if (len == 0 || !(m[0] >= 'a' && m[0] <= 'z') ||
		    m[len - 1] == '.')
			fail_msg("%s: message \"%s\"", cases[i].name, m);
		vt_csv_close(r);
		fclose(f);
		free(copy);
	}
}

static void test_open(void **state)
{
	struct vt_csv_options bad = { '\t', 0, 0 };
	struct vt_csv_options pipe_sep = { '|', 0, 0 };
	struct vt_csv *r = (struct vt_csv *)&bad;
	struct vt_csv_record rec;
	char *copy;
	FILE *f = open_bytes("a,b", 3, &copy);

	(void)state;
	assert_int_equal(vt_csv_open(f, &bad, &r), VT_EINVAL);
	assert_ptr_equal(r, (struct vt_csv *)&bad);
	assert_int_equal(vt_csv_open(f, &pipe_sep, &r), VT_EINVAL);
	assert_int_equal(vt_csv_open(NULL, NULL, &r), VT_EINVAL);
	assert_int_equal(vt_csv_open(f, NULL, NULL), VT_EINVAL);
	assert_ptr_equal(r, (struct vt_csv *)&bad);

	/* No options: ',' and the default caps. */
	assert_int_equal(vt_csv_open(f, NULL, &r), VT_OK);
	assert_int_equal(vt_csv_next(r, &rec), VT_OK);
	assert_int_equal(rec.nfields, 2);
	assert_int_equal(vt_csv_next(NULL, &rec), VT_EINVAL);
	assert_int_equal(vt_csv_next(r, NULL), VT_EINVAL);
	assert_string_equal(vt_csv_error(r), "");
	assert_int_equal(vt_csv_error_line(r), 0);
	vt_csv_close(r);
	vt_csv_close(NULL);
	fclose(f);
	free(copy);
}

/* A stream that cannot be read gives VT_EIO, and keeps giving it. */
static void test_read_error(void **state)
{
	struct vt_csv_record rec;
	struct vt_csv *r = NULL;
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	assert_int_equal(vt_csv_open(f, NULL, &r), VT_OK);
	assert_int_equal(vt_csv_next(r, &rec), VT_EIO);
	assert_int_equal(vt_csv_next(r, &rec), VT_EIO);
	assert_non_null(strstr(vt_csv_error(r), "cannot read"));
	assert_int_equal(vt_csv_error_line(r), 1);
	vt_csv_close(r);
	fclose(f);
}

/* The default caps: 64 KiB per field, 1024 fields. */
static void test_default_caps(void **state)
{
	size_t len = 64 * 1024 + 1, i;
	char *big = malloc(2 * len);
	struct vt_csv_record rec;
	struct vt_csv *r = NULL;
	char *copy;
	FILE *f;

	(void)state;
	assert_non_null(big);
	/* A record of exactly 1024 fields, then one of 1025. */
	for (i = 0; i < 1024; i++) {
		big[2 * i] = 'x';
		big[2 * i + 1] = i == 1023 ? '\n' : ',';
	}
	memcpy(big + 2048, big, 2047);
	memcpy(big + 4095, ",y\n", 3);
	f = open_bytes(big, 4098, &copy);
	assert_int_equal(vt_csv_open(f, NULL, &r), VT_OK);
	assert_int_equal(vt_csv_next(r, &rec), VT_OK);
	assert_int_equal(rec.nfields, 1024);
	assert_int_equal(rec.columns[1023], 2047);
	assert_int_equal(vt_csv_next(r, &rec), VT_ETOOBIG);
	assert_int_equal(vt_csv_error_line(r), 2);
	assert_int_equal(vt_csv_error_column(r), 2049);
	vt_csv_close(r);
	fclose(f);
	free(copy);

	/* A field of 64 KiB is accepted, one byte more is not. */
	memset(big, 'a', len);
	big[len - 1] = '\n';
	memset(big + len, 'b', len);
	f = open_bytes(big, 2 * len, &copy);
	free(big);
	assert_int_equal(vt_csv_open(f, NULL, &r), VT_OK);
	assert_int_equal(vt_csv_next(r, &rec), VT_OK);
	assert_int_equal(strlen(rec.fields[0]), 64 * 1024);
	assert_int_equal(vt_csv_next(r, &rec), VT_ETOOBIG);
	assert_non_null(strstr(vt_csv_error(r), "65536 bytes"));
	vt_csv_close(r);
	fclose(f);
	free(copy);
}

/* A growable test buffer; the reader's own is what is under test. */
struct text {
	char *p;
	size_t len;
	size_t alloc;
};

static void text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->alloc) {
		t->alloc = (t->len + n + 1) * 2;
		t->p = realloc(t->p, t->alloc);
		assert_non_null(t->p);
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

static void text_addf(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_addf(struct text *t, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(tmp));
	text_add(t, tmp, (size_t)n);
}

/*
 * 200,000 records, each with a quoted field holding a separator, a doubled
 * quote and a line break, so that every kind of token meets the buffer
 * boundaries somewhere (40 MB would be slow under sanitizers).
 */
static void test_many_records(void **state)
{
	struct text t = { NULL, 0, 0 };
	struct vt_csv_record rec;
	struct vt_csv *r = NULL;
	char want[64];
	size_t i, n = 200000;
	FILE *f;

	(void)state;
	for (i = 0; i < n; i++)
		text_addf(&t, "%zu,\"a,\"\"%zu\r\nb\",\xC3\xA9%s", i, i % 7,
			  i % 3 ? "\n" : "\r\n");
	f = fmemopen(t.p, t.len, "r");
	assert_non_null(f);
	assert_true(t.len > 4 * READ_BUFSZ);
	assert_int_equal(vt_csv_open(f, NULL, &r), VT_OK);
	for (i = 0; i < n; i++) {
		if (vt_csv_next(r, &rec) != VT_OK)
			fail_msg("record %zu: %s", i, vt_csv_error(r));
		snprintf(want, sizeof(want), "%zu", i);
		assert_int_equal(rec.nfields, 3);
		assert_int_equal(rec.line, (long)(2 * i + 1));
		assert_string_equal(rec.fields[0], want);
		snprintf(want, sizeof(want), "a,\"%zu\r\nb", i % 7);
		assert_string_equal(rec.fields[1], want);
		assert_string_equal(rec.fields[2], "\xC3\xA9");
		assert_int_equal(rec.columns[1],
				 (long)strlen(rec.fields[0]) + 2);
		assert_int_equal(rec.columns[2], 4);
	}
	assert_int_equal(vt_csv_next(r, &rec), VT_ENOTFOUND);
	vt_csv_close(r);
	fclose(f);
	free(t.p);
}

/*
 * Each construct is placed so that it starts a few bytes before the end
 * of the first read buffer, at every shift, after a padding record.
 */
struct straddle {
	const char *name;
	const char *in;
	size_t len;
	struct exp_rec rec[3];
	long eline;	/* 0: no error expected */
	long ecol;
};

static const struct straddle straddles[] = {
	{ .name = "quoted", IN("\"ab\"\"cd\r\nef\",z\n"),
	  .rec = { RECC(2, COLS(1, 5), "ab\"cd\r\nef", "z") } },
	{ .name = "crlf", IN("x\r\ny\n"), .rec = { REC(2, "x"), REC(3, "y") } },
	{ .name = "cr", IN("x\ry\r"), .rec = { REC(2, "x"), REC(3, "y") } },
	{ .name = "utf-8", IN("\xF0\x9F\x98\x80,\xE2\x82\xAC,q\n"),
	  .rec = { RECC(2, COLS(1, 3, 5), "\xF0\x9F\x98\x80", "\xE2\x82\xAC",
			"q") } },
	{ .name = "blank lines", IN("\r\n\r\n\r\nw\r\n"),
	  .rec = { REC(5, "w") } },
	{ .name = "bad utf-8", IN("ab,c\xE2\x82,d"), .eline = 2, .ecol = 5 },
	{ .name = "unterminated", IN("a,\"bc\"\"d"), .eline = 2, .ecol = 3 },
};

static void test_straddle(void **state)
{
	size_t i, shift;

	(void)state;
	for (i = 0; i < COUNT(straddles); i++) {
		for (shift = 0; shift <= 10; shift++) {
			const struct straddle *s = &straddles[i];
			size_t pad = READ_BUFSZ - shift - 1;
			struct csv_case c = { 0 };
			struct exp_rec recs[4] = { { 0 } };
			struct text t = { NULL, 0, 0 };
			char *padding = malloc(pad + 1);
			size_t n;

			assert_non_null(padding);
			memset(padding, 'p', pad);
			padding[pad] = '\0';
			text_add(&t, padding, pad);
			text_add(&t, "\n", 1);
			text_add(&t, s->in, s->len);
			recs[0].line = 1;
			recs[0].f[0] = padding;
			for (n = 0; s->rec[n].line; n++)
				recs[n + 1] = s->rec[n];
			c.name = s->name;
			c.in = t.p;
			c.len = t.len;
			c.max_field = READ_BUFSZ;
			if (s->eline) {
				c.err = VT_EINVAL;
				c.msg = "";
				c.eline = s->eline;
				c.ecol = s->ecol;
			}
			run_case(&c, recs, n + 1);
			free(padding);
			free(t.p);
		}
	}
}

/* A quoted field far longer than the buffer, straddling two boundaries. */
static void test_long_quoted(void **state)
{
	size_t flen = 3 * READ_BUFSZ, i;
	struct vt_csv_options opt = { 0, flen, 0 };
	struct text t = { NULL, 0, 0 };
	struct vt_csv_record rec;
	struct vt_csv *r = NULL;
	FILE *f;

	(void)state;
	text_add(&t, "id,\"", 4);
	for (i = 0; i < flen / 2; i++)
		text_add(&t, i % 1000 == 999 ? "\n\n" : "\"\"", 2);
	text_add(&t, "\",end\nnext\n", 11);
	f = fmemopen(t.p, t.len, "r");
	assert_non_null(f);
	assert_int_equal(vt_csv_open(f, &opt, &r), VT_OK);
	assert_int_equal(vt_csv_next(r, &rec), VT_OK);
	assert_int_equal(rec.nfields, 3);
	/* Each "" gives one byte, each of the 98 blank pairs two. */
	assert_int_equal(strlen(rec.fields[1]), flen / 2 + flen / 2 / 1000);
	assert_int_equal(rec.fields[1][0], '"');
	assert_int_equal(rec.fields[1][999], '\n');
	assert_string_equal(rec.fields[2], "end");
	/* 98 lines of "" pairs then the closing quote: column 2 + 1. */
	assert_int_equal(rec.columns[2], (long)(2 * ((flen / 2) % 1000)) + 3);
	assert_int_equal(vt_csv_next(r, &rec), VT_OK);
	assert_int_equal(rec.line, (long)(2 * (flen / 2 / 1000)) + 2);
	assert_string_equal(rec.fields[0], "next");
	assert_int_equal(vt_csv_next(r, &rec), VT_ENOTFOUND);
	vt_csv_close(r);
	fclose(f);
	free(t.p);
}

/* Writing: quoted where needed; formulas made text; numbers left as numbers. */
static void test_put(void **state)
{
	static const struct {
		const char *in, *out;
	} writes[] = {
		{ "plain", "plain," },
		{ "a,b", "\"a,b\"," },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"," },
		{ "=1+1", "'=1+1," },
		{ "+44 20", "'+44 20," },
		{ "@SUM(A1)", "'@SUM(A1)," },
		{ "-2+3", "'-2+3," },
		{ "-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0," },
		{ "=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"," },
		{ "-5", "-5," },
		{ "-0.25", "-0.25," },
		{ "+3", "'+3," },
		{ "", "," },
	};
	char buf[256];
	size_t i, len;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		f = tmpfile();
		assert_non_null(f);
		assert_int_equal(vt_csv_put(f, writes[i].in, ','), VT_OK);
		rewind(f);
		len = fread(buf, 1, sizeof(buf) - 1, f);
		buf[len] = '\0';
		fclose(f);
		if (strcmp(buf, writes[i].out))
			fail_msg("'%s' written as '%s', not '%s'", writes[i].in,
				 buf, writes[i].out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_default_caps),
		cmocka_unit_test(test_many_records),
		cmocka_unit_test(test_straddle),
		cmocka_unit_test(test_long_quoted),
		cmocka_unit_test(test_put),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
