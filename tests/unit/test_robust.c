/* Unit tests for robust statistics: median, MAD and the outlier test. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/robust.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define VALUES_MAX 9

/* A value no computation here produces, to prove a refusal wrote nothing. */
#define SENTINEL (-4242.25)

/*
 * cmocka 1.1.5's assert_float_equal works in float, too coarse for these
 * values, so compare doubles here.
 */
static void assert_near(double got, double want)
{
	double tol = 1e-12 * fmax(1.0, fabs(want));

	if (isinf(want) && got == want)
		return;
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, expected %.17g", got, want);
}

/* Median and scaled MAD, worked by hand; inputs deliberately unsorted. */
static const struct {
	size_t n;
	double v[VALUES_MAX];
	double median, mad;
} stats_cases[] = {
	{ 1, { 5 }, 5, 0 },
	{ 1, { -0.25 }, -0.25, 0 },
	{ 2, { 2, 1 }, 1.5, 0.7413 },
	{ 3, { 2.5, -1.5, 0.5 }, 0.5, 2.9652 },
	{ 4, { -3, -1, -2, -7 }, -2.5, 1.4826 },
	{ 5, { 10, 50, 10, 10, 10 }, 10, 0 },
	{ 7, { 9, 1, 4, 2, 6, 1, 2 }, 2, 1.4826 },
	{ 8, { 8, 1, 7, 2, 6, 3, 5, 4 }, 4.5, 2.9652 },
	{ 8, { 10, 12, 11, 13, 12, 11, 10, 12 }, 11.5, 0.7413 },
	{ 9, { 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 3, 0 },
	{ 3, { 1, INFINITY, 2 }, 2, 1.4826 },
	/* Halves added after halving, so no overflow to infinity. */
	{ 2, { DBL_MAX, DBL_MAX }, DBL_MAX, 0 },
	{ 2, { -DBL_MAX, -DBL_MAX }, -DBL_MAX, 0 },
};

static void test_median(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(stats_cases); i++) {
		double copy[VALUES_MAX];
		double got = SENTINEL;

		memcpy(copy, stats_cases[i].v, sizeof(copy));
		assert_int_equal(vt_median(copy, stats_cases[i].n, &got),
				 VT_OK);
		assert_near(got, stats_cases[i].median);
		assert_memory_equal(copy, stats_cases[i].v, sizeof(copy));
	}
}

static void test_mad(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(stats_cases); i++) {
		double copy[VALUES_MAX];
		double got = SENTINEL;

		memcpy(copy, stats_cases[i].v, sizeof(copy));
		assert_int_equal(vt_mad(copy, stats_cases[i].n, &got), VT_OK);
		assert_near(got, stats_cases[i].mad);
		assert_memory_equal(copy, stats_cases[i].v, sizeof(copy));
	}
}

static void test_stats_refused(void **state)
{
	static const struct {
		size_t n;
		double v[4];
	} cases[] = {
		{ 0, { 1, 2, 3, 4 } },
		{ 1, { NAN } },
		{ 4, { 1, 2, NAN, 4 } },
	};
	const double ok[3] = { 1, 2, 3 };
	double got = SENTINEL;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_median(cases[i].v, cases[i].n, &got),
				 VT_EINVAL);
		assert_int_equal(vt_mad(cases[i].v, cases[i].n, &got),
				 VT_EINVAL);
	}
	assert_int_equal(vt_median(NULL, 3, &got), VT_EINVAL);
	assert_int_equal(vt_mad(NULL, 3, &got), VT_EINVAL);
	assert_true(got == SENTINEL);
	assert_int_equal(vt_median(ok, 3, NULL), VT_EINVAL);
	assert_int_equal(vt_mad(ok, 3, NULL), VT_EINVAL);
}

/* History 10..13: median 11.5, MAD 0.7413, so k = 3 is 2.2239 away. */
static const double steady[8] = { 10, 12, 11, 13, 12, 11, 10, 12 };

static void test_outlier(void **state)
{
	static const struct {
		double x;
		bool outlier;
		double score;
	} cases[] = {
		{ 11.5, false, 0 },
		{ 12, false, 0.5 / 0.7413 },
		{ 13.5, false, 2.0 / 0.7413 },
		{ 9.5, false, 2.0 / 0.7413 },
		{ 13.7, false, 2.2 / 0.7413 },
		{ 13.75, true, 2.25 / 0.7413 },
		{ 14, true, 2.5 / 0.7413 },
		{ 9, true, 2.5 / 0.7413 },
		{ 8.1, true, 3.4 / 0.7413 },
		{ 1e6, true, (1e6 - 11.5) / 0.7413 },
		{ -INFINITY, true, INFINITY },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		double copy[COUNT(steady)];
		bool outlier = !cases[i].outlier;
		double score = SENTINEL;

		memcpy(copy, steady, sizeof(copy));
		assert_int_equal(vt_is_outlier(copy, COUNT(copy), cases[i].x,
					       3, &outlier, &score),
				 VT_OK);
		if (outlier != cases[i].outlier)
			fail_msg("x = %g: outlier %d, expected %d",
				 cases[i].x, outlier, cases[i].outlier);
		assert_near(score, cases[i].score);
		assert_memory_equal(copy, steady, sizeof(copy));
	}
}

