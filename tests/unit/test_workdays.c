/* Unit tests for working days: bank holidays, weekends and date stepping. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/workdays.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define SWEEP_FIRST 2019
#define SWEEP_LAST  2027

/*
 * Every England and Wales bank holiday of 2019-2027 as gov.uk publishes
 * them, in date order; the sweep below proves there are no others.
 */
static const char *const holidays[] = {
	"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
	"2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26",

	"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
	"2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",

	"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
	"2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",

	"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
	"2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
	"2022-12-26", "2022-12-27",

	"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
	"2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
	"2023-12-26",

	"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
	"2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",

	"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
	"2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",

	"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
	"2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",

	"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
	"2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
};

/* Tables hold text so that they read like the published lists. */
static struct vt_date date_of(const char *s)
{
	struct vt_date d = { 0, 0, 0 };

	if (vt_parse_date(s, &d) != VT_OK)
		fail_msg("test table date \"%s\" does not parse", s);
	return d;
}

static void assert_date_text(const struct vt_date *d, const char *want)
{
	char buf[11];

	vt_date_format(d, buf);
	assert_string_equal(buf, want);
}

static void test_holiday_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(holidays); i++) {
		struct vt_date d = date_of(holidays[i]);

		if (!vt_is_bank_holiday(&d))
			fail_msg("%s should be a bank holiday", holidays[i]);
		assert_false(vt_is_working_day(&d));
	}
}

/* Every day of the period: a holiday exactly when the table says so. */
static void test_holiday_sweep(void **state)
{
	struct vt_date first = { SWEEP_FIRST, 1, 1 };
	struct vt_date last = { SWEEP_LAST, 12, 31 };
	long day, end;
	size_t next = 0;
	char buf[11];

	(void)state;
	end = vt_date_to_days(&last);
	for (day = vt_date_to_days(&first); day <= end; day++) {
		struct vt_date d;
		bool listed;

		vt_date_from_days(day, &d);
		vt_date_format(&d, buf);
		listed = next < COUNT(holidays) &&
			 strcmp(buf, holidays[next]) == 0;
		if (listed)
			next++;
		if (vt_is_bank_holiday(&d) != listed)
			fail_msg("%s: bank holiday %d, expected %d", buf,
				 !listed, listed);
	}
	assert_int_equal(next, COUNT(holidays));
}

