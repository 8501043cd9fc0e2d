/* Unit tests for reporting periods: ids, arithmetic, days and labels. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/period.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Periods built by hand, for values the parser would refuse. */
#define YR(y) { VT_PERIOD_YEAR, (y), 0 }
#define QT(y, q) { VT_PERIOD_QUARTER, (y), (q) }
#define MO(y, m) { VT_PERIOD_MONTH, (y), (m) }

/* A value no parser would produce, to prove a refusal wrote nothing. */
static const struct vt_period sentinel = {
	.kind = VT_PERIOD_MONTH, .year = 4242, .index = 42
};

/* Tables hold ids, not structs, so that they read like the documents. */
static struct vt_period period_of(const char *id)
{
	struct vt_period p = sentinel;

	if (vt_period_parse(id, &p) != VT_OK)
		fail_msg("test table id \"%s\" does not parse", id);
	return p;
}

static void assert_period_id(const struct vt_period *p, const char *id)
{
	char buf[VT_PERIOD_ID_MAX];

	vt_period_format(p, buf);
	assert_string_equal(buf, id);
}

static void assert_sentinel(const struct vt_period *p)
{
	assert_int_equal(p->kind, sentinel.kind);
	assert_int_equal(p->year, sentinel.year);
	assert_int_equal(p->index, sentinel.index);
}

static void assert_date(const struct vt_date *d, int y, int m, int day)
{
	assert_int_equal(d->year, y);
	assert_int_equal(d->month, m);
	assert_int_equal(d->day, day);
}

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

static void test_parse_valid(void **state)
{
	static const struct {
		const char *id;
		enum vt_period_kind kind;
		int year, index;
	} cases[] = {
		{ "2024", VT_PERIOD_YEAR, 2024, 0 },
		{ "1900", VT_PERIOD_YEAR, 1900, 0 },
		{ "9999", VT_PERIOD_YEAR, 9999, 0 },
		{ "2024Q1", VT_PERIOD_QUARTER, 2024, 1 },
		{ "2024Q3", VT_PERIOD_QUARTER, 2024, 3 },
		{ "2024Q4", VT_PERIOD_QUARTER, 2024, 4 },
		{ "1900Q1", VT_PERIOD_QUARTER, 1900, 1 },
		{ "9999Q4", VT_PERIOD_QUARTER, 9999, 4 },
		{ "2024-01", VT_PERIOD_MONTH, 2024, 1 },
		{ "2024-07", VT_PERIOD_MONTH, 2024, 7 },
		{ "2024-10", VT_PERIOD_MONTH, 2024, 10 },
		{ "2024-12", VT_PERIOD_MONTH, 2024, 12 },
		{ "1900-01", VT_PERIOD_MONTH, 1900, 1 },
		{ "9999-12", VT_PERIOD_MONTH, 9999, 12 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period p = sentinel;

		assert_int_equal(vt_period_parse(cases[i].id, &p), VT_OK);
		assert_int_equal(p.kind, cases[i].kind);
		assert_int_equal(p.year, cases[i].year);
		assert_int_equal(p.index, cases[i].index);
		assert_period_id(&p, cases[i].id);
	}
}

static void test_parse_invalid(void **state)
{
	static const char *const cases[] = {
		"", "2024q3", "2024Q0", "2024Q5", "2024Q", "2024Q10",
		"2024Q3x", "2024-13", "2024-00", "2024-7", "2024-007",
		"2024-07x", "2024-", "2024-1a", " 2024", "2024 ", "24Q1",
		"24", "202", "20245", "+2024", "-2024", "1899", "0000",
		"0999", "1899Q4", "1899-12", "10000", "2024/07", "2024M07",
		"2024_07", "2024Q-1", "2024-+7", "2024-Q1", "Q3 2024",
		"2024-07-01", "abcd", "2024\n", "2024\tQ1", "\3772024",
	};
	size_t i;
	struct vt_period p = sentinel;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		p = sentinel;
		if (vt_period_parse(cases[i], &p) != VT_EINVAL)
			fail_msg("\"%s\" was accepted", cases[i]);
		assert_sentinel(&p);
	}
	assert_int_equal(vt_period_parse(NULL, &p), VT_EINVAL);
	assert_sentinel(&p);
	assert_int_equal(vt_period_parse("2024", NULL), VT_EINVAL);
}