/* "More than k": a score of exactly k is not an outlier. */
static void test_outlier_boundary(void **state)
{
	bool outlier = true;
	double score = 0, k;

	(void)state;
	assert_int_equal(vt_is_outlier(steady, COUNT(steady), 14, 3,
				       &outlier, &score),
			 VT_OK);
	k = score;
	assert_int_equal(vt_is_outlier(steady, COUNT(steady), 14, k,
				       &outlier, &score),
			 VT_OK);
	assert_false(outlier);
	assert_int_equal(vt_is_outlier(steady, COUNT(steady), 14,
				       nextafter(k, 0), &outlier, &score),
			 VT_OK);
	assert_true(outlier);
	/* k = 0: anything off the median at all. */
	assert_int_equal(vt_is_outlier(steady, COUNT(steady), 11.6, 0,
				       &outlier, &score),
			 VT_OK);
	assert_true(outlier);
	/* The score is optional. */
	assert_int_equal(vt_is_outlier(steady, COUNT(steady), 20, 3,
				       &outlier, NULL),
			 VT_OK);
	assert_true(outlier);
}

/* MAD 0: only a difference beyond 1e-9 of the median's size counts. */
static void test_outlier_flat(void **state)
{
	static const struct {
		size_t n;
		double history[5];
		double x;
		bool outlier;
	} cases[] = {
		{ 5, { 7, 7, 7, 7, 7 }, 7, false },
		{ 5, { 7, 7, 7, 7, 7 }, 7 + 5e-9, false },
		{ 5, { 7, 7, 7, 7, 7 }, 7 - 5e-9, false },
		{ 5, { 7, 7, 7, 7, 7 }, 7 + 1e-8, true },
		{ 5, { 7, 7, 7, 7, 7 }, 7.001, true },
		{ 5, { 7, 7, 7, 7, 7 }, 6, true },
		{ 4, { 0, 0, 0, 0 }, 0, false },
		{ 4, { 0, 0, 0, 0 }, 1e-300, true },
		{ 4, { -2e6, -2e6, -2e6, -2e6 }, -2e6 - 1e-4, false },
		{ 4, { -2e6, -2e6, -2e6, -2e6 }, -2e6 - 1e-2, true },
		/* Flat except one value: the MAD is still 0. */
		{ 5, { 10, 50, 10, 10, 10 }, 10, false },
		{ 5, { 10, 50, 10, 10, 10 }, 50, true },
		{ 5, { 10, 50, 10, 10, 10 }, 10.5, true },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		bool outlier = !cases[i].outlier;
		double score = SENTINEL;

		assert_int_equal(vt_is_outlier(cases[i].history, cases[i].n,
					       cases[i].x, 3, &outlier,
					       &score),
				 VT_OK);
		if (outlier != cases[i].outlier)
			fail_msg("case %zu: outlier %d, expected %d", i,
				 outlier, cases[i].outlier);
		if (cases[i].outlier)
			assert_true(score == HUGE_VAL);
		else
			assert_true(score == 0);
	}
}

/* Under four values nothing is an outlier, however far x lies. */
static void test_outlier_short(void **state)
{
	static const double history[3] = { 1, 2, 3 };
	static const double xs[] = { 2, 1e9, -1e9, INFINITY };
	size_t n, i;

	(void)state;
	for (n = 0; n < 4; n++) {
		for (i = 0; i < COUNT(xs); i++) {
			bool outlier = true;
			double score = SENTINEL;

			assert_int_equal(vt_is_outlier(n ? history : NULL, n,
						       xs[i], 3, &outlier,
						       &score),
					 VT_OK);
			assert_false(outlier);
			assert_true(score == 0);
		}
	}
}

static void test_outlier_refused(void **state)
{
	static const double bad_history[4] = { 1, NAN, 3, 4 };
	static const struct {
		const double *history;
		size_t n;
		double x, k;
	} cases[] = {
		{ steady, 8, NAN, 3 },
		{ steady, 8, 12, -1 },
		{ steady, 8, 12, NAN },
		{ NULL, 8, 12, 3 },
		{ bad_history, 4, 12, 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		bool outlier = true;
		double score = SENTINEL;

		assert_int_equal(vt_is_outlier(cases[i].history, cases[i].n,
					       cases[i].x, cases[i].k,
					       &outlier, &score),
				 VT_EINVAL);
		assert_true(outlier);
		assert_true(score == SENTINEL);
	}
	assert_int_equal(vt_is_outlier(steady, 8, 12, 3, NULL, NULL),
			 VT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_mad),
		cmocka_unit_test(test_stats_refused),
		cmocka_unit_test(test_outlier),
		cmocka_unit_test(test_outlier_boundary),
		cmocka_unit_test(test_outlier_flat),
		cmocka_unit_test(test_outlier_short),
		cmocka_unit_test(test_outlier_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