/* Holidays per year, a check on the table as well as the code. */
static void test_holiday_counts(void **state)
{
	static const struct {
		int year, holidays, working;
	} cases[] = {
		{ 2019, 8, 253 }, { 2020, 8, 254 }, { 2021, 8, 253 },
		{ 2022, 10, 250 }, { 2023, 9, 251 }, { 2024, 8, 254 },
		{ 2025, 8, 253 }, { 2026, 8, 253 }, { 2027, 8, 253 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = { cases[i].year, 1, 1 };
		struct vt_date last = { cases[i].year, 12, 31 };
		long day, end = vt_date_to_days(&last);
		int nh = 0, nw = 0;

		for (day = vt_date_to_days(&d); day <= end; day++) {
			vt_date_from_days(day, &d);
			nh += vt_is_bank_holiday(&d);
			nw += vt_is_working_day(&d);
		}
		assert_int_equal(nh, cases[i].holidays);
		assert_int_equal(nw, cases[i].working);
	}
}

/* The one-off changes before 2019 and the rules on either side of them. */
static void test_holiday_other_years(void **state)
{
	static const struct {
		const char *date;
		bool holiday;
	} cases[] = {
		{ "1995-05-08", true },		/* VE day 50 */
		{ "1995-05-01", false },	/* the early May it replaced */
		{ "1999-12-31", true },		/* millennium */
		{ "1999-12-27", true },		/* Christmas on Saturday */
		{ "1999-12-28", true },
		{ "2000-01-03", true },		/* New Year on Saturday */
		{ "2000-12-29", false },
		{ "2002-06-03", true },		/* golden jubilee */
		{ "2002-06-04", true },
		{ "2002-05-27", false },
		{ "2011-04-29", true },		/* royal wedding */
		{ "2011-04-25", true },		/* Easter Monday */
		{ "2011-05-02", true },
		{ "2012-06-04", true },		/* diamond jubilee */
		{ "2012-06-05", true },
		{ "2012-05-28", false },
		{ "2015-12-28", true },		/* Boxing Day on Saturday */
		{ "2016-12-27", true },		/* Christmas on Sunday */
		{ "2016-12-28", false },
		{ "2017-01-02", true },		/* New Year on Sunday */
		{ "2018-03-30", true },
		{ "2028-04-14", true },		/* Good Friday */
		{ "2028-12-25", true },
		{ "2028-12-26", true },
		{ "2030-04-19", true },
		{ "2038-04-26", true },		/* latest Easter Monday */
		{ "2285-03-20", true },		/* earliest Easter, 22 March */
		{ "2285-03-23", true },
		{ "2285-03-24", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = date_of(cases[i].date);

		if (vt_is_bank_holiday(&d) != cases[i].holiday)
			fail_msg("%s: expected holiday %d", cases[i].date,
				 cases[i].holiday);
	}
}

static void test_working_day(void **state)
{
	static const struct {
		const char *date;
		bool working;
	} cases[] = {
		{ "2024-01-05", true },		/* Friday */
		{ "2024-01-06", false },	/* Saturday */
		{ "2024-01-07", false },	/* Sunday */
		{ "2024-01-08", true },		/* Monday */
		{ "2024-01-01", false },	/* New Year's Day */
		{ "2024-02-29", true },		/* leap day, Thursday */
		{ "2024-03-28", true },		/* Maundy Thursday */
		{ "2024-03-29", false },	/* Good Friday */
		{ "2024-03-30", false },
		{ "2024-04-01", false },	/* Easter Monday */
		{ "2024-04-02", true },
		{ "2024-12-24", true },
		{ "2024-12-27", true },
		{ "2022-01-01", false },	/* Saturday, holiday moved */
		{ "2022-01-03", false },
		{ "2022-01-04", true },
		{ "2022-12-25", false },	/* Sunday */
		{ "2022-12-28", true },
		{ "2023-05-01", false },
		{ "2023-05-08", false },	/* coronation */
		{ "2023-05-09", true },
		{ "2020-05-04", true },		/* early May moved away */
		{ "2020-05-08", false },
		{ "2022-05-30", true },		/* spring moved away */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date d = date_of(cases[i].date);

		if (vt_is_working_day(&d) != cases[i].working)
			fail_msg("%s: expected working %d", cases[i].date,
				 cases[i].working);
	}
}

/* Dates no parser would produce are never holidays or working days. */
static void test_invalid_dates(void **state)
{
	static const struct vt_date cases[] = {
		{ 2024, 2, 30 }, { 2023, 2, 29 }, { 2024, 13, 1 },
		{ 2024, 0, 1 }, { 2024, 12, 0 }, { 2024, 12, 32 },
		{ 2024, -1, 25 }, { 2024, 12, INT_MAX }, { 2024, INT_MIN, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_false(vt_is_bank_holiday(&cases[i]));
		assert_false(vt_is_working_day(&cases[i]));
	}
	assert_false(vt_is_bank_holiday(NULL));
	assert_false(vt_is_working_day(NULL));
}

static void test_add_working_days(void **state)
{
	static const struct {
		const char *from;
		int n;
		const char *want;
	} cases[] = {
		/* n == 0 gives 'from' itself, working day or not. */
		{ "2024-03-31", 0, "2024-03-31" },
		{ "2024-12-25", 0, "2024-12-25" },
		{ "2024-06-12", 0, "2024-06-12" },
		/* Plain weeks. */
		{ "2024-06-12", 1, "2024-06-13" },
		{ "2024-06-14", 1, "2024-06-17" },
		{ "2024-06-15", 1, "2024-06-17" },
		{ "2024-06-16", 1, "2024-06-17" },
		{ "2024-06-10", 5, "2024-06-17" },
		{ "2024-06-10", 10, "2024-06-24" },
		/* Quarter end on Easter Sunday; the 1st is Easter Monday. */
		{ "2024-03-31", 1, "2024-04-02" },
		{ "2024-03-31", 20, "2024-04-29" },
		{ "2024-03-28", 1, "2024-04-02" },
		{ "2025-04-17", 1, "2025-04-22" },
		{ "2025-03-31", 20, "2025-04-30" },
		/* Christmas and New Year. */
		{ "2024-12-20", 5, "2024-12-31" },
		{ "2024-12-20", 6, "2025-01-02" },
		{ "2024-12-24", 1, "2024-12-27" },
		{ "2024-12-31", 1, "2025-01-02" },
		{ "2024-12-31", 20, "2025-01-29" },
		{ "2020-12-24", 1, "2020-12-29" },
		{ "2021-12-24", 1, "2021-12-29" },
		{ "2021-12-31", 1, "2022-01-04" },
		{ "2022-12-23", 1, "2022-12-28" },
		{ "2022-12-30", 1, "2023-01-03" },
		{ "2026-12-24", 1, "2026-12-29" },
		{ "2026-12-31", 20, "2027-01-29" },
		{ "2027-12-24", 1, "2027-12-29" },
		/* One-off holidays. */
		{ "2022-06-01", 1, "2022-06-06" },
		{ "2022-09-16", 1, "2022-09-20" },
		{ "2023-05-05", 1, "2023-05-09" },
		{ "2023-04-28", 1, "2023-05-02" },
		/* A whole year of 2024's 254 working days. */
		{ "2023-12-31", 254, "2024-12-31" },
		{ "2023-12-31", 255, "2025-01-02" },
		/* A leap day counts. */
		{ "2024-02-28", 1, "2024-02-29" },
		{ "2024-02-29", 1, "2024-03-01" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_date from = date_of(cases[i].from);
		struct vt_date out = { 0, 0, 0 };

		vt_add_working_days(&from, cases[i].n, &out);
		assert_date_text(&out, cases[i].want);
		assert_date_text(&from, cases[i].from);
	}
}

/*
 * Adding k working days to the eve of the period must land on the k-th
 * working day the sweep finds: each step checked against every other.
 */
static void test_add_matches_sweep(void **state)
{
	struct vt_date start = { SWEEP_FIRST - 1, 12, 31 };
	struct vt_date last = { SWEEP_LAST, 12, 31 };
	long day, end = vt_date_to_days(&last);
	int k = 0;

	(void)state;
	for (day = vt_date_to_days(&start) + 1; day <= end; day++) {
		struct vt_date d, out;

		vt_date_from_days(day, &d);
		if (!vt_is_working_day(&d))
			continue;
		k++;
		vt_add_working_days(&start, k, &out);
		assert_int_equal(out.year, d.year);
		assert_int_equal(out.month, d.month);
		assert_int_equal(out.day, d.day);
	}
	/* The sum of the yearly counts in test_holiday_counts. */
	assert_int_equal(k, 2274);
}

/* Null pointers leave everything alone; a negative n counts as 0. */
static void test_add_refused(void **state)
{
	struct vt_date from = { 2024, 6, 12 };
	struct vt_date out = { 1, 2, 3 };

	(void)state;
	vt_add_working_days(NULL, 3, &out);
	assert_int_equal(out.year, 1);
	assert_int_equal(out.month, 2);
	assert_int_equal(out.day, 3);
	vt_add_working_days(&from, 3, NULL);
	vt_add_working_days(&from, -5, &out);
	assert_date_text(&out, "2024-06-12");
}

/* Counted both ways across a weekend and the 2026 Christmas holidays. */
static void test_working_days_between(void **state)
{
	struct vt_date a = { 2026, 12, 23 }, b = { 2026, 12, 31 },
		       c = { 2026, 12, 23 };

	(void)state;
	/* 24th, 29th, 30th, 31st: the 25th, 26th-28th and weekend skipped. */
	assert_int_equal(vt_working_days_between(&a, &b), 4);
	assert_int_equal(vt_working_days_between(&b, &a), -4);
	assert_int_equal(vt_working_days_between(&a, &c), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holiday_table),
		cmocka_unit_test(test_holiday_sweep),
		cmocka_unit_test(test_holiday_counts),
		cmocka_unit_test(test_holiday_other_years),
		cmocka_unit_test(test_working_day),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_add_working_days),
		cmocka_unit_test(test_add_matches_sweep),
		cmocka_unit_test(test_add_refused),
		cmocka_unit_test(test_working_days_between),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
