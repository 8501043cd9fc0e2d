/* Unit tests for derived measures: a fixture of synthetic children's case records with its answers counted by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/derive.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define APRIL 4

/*
 * The quarter counted is 2026Q1 (2025-26 Q4): 1 January to 31 March
 * 2026.  Ages are on 31 March 2026, a child born on the first day of the
 * month of birth.  Six months before 31 March 2026 is 30 September 2025.
 * Each child's records are in the order the engine takes them: by kind
 * (referral, assessment, CIN plan, CP plan, CLA episode), then start.
 */
#define R(k, who, born, from, to, cat)                                   \
	{ .kind = VT_CASE_##k, .child = who, .birth_month = born,         \
	  .start = from, .end = to, .category = cat }

static const struct vt_case_record fixture[] = {
	/* c01, 15: CIN N1 open since 2025-01-10 (over six months);
	   CP NEG open since 2025-07-01 (neglect at the end). */
	R(CIN_PLAN, "c01", "2010-05", "2025-01-10", "", "N1"),
	R(CP_PLAN, "c01", "2010-05", "2025-07-01", "", "NEG"),
	/* c02, 8: a referral before the quarter; CIN N1 open since
	   2025-06-01 (over six months). */
	R(REFERRAL, "c02", "2018-02", "2025-05-20", "2025-06-01", "N1"),
	R(CIN_PLAN, "c02", "2018-02", "2025-06-01", "", "N1"),
	/* c03, 9: CIN N1 open since 2025-09-30: EXACTLY six months on 31
	   March, so not over six months. */
	R(CIN_PLAN, "c03", "2016-07", "2025-09-30", "", "N1"),
	/* c04, 9: CIN N1 open since 2025-09-29: a day over six months. */
	R(CIN_PLAN, "c04", "2016-07", "2025-09-29", "", "N1"),
	/* c05: TURNS 11 in the quarter (born March 2015, taken as 1 March
	   2015): 11 and over on 31 March.  CIN N1 open since 2025-08-15. */
	R(CIN_PLAN, "c05", "2015-03", "2025-08-15", "", "N1"),
	/* c06, 13: CIN N1 ENDING ON 31 March 2026: not open at the end of
	   that day. */
	R(CIN_PLAN, "c06", "2012-11", "2025-03-01", "2026-03-31", "N1"),
	/* c07, 13: CIN N1 ending after the quarter: open at its end, over
	   six months. */
	R(CIN_PLAN, "c07", "2012-11", "2025-03-01", "2026-04-10", "N1"),
	/* c08, 7: CIN for family dysfunction (N5), not neglect. */
	R(CIN_PLAN, "c08", "2019-01", "2025-01-01", "", "N5"),
	/* c09, 5: CIN N1 since 2026-02-01: open, under six months. */
	R(CIN_PLAN, "c09", "2020-06", "2026-02-01", "", "N1"),
	/* c10, 11: CIN N1 starting after the quarter: not open in it. */
	R(CIN_PLAN, "c10", "2014-04", "2026-04-02", "", "N1"),
	/* c11, month of birth unknown: CIN N1 open over six months, in
	   the whole figure but in neither age band. */
	R(CIN_PLAN, "c11", "", "2025-01-01", "", "N1"),
	/* c12: 10 on 31 March (11 on 1 April 2026): under 11.  CIN N1 open
	   since 2025-05-05, over six months. */
	R(CIN_PLAN, "c12", "2015-04", "2025-05-05", "", "N1"),
	/* c13, 9: CP NEG open since 2025-11-01. */
	R(CP_PLAN, "c13", "2017-01", "2025-11-01", "", "NEG"),
	/* c14, 9: CP plan whose initial category was neglect, latest
	   emotional abuse: not neglect. */
	{ .kind = VT_CASE_CP_PLAN, .child = "c14", .birth_month = "2017-01",
	  .start = "2025-10-01", .end = "", .category = "EMO",
	  .initial_category = "NEG" },
	/* c15, 12: a CP NEG plan ENDING ON 31 March 2026 (not open at the
	   end), and a second one STARTED ON 31 March 2026 (open at the end;
	   started in the quarter; a subsequent plan). */
	R(CP_PLAN, "c15", "2013-09", "2024-05-01", "2026-03-31", "NEG"),
	R(CP_PLAN, "c15", "2013-09", "2026-03-31", "", "NEG"),
	/* c16, 6: a CP NEG plan long ended, and a MUL plan started in the
	   quarter: a subsequent plan, not neglect. */
	R(CP_PLAN, "c16", "2019-09", "2022-02-01", "2022-12-01", "NEG"),
	R(CP_PLAN, "c16", "2019-09", "2026-01-15", "", "MUL"),
	/* c17, 4: a first CP NEG plan started in the quarter: open at the
	   end, not subsequent. */
	R(CP_PLAN, "c17", "2021-12", "2026-02-10", "", "NEG"),
	/* c18, 4: CP NEG ended inside the quarter. */
	R(CP_PLAN, "c18", "2021-12", "2025-12-01", "2026-02-01", "NEG"),
	/* c20: referred 2025-06-01 and again 2026-02-01: a re-referral. */
	R(REFERRAL, "c20", "2011-01", "2025-06-01", "2025-07-01", "N1"),
	R(REFERRAL, "c20", "2011-01", "2026-02-01", "", "N1"),
	/* c21: referred 2025-01-31 and 2026-01-31: the earlier one EXACTLY
	   12 months before, so within 12 months: a re-referral. */
	R(REFERRAL, "c21", "2011-01", "2025-01-31", "2025-02-10", "N4"),
	R(REFERRAL, "c21", "2011-01", "2026-01-31", "", "N4"),
	/* c22: referred 2025-01-30 and 2026-01-31: a day over 12 months:
	   not a re-referral. */
	R(REFERRAL, "c22", "2011-01", "2025-01-30", "2025-02-10", "N4"),
	R(REFERRAL, "c22", "2011-01", "2026-01-31", "", "N4"),
	/* c23: one referral in the quarter, the first. */
	R(REFERRAL, "c23", "2011-01", "2026-03-01", "", "N2"),
	/* c24: a first referral in the quarter, the next after it. */
	R(REFERRAL, "c24", "2011-01", "2026-01-10", "2026-01-20", "N5"),
	R(REFERRAL, "c24", "2011-01", "2026-04-01", "", "N5"),
	/* c25: referred 2025-12-20 and 2026-03-15: a re-referral. */
	R(REFERRAL, "c25", "2011-01", "2025-12-20", "2025-12-30", "N1"),
	R(REFERRAL, "c25", "2011-01", "2026-03-15", "", "N1"),
};