static void test_format_bad_period(void **state)
{
	/* Hand-built nonsense must neither overflow nor look canonical. */
	static const struct vt_period cases[] = {
		QT(INT_MIN, INT_MIN),
		MO(INT_MAX, INT_MIN),
		{ VT_PERIOD__MAX, 2024, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char buf[VT_PERIOD_ID_MAX];
		struct vt_period p = sentinel;

		memset(buf, 'x', sizeof(buf));
		vt_period_format(&cases[i], buf);
		assert_non_null(memchr(buf, '\0', sizeof(buf)));
		assert_int_equal(vt_period_parse(buf, &p), VT_EINVAL);
	}
}

static void test_compare(void **state)
{
	static const struct {
		const char *a, *b;
		int sign;
	} cases[] = {
		{ "2024", "2024", 0 },
		{ "2024", "2025", -1 },
		{ "2025", "2024", 1 },
		{ "2024Q3", "2024Q3", 0 },
		{ "2024Q3", "2024Q4", -1 },
		{ "2024Q4", "2025Q1", -1 },
		{ "2025Q1", "2024Q4", 1 },
		{ "2024-07", "2024-07", 0 },
		{ "2024-09", "2024-10", -1 },
		{ "2024-12", "2025-01", -1 },
		{ "2025-01", "2024-12", 1 },
		{ "1900-01", "9999-12", -1 },
		/* Kind first, whatever the years. */
		{ "9999", "1900Q1", -1 },
		{ "1900Q1", "9999", 1 },
		{ "9999Q4", "1900-01", -1 },
		{ "1900-01", "9999Q4", 1 },
		{ "9999", "1900-01", -1 },
		{ "2024", "2024Q1", -1 },
		{ "2024Q1", "2024-01", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period a = period_of(cases[i].a);
		struct vt_period b = period_of(cases[i].b);

		if (sign(vt_period_compare(&a, &b)) != cases[i].sign)
			fail_msg("compare(%s, %s) != %d", cases[i].a,
				 cases[i].b, cases[i].sign);
		assert_int_equal(sign(vt_period_compare(&b, &a)),
				 -cases[i].sign);
	}
}

static void test_next_prev(void **state)
{
	/* Each pair is (p, next(p)), so it also checks prev(next(p)) == p. */
	static const struct {
		const char *id, *next;
	} cases[] = {
		{ "2024", "2025" },
		{ "1999", "2000" },
		{ "1900", "1901" },
		{ "9998", "9999" },
		{ "2024Q1", "2024Q2" },
		{ "2024Q3", "2024Q4" },
		{ "2024Q4", "2025Q1" },
		{ "1999Q4", "2000Q1" },
		{ "2024-01", "2024-02" },
		{ "2024-09", "2024-10" },
		{ "2024-11", "2024-12" },
		{ "2024-12", "2025-01" },
		{ "1999-12", "2000-01" },
		{ "9999-11", "9999-12" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period p = period_of(cases[i].id);
		struct vt_period q = period_of(cases[i].next);
		struct vt_period r;

		r = vt_period_next(&p);
		assert_period_id(&r, cases[i].next);
		assert_int_equal(vt_period_compare(&r, &q), 0);
		r = vt_period_prev(&q);
		assert_period_id(&r, cases[i].id);
		assert_int_equal(vt_period_compare(&r, &p), 0);
	}
}

static void test_next_prev_edges(void **state)
{
	/*
	 * Off the ends of 1900..9999 the true neighbour comes back (so a
	 * loop can see it has left the range); a bad period comes back
	 * unchanged.
	 */
	static const struct {
		struct vt_period p, next, prev;
	} cases[] = {
		{ QT(9999, 4), QT(10000, 1), QT(9999, 3) },
		{ MO(1900, 1), MO(1900, 2), MO(1899, 12) },
		{ YR(9999), YR(10000), YR(9998) },
		{ MO(INT_MAX, 12), MO(INT_MAX, 12), MO(INT_MAX, 12) },
		{ QT(2024, 5), QT(2024, 5), QT(2024, 5) },
		/* A year with an index, which no parse produces. */
		{ { VT_PERIOD_YEAR, 2024, 1 }, { VT_PERIOD_YEAR, 2024, 1 },
		  { VT_PERIOD_YEAR, 2024, 1 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period n = vt_period_next(&cases[i].p);
		struct vt_period p = vt_period_prev(&cases[i].p);

		assert_int_equal(vt_period_compare(&n, &cases[i].next), 0);
		assert_int_equal(vt_period_compare(&p, &cases[i].prev), 0);
	}
}

static void test_distance(void **state)
{
	static const struct {
		const char *a, *b;
		long steps;
	} cases[] = {
		{ "2024", "2024", 0 },
		{ "2024", "2025", 1 },
		{ "1900", "9999", 8099 },
		{ "2024Q3", "2024Q3", 0 },
		{ "2024Q3", "2024Q4", 1 },
		{ "2024Q4", "2025Q1", 1 },
		{ "2024Q1", "2025Q1", 4 },
		{ "2023Q2", "2025Q3", 9 },
		{ "1900Q1", "9999Q4", 32399 },
		{ "2024-07", "2024-07", 0 },
		{ "2024-12", "2025-01", 1 },
		{ "2024-01", "2025-01", 12 },
		{ "2023-11", "2025-02", 15 },
		{ "1900-01", "9999-12", 97199 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period a = period_of(cases[i].a);
		struct vt_period b = period_of(cases[i].b);

		if (vt_period_distance(&a, &b) != cases[i].steps)
			fail_msg("distance(%s, %s) = %ld, expected %ld",
				 cases[i].a, cases[i].b,
				 vt_period_distance(&a, &b), cases[i].steps);
		assert_int_equal(vt_period_distance(&b, &a), -cases[i].steps);
	}
}

static void test_distance_refused(void **state)
{
	/* No step count exists between kinds or from a bad period. */
	static const struct {
		struct vt_period a, b;
	} cases[] = {
		{ YR(2020), QT(2024, 1) },
		{ QT(2020, 1), MO(2024, 1) },
		{ MO(INT_MIN, 1), MO(INT_MAX, 1) },
		{ MO(2020, 13), MO(2024, 1) },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_period_distance(&cases[i].a, &cases[i].b),
				 0);
		assert_int_equal(vt_period_distance(&cases[i].b, &cases[i].a),
				 0);
	}
}

static void test_range(void **state)
{
	static const struct {
		const char *from, *to;
		size_t n;
	} cases[] = {
		{ "2024", "2024", 1 },
		{ "2020", "2024", 5 },
		{ "1900", "9999", 8100 },
		{ "2024Q3", "2024Q3", 1 },
		{ "2024Q3", "2025Q2", 4 },
		{ "2023Q4", "2025Q1", 6 },
		{ "2024-07", "2024-07", 1 },
		{ "2024-11", "2025-02", 4 },
		{ "2023-01", "2024-12", 24 },
		/* The widest valid range stays under the cap. */
		{ "1900-01", "9999-12", 97200 },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period from = period_of(cases[i].from);
		struct vt_period to = period_of(cases[i].to);
		struct vt_period *v = NULL;
		size_t n = 0;

		assert_int_equal(vt_period_range(&from, &to, &v, &n), VT_OK);
		assert_non_null(v);
		assert_int_equal(n, cases[i].n);
		assert_period_id(&v[0], cases[i].from);
		assert_period_id(&v[n - 1], cases[i].to);
		for (j = 1; j < n; j++) {
			struct vt_period want = vt_period_next(&v[j - 1]);

			assert_int_equal(vt_period_compare(&v[j], &want), 0);
		}
		free(v);
	}
}

static void test_range_contents(void **state)
{
	static const char *const want[] = {
		"2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3",
	};
	struct vt_period from = period_of(want[0]);
	struct vt_period to = period_of(want[COUNT(want) - 1]);
	struct vt_period *v = NULL;
	size_t n = 0, i;

	(void)state;
	assert_int_equal(vt_period_range(&from, &to, &v, &n), VT_OK);
	assert_int_equal(n, COUNT(want));
	for (i = 0; i < n; i++)
		assert_period_id(&v[i], want[i]);
	free(v);
}

static void test_range_refused(void **state)
{
	static const struct {
		struct vt_period from, to;
		enum vt_err err;
	} cases[] = {
		/* Mixed kinds. */
		{ YR(2024), QT(2024, 4), VT_EINVAL },
		{ QT(2024, 1), MO(2024, 12), VT_EINVAL },
		{ MO(2024, 1), YR(2025), VT_EINVAL },
		/* Reversed. */
		{ YR(2025), YR(2024), VT_EINVAL },
		{ QT(2025, 1), QT(2024, 4), VT_EINVAL },
		{ MO(2024, 8), MO(2024, 7), VT_EINVAL },
		/* Bad periods, which would otherwise be a huge range. */
		{ MO(INT_MIN, 1), MO(INT_MAX, 12), VT_EINVAL },
		{ MO(1900, 1), MO(10000, 1), VT_EINVAL },
		{ MO(2024, 0), MO(2024, 3), VT_EINVAL },
		{ QT(2024, 1), QT(2024, 5), VT_EINVAL },
		{ { VT_PERIOD__MAX, 2024, 1 }, { VT_PERIOD__MAX, 2024, 2 },
		  VT_EINVAL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period dummy = sentinel;
		struct vt_period *v = &dummy;
		size_t n = 777;

		assert_int_equal(vt_period_range(&cases[i].from, &cases[i].to,
						 &v, &n),
				 cases[i].err);
		assert_ptr_equal(v, &dummy);
		assert_int_equal(n, 777);
	}
}

static void test_days(void **state)
{
	static const struct {
		const char *id;
		int fy;
		struct vt_date first, last;
	} cases[] = {
		{ "2024Q1", 1, { 2024, 1, 1 }, { 2024, 3, 31 } },
		{ "2024Q2", 4, { 2024, 4, 1 }, { 2024, 6, 30 } },
		{ "2024Q3", 7, { 2024, 7, 1 }, { 2024, 9, 30 } },
		{ "2024Q4", 10, { 2024, 10, 1 }, { 2024, 12, 31 } },
		{ "2024-02", 1, { 2024, 2, 1 }, { 2024, 2, 29 } },
		{ "2023-02", 1, { 2023, 2, 1 }, { 2023, 2, 28 } },
		{ "2000-02", 4, { 2000, 2, 1 }, { 2000, 2, 29 } },
		{ "1900-02", 4, { 1900, 2, 1 }, { 1900, 2, 28 } },
		{ "2024-04", 1, { 2024, 4, 1 }, { 2024, 4, 30 } },
		{ "2024-12", 1, { 2024, 12, 1 }, { 2024, 12, 31 } },
		{ "9999-12", 4, { 9999, 12, 1 }, { 9999, 12, 31 } },
		{ "2024", 1, { 2024, 1, 1 }, { 2024, 12, 31 } },
		{ "2024", 4, { 2024, 4, 1 }, { 2025, 3, 31 } },
		{ "2023", 4, { 2023, 4, 1 }, { 2024, 3, 31 } },
		{ "2024", 7, { 2024, 7, 1 }, { 2025, 6, 30 } },
		{ "2024", 10, { 2024, 10, 1 }, { 2025, 9, 30 } },
		{ "9999", 1, { 9999, 1, 1 }, { 9999, 12, 31 } },
		{ "1900", 4, { 1900, 4, 1 }, { 1901, 3, 31 } },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period p = period_of(cases[i].id);
		struct vt_date d = { 0, 0, 0 };

		assert_int_equal(vt_period_first_day(&p, cases[i].fy, &d),
				 VT_OK);
		assert_date(&d, cases[i].first.year, cases[i].first.month,
			    cases[i].first.day);
		assert_int_equal(vt_period_last_day(&p, cases[i].fy, &d),
				 VT_OK);
		assert_date(&d, cases[i].last.year, cases[i].last.month,
			    cases[i].last.day);
	}
}

static void test_days_refused(void **state)
{
	static const struct {
		struct vt_period p;
		int fy;
		enum vt_err first, last;
	} cases[] = {
		{ YR(2024), 0, VT_EINVAL, VT_EINVAL },
		{ YR(2024), 2, VT_EINVAL, VT_EINVAL },
		{ YR(2024), 13, VT_EINVAL, VT_EINVAL },
		{ QT(2024, 1), 9, VT_EINVAL, VT_EINVAL },
		{ MO(2024, 1), -4, VT_EINVAL, VT_EINVAL },
		{ MO(2024, 13), 1, VT_EINVAL, VT_EINVAL },
		{ QT(2024, 0), 1, VT_EINVAL, VT_EINVAL },
		{ MO(1899, 12), 1, VT_EINVAL, VT_EINVAL },
		{ YR(10000), 1, VT_EINVAL, VT_EINVAL },
		{ { VT_PERIOD__MAX, 2024, 1 }, 1, VT_EINVAL, VT_EINVAL },
		/* Starts in 9999 but would end in 10000. */
		{ YR(9999), 4, VT_OK, VT_EINVAL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = { -1, -1, -1 };
		enum vt_err err;

		err = vt_period_first_day(&cases[i].p, cases[i].fy, &d);
		assert_int_equal(err, cases[i].first);
		if (err != VT_OK)
			assert_date(&d, -1, -1, -1);
		d = (struct vt_date){ -1, -1, -1 };
		err = vt_period_last_day(&cases[i].p, cases[i].fy, &d);
		assert_int_equal(err, cases[i].last);
		if (err != VT_OK)
			assert_date(&d, -1, -1, -1);
	}
}

static void test_label(void **state)
{
	static const struct {
		const char *id;
		int fy;
		const char *label;
	} cases[] = {
		/* April start. */
		{ "2024Q3", 4, "2024-25 Q2" },
		{ "2025Q1", 4, "2024-25 Q4" },
		{ "2024Q2", 4, "2024-25 Q1" },
		{ "2024Q4", 4, "2024-25 Q3" },
		{ "2024Q1", 4, "2023-24 Q4" },
		{ "2024", 4, "2024-25" },
		{ "1999", 4, "1999-00" },
		{ "9999", 4, "9999-00" },
		{ "2024-07", 4, "July 2024" },
		{ "2024-01", 4, "January 2024" },
		{ "2024-09", 4, "September 2024" },
		{ "2024-12", 4, "December 2024" },
		/* January start: the calendar year. */
		{ "2024Q1", 1, "2024 Q1" },
		{ "2024Q3", 1, "2024 Q3" },
		{ "2024Q4", 1, "2024 Q4" },
		{ "2024", 1, "2024" },
		{ "2024-07", 1, "July 2024" },
		/* July start. */
		{ "2024Q3", 7, "2024-25 Q1" },
		{ "2024Q4", 7, "2024-25 Q2" },
		{ "2025Q1", 7, "2024-25 Q3" },
		{ "2024Q2", 7, "2023-24 Q4" },
		{ "2024", 7, "2024-25" },
		{ "2024-02", 7, "February 2024" },
		/* October start. */
		{ "2024Q4", 10, "2024-25 Q1" },
		{ "2024Q3", 10, "2023-24 Q4" },
		{ "2024Q1", 10, "2023-24 Q2" },
		{ "2009", 10, "2009-10" },
		/* The first quarter of 1900 is in a financial year of 1899. */
		{ "1900Q1", 4, "1899-00 Q4" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_period p = period_of(cases[i].id);
		char buf[VT_PERIOD_LABEL_MAX];

		assert_int_equal(vt_period_label(&p, cases[i].fy, buf), VT_OK);
		if (strcmp(buf, cases[i].label) != 0)
			fail_msg("label(%s, %d) = \"%s\", expected \"%s\"",
				 cases[i].id, cases[i].fy, buf, cases[i].label);
	}
}

/* The quarter being returned is the one before today's, across years. */
static void test_being_returned(void **state)
{
	static const struct {
		const char *today, *period;
	} cases[] = {
		{ "2026-11-23", "2026Q3" }, { "2026-10-01", "2026Q3" },
		{ "2026-09-30", "2026Q2" }, { "2026-01-01", "2025Q4" },
		{ "2026-03-31", "2025Q4" }, { "2026-04-01", "2026Q1" },
		{ "2026-12-31", "2026Q3" },
	};
	static const char *const refused[] = {
		"", "2026", "2026-13-01", "2026-00-05", "26-11-23", "2026/11/23",
		"x026-11-23",
	};
	char out[VT_PERIOD_ID_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(vt_period_being_returned(cases[i].today, out),
				 VT_OK);
		assert_string_equal(out, cases[i].period);
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(vt_period_being_returned(refused[i], out),
				 VT_EINVAL);
	assert_int_equal(vt_period_being_returned(NULL, out), VT_EINVAL);
}

static void test_label_refused(void **state)
{
	static const struct {
		struct vt_period p;
		int fy;
	} cases[] = {
		{ QT(2024, 3), 2 },
		{ QT(2024, 3), 9 },
		{ QT(2024, 3), 13 },
		{ QT(2024, 3), 0 },
		{ QT(2024, 3), -1 },
		{ YR(2024), 2 },
		{ YR(2024), 9 },
		{ YR(2024), 13 },
		{ YR(2024), 0 },
		{ MO(2024, 7), 2 },
		{ MO(2024, 7), 9 },
		{ MO(2024, 7), 13 },
		{ MO(2024, 7), 0 },
		/* Bad periods with a good start month. */
		{ MO(2024, 0), 4 },
		{ MO(2024, 13), 4 },
		{ QT(2024, 5), 4 },
		{ QT(INT_MIN, 1), 4 },
		{ YR(INT_MAX), 4 },
		{ { VT_PERIOD__MAX, 2024, 1 }, 4 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char buf[VT_PERIOD_LABEL_MAX] = "untouched";

		assert_int_equal(vt_period_label(&cases[i].p, cases[i].fy, buf),
				 VT_EINVAL);
		assert_string_equal(buf, "untouched");
	}
}

/* Every label, read back, is its period: the label and the id are one
   vocabulary, whatever the financial year's start. */
static void test_read_labels_round_trip(void **state)
{
	static const int starts[] = { 1, 4, 7, 10 };
	static const char *const ids[] = {
		"2024", "2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1",
		"2024-01", "2024-12", "1999", "2099Q4",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		for (j = 0; j < sizeof(ids) / sizeof(ids[0]); j++) {
			struct vt_period p, back;
			char label[VT_PERIOD_LABEL_MAX], id[VT_PERIOD_ID_MAX];

			assert_int_equal(vt_period_parse(ids[j], &p), VT_OK);
			assert_int_equal(vt_period_label(&p, starts[i], label),
					 VT_OK);
			assert_int_equal(vt_period_read(label, starts[i],
							&back), VT_OK);
			vt_period_format(&back, id);
			assert_string_equal(id, ids[j]);
			/* and the id itself reads as itself */
			assert_int_equal(vt_period_read_id(ids[j], starts[i],
							   id), VT_OK);
			assert_string_equal(id, ids[j]);
		}
}

static void test_read_forms(void **state)
{
	static const struct {
		const char *text;
		int fy;
		const char *id;		/* NULL: refused */
	} cases[] = {
		{ "2024-25 Q3", 4, "2024Q4" },
		{ "2024-25 Q4", 4, "2025Q1" },
		{ "2024/25 q1", 4, "2024Q2" },
		{ "  2024-25   Q2 ", 4, "2024Q3" },
		{ "2024-25", 4, "2024" },
		{ "2024/25", 7, "2024" },
		{ "2024 Q3", 1, "2024Q3" },
		{ "July 2024", 4, "2024-07" },
		{ "jul 2024", 4, "2024-07" },
		{ "SEPTEMBER 2026", 1, "2026-09" },
		{ "2024Q4", 4, "2024Q4" },
		{ "2024-25 Q5", 4, NULL },
		{ "2024-26", 4, NULL },		/* not one year on */
		{ "2024-25", 1, NULL },		/* a January year is "2024" */
		{ "2024 Q3", 4, NULL },		/* ambiguous with April */
		{ "Julyy 2024", 4, NULL },
		{ "2024-25 Q3 x", 4, NULL },
		{ "", 4, NULL },
		{ "2024-25 Q3", 5, NULL },	/* no such start */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char id[VT_PERIOD_ID_MAX];
		enum vt_err r = vt_period_read_id(cases[i].text, cases[i].fy,
						  id);

		if (!cases[i].id) {
			if (r != VT_EINVAL)
				fail_msg("'%s' was read as %s", cases[i].text,
					 id);
			continue;
		}
		if (r != VT_OK)
			fail_msg("'%s' (start %d) was refused", cases[i].text,
				 cases[i].fy);
		assert_string_equal(id, cases[i].id);
	}
	assert_int_equal(vt_period_read_id(NULL, 4, (char[16]){ 0 }),
			 VT_EINVAL);
}

/* An id's label, or the id itself when it is none. */
static void test_label_of(void **state)
{
	char out[VT_PERIOD_LABEL_MAX];

	(void)state;
	assert_string_equal(vt_period_label_of("2024Q4", 4, out), "2024-25 Q3");
	assert_string_equal(vt_period_label_of("2024", 1, out), "2024");
	assert_string_equal(vt_period_label_of("2024Q9", 4, out), "2024Q9");
	assert_string_equal(vt_period_label_of("2024Q4", 5, out), "2024Q4");
}

static void test_fy_start_month_valid(void **state)
{
	static const struct {
		int month, valid;
	} cases[] = {
		{ INT_MIN, 0 }, { -1, 0 }, { 0, 0 }, { 1, 1 }, { 2, 0 },
		{ 3, 0 }, { 4, 1 }, { 5, 0 }, { 6, 0 }, { 7, 1 }, { 8, 0 },
		{ 9, 0 }, { 10, 1 }, { 11, 0 }, { 12, 0 }, { 13, 0 },
		{ INT_MAX, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		assert_int_equal(!!vt_fy_start_month_valid(cases[i].month),
				 cases[i].valid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_read_labels_round_trip),
		cmocka_unit_test(test_read_forms),
		cmocka_unit_test(test_label_of),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_format_bad_period),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_next_prev),
		cmocka_unit_test(test_next_prev_edges),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_distance_refused),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_range_contents),
		cmocka_unit_test(test_range_refused),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_days_refused),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_label_refused),
		cmocka_unit_test(test_being_returned),
		cmocka_unit_test(test_fy_start_month_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
