/* Unit tests for the diagnostics queue: storing, formatting and the cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/buf.h"
#include "vitals/diag.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_add_and_format(void **state)
{
	static const struct {
		enum vt_severity severity;
		const char *source;
		long row, col;
		const char *subject;	/* formatted into the message */
		int number;
		const char *expect_source;
		const char *expect;
	} cases[] = {
		{ VT_SEV_ERROR, "a.csv", 3, 7, "x", 1, "a.csv",
		  "a.csv:3:7: error: value 'x' in column 1" },
		{ VT_SEV_WARNING, "a.csv", 3, 7, "x", 1, "a.csv",
		  "a.csv:3:7: warning: value 'x' in column 1" },
		/* Unknown column: the row alone. */
		{ VT_SEV_ERROR, "b.json", 12, 0, "sector", 2, "b.json",
		  "b.json:12: error: value 'sector' in column 2" },
		/* Unknown row: neither, even when a column is given. */
		{ VT_SEV_ERROR, "c.json", 0, 0, "y", 3, "c.json",
		  "c.json: error: value 'y' in column 3" },
		{ VT_SEV_WARNING, "c.json", 0, 5, "y", 3, "c.json",
		  "c.json: warning: value 'y' in column 3" },
		/* No source stands for standard input. */
		{ VT_SEV_ERROR, NULL, 1, 1, "z", 4, "-",
		  "-:1:1: error: value 'z' in column 4" },
		{ VT_SEV_WARNING, NULL, 0, 0, "", 0, "-",
		  "-: warning: value '' in column 0" },
		{ VT_SEV_ERROR, "big.csv", 123456, 89, "%s", -1, "big.csv",
		  "big.csv:123456:89: error: value '%s' in column -1" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_diagq q;
		struct vt_buf out = VT_BUF_INIT(1024);
		const struct vt_diag *d;

		vt_diagq_init(&q);
		assert_int_equal(vt_diag_add(&q, cases[i].severity,
					     cases[i].source, cases[i].row,
					     cases[i].col,
					     "value '%s' in column %d",
					     cases[i].subject, cases[i].number),
				 VT_OK);
		assert_int_equal(q.n, 1);
		assert_int_equal(q.dropped, 0);
		assert_int_equal(q.errors,
				 cases[i].severity == VT_SEV_ERROR ? 1 : 0);
		d = &q.items[0];
		assert_string_equal(d->source, cases[i].expect_source);
		assert_int_equal(d->row, cases[i].row);
		assert_int_equal(d->col, cases[i].col);
		assert_int_equal(d->severity, cases[i].severity);

		assert_int_equal(vt_diag_format(d, &out), VT_OK);
		assert_string_equal(vt_buf_str(&out), cases[i].expect);
		vt_buf_release(&out);
		vt_diagq_release(&q);
	}
}