/*
 * Counted by hand, quarter 2026Q1:
 * (a) CIN plans: 12 in the records; N1: 11 (not c08); open at the end
 *     of 31 March: 9 (not c06, ending that day; not c10, not started);
 *     over six months: 7 (c01 c02 c04 c05 c07 c11 c12; not c03, exactly
 *     six months; not c09).  Percent: 7 of 9.  Under 11: c02 c04 c12 =
 *     3 of (c02 c03 c04 c09 c12 =) 5; 11 and over: c01 c05 c07 = 3 of 3.
 * (b) CP plans: 9 in the records; NEG: 7 (not c14, c16's MUL); open at
 *     the end: 4 (c01 c13 c15's second c17).
 * (c) referrals: 12 in the records; started in the quarter: 6 (c20 c21
 *     c22 c23 c24 c25, one each); with an earlier one within 12 months:
 *     3 (c20 c21 c25).  Percent: 3 of 6.
 * (d) CP plans started in the quarter: 3 (c15's second, c16's MUL,
 *     c17); with an earlier CP plan: 2 (c15, c16).
 */

#define CIN_OVER_SIX                                                      \
	"{\"records\":\"cin-plan\",\"filters\":[{\"category\":[\"N1\"]},"  \
	"{\"open_at\":\"period_end\"},{\"duration_over\":{\"months\":6}}]"
