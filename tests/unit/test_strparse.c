/* Unit tests for the strict number and date parsers and date arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/strparse.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Values no parser would produce, to prove a refusal wrote nothing. */
#define INT_SENTINEL INT64_C(-4242424242)
#define DOUBLE_SENTINEL -4242.25
static const struct vt_date date_sentinel = { 4242, 4, 2 };

static struct vt_date date_of(const char *s)
{
	struct vt_date d = date_sentinel;

	if (vt_parse_date(s, &d) != VT_OK)
		fail_msg("test table date \"%s\" does not parse", s);
	return d;
}

static void test_int64_valid(void **state)
{
	static const struct {
		const char *s;
		int64_t expect;
	} cases[] = {
		{ "0", 0 },
		{ "-0", 0 },
		{ "7", 7 },
		{ "42", 42 },
		{ "-42", -42 },
		{ "007", 7 },
		{ "1000000", 1000000 },
		{ "2147483648", INT64_C(2147483648) },
		{ "-2147483649", INT64_C(-2147483649) },
		{ "9223372036854775807", INT64_MAX },
		{ "-9223372036854775808", INT64_MIN },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		int64_t v = INT_SENTINEL;

		assert_int_equal(vt_parse_int64(cases[i].s, &v), VT_OK);
		assert_true(v == cases[i].expect);
	}
}

static void test_int64_invalid(void **state)
{
	static const char *const cases[] = {
		"", "-", "--1", "+1", "+0", " 1", "1 ", "\t1", "1\n", "1a",
		"a1", "1-", "1.0", "1e3", "0x10", "1,000", "1 000",
		"9223372036854775808", "-9223372036854775809",
		"99999999999999999999", "-99999999999999999999",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		int64_t v = INT_SENTINEL;

		assert_int_equal(vt_parse_int64(cases[i], &v), VT_EINVAL);
		assert_true(v == INT_SENTINEL);
	}
}