/* The queue keeps its own copies of the source and message. */
static void test_add_copies(void **state)
{
	static const struct {
		const char *source;
		const char *word;
		const char *expect;
	} cases[] = {
		{ "first.csv", "alpha", "first.csv:1:2: error: alpha" },
		{ "second.csv", "beta", "second.csv:1:2: error: beta" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_diagq q;
		struct vt_buf out = VT_BUF_INIT(256);
		char source[32], word[32];

		vt_diagq_init(&q);
		memcpy(source, cases[i].source, strlen(cases[i].source) + 1);
		memcpy(word, cases[i].word, strlen(cases[i].word) + 1);
		assert_int_equal(vt_diag_add(&q, VT_SEV_ERROR, source, 1, 2,
					     "%s", word),
				 VT_OK);
		memset(source, 'X', sizeof(source) - 1);
		memset(word, 'X', sizeof(word) - 1);
		assert_int_equal(vt_diag_format(&q.items[0], &out), VT_OK);
		assert_string_equal(vt_buf_str(&out), cases[i].expect);
		vt_buf_release(&out);
		vt_diagq_release(&q);
	}
}

/* Formatting appends to what is there and respects the buffer's cap. */
static void test_format_into_buffer(void **state)
{
	static const struct {
		size_t max;
		const char *before;
		enum vt_err result;
		const char *expect;
	} cases[] = {
		{ 100, "", VT_OK, "f.csv:2:3: error: bad" },
		{ 100, "> ", VT_OK, "> f.csv:2:3: error: bad" },
		/* "f.csv:2:3: error: bad" is 21 bytes. */
		{ 21, "", VT_OK, "f.csv:2:3: error: bad" },
		{ 20, "", VT_ETOOBIG, "" },
		{ 22, "> ", VT_ETOOBIG, "> " },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_diagq q;
		struct vt_buf out = VT_BUF_INIT(cases[i].max);

		vt_diagq_init(&q);
		assert_int_equal(vt_diag_add(&q, VT_SEV_ERROR, "f.csv", 2, 3,
					     "bad"),
				 VT_OK);
		assert_int_equal(vt_buf_adds(&out, cases[i].before), VT_OK);
		assert_int_equal(vt_diag_format(&q.items[0], &out),
				 cases[i].result);
		assert_string_equal(vt_buf_str(&out), cases[i].expect);
		vt_buf_release(&out);
		vt_diagq_release(&q);
	}
}

static void test_cap_and_dropped(void **state)
{
	static const struct {
		size_t errors_added;
		size_t warnings_added;	/* added after the errors */
		size_t expect_n, expect_errors, expect_dropped;
	} cases[] = {
		{ 0, 0, 0, 0, 0 },
		{ 3, 2, 5, 3, 0 },
		{ VT_DIAGQ_MAX, 0, VT_DIAGQ_MAX, VT_DIAGQ_MAX, 0 },
		{ VT_DIAGQ_MAX + 1, 0, VT_DIAGQ_MAX, VT_DIAGQ_MAX + 1, 1 },
		{ VT_DIAGQ_MAX + 250, 0, VT_DIAGQ_MAX, VT_DIAGQ_MAX + 250,
		  250 },
		/* Dropped warnings are counted, but are not errors. */
		{ VT_DIAGQ_MAX, 7, VT_DIAGQ_MAX, VT_DIAGQ_MAX, 7 },
		{ 10, VT_DIAGQ_MAX, VT_DIAGQ_MAX, 10, 10 },
		{ 0, VT_DIAGQ_MAX + 3, VT_DIAGQ_MAX, 0, 3 },
	};
	size_t i, k, total;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_diagq q;

		vt_diagq_init(&q);
		total = cases[i].errors_added + cases[i].warnings_added;
		for (k = 0; k < total; k++)
			assert_int_equal(
				vt_diag_add(&q,
					    k < cases[i].errors_added ?
						    VT_SEV_ERROR :
						    VT_SEV_WARNING,
					    "q.csv", (long)k + 1, 1,
					    "entry %zu", k),
				VT_OK);
		assert_int_equal(q.n, cases[i].expect_n);
		assert_int_equal(q.errors, cases[i].expect_errors);
		assert_int_equal(q.dropped, cases[i].expect_dropped);
		assert_true(q.alloc >= q.n);
		assert_true(q.alloc <= VT_DIAGQ_MAX);
		/* The stored ones are the first ones, in order. */
		for (k = 0; k < q.n; k++) {
			char expect[32];

			snprintf(expect, sizeof(expect), "entry %zu", k);
			assert_string_equal(q.items[k].message, expect);
			assert_int_equal(q.items[k].row, (long)k + 1);
		}

		vt_diagq_release(&q);
		/* Release leaves a queue ready for use again. */
		assert_null(q.items);
		assert_int_equal(q.n, 0);
		assert_int_equal(q.alloc, 0);
		assert_int_equal(q.errors, 0);
		assert_int_equal(q.dropped, 0);
		assert_int_equal(vt_diag_add(&q, VT_SEV_ERROR, "r.csv", 1, 1,
					     "again"),
				 VT_OK);
		assert_int_equal(q.n, 1);
		assert_int_equal(q.errors, 1);
		vt_diagq_release(&q);
	}
}

static void test_bad_severity(void **state)
{
	static const int severities[] = { VT_SEV__MAX, VT_SEV__MAX + 5 };
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(severities); i++) {
		struct vt_diagq q;

		vt_diagq_init(&q);
		assert_int_equal(vt_diag_add(&q,
					     (enum vt_severity)severities[i],
					     "s.csv", 1, 1, "x"),
				 VT_EINVAL);
		assert_int_equal(q.n, 0);
		assert_int_equal(q.errors, 0);
		assert_int_equal(q.dropped, 0);
		vt_diagq_release(&q);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_format),
		cmocka_unit_test(test_add_copies),
		cmocka_unit_test(test_format_into_buffer),
		cmocka_unit_test(test_cap_and_dropped),
		cmocka_unit_test(test_bad_severity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