#define CIN_OPEN                                                          \
	"{\"records\":\"cin-plan\",\"filters\":[{\"category\":[\"N1\"]},"  \
	"{\"open_at\":\"period_end\"}]}"

struct want {
	const char *breakdown;
	double value, numerator, denominator;	/* NaN: none */
};

struct derive_case {
	const char *why;
	int unit;
	const char *derive;
	long steps[4];		/* -1 ends */
	long steps_of[4];
	struct want want[6];	/* whole first, then each breakdown */
	size_t nwant;
};

static const struct derive_case cases[] = {
	{ "(a) CIN plans for neglect over six months, percent, by age",
	  VT_UNIT_PERCENT,
	  CIN_OVER_SIX ",\"aggregate\":{\"percent_of\":" CIN_OPEN "},"
	  "\"breakdowns\":[\"age_band\"]}",
	  { 12, 11, 9, 7 }, { 12, 11, 9, -1 },
	  { { NULL, 700.0 / 9, 7, 9 }, { "under-11", 60, 3, 5 },
	    { "11-and-over", 100, 3, 3 } }, 3 },
	{ "(a) CIN plans for neglect over six months, count, by age",
	  VT_UNIT_COUNT,
	  CIN_OVER_SIX ",\"aggregate\":\"count\","
	  "\"breakdowns\":[\"age_band\"]}",
	  { 12, 11, 9, 7 }, { -1 },
	  { { NULL, 7, 7, NAN }, { "under-11", 3, 3, NAN },
	    { "11-and-over", 3, 3, NAN } }, 3 },
	{ "(b) CP plans for neglect at the end", VT_UNIT_COUNT,
	  "{\"records\":\"cp-plan\",\"filters\":[{\"category\":[\"NEG\"]},"
	  "{\"open_at\":\"period_end\"}],\"aggregate\":\"count\"}",
	  { 9, 7, 4, -1 }, { -1 }, { { NULL, 4, 4, NAN } }, 1 },
	{ "(c) re-referrals within 12 months, count", VT_UNIT_COUNT,
	  "{\"records\":\"referral\",\"filters\":[{\"started_in\":"
	  "\"period\"},{\"previous_within\":{\"months\":12}}],"
	  "\"aggregate\":\"count\"}",
	  { 12, 6, 3, -1 }, { -1 }, { { NULL, 3, 3, NAN } }, 1 },
	{ "(c) re-referrals within 12 months, percent", VT_UNIT_PERCENT,
	  "{\"records\":\"referral\",\"filters\":[{\"started_in\":"
	  "\"period\"},{\"previous_within\":{\"months\":12}}],"
	  "\"aggregate\":{\"percent_of\":{\"records\":\"referral\","
	  "\"filters\":[{\"started_in\":\"period\"}]}}}",
	  { 12, 6, 3, -1 }, { 12, 6, -1 }, { { NULL, 50, 3, 6 } }, 1 },
	{ "(d) second or subsequent CP plans", VT_UNIT_COUNT,
	  "{\"records\":\"cp-plan\",\"filters\":[{\"started_in\":"
	  "\"period\"},{\"sequence\":\"subsequent\"}],"
	  "\"aggregate\":\"count\"}",
	  { 9, 3, 2, -1 }, { -1 }, { { NULL, 2, 2, NAN } }, 1 },
	{ "(a) in days: 30 September to 31 March is 182 days, not over",
	  VT_UNIT_COUNT,
	  "{\"records\":\"cin-plan\",\"filters\":[{\"category\":"
	  "[\"N1\"]},{\"open_at\":\"period_end\"},{\"duration_over\":"
	  "{\"days\":182}}],\"aggregate\":\"count\"}",
	  { 12, 11, 9, 7 }, { -1 }, { { NULL, 7, 7, NAN } }, 1 },
	/* CP NEG open at the end (c01 15, c13 9, c15 12, c17 4): 11 and
	   over, c01 and c15. */
	{ "(b) of children 11 and over", VT_UNIT_COUNT,
	  "{\"records\":\"cp-plan\",\"filters\":[{\"category\":"
	  "[\"NEG\"]},{\"open_at\":\"period_end\"},{\"age_at\":"
	  "\"period_end\",\"at_least\":11}],\"aggregate\":\"count\"}",
	  { 9, 7, 4, 2 }, { -1 }, { { NULL, 2, 2, NAN } }, 1 },
	/* CP plans open at the end: c01 NEG, c13 NEG, c14 EMO, c15's second
	   NEG, c16's MUL, c17 NEG = 6 (c15's first ends on the day, c16's
	   first and c18 ended). */
	{ "CP plans at the end by category", VT_UNIT_COUNT,
	  "{\"records\":\"cp-plan\",\"filters\":[{\"open_at\":"
	  "\"period_end\"}],\"aggregate\":\"count\","
	  "\"breakdowns\":[\"category\"]}",
	  { 9, 6, -1 }, { -1 },
	  { { NULL, 6, 6, NAN }, { "NEG", 4, 4, NAN }, { "EMO", 1, 1, NAN },
	    { "PHY", 0, 0, NAN }, { "SAB", 0, 0, NAN },
	    { "MUL", 1, 1, NAN } }, 6 },
	{ "first CP plans: the others started in the quarter",
	  VT_UNIT_COUNT,
	  "{\"records\":\"cp-plan\",\"filters\":[{\"started_in\":"
	  "\"period\"},{\"sequence\":\"first\"}],"
	  "\"aggregate\":\"count\"}",
	  { 9, 3, 1, -1 }, { -1 }, { { NULL, 1, 1, NAN } }, 1 },
};

