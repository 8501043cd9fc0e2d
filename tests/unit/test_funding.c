/* Unit tests for the pooled budget: money written and read, the year's sums and shares, who keeps it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/funding.h"
#include "vitals/model.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_money_text(void **state)
{
	static const struct {
		double pounds;
		const char *text;
	} cases[] = {
		{ 550000, "£550,000" },
		{ 1234.5, "£1,234.50" },
		{ 0, "£0" },
		{ 0.07, "£0.07" },
		{ 999.999, "£1,000" },
		{ 1000000.01, "£1,000,000.01" },
		{ -2250, "-£2,250" },
		{ 12, "£12" },
		{ 123456789.1, "£123,456,789.10" },
	};
	char out[48];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		vt_money_text(cases[i].pounds, out, sizeof(out));
		assert_string_equal(out, cases[i].text);
	}
}

static void test_money_parse(void **state)
{
	static const struct {
		const char *text;
		bool ok;
		double pounds;
	} cases[] = {
		{ "550000", true, 550000 },
		{ "550,000", true, 550000 },
		{ "£550,000", true, 550000 },
		{ "1,234.50", true, 1234.5 },
		{ "0.07", true, 0.07 },
		{ "1,234,567", true, 1234567 },
		{ "12.5", true, 12.5 },
		{ "-5", false, 0 },
		{ "12.345", false, 0 },
		{ "1,23", false, 0 },
		{ "1234,567", false, 0 },
		{ ",500", false, 0 },
		{ "inf", false, 0 },
		{ "nan", false, 0 },
		{ "1e6", false, 0 },
		{ "", false, 0 },
		{ "12.", false, 0 },
		{ "lots", false, 0 },
		{ "10000000000000", false, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		double v = -1;
		enum vt_err result = vt_money_parse(cases[i].text, &v);

		assert_int_equal(result == VT_OK, cases[i].ok);
		if (cases[i].ok)
			assert_true(fabs(v - cases[i].pounds) < 1e-9);
	}
}

static void test_year(void **state)
{
	(void)state;
	assert_true(vt_budget_year_valid("2025-26"));
	assert_true(vt_budget_year_valid("1999-00"));
	assert_false(vt_budget_year_valid("2025-27"));
	assert_false(vt_budget_year_valid("2025"));
	assert_false(vt_budget_year_valid("2025/26"));
	assert_false(vt_budget_year_valid(NULL));
}

/* Shares and sums in pence: three thirds of £100 are 33.3% each, the
   variance of the headings known only. */
static void test_funding_of(void **state)
{
	struct vt_budget_contribution c1[] = {
		{ "a", 33.33, NULL }, { "b", 33.33, NULL }, { "c", 33.34, NULL },
	};
	struct vt_budget_contribution c0[] = { { "a", 90, NULL } };
	struct vt_budget_spend s1[] = {
		{ "Staff", 60, 60.01 }, { "Training", 30.1, NAN },
		{ "Events", 0.2, 0.1 },
	};
	struct vt_budget *b;
	struct vt_funding f;
	struct vt_def def;
	char words[96];

	(void)state;
	vt_def_init(&def);
	assert_int_equal(vt_def_append(&def, VT_KIND_BUDGET, (void **)&b),
			 VT_OK);
	b->year = "2024-25";
	b->contributions = c0;
	b->ncontributions = COUNT(c0);
	assert_int_equal(vt_def_append(&def, VT_KIND_BUDGET, (void **)&b),
			 VT_OK);
	b->year = "2025-26";
	b->contributions = c1;
	b->ncontributions = COUNT(c1);
	b->spend = s1;
	b->nspend = COUNT(s1);
	assert_int_equal(vt_funding_of(&def, "2025-26", &f), VT_OK);
	assert_true(f.total == 100);
	assert_true(fabs(f.shares[2].share - 33.34) < 1e-9);
	assert_true(f.budgeted == 90.3);
	assert_true(fabs(f.unallocated - 9.7) < 1e-9);
	assert_int_equal(f.nknown, 2);
	assert_true(fabs(f.actual - 60.11) < 1e-9);
	assert_true(fabs(f.variance - 0.09) < 1e-9);
	assert_true(fabs(f.headings[0].variance + 0.01) < 1e-9);
	assert_true(isnan(f.headings[1].variance));
	assert_string_equal(f.previous_year, "2024-25");
	assert_true(f.previous_total == 90);
	assert_true(f.shares[0].previous == 90);
	assert_true(isnan(f.shares[1].previous));
	vt_funding_variance_text(f.headings[0].variance, words, sizeof(words));
	assert_string_equal(words, "£0.01 over budget");
	vt_funding_variance_text(f.headings[2].variance, words, sizeof(words));
	assert_string_equal(words, "£0.10 under budget");
	vt_funding_variance_text(0, words, sizeof(words));
	assert_string_equal(words, "on budget");
	vt_funding_release(&f);
	assert_int_equal(vt_funding_of(&def, "2026-27", &f), VT_ENOTFOUND);
	/* The records' strings and lists are this test's: not released. */
	memset(vt_def_at(&def, VT_KIND_BUDGET, 0), 0, sizeof(*b));
	memset(vt_def_at(&def, VT_KIND_BUDGET, 1), 0, sizeof(*b));
	vt_def_release(&def);
}

static void test_who(void **state)
{
	static const struct {
		int role;
		bool reads, changes;
	} cases[] = {
		{ VT_ROLE_ADMIN, true, true },
		{ VT_ROLE_ANALYST, true, true },
		{ VT_ROLE_CHAIR, true, false },
		{ VT_ROLE_SCRUTINEER, true, false },
		{ VT_ROLE_AGENCY_LEAD, true, false },
		{ VT_ROLE_VIEWER, false, false },
		{ -1, false, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_funding_visible_to(cases[i].role),
				 cases[i].reads);
		assert_int_equal(vt_funding_may_change(cases[i].role),
				 cases[i].changes);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money_text),
		cmocka_unit_test(test_money_parse),
		cmocka_unit_test(test_year),
		cmocka_unit_test(test_funding_of),
		cmocka_unit_test(test_who),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
