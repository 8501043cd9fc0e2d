/* Unit tests for finding the line of a value inside a JSON text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/jsonpos.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A line no lookup would report, to prove a failure wrote nothing. */
#define LINE_SENTINEL -42L

/* Each line of the fixture is numbered in the comment beside it. */
static const char fixture[] =
	"{\n"						/*  1 */
	"  \"name\": \"North \\\"Shire\\\" Partnership\",\n" /*  2 */
	"  \"version\": 2,\n"				/*  3 */
	"  \"agencies\": [\n"				/*  4 */
	"    {\n"					/*  5 */
	"      \"id\": \"police\",\n"			/*  6 */
	"      \"sector\": \"justice\"\n"		/*  7 */
	"    },\n"					/*  8 */
	"    {\"id\": \"health\", \"sector\": \"nhs\"},\n" /*  9 */
	"    {\n"					/* 10 */
	"      \"id\": \"council\",\n"			/* 11 */
	"      \"tags\": [\"a\", \"b\\\\c\",\n"		/* 12 */
	"               \"d\"],\n"			/* 13 */
	"      \"sector\":\n"				/* 14 */
	"        \"local\"\n"				/* 15 */
	"    },\n"					/* 16 */
	"    \"school\"\n"				/* 17 */
	"  ],\n"					/* 18 */
	"  \"grid\": [[1, 2], [3,\n"			/* 19 */
	"     -4.5e+2], [], [[true], {\"k\": null}]],\n"	/* 20 */
	"  \"a\": {\"b\": [[0, {\"c\": false}], [\n"	/* 21 */
	"    1, {\n"					/* 22 */
	"      \"c\": {}\n"				/* 23 */
	"    }]]},\n"					/* 24 */
	"  \"we\\u0069rd\": \"\\u00e9\\n[{,:\",\n"	/* 25 */
	"  \"caf\\u00e9\": 1,\r\n"			/* 26 */
	"  \"crlf\": {\r\n"				/* 27 */
	"    \"x\": 1\r\n"				/* 28 */
	"  },\n"					/* 29 */
	"  \"empty\": {},\n"				/* 30 */
	"  \"last\": \"end\"\n"				/* 31 */
	"}\n";						/* 32 */