/* Each child's records to the engine in one call, as a store would. */
static struct vt_derive_result run(const struct vt_measure *m,
				   const char *const *periods, size_t np)
{
	struct vt_derive *d = NULL;
	struct vt_derive_result r;
	size_t i = 0, j;

	assert_int_equal(vt_derive_begin(m, periods, np, APRIL, NULL, NULL,
					 &d), VT_OK);
	while (i < COUNT(fixture)) {
		for (j = i; j < COUNT(fixture) &&
			    !strcmp(fixture[j].child, fixture[i].child); j++)
			;
		assert_int_equal(vt_derive_child(d, fixture + i, j - i),
				 VT_OK);
		i = j;
	}
	assert_int_equal(vt_derive_end(d, &r), VT_OK);
	return r;
}

static void same(double want, double got, const char *why)
{
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("%s: %g where none was wanted", why, got);
		return;
	}
	if (fabs(want - got) > 1e-9)
		fail_msg("%s: %.10g, wanted %.10g", why, got, want);
}

static void test_fixture(void **state)
{
	static const char *const periods[] = { "2026Q1" };
	size_t i, k;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const struct derive_case *c = &cases[i];
		struct vt_measure m = { .code = (char *)"M1",
					.title = (char *)"Fixture",
					.unit = c->unit,
					.derive = (char *)c->derive };
		struct vt_derive_result r = run(&m, periods, 1);

		for (k = 0; k < 4 && c->steps[k] >= 0; k++)
			if (r.steps[k] != c->steps[k])
				fail_msg("%s: step %zu counted %ld, wanted "
					 "%ld", c->why, k, r.steps[k],
					 c->steps[k]);
		for (k = 0; k < 4 && c->steps_of[k] >= 0; k++)
			if (r.steps_of[k] != c->steps_of[k])
				fail_msg("%s: whole's step %zu counted %ld, "
					 "wanted %ld", c->why, k,
					 r.steps_of[k], c->steps_of[k]);
		assert_int_equal(r.nfigures, c->nwant);
		for (k = 0; k < c->nwant; k++) {
			const struct vt_derive_figure *f =
				vt_derive_figure_of(&r, "2026Q1",
						    c->want[k].breakdown);

			assert_non_null(f);
			same(c->want[k].value, f->value, c->why);
			same(c->want[k].numerator, f->numerator, c->why);
			same(c->want[k].denominator, f->denominator, c->why);
		}
		vt_derive_result_release(&r);
	}
}