static void test_double_valid(void **state)
{
	static const struct {
		const char *s;
		double expect;
	} cases[] = {
		{ "0", 0.0 },
		{ "12", 12.0 },
		{ "-3.5", -3.5 },
		{ "1e3", 1000.0 },
		{ "1E3", 1000.0 },
		{ "1e+3", 1000.0 },
		{ "1e-2", 0.01 },
		{ "2.5E-1", 0.25 },
		{ "0.1", 0.1 },
		{ "007.50", 7.5 },
		{ "-0.0", -0.0 },
		{ ".5", 0.5 },
		{ "5.", 5.0 },
		{ "123456789012345678", 123456789012345678.0 },
		{ "1.7976931348623157e308", 1.7976931348623157e308 },
		{ "-1.7976931348623157e308", -1.7976931348623157e308 },
		{ "2.2250738585072014e-308", 2.2250738585072014e-308 },
		/* Underflow is not an error: the value is just very small. */
		{ "1e-400", 0.0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		double v = DOUBLE_SENTINEL;

		assert_int_equal(vt_parse_double(cases[i].s, &v), VT_OK);
		assert_true(v == cases[i].expect);
	}
}

static void test_double_invalid(void **state)
{
	static const char *const cases[] = {
		"", " ", "-", ".", "-.", "+1", " 1", "1 ", "1\n", "1a",
		"1.2.3", "1..2", "1,5", "1e", "1e+", "1e-", "e5", ".e5",
		"--1", "inf", "-inf", "INF", "infinity", "nan", "NaN",
		"-nan", "0x10", "0X1p3", "1e400", "-1e400",
		"1.7976931348623159e308", "abc", "1_000",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		double v = DOUBLE_SENTINEL;

		assert_int_equal(vt_parse_double(cases[i], &v), VT_EINVAL);
		assert_true(v == DOUBLE_SENTINEL);
	}
}

static void test_date_valid(void **state)
{
	static const struct {
		const char *s;
		int year, month, day;
	} cases[] = {
		{ "2024-02-29", 2024, 2, 29 },
		{ "2000-02-29", 2000, 2, 29 },
		{ "2023-02-28", 2023, 2, 28 },
		{ "1900-01-01", 1900, 1, 1 },
		{ "1900-02-28", 1900, 2, 28 },
		{ "1970-01-01", 1970, 1, 1 },
		{ "2024-04-30", 2024, 4, 30 },
		{ "2024-12-31", 2024, 12, 31 },
		{ "9999-12-31", 9999, 12, 31 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = date_sentinel;

		assert_int_equal(vt_parse_date(cases[i].s, &d), VT_OK);
		assert_int_equal(d.year, cases[i].year);
		assert_int_equal(d.month, cases[i].month);
		assert_int_equal(d.day, cases[i].day);
	}
}

static void test_date_invalid(void **state)
{
	static const char *const cases[] = {
		"2023-02-29", "1900-02-29", "2100-02-29", "1899-12-31",
		"0000-01-01", "2024-1-01", "2024-01-1", "24-01-01",
		"2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31",
		"2024-01-32", "2024-02-30", "", "2024", "2024-01",
		"2024/01/01", "20240101", " 2024-01-01", "2024-01-01 ",
		"2024-01-01T00:00", "+024-01-01", "-024-01-01", "2024-0a-01",
		"2024-01-0a", "2024_01_01", "10000-01-01",
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = date_sentinel;

		assert_int_equal(vt_parse_date(cases[i], &d), VT_EINVAL);
		assert_int_equal(d.year, date_sentinel.year);
		assert_int_equal(d.month, date_sentinel.month);
		assert_int_equal(d.day, date_sentinel.day);
	}
}

static void test_calendar(void **state)
{
	static const struct {
		int year, month;
		bool leap;
		int days;
	} cases[] = {
		{ 2024, 2, true, 29 },
		{ 2023, 2, false, 28 },
		{ 2000, 2, true, 29 },
		{ 1900, 2, false, 28 },
		{ 2100, 2, false, 28 },
		{ 2400, 2, true, 29 },
		{ 2024, 1, true, 31 },
		{ 2024, 4, true, 30 },
		{ 2023, 6, false, 30 },
		{ 2023, 7, false, 31 },
		{ 2023, 8, false, 31 },
		{ 2023, 9, false, 30 },
		{ 2023, 11, false, 30 },
		{ 2023, 12, false, 31 },
		{ 2023, 0, false, 0 },
		{ 2023, 13, false, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_is_leap_year(cases[i].year),
				 cases[i].leap);
		assert_int_equal(vt_days_in_month(cases[i].year,
						  cases[i].month),
				 cases[i].days);
	}
}

static void test_days_anchors(void **state)
{
	static const struct {
		const char *date;
		long days;
		int weekday;
	} cases[] = {
		{ "1970-01-01", 0, 4 },
		{ "1970-01-02", 1, 5 },
		{ "1969-12-31", -1, 3 },
		{ "2000-03-01", 11017, 3 },
		{ "2000-01-01", 10957, 6 },
		{ "1999-12-31", 10956, 5 },
		{ "1900-01-01", -25567, 1 },
		{ "2024-02-29", 19782, 4 },
		{ "2023-03-01", 19417, 3 },
		{ "2100-03-01", 47541, 1 },
		{ "9999-12-31", 2932896, 5 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = date_of(cases[i].date);
		struct vt_date back = date_sentinel;
		char text[11];

		assert_int_equal(vt_date_to_days(&d), cases[i].days);
		assert_int_equal(vt_date_weekday(&d), cases[i].weekday);
		vt_date_from_days(cases[i].days, &back);
		vt_date_format(&back, text);
		assert_string_equal(text, cases[i].date);
	}
}

static void test_weekday(void **state)
{
	static const struct {
		const char *date;
		int weekday;	/* 1 = Monday .. 7 = Sunday */
	} cases[] = {
		{ "2024-01-01", 1 },
		{ "2024-01-02", 2 },
		{ "2024-01-03", 3 },
		{ "2024-01-04", 4 },
		{ "2024-01-05", 5 },
		{ "2024-01-06", 6 },
		{ "2024-01-07", 7 },
		{ "2023-12-31", 7 },
		{ "2024-07-06", 6 },
		{ "2024-07-07", 7 },
		{ "1900-01-01", 1 },
		{ "1969-12-28", 7 },
		{ "1969-12-29", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = date_of(cases[i].date);

		assert_int_equal(vt_date_weekday(&d), cases[i].weekday);
	}
}

/*
 * Every day of each range goes to days and back, follows the previous
 * day on the calendar, and formats to text that parses to the same date.
 */
static void test_days_round_trip(void **state)
{
	static const struct {
		const char *first, *last;
	} cases[] = {
		{ "1900-01-01", "9999-12-31" },
		{ "1969-12-01", "1970-02-01" },
		{ "2000-02-27", "2000-03-02" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date first = date_of(cases[i].first);
		struct vt_date last = date_of(cases[i].last);
		struct vt_date prev = first, d, parsed;
		long n, from = vt_date_to_days(&first);
		long to = vt_date_to_days(&last);
		char text[11];

		vt_date_from_days(from, &d);
		vt_date_format(&d, text);
		assert_string_equal(text, cases[i].first);
		for (n = from + 1; n <= to; n++) {
			vt_date_from_days(n, &d);
			assert_int_equal(vt_date_to_days(&d), n);
			if (prev.day < vt_days_in_month(prev.year,
							prev.month)) {
				assert_int_equal(d.year, prev.year);
				assert_int_equal(d.month, prev.month);
				assert_int_equal(d.day, prev.day + 1);
			} else if (prev.month < 12) {
				assert_int_equal(d.year, prev.year);
				assert_int_equal(d.month, prev.month + 1);
				assert_int_equal(d.day, 1);
			} else {
				assert_int_equal(d.year, prev.year + 1);
				assert_int_equal(d.month, 1);
				assert_int_equal(d.day, 1);
			}
			assert_int_equal(vt_date_weekday(&d),
					 vt_date_weekday(&prev) % 7 + 1);
			vt_date_format(&d, text);
			assert_int_equal(vt_parse_date(text, &parsed), VT_OK);
			assert_int_equal(vt_date_to_days(&parsed), n);
			prev = d;
		}
		assert_int_equal(prev.year, last.year);
		assert_int_equal(prev.month, last.month);
		assert_int_equal(prev.day, last.day);
	}
}

static void test_date_format(void **state)
{
	static const struct {
		struct vt_date d;
		const char *expect;
	} cases[] = {
		{ { 2024, 2, 9 }, "2024-02-09" },
		{ { 2024, 12, 31 }, "2024-12-31" },
		{ { 1900, 1, 1 }, "1900-01-01" },
		{ { 9999, 12, 31 }, "9999-12-31" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char text[11];

		memset(text, 'X', sizeof(text));
		vt_date_format(&cases[i].d, text);
		assert_string_equal(text, cases[i].expect);
	}
}

/* Dates in words, from a date or a timestamp; anything else as given. */
static void test_date_words(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2026-12-05", "5 December 2026" },
		{ "2026-11-23T10:00:00Z", "23 November 2026" },
		{ "2024-02-29", "29 February 2024" },
		{ "2023-02-29", "2023-02-29" },
		{ "soon", "soon" },
		{ "", "" },
	};
	char out[VT_DATE_WORDS_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vt_date_words(cases[i].in, out);
		assert_string_equal(out, cases[i].out);
	}
	vt_date_words(NULL, out);
	assert_string_equal(out, "");
}

/* A timestamp in words keeps its time of day; a date stays a date. */
static void test_time_words(void **state)
{
	char out[VT_TIME_WORDS_MAX];

	(void)state;
	vt_time_words("2026-11-23T10:00:00Z", out);
	assert_string_equal(out, "23 November 2026, 10:00");
	vt_time_words("2026-12-05", out);
	assert_string_equal(out, "5 December 2026");
	vt_time_words(NULL, out);
	assert_string_equal(out, "");
}

/* London's clock: GMT in winter, BST (one hour on) from 01:00 UTC on
   the last Sunday of March to 01:00 UTC on the last Sunday of October. */
static void test_time_london_words(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "2026-12-05T14:05:00Z", "5 December 2026 at 2:05pm" },
		{ "2026-11-23T10:00:00Z", "23 November 2026 at 10am" },
		{ "2026-07-01T11:00:00Z", "1 July 2026 at midday" },
		{ "2026-07-01T23:00:00Z", "2 July 2026 at midnight" },
		{ "2026-07-01T23:30:00Z", "2 July 2026 at 12:30am" },
		{ "2026-12-31T23:59:59Z", "31 December 2026 at 11:59pm" },
		/* 2026: summer time from 29 March to 25 October. */
		{ "2026-03-29T00:59:00Z", "29 March 2026 at 12:59am" },
		{ "2026-03-29T01:00:00Z", "29 March 2026 at 2am" },
		{ "2026-10-25T00:30:00Z", "25 October 2026 at 1:30am" },
		{ "2026-10-25T01:30:00Z", "25 October 2026 at 1:30am" },
		{ "2026-03-28T12:00:00Z", "28 March 2026 at midday" },
		{ "2026-12-05", "5 December 2026" },
		{ "soon", "soon" },
	};
	char out[VT_TIME_WORDS_MAX];
	struct vt_date d;
	int minute;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vt_time_london_words(cases[i].in, out);
		assert_string_equal(out, cases[i].out);
	}
	assert_int_equal(vt_time_london("2026-12-05T24:00:00Z", &d, &minute),
			 VT_EINVAL);
	assert_int_equal(vt_time_london(NULL, &d, &minute), VT_EINVAL);
}

/* A search box's match: anywhere, any case, never in nothing. */
static void test_text_has(void **state)
{
	(void)state;
	assert_true(vt_text_has("Neglect Training", "TRAIN"));
	assert_true(vt_text_has("abc", ""));
	assert_false(vt_text_has("abc", "abcd"));
	assert_false(vt_text_has(NULL, "a"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int64_valid),
		cmocka_unit_test(test_int64_invalid),
		cmocka_unit_test(test_double_valid),
		cmocka_unit_test(test_double_invalid),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_days_anchors),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_words),
		cmocka_unit_test(test_time_words),
		cmocka_unit_test(test_time_london_words),
		cmocka_unit_test(test_text_has),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
