/* Unit tests for XmR charts: limits, screening, the four rules, direction, assurance, baselines. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/spc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAXN 40

/*
 * The process every case starts from: twelve quarters around 11.5.
 * mean 11.5; moving ranges 2 1 2 1 1 1 2 1 2 1 1 = 15/11; limits 11.5 +/-
 * 2.66 * 15/11 = 7.872727 .. 15.127273; two-thirds of the way to the
 * upper limit: 13.918182.  No rule fires.
 */
#define BASE 10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11
#define BASE_TYPES "cccccccccccc"

struct spc_case {
	const char *name;
	double x[MAXN];
	size_t n;
	int direction;
	double target;
	size_t baseline;
	/* per point: c common, i improvement, x concern, e expected,
	   n neutral; then the rules fired, one letter a point (. none,
	   o outside, s shift, t trend, 2 two-of-three; the first found) */
	const char *types;
	const char *rules;
	const char *expected;	/* per point 'y' in the window, or NULL */
	int assurance;
};

static char rule_letter(unsigned rules)
{
	if (rules & VT_SPC_OUTSIDE)
		return 'o';
	if (rules & VT_SPC_SHIFT)
		return 's';
	if (rules & VT_SPC_TREND)
		return 't';
	if (rules & VT_SPC_TWO_OF_THREE)
		return '2';
	return '.';
}

static const char type_letters[] = "cixen";

static void run_case(const struct spc_case *c)
{
	struct vt_spc_options o = { c->direction, c->target, false,
				    c->baseline, NULL, 0, NULL };
	bool expected[MAXN] = { false };
	char types[MAXN + 1] = "", rules[MAXN + 1] = "";
	struct vt_spc s;
	size_t i;

	if (c->expected) {
		for (i = 0; i < c->n; i++)
			expected[i] = c->expected[i] == 'y';
		o.expected = expected;
	}
	assert_int_equal(vt_spc_compute(c->x, c->n, &o, &s), VT_OK);
	for (i = 0; i < c->n; i++) {
		types[i] = type_letters[s.points[i].type];
		rules[i] = rule_letter(s.points[i].rules);
	}
	if (strcmp(types, c->types) || strcmp(rules, c->rules))
		fail_msg("%s: types %s rules %s, expected %s %s", c->name,
			 types, rules, c->types, c->rules);
	if (s.assurance != c->assurance)
		fail_msg("%s: assurance %s, expected %s", c->name,
			 vt_assurance_names[s.assurance],
			 vt_assurance_names[c->assurance]);
	assert_int_equal(s.variation, s.points[c->n - 1].type);
	vt_spc_release(&s);
}

#define R VT_DIRECTION_REDUCE
#define I VT_DIRECTION_INCREASE
#define N VT_DIRECTION_NONE
#define NONE VT_ASSURANCE_NONE