/* The same records in the quarter before: the rules move with the
   period's end (31 December 2025; six months before: 30 June). */
static void test_earlier_quarter(void **state)
{
	static const char *const periods[] = { "2025Q4", "2026Q1" };
	struct vt_measure m = { .code = (char *)"M1",
				.title = (char *)"Fixture",
				.unit = VT_UNIT_COUNT,
				.derive = (char *)CIN_OVER_SIX
				",\"aggregate\":\"count\"}" };
	struct vt_derive_result r;

	(void)state;
	r = run(&m, periods, 2);
	/* Open at 31 December 2025, N1: c01 c02 c03 c04 c05 c06 c07 c11
	   c12 = 9 (c09, c10 not yet); over six months (started before 30
	   June 2025): c01 c02 c06 c07 c11 c12 = 6. */
	assert_int_equal(r.steps[2], 9);
	same(6, vt_derive_figure_of(&r, "2025Q4", NULL)->value, "2025Q4");
	same(7, vt_derive_figure_of(&r, "2026Q1", NULL)->value, "2026Q1");
	assert_null(vt_derive_figure_of(&r, "2025Q3", NULL));
	vt_derive_result_release(&r);
}

/* A median of the days, and a rate from a population. */
static double population(void *arg, const char *period, const char *bd)
{
	(void)arg;
	(void)period;
	return bd ? NAN : 20000;
}

static void test_median_and_rate(void **state)
{
	static const char *const periods[] = { "2026Q1" };
	struct vt_measure m = { .code = (char *)"M2",
				.title = (char *)"Days",
				.unit = VT_UNIT_DAYS,
				.derive = (char *)"{\"records\":\"cp-plan\","
				"\"filters\":[{\"started_in\":\"period\"}],"
				"\"aggregate\":\"median_days\"}" };
	struct vt_derive *d = NULL;
	struct vt_derive_result r;
	size_t i = 0, j;

	(void)state;
	/* CP plans started in the quarter, days to 31 March or their end:
	   c15's second 0, c16's MUL 75 (15 January to 31 March), c17 49
	   (10 February to 31 March): the median is 49. */
	r = run(&m, periods, 1);
	same(49, r.figures[0].value, "median");
	same(3, r.figures[0].numerator, "median's records");
	vt_derive_result_release(&r);

	/* CP plans for neglect open at the end, 4, per 10,000 of 20,000
	   children: 2.  No population for a band: no figure. */
	m.unit = VT_UNIT_RATE10K;
	m.derive = (char *)"{\"records\":\"cp-plan\",\"filters\":[{"
		"\"category\":[\"NEG\"]},{\"open_at\":\"period_end\"}],"
		"\"aggregate\":\"rate_per_10k\",\"breakdowns\":[\"age_band\"]}";
	assert_int_equal(vt_derive_begin(&m, periods, 1, APRIL, NULL, NULL,
					 &d), VT_EINVAL);
	assert_int_equal(vt_derive_begin(&m, periods, 1, APRIL, population,
					 NULL, &d), VT_OK);
	while (i < COUNT(fixture)) {
		for (j = i; j < COUNT(fixture) &&
			    !strcmp(fixture[j].child, fixture[i].child); j++)
			;
		assert_int_equal(vt_derive_child(d, fixture + i, j - i),
				 VT_OK);
		i = j;
	}
	assert_int_equal(vt_derive_end(d, &r), VT_OK);
	same(2, r.figures[0].value, "rate");
	same(20000, r.figures[0].denominator, "population");
	same(NAN, vt_derive_figure_of(&r, "2026Q1", "under-11")->value,
	     "no population");
	vt_derive_result_release(&r);
}

/* The method in words, with the counts at each step counted by hand
   above under (a). */
