/* Unit tests for the annual report: the financial year as written, and counts as a published report says them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/annual.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_year(void **state)
{
	static const struct {
		const char *text;
		int first;		/* 0: refused */
	} cases[] = {
		{ "2025-26", 2025 }, { "2025", 2025 }, { "1999-00", 1999 },
		{ "2099-00", 2099 }, { "2025-27", 0 }, { "2025-25", 0 },
		{ "2025/26", 0 }, { "25-26", 0 }, { "2025-2026", 0 },
		{ "20x5-26", 0 }, { "", 0 }, { "1899-00", 0 },
		{ "2025-26 ", 0 }, { "last", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		int first = -1;
		enum vt_err result = vt_annual_year(cases[i].text, &first);

		if (cases[i].first) {
			assert_int_equal(result, VT_OK);
			assert_int_equal(first, cases[i].first);
		} else {
			assert_int_equal(result, VT_EINVAL);
			assert_int_equal(first, -1);
		}
	}
	assert_int_equal(vt_annual_year(NULL, NULL), VT_EINVAL);
}

static void test_count(void **state)
{
	static const struct {
		size_t n;
		const char *working, *published;
	} cases[] = {
		{ 0, "0", "0" }, { 1, "1", "<5" }, { 4, "4", "<5" },
		{ 5, "5", "5" }, { 1234, "1234", "1234" },
	};
	struct vt_annual a;
	char buf[32];
	size_t i;

	(void)state;
	memset(&a, 0, sizeof(a));
	for (i = 0; i < COUNT(cases); i++) {
		a.publish = false;
		assert_string_equal(vt_annual_count(&a, cases[i].n, buf),
				    cases[i].working);
		a.publish = true;
		assert_string_equal(vt_annual_count(&a, cases[i].n, buf),
				    cases[i].published);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