static void test_found(void **state)
{
	static const struct {
		const char *path;
		long line;
	} cases[] = {
		{ "", 1 },
		{ "name", 2 },
		{ "version", 3 },
		{ "agencies", 4 },
		{ "agencies[0]", 5 },
		{ "agencies[0].id", 6 },
		{ "agencies[0].sector", 7 },
		{ "agencies[1]", 9 },
		{ "agencies[1].id", 9 },
		{ "agencies[1].sector", 9 },
		{ "agencies[2]", 10 },
		{ "agencies[2].id", 11 },
		{ "agencies[2].tags", 12 },
		{ "agencies[2].tags[0]", 12 },
		{ "agencies[2].tags[1]", 12 },
		{ "agencies[2].tags[2]", 13 },
		/* A member's line is its key's, not its value's. */
		{ "agencies[2].sector", 14 },
		{ "agencies[3]", 17 },
		{ "grid", 19 },
		{ "grid[0]", 19 },
		{ "grid[0][1]", 19 },
		{ "grid[1]", 19 },
		{ "grid[1][1]", 20 },
		{ "grid[2]", 20 },
		{ "grid[3][0][0]", 20 },
		{ "grid[3][1].k", 20 },
		{ "a", 21 },
		{ "a.b[0][1].c", 21 },
		{ "a.b[1]", 21 },
		{ "a.b[1][0]", 22 },
		{ "a.b[1][1]", 22 },
		{ "a.b[1][1].c", 23 },
		/* Keys are compared after decoding their escapes. */
		{ "weird", 25 },
		{ "caf\xc3\xa9", 26 },
		{ "crlf", 27 },
		{ "crlf.x", 28 },
		{ "empty", 30 },
		{ "last", 31 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		long line = LINE_SENTINEL;

		if (vt_jsonpos_line(fixture, strlen(fixture), cases[i].path,
				    &line) != VT_OK)
			fail_msg("path \"%s\" not found", cases[i].path);
		if (line != cases[i].line)
			fail_msg("path \"%s\": line %ld, expected %ld",
				 cases[i].path, line, cases[i].line);
	}
}

static void test_absent(void **state)
{
	static const char *const paths[] = {
		"nothing",
		"Name",			/* names are case-sensitive */
		"nam",
		"names",
		"agencies[4]",
		"agencies[0].missing",
		"agencies[3].id",	/* a string has no members */
		"agencies[2].tags[3]",
		"agencies.id",		/* an array has no members */
		"version[0]",		/* a number has no elements */
		"name.first",
		"grid[2][0]",
		"grid[3][1].k.z",
		"a.b[0][1].c.d",
		"a.b[2]",
		"empty.x",
		"x",			/* only inside crlf and empty */
		"k",			/* only deeper down */
		"weird\\u0069",
		"caf\\u00e9",		/* the raw escape is not the name */
		"[0]",			/* the root is an object */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(paths); i++) {
		long line = LINE_SENTINEL;

		if (vt_jsonpos_line(fixture, strlen(fixture), paths[i],
				    &line) != VT_ENOTFOUND)
			fail_msg("path \"%s\" reported as present", paths[i]);
		assert_int_equal(line, LINE_SENTINEL);
	}
}

/* Small texts: other roots, malformed input, and bytes after 'len'. */
static void test_texts(void **state)
{
	static const struct {
		const char *text;
		size_t len;	/* 0: the whole string */
		const char *path;
		enum vt_err result;
		long line;
	} cases[] = {
		{ "[\n1,\n2\n]", 0, "[1]", VT_OK, 3 },
		{ "[\n1,\n2\n]", 0, "[2]", VT_ENOTFOUND, 0 },
		{ "\n\n  42", 0, "", VT_OK, 3 },
		{ "\r\n\r\n[\r\n\"a\"\r\n]", 0, "[0]", VT_OK, 4 },
		{ "\xef\xbb\xbf{\n\"a\": 1}", 0, "a", VT_OK, 2 },
		{ "[[[[[[[[[[\n1]]]]]]]]]]", 0,
		  "[0][0][0][0][0][0][0][0][0][0]", VT_OK, 2 },
		/* The first of duplicate keys is the one followed. */
		{ "{\"a\": {},\n\"a\": {\"b\": 1}}", 0, "a", VT_OK, 1 },
		/* Only the text up to the value has to be well-formed. */
		{ "{\"a\": 1,\n\"b\": 2, oops", 0, "b", VT_OK, 2 },
		{ "{\"a\": 1,\n\"b\": 2, oops", 0, "c", VT_ENOTFOUND, 0 },
		{ "{\"a\": 1 \"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\" 1,\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": tru,\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": 01,\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": 1.,\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": \"x\ny\",\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": \"\\x\",\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": \"\\u12g4\",\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": [1, 2},\n\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": 1,\n}", 0, "a", VT_OK, 1 },
		{ "{\"a\": 1}\n{\"b\": 2}", 0, "b", VT_ENOTFOUND, 0 },
		{ "", 0, "", VT_ENOTFOUND, 0 },
		{ "  \n ", 0, "", VT_ENOTFOUND, 0 },
		{ "}", 0, "", VT_ENOTFOUND, 0 },
		/* The text ends at 'len', whatever follows in memory. */
		{ "{\"a\": 1,\n\"b\": 2}", 8, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": 1,\n\"b\": 2}", 11, "b", VT_ENOTFOUND, 0 },
		{ "{\"a\": 1,\n\"b\": 2}", 12, "b", VT_OK, 2 },
		{ "{\"a\": \"xy\"}", 8, "a", VT_OK, 1 },
		{ "{\"ab\": 1}", 3, "a", VT_ENOTFOUND, 0 },
		{ "[tr", 3, "[1]", VT_ENOTFOUND, 0 },
		{ "[-", 2, "[1]", VT_ENOTFOUND, 0 },
		{ "[\"\\u00", 6, "[1]", VT_ENOTFOUND, 0 },
		/* Escaped keys, including a surrogate pair (U+1F600). */
		{ "{\"\\\"q\\\"\": 1,\n\"\\ud83d\\ude00\": 2}", 0,
		  "\"q\"", VT_OK, 1 },
		{ "{\"\\\"q\\\"\": 1,\n\"\\ud83d\\ude00\": 2}", 0,
		  "\xf0\x9f\x98\x80", VT_OK, 2 },
		{ "{\"\\ud83d\": 1}", 0, "\xf0\x9f\x98\x80", VT_ENOTFOUND,
		  0 },
		{ "{\"\\/\\t\": 1}", 0, "/\t", VT_OK, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		size_t len = cases[i].len ? cases[i].len :
					    strlen(cases[i].text);
		long line = LINE_SENTINEL;
		enum vt_err result;

		result = vt_jsonpos_line(cases[i].text, len, cases[i].path,
					 &line);
		if (result != cases[i].result)
			fail_msg("case %zu (path \"%s\"): result %d, expected "
				 "%d", i, cases[i].path, (int)result,
				 (int)cases[i].result);
		assert_int_equal(line, cases[i].result == VT_OK ?
					       cases[i].line : LINE_SENTINEL);
	}
}

/*
 * {"z": [[...]],\n"last": 1} with 'depth' containers in all: nesting
 * beyond the bound is refused rather than followed, even on the way past.
 */
static void test_depth(void **state)
{
	static const struct {
		size_t depth;
		enum vt_err result;
	} cases[] = {
		{ 2, VT_OK },
		{ 64, VT_OK },
		{ 128, VT_OK },
		{ 129, VT_ENOTFOUND },
		{ 1000, VT_ENOTFOUND },
	};
	static const char head[] = "{\"z\": ";
	static const char tail[] = ",\n\"last\": 1}";
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		/* The root object is one of the containers. */
		size_t n = cases[i].depth - 1;
		size_t h = sizeof(head) - 1, t = sizeof(tail) - 1;
		char *text = malloc(h + 2 * n + t);
		long line = LINE_SENTINEL;

		assert_non_null(text);
		memcpy(text, head, h);
		memset(text + h, '[', n);
		memset(text + h + n, ']', n);
		memcpy(text + h + 2 * n, tail, t);
		/* Not NUL-terminated: the length alone bounds the text. */
		assert_int_equal(vt_jsonpos_line(text, h + 2 * n + t, "last",
						 &line),
				 cases[i].result);
		assert_int_equal(line,
				 cases[i].result == VT_OK ? 2 : LINE_SENTINEL);
		free(text);
	}
}

static void test_bad_paths(void **state)
{
	static const char *const paths[] = {
		".name", "name.", "a..b", "[", "[]", "[x]", "[1", "[-1]",
		"a[1]b", "a.[1]", "[99999999999999999999999]",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(paths); i++) {
		long line = LINE_SENTINEL;

		assert_int_equal(vt_jsonpos_line(fixture, strlen(fixture),
						 paths[i], &line),
				 VT_EINVAL);
		assert_int_equal(line, LINE_SENTINEL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_bad_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