#define EXPLAINED                                                         \
	"CSC-N1 (CIN plans for neglect over six months), 2025-26 Q4.\n"   \
	"Method: Child in need plans whose primary need is abuse or "     \
	"neglect (N1), open at the end of 31 March 2026, lasting more "   \
	"than 6 months by 31 March 2026, as a percentage of child in "    \
	"need plans whose primary need is abuse or neglect (N1), open at " \
	"the end of 31 March 2026.\n"                                     \
	"Counted, step by step:\n"                                        \
	"- child in need plans in the records: 12\n"                      \
	"- whose primary need is abuse or neglect (N1): 11\n"             \
	"- open at the end of 31 March 2026: 9\n"                         \
	"- lasting more than 6 months by 31 March 2026: 7\n"              \
	"Out of, step by step:\n"                                         \
	"- child in need plans in the records: 12\n"                      \
	"- whose primary need is abuse or neglect (N1): 11\n"             \
	"- open at the end of 31 March 2026: 9\n"                         \
	"Figure: 77.8% (7 of 9).\n"                                       \
	"Under 11: 60.0% (3 of 5).\n"                                     \
	"11 and over: 100.0% (3 of 3).\n"

static void test_explain(void **state)
{
	static const char *const periods[] = { "2026Q1" };
	struct vt_measure m = { .code = (char *)"CSC-N1",
				.title = (char *)"CIN plans for neglect "
				"over six months",
				.unit = VT_UNIT_PERCENT,
				.derive = (char *)(CIN_OVER_SIX
				",\"aggregate\":{\"percent_of\":" CIN_OPEN "},"
				"\"breakdowns\":[\"age_band\"]}") };
	struct vt_derive_result r;
	struct vt_buf b;

	(void)state;
	r = run(&m, periods, 1);
	vt_buf_init(&b, 1 << 16);
	assert_int_equal(vt_derive_explain(&m, &r, "2026Q1", &b), VT_OK);
	assert_string_equal(vt_buf_str(&b), EXPLAINED);
	assert_int_equal(vt_derive_explain(&m, &r, "2025Q4", &b), VT_EINVAL);
	vt_derive_result_release(&r);

	/* (c), re-referrals: the counts as counted by hand above. */
	m.code = (char *)"CSC-RR";
	m.title = (char *)"Re-referrals within 12 months";
	m.derive = (char *)"{\"records\":\"referral\",\"filters\":[{"
		"\"started_in\":\"period\"},{\"previous_within\":{"
		"\"months\":12}}],\"aggregate\":{\"percent_of\":{"
		"\"filters\":[{\"started_in\":\"period\"}]}}}";
	r = run(&m, periods, 1);
	vt_buf_reset(&b);
	assert_int_equal(vt_derive_explain(&m, &r, "2026Q1", &b), VT_OK);
	assert_string_equal(vt_buf_str(&b),
		"CSC-RR (Re-referrals within 12 months), 2025-26 Q4.\n"
		"Method: Referrals started in 2025-26 Q4 (1 January 2026 to "
		"31 March 2026), where the child had another that started no "
		"more than 12 months before it, as a percentage of referrals "
		"started in 2025-26 Q4 (1 January 2026 to 31 March 2026).\n"
		"Counted, step by step:\n"
		"- referrals in the records: 12\n"
		"- started in 2025-26 Q4 (1 January 2026 to 31 March 2026): "
		"6\n"
		"- where the child had another that started no more than 12 "
		"months before it: 3\n"
		"Out of, step by step:\n"
		"- referrals in the records: 12\n"
		"- started in 2025-26 Q4 (1 January 2026 to 31 March 2026): "
		"6\n"
		"Figure: 50.0% (3 of 6).\n");

	/* The method alone, as a measure's page shows it: the same sentence,
	   from the definition, for the period asked; none for a measure that
	   is not derived. */
	vt_buf_reset(&b);
	assert_int_equal(vt_derive_method(&m, "2026Q2", 4, &b), VT_OK);
	assert_string_equal(vt_buf_str(&b),
		"Referrals started in 2026-27 Q1 (1 April 2026 to 30 June "
		"2026), where the child had another that started no more than "
		"12 months before it, as a percentage of referrals started in "
		"2026-27 Q1 (1 April 2026 to 30 June 2026).");
	vt_buf_reset(&b);
	assert_int_equal(vt_derive_method(&m, "2026Q9", 4, &b), VT_EINVAL);
	m.derive = NULL;
	assert_int_equal(vt_derive_method(&m, "2026Q2", 4, &b), VT_EINVAL);
	assert_int_equal(b.len, 0);
	vt_buf_release(&b);
	vt_derive_result_release(&r);
}

