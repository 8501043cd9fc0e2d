/* Unit tests for statutory deadlines: working days across Christmas, Easter and substitute bank holidays, calendar months, and open, met or missed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/deadlines.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct due_case {
	const char *why;
	const char *start;
	enum vt_deadline_unit unit;
	int amount;
	const char *due;
};

static const struct due_case due_cases[] = {
	/* Notification: the 5th working day after the local authority
	   became aware.  Christmas 2026 is a Friday, Boxing Day a Saturday
	   (its substitute Monday 28 December). */
	{ "aware the Friday before Christmas", "2026-12-18",
	  VT_DEADLINE_WORKING_DAYS, 5, "2026-12-29" },
	/* Rapid review: the 15th working day after the notification, over
	   New Year's Day (a Friday in 2027). */
	{ "notified between Christmas and New Year", "2026-12-29",
	  VT_DEADLINE_WORKING_DAYS, 15, "2027-01-20" },
	/* Easter 2027: Good Friday 26 March, Easter Monday 29 March. */
	{ "over Easter", "2027-03-22", VT_DEADLINE_WORKING_DAYS, 5,
	  "2027-03-31" },
	{ "the day before Good Friday", "2027-03-25",
	  VT_DEADLINE_WORKING_DAYS, 1, "2027-03-30" },
	/* Christmas 2027 is a Saturday and Boxing Day a Sunday: both have
	   substitute days, Monday 27 and Tuesday 28 December. */
	{ "over two substitute bank holidays", "2027-12-24",
	  VT_DEADLINE_WORKING_DAYS, 1, "2027-12-29" },
	{ "aware on a Saturday", "2026-11-21", VT_DEADLINE_WORKING_DAYS, 5,
	  "2026-11-27" },
	{ "no working days", "2026-11-21", VT_DEADLINE_WORKING_DAYS, 0,
	  "2026-11-21" },
	/* The final report to the panel: at least 7 working days before
	   publication, counted back. */
	{ "before a publication in January", "2027-01-15",
	  VT_DEADLINE_WORKING_DAYS, -7, "2027-01-06" },
	{ "back over New Year and Christmas", "2027-01-04",
	  VT_DEADLINE_WORKING_DAYS, -7, "2026-12-21" },
	/* Publication: within 6 calendar months of the decision. */
	{ "six months", "2026-12-05", VT_DEADLINE_MONTHS, 6, "2027-06-05" },
	{ "into a shorter month", "2026-08-31", VT_DEADLINE_MONTHS, 6,
	  "2027-02-28" },
	{ "into a leap February", "2027-08-31", VT_DEADLINE_MONTHS, 6,
	  "2028-02-29" },
	{ "over a year's end", "2026-11-30", VT_DEADLINE_MONTHS, 3,
	  "2027-02-28" },
};

static void test_due_dates(void **state)
{
	char due[11];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(due_cases); i++) {
		const struct due_case *c = &due_cases[i];

		assert_int_equal(vt_deadline_due(c->start, c->unit, c->amount,
						 due), VT_OK);
		if (strcmp(due, c->due))
			fail_msg("%s: %s + %d %s is due %s, not %s", c->why,
				 c->start, c->amount,
				 vt_deadline_unit_names[c->unit], due, c->due);
	}
}

struct judge_case {
	const char *why;
	const char *done;		/* NULL: not done */
	const char *today;
	enum vt_deadline_state state;
	bool has_left;
	long left;
};

/* The rapid review of a notification on 29 December 2026: due on
   Wednesday 20 January 2027. */
static const struct judge_case judge_cases[] = {
	{ "done on the day", "2027-01-20", "2027-02-01", VT_DEADLINE_MET,
	  false, 0 },
	{ "done early", "2027-01-04", "2027-01-05", VT_DEADLINE_MET, false,
	  0 },
	{ "done a day late", "2027-01-21", "2027-01-21", VT_DEADLINE_MISSED,
	  false, 0 },
	{ "not done, two working days left", NULL, "2027-01-18",
	  VT_DEADLINE_OPEN, true, 2 },
	{ "not done, due today", NULL, "2027-01-20", VT_DEADLINE_OPEN, true,
	  0 },
	{ "not done, two working days over", NULL, "2027-01-22",
	  VT_DEADLINE_MISSED, true, -2 },
	{ "not done, over a weekend", NULL, "2027-01-24",
	  VT_DEADLINE_MISSED, true, -2 },
	{ "empty is not done", "", "2027-01-04", VT_DEADLINE_OPEN, true,
	  12 },
};

static void test_judged(void **state)
{
	struct vt_deadline d;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(judge_cases); i++) {
		const struct judge_case *c = &judge_cases[i];

		assert_int_equal(vt_deadline_judge("2026-12-29",
						   VT_DEADLINE_WORKING_DAYS,
						   15, c->done, c->today, &d),
				 VT_OK);
		assert_string_equal(d.start, "2026-12-29");
		assert_string_equal(d.due, "2027-01-20");
		assert_string_equal(d.done, c->done ? c->done : "");
		if (d.state != c->state || d.has_left != c->has_left ||
		    (c->has_left && d.working_days_left != c->left))
			fail_msg("%s: %s, %s %ld; expected %s, %s %ld", c->why,
				 vt_deadline_state_names[d.state],
				 d.has_left ? "left" : "none",
				 d.working_days_left,
				 vt_deadline_state_names[c->state],
				 c->has_left ? "left" : "none", c->left);
	}
}

static void test_refused(void **state)
{
	struct vt_deadline d;
	char due[11];

	(void)state;
	assert_int_equal(vt_deadline_due("2026-13-01", VT_DEADLINE_MONTHS, 6,
					 due), VT_EINVAL);
	assert_int_equal(vt_deadline_due("18 December 2026",
					 VT_DEADLINE_WORKING_DAYS, 5, due),
			 VT_EINVAL);
	assert_int_equal(vt_deadline_due(NULL, VT_DEADLINE_MONTHS, 6, due),
			 VT_EINVAL);
	assert_int_equal(vt_deadline_due("2026-12-18", VT_DEADLINE_UNIT__MAX,
					 5, due), VT_EINVAL);
	assert_int_equal(vt_deadline_judge("2026-12-18",
					   VT_DEADLINE_WORKING_DAYS, 5,
					   "yesterday", "2026-12-20", &d),
			 VT_EINVAL);
	assert_int_equal(vt_deadline_judge("2026-12-18",
					   VT_DEADLINE_WORKING_DAYS, 5, NULL,
					   NULL, &d), VT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_dates),
		cmocka_unit_test(test_judged),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