static void test_rules(void **state)
{
	static const struct spc_case cases[] = {
		{ "steady", { BASE }, 12, R, NAN, 0, BASE_TYPES,
		  "............", NULL, NONE },
		/* Outside: above the limits from the first twelve. */
		{ "outside, reduce", { BASE, 16 }, 13, R, NAN, 12,
		  BASE_TYPES "x", "............o", NULL, NONE },
		{ "outside, increase", { BASE, 16 }, 13, I, NAN, 12,
		  BASE_TYPES "i", "............o", NULL, NONE },
		{ "outside, no direction", { BASE, 16 }, 13, N, NAN, 12,
		  BASE_TYPES "n", "............o", NULL, NONE },
		{ "below, reduce", { BASE, 7 }, 13, R, NAN, 12,
		  BASE_TYPES "i", "............o", NULL, NONE },
		/* Either side of the limit, 15.127273. */
		{ "just inside", { BASE, 15.12 }, 13, R, NAN, 12,
		  BASE_TYPES "c", ".............", NULL, NONE },
		{ "just outside", { BASE, 15.13 }, 13, R, NAN, 12,
		  BASE_TYPES "x", "............o", NULL, NONE },
		/* Shift: seven above the mean (the twelfth point is below). */
		{ "shift of 7", { BASE, 12, 12, 12, 12, 12, 12, 12 }, 19, R,
		  NAN, 12, BASE_TYPES "xxxxxxx", "............sssssss", NULL,
		  NONE },
		{ "six are no shift", { BASE, 12, 12, 12, 12, 12, 12 }, 18, R,
		  NAN, 12, BASE_TYPES "cccccc", "..................", NULL,
		  NONE },
		/* A point on the mean ends the run. */
		{ "tie with the mean", { BASE, 12, 12, 12, 11.5, 12, 12, 12, 12 },
		  20, R, NAN, 12, BASE_TYPES "cccccccc",
		  "....................", NULL, NONE },
		/* Trend: seven rising, across the mean (so no shift). */
		{ "trend of 7", { BASE, 10, 10.5, 11, 11.6, 12, 12.5, 13 }, 19,
		  R, NAN, 12, BASE_TYPES "xxxxxxx", "............ttttttt", NULL,
		  NONE },
		{ "trend falling, reduce", { BASE, 13, 12.5, 12, 11.6, 11, 10.5,
		  10 }, 19, R, NAN, 12, BASE_TYPES "iiiiiii",
		  "............ttttttt", NULL, NONE },
		/* A repeated value ends a trend. */
		{ "repeat breaks trend", { BASE, 10, 10.5, 11, 11.6, 11.6, 12,
		  12.5, 13 }, 20, R, NAN, 12, BASE_TYPES "cccccccc",
		  "....................", NULL, NONE },
		/* Two of three beyond 13.918, same side; the third is not
		   flagged. */
		{ "two of three", { BASE, 14.5, 11, 14.2 }, 15, R, NAN, 12,
		  BASE_TYPES "xcx", "............2.2", NULL, NONE },
		{ "one of three", { BASE, 14.5, 11, 11 }, 15, R, NAN, 12,
		  BASE_TYPES "ccc", "...............", NULL, NONE },
		/* Eight below the mean (the twelfth point too), the last
		   seven rising: improvement by the shift, concern by the
		   trend, and concern wins. */
		{ "both sides", { BASE, 9, 9.5, 10, 10.5, 11, 11.2, 11.4 }, 19,
		  R, NAN, 12, "ccccccccccci" "xxxxxxx", "..........." "ssssssss",
		  NULL, NONE },
		/* Concern inside the expected-rise window. */
		{ "expected rise", { BASE, 16, 16 }, 14, R, NAN, 12,
		  BASE_TYPES "ex", "............oo", "............yn",
		  NONE },
		/* Shorter than a run: only the limits can speak. */
		{ "short", { 3, 4, 3 }, 3, R, NAN, 0, "ccc", "...", NULL,
		  NONE },
		{ "one point", { 3 }, 1, R, 2, 0, "c", ".", NULL, NONE },
		/* Zero moving range: limits on the mean; nothing fires. */
		{ "constant", { 5, 5, 5, 5, 5, 5, 5, 5, 5 }, 9, R, NAN, 0,
		  "ccccccccc", ".........", NULL, NONE },
		/* Assurance: limits 7.87 .. 15.13. */
		{ "meets, reduce", { BASE }, 12, R, 16, 0, BASE_TYPES,
		  "............", NULL, VT_ASSURANCE_PASS },
		{ "fails, reduce", { BASE }, 12, R, 7, 0, BASE_TYPES,
		  "............", NULL, VT_ASSURANCE_FAIL },
		{ "target inside", { BASE }, 12, R, 12, 0, BASE_TYPES,
		  "............", NULL, VT_ASSURANCE_HIT_OR_MISS },
		{ "meets, increase", { BASE }, 12, I, 7, 0, BASE_TYPES,
		  "............", NULL, VT_ASSURANCE_PASS },
		{ "fails, increase", { BASE }, 12, I, 16, 0, BASE_TYPES,
		  "............", NULL, VT_ASSURANCE_FAIL },
		{ "no direction", { BASE }, 12, N, 12, 0, BASE_TYPES,
		  "............", NULL, NONE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		run_case(&cases[i]);
}

static void test_limits(void **state)
{
	static const double x[] = { BASE };
	struct vt_spc_options o = { R, NAN, false, 0, NULL, 0, NULL };
	struct vt_spc s;

	(void)state;
	assert_int_equal(vt_spc_compute(x, COUNT(x), &o, &s), VT_OK);
	assert_int_equal(s.nsegments, 1);
	assert_float_equal(s.segments[0].mean, 11.5, 1e-9);
	assert_float_equal(s.segments[0].mr, 15.0 / 11.0, 1e-9);
	assert_float_equal(s.segments[0].ucl, 15.127273, 1e-6);
	assert_float_equal(s.segments[0].lcl, 7.872727, 1e-6);
	assert_int_equal(s.segments[0].screened, 0);
	assert_int_equal(s.segments[0].baseline_n, 12);
	vt_spc_release(&s);

	/* One point: a mean, no limits, nothing to read. */
	assert_int_equal(vt_spc_compute(x, 1, &o, &s), VT_OK);
	assert_float_equal(s.segments[0].mean, 10, 1e-9);
	assert_true(isnan(s.segments[0].ucl));
	vt_spc_release(&s);

	/* No points at all. */
	assert_int_equal(vt_spc_compute(x, 0, &o, &s), VT_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.nsegments, 0);
	vt_spc_release(&s);

	/* Figures whose sum overflows give no limits, never infinite ones. */
	{
		static const double huge[] = { 1.7e308, 1.7e308, 1.7e308 };

		assert_int_equal(vt_spc_compute(huge, COUNT(huge), &o, &s),
				 VT_OK);
		assert_true(isnan(s.segments[0].mean));
		assert_true(isnan(s.segments[0].ucl));
		assert_true(isnan(s.segments[0].lcl));
		vt_spc_release(&s);
	}
}

/*
 * A step from around 11.5 to around 21.5 after twelve points.  Charted
 * as one process the jump's moving range (9) is 3.267 mR or more and is
 * screened out (mR 30/22), and every point is special cause: outside
 * the limits 16.5 +/- 3.63 or in a run of twelve on one side; re-baselined at the step, neither half has a
 * special cause.
 */
static void test_rebaseline_and_screening(void **state)
{
	double x[24];
	size_t i, at = 12, outside = 0, special = 0;
	struct vt_spc_options o = { R, NAN, false, 0, NULL, 0, NULL };
	struct vt_spc s;
	static const double base[] = { BASE };

	(void)state;
	for (i = 0; i < 24; i++)
		x[i] = base[i % 12] + (i >= 12 ? 10 : 0);

	assert_int_equal(vt_spc_compute(x, 24, &o, &s), VT_OK);
	assert_int_equal(s.segments[0].screened, 1);
	assert_float_equal(s.segments[0].mr, 30.0 / 22.0, 1e-9);
	assert_float_equal(s.segments[0].mean, 16.5, 1e-9);
	for (i = 0; i < 24; i++) {
		outside += (s.points[i].rules & VT_SPC_OUTSIDE) != 0;
		special += s.points[i].rules != 0;
	}
	/* All but the two 13s and the two 20s; those are in the shifts. */
	assert_int_equal(outside, 20);
	assert_int_equal(special, 24);
	assert_int_equal(s.variation, VT_SPC_CONCERN);
	vt_spc_release(&s);

	/* Without screening the jump widens the limits. */
	o.no_screen = true;
	assert_int_equal(vt_spc_compute(x, 24, &o, &s), VT_OK);
	assert_int_equal(s.segments[0].screened, 0);
	assert_float_equal(s.segments[0].mr, 39.0 / 23.0, 1e-9);
	vt_spc_release(&s);
	o.no_screen = false;

	o.breaks = &at;
	o.nbreaks = 1;
	assert_int_equal(vt_spc_compute(x, 24, &o, &s), VT_OK);
	assert_int_equal(s.nsegments, 2);
	assert_float_equal(s.segments[0].mean, 11.5, 1e-9);
	assert_float_equal(s.segments[1].mean, 21.5, 1e-9);
	assert_int_equal(s.segments[1].first, 12);
	assert_true(s.points[12].segment == &s.segments[1]);
	for (i = 0; i < 24; i++)
		assert_int_equal(s.points[i].rules, 0);
	assert_int_equal(s.variation, VT_SPC_COMMON);
	vt_spc_release(&s);

	/* A fixed baseline: limits from the first twelve hold for all. */
	o.breaks = NULL;
	o.nbreaks = 0;
	o.baseline = 12;
	assert_int_equal(vt_spc_compute(x, 24, &o, &s), VT_OK);
	assert_int_equal(s.segments[0].baseline_n, 12);
	assert_float_equal(s.segments[0].mean, 11.5, 1e-9);
	for (i = 12; i < 24; i++)
		assert_true(s.points[i].rules & VT_SPC_OUTSIDE);
	vt_spc_release(&s);

	/* Breaks must be inside the series and in order. */
	at = 0;
	o.breaks = &at;
	o.nbreaks = 1;
	assert_int_equal(vt_spc_compute(x, 24, &o, &s), VT_EINVAL);
	at = 24;
	assert_int_equal(vt_spc_compute(x, 24, &o, &s), VT_EINVAL);
}

/* ------------------------------------------------------------------ */
/* Multi-agency measures: the partnership figure from the parts */

struct part_row {
	const char *period, *breakdown;
	int64_t version;
	double value, numerator, denominator;
	int status;
};

struct part_case {
	const char *name;
	int unit;
	bool ratio;		/* numerator and denominator defined */
	struct part_row rows[8];
	size_t nrows;
	/* per period with a part in: "PERIOD value complete missing,..." */
	const char *want[3];
	size_t nwant;
};

#define A VT_STATUS_APPROVED
#define S VT_STATUS_SUBMITTED
#define D VT_STATUS_DRAFT

static const struct part_case part_cases[] = {
	{ "a count is the sum of the latest parts; a missing one is named",
	  VT_UNIT_COUNT, false, {
		{ "2026Q3", "police", 1, 10, NAN, NAN, A },
		{ "2026Q3", "health", 1, 20, NAN, NAN, A },
		{ "2026Q3", "health", 2, 25, NAN, NAN, S },
		{ "2026Q3", "schools", 1, 5, NAN, NAN, A },
		{ "2026Q4", "police", 1, 12, NAN, NAN, S },
		{ "2026Q4", "schools", 1, 7, NAN, NAN, D },
	  }, 6, { "2026Q3 40 1 -", "2026Q4 12 0 health,schools" }, 2 },
	{ "a percentage is the numerators over the denominators, not a mean",
	  VT_UNIT_PERCENT, true, {
		{ "2026Q4", "police", 1, 75, 30, 40, A },
		{ "2026Q4", "health", 1, 90, 45, 50, A },
		{ "2026Q4", "schools", 1, 65, 52, 80, S },
	  }, 3, { "2026Q4 74.705882 1 -" }, 1 },
	{ "a withheld part leaves no sum",
	  VT_UNIT_COUNT, false, {
		{ "2026Q4", "police", 1, NAN, NAN, NAN, A },
		{ "2026Q4", "health", 1, 3, NAN, NAN, A },
		{ "2026Q4", "schools", 1, 4, NAN, NAN, A },
		{ "2026Q4", "other", 1, 4, NAN, NAN, A },
	  }, 4, { "2026Q4 nan 1 -" }, 1 },
};

static void run_part_case(const struct part_case *c)
{
	struct vt_contributor who[] = {
		{ (char *)"police" }, { (char *)"health" }, { (char *)"schools" },
	};
	struct vt_measure m = {
		.code = (char *)"m", .unit = c->unit,
		.numerator = c->ratio ? (char *)"attended" : NULL,
		.denominator = c->ratio ? (char *)"offered" : NULL,
		.contributors = who, .ncontributors = COUNT(who),
	};
	struct vt_value vals[8];
	const struct vt_value *ptrs[8];
	struct vt_partnership_series ps;
	size_t i, j;

	for (i = 0; i < c->nrows; i++) {
		const struct part_row *r = &c->rows[i];

		vals[i] = (struct vt_value){
			.measure = (char *)"m", .period = (char *)r->period,
			.breakdown = (char *)r->breakdown,
			.version = r->version, .value = r->value,
			.numerator = r->numerator,
			.denominator = r->denominator, .status = r->status,
		};
		ptrs[i] = &vals[i];
	}
	assert_int_equal(vt_measure_partnership(&m, ptrs, c->nrows, &ps),
			 VT_OK);
	if (ps.n != c->nwant)
		fail_msg("%s: %zu periods, not %zu", c->name, ps.n, c->nwant);
	for (i = 0; i < ps.n; i++) {
		const struct vt_partnership_figure *f = &ps.figures[i];
		char got[128], missing[64] = "";
		size_t used = 0;

		for (j = 0; j < f->nmissing; j++)
			used += (size_t)snprintf(missing + used,
						 sizeof(missing) - used, "%s%s",
						 j ? "," : "", f->missing[j]);
		if (isnan(f->value))
			snprintf(got, sizeof(got), "%s nan %d %s", f->period,
				 f->complete, used ? missing : "-");
		else
			snprintf(got, sizeof(got), "%s %.8g %d %s", f->period,
				 f->value, f->complete, used ? missing : "-");
		if (strcmp(got, c->want[i]))
			fail_msg("%s: got '%s', want '%s'", c->name, got,
				 c->want[i]);
	}
	vt_partnership_series_release(&ps);
}

static void test_partnership(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(part_cases); i++)
		run_part_case(&part_cases[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_rebaseline_and_screening),
		cmocka_unit_test(test_partnership),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