struct refusal {
	int unit;
	const char *derive;
	const char *where;
	const char *why;
};

static void test_refusals(void **state)
{
	static const struct refusal refusals[] = {
		{ VT_UNIT_COUNT, "{\"records\":\"visit\","
		  "\"aggregate\":\"count\"}", "derive.records",
		  "derive.records: 'visit' is not a kind of records "
		  "(expected referral, assessment, cin-plan, cp-plan or "
		  "cla-episode)" },
		{ VT_UNIT_COUNT, "{\"records\":\"cp-plan\",\"filters\":"
		  "[{\"category\":[\"N1\"]}],\"aggregate\":\"count\"}",
		  "derive.filters[0].category[0]",
		  "derive.filters[0].category[0]: 'N1' is not a category of "
		  "cp-plan records (NEG EMO PHY SAB MUL)" },
		{ VT_UNIT_COUNT, "{\"records\":\"cp-plan\",\"filters\":"
		  "[{\"colour\":\"red\"}],\"aggregate\":\"count\"}",
		  "derive.filters[0]",
		  "derive.filters[0]: unknown filter 'colour' (expected "
		  "category, open_at, started_in, duration_over, age_at, "
		  "sequence or previous_within)" },
		{ VT_UNIT_COUNT, "{\"records\":\"cp-plan\",\"aggregate\":"
		  "{\"percent_of\":{\"records\":\"cp-plan\"}}}",
		  "derive.aggregate",
		  "derive.aggregate: percent_of gives a percent measure, "
		  "not count" },
		{ VT_UNIT_PERCENT, "{\"records\":\"cp-plan\",\"aggregate\":"
		  "\"count\"}", "derive.aggregate",
		  "derive.aggregate: count gives a count measure, not "
		  "percent" },
		{ VT_UNIT_COUNT, "{\"records\":\"cp-plan\",\"filters\":"
		  "[{\"age_at\":\"period_end\"}],\"aggregate\":\"count\"}",
		  "derive.filters[0]",
		  "derive.filters[0]: age_at comes with \"under\" or "
		  "\"at_least\", an age 1-25" },
		{ VT_UNIT_DAYS, "{\"records\":\"cp-plan\",\"filters\":"
		  "[{\"category\":[\"NEG\"]}],\"aggregate\":\"median_days\"}",
		  "derive.filters",
		  "derive.filters: a median needs a \"started_in\" or "
		  "\"open_at\" filter: without one, every record ever held "
		  "would count, those not yet started as 0 days" },
		{ VT_UNIT_COUNT, "{\"records\":\"assessment\",\"aggregate\":"
		  "\"count\",\"breakdowns\":[\"category\"]}",
		  "derive.breakdowns",
		  "derive.breakdowns: assessment records have no category" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(refusals); i++) {
		const struct refusal *c = &refusals[i];
		struct vt_derive_spec spec;
		char why[256] = "", where[128] = "";

		assert_int_equal(vt_derive_parse(c->derive, c->unit, &spec,
						 why, sizeof(why), where,
						 sizeof(where)), VT_EINVAL);
		assert_string_equal(where, c->where);
		assert_string_equal(why, c->why);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_earlier_quarter),
		cmocka_unit_test(test_median_and_rate),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
