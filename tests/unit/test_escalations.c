/* Unit tests for escalations: each stage's clock across Christmas, Easter and substitute bank holidays, who may see one, and the causes counted by quarter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/escalations.h"
#include "vitals/model.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct clock_case {
	const char *why;
	const char *raised;
	const char *steps[4];	/* the dates of stages 1.. (NULL ends) */
	const char *resolved;
	bool own;		/* the two-stage protocol below */
	const char *today;
	int stage;
	const char *due;	/* of the current stage */
	enum vt_deadline_state state;
	long left;		/* when not done */
	bool past;
	enum vt_deadline_state first; /* stage 1's, when there is a stage 2 */
};

static struct vt_escalation_stage own_stages[] = {
	{ (char *)"Team managers", 3 },
	{ (char *)"Partnership executive", 15 },
};

static void test_clocks(void **state)
{
	static const struct clock_case cases[] = {
		{ "stage 1 over Christmas 2026: Boxing Day's substitute on "
		  "Monday 28th", "2026-12-18", { NULL }, NULL, false,
		  "2026-12-23", 1, "2026-12-29", VT_DEADLINE_OPEN, 2, false,
		  0 },
		{ "the day after: past its timescale", "2026-12-18",
		  { "2026-12-18" }, NULL, false, "2026-12-30", 1,
		  "2026-12-29", VT_DEADLINE_MISSED, -1, true, 0 },
		{ "Christmas 2027 on a weekend: substitutes on the 27th and "
		  "28th", "2027-12-22", { NULL }, NULL, false, "2027-12-24",
		  1, "2027-12-31", VT_DEADLINE_OPEN, 3, false, 0 },
		{ "New Year's Day 2028 on a Saturday: its substitute Monday "
		  "3 January is no working day over", "2027-12-22", { NULL },
		  NULL, false, "2028-01-04", 1, "2027-12-31",
		  VT_DEADLINE_MISSED, -1, true, 0 },
		{ "escalated in time before Easter 2027: stage 2 over Good "
		  "Friday and Easter Monday", "2027-03-24",
		  { "2027-03-24", "2027-03-25" }, NULL, false, "2027-03-25",
		  2, "2027-04-05", VT_DEADLINE_OPEN, 5, false,
		  VT_DEADLINE_MET },
		{ "stage 2 on its due day is still open", "2027-03-24",
		  { "2027-03-24", "2027-04-01" }, NULL, false, "2027-04-08",
		  2, "2027-04-08", VT_DEADLINE_OPEN, 0, false,
		  VT_DEADLINE_MET },
		{ "stage 2 the day after", "2027-03-24",
		  { "2027-03-24", "2027-04-01" }, NULL, false, "2027-04-09",
		  2, "2027-04-08", VT_DEADLINE_MISSED, -1, true,
		  VT_DEADLINE_MET },
		{ "escalated late: stage 1 missed", "2026-12-18",
		  { "2026-12-18", "2027-01-04" }, NULL, false, "2027-01-06",
		  2, "2027-01-11", VT_DEADLINE_OPEN, 3, false,
		  VT_DEADLINE_MISSED },
		{ "resolved late is missed but no longer flagged",
		  "2026-12-18", { "2026-12-18" }, "2027-01-05", false,
		  "2027-02-01", 1, "2026-12-29", VT_DEADLINE_MISSED, 0, false,
		  0 },
		{ "resolved in time over Easter", "2027-03-24", { NULL },
		  "2027-04-02", false, "2027-05-01", 1, "2027-04-02",
		  VT_DEADLINE_MET, 0, false, 0 },
		{ "the partnership's own first stage, three working days over "
		  "the spring bank holiday", "2027-05-28", { NULL }, NULL,
		  true, "2027-06-01", 1, "2027-06-03", VT_DEADLINE_OPEN, 2,
		  false, 0 },
		{ "the partnership's own second stage, fifteen working days "
		  "over the summer bank holiday", "2027-08-20",
		  { "2027-08-20", "2027-08-23" }, NULL, true, "2027-09-13", 2,
		  "2027-09-14", VT_DEADLINE_OPEN, 1, false, VT_DEADLINE_MET },
	};
	struct vt_partnership own = { .escalation_stages = own_stages,
				      .nescalation_stages = 2 };
	size_t i, j;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const struct clock_case *c = &cases[i];
		struct vt_escalation_step steps[4];
		struct vt_escalation e = {
			.ref = (char *)"ESC-1", .raised = (char *)c->raised,
			.raised_by = (char *)"police",
			.about = (char *)"scc-csc",
			.resolved = (char *)c->resolved,
			.outcome = c->resolved ? (char *)"agreed" : NULL,
			.steps = steps,
		};
		struct vt_escalation_state st;
		const struct vt_deadline *d;

		memset(steps, 0, sizeof(steps));
		for (j = 0; j < 4 && c->steps[j]; j++) {
			steps[j].stage = (int64_t)j + 1;
			steps[j].date = (char *)c->steps[j];
		}
		e.nsteps = j;
		if (vt_escalation_judge(&e, c->own ? &own : NULL, c->today,
					&st))
			fail_msg("%s: not judged", c->why);
		d = &st.steps[st.nsteps - 1].clock;
		if (st.stage != c->stage || strcmp(d->due, c->due) ||
		    d->state != c->state || st.past_timescale != c->past)
			fail_msg("%s: stage %d due %s %s past %d", c->why,
				 st.stage, d->due,
				 vt_deadline_state_names[d->state],
				 st.past_timescale);
		if (d->has_left != !c->resolved ||
		    (d->has_left && d->working_days_left != c->left))
			fail_msg("%s: %ld working days left", c->why,
				 d->working_days_left);
		if (st.nsteps > 1 && st.steps[0].clock.state != c->first)
			fail_msg("%s: stage 1 %s", c->why,
				 vt_deadline_state_names[st.steps[0].clock.state]);
		if (st.open == !!c->resolved)
			fail_msg("%s: open %d", c->why, st.open);
	}
}

static void test_protocol(void **state)
{
	struct vt_partnership own = { .escalation_stages = own_stages,
				      .nescalation_stages = 2 };
	struct vt_escalation_step steps[3] = {
		{ 1, (char *)"2027-01-04", NULL },
		{ 2, (char *)"2027-01-05", NULL },
		{ 3, (char *)"2027-01-06", NULL },
	};
	struct vt_escalation e = {
		.ref = (char *)"ESC-1", .raised = (char *)"2027-01-04",
		.raised_by = (char *)"police", .about = (char *)"scc-csc",
		.steps = steps, .nsteps = 3,
	};
	struct vt_escalation_state st;

	(void)state;
	assert_int_equal(vt_escalation_stage_count(NULL), 4);
	assert_string_equal(vt_escalation_stage_at(NULL, 4)->name,
			    "Safeguarding Executive Group");
	assert_int_equal(vt_escalation_stage_at(NULL, 3)->days, 10);
	assert_null(vt_escalation_stage_at(NULL, 5));
	assert_null(vt_escalation_stage_at(NULL, 0));
	assert_int_equal(vt_escalation_stage_count(&own), 2);
	/* Stage 3 exists in the default protocol, not in the own one. */
	assert_int_equal(vt_escalation_judge(&e, NULL, "2027-01-07", &st),
			 VT_OK);
	assert_string_equal(st.steps[2].name, "Head of service");
	assert_int_equal(vt_escalation_judge(&e, &own, "2027-01-07", &st),
			 VT_EINVAL);
	assert_int_equal(vt_escalation_judge(&e, NULL, "2027-13-07", &st),
			 VT_EINVAL);
}

static void test_visible(void **state)
{
	struct vt_escalation e = { .raised_by = (char *)"police",
				   .about = (char *)"scc-csc" };

	(void)state;
	assert_true(vt_escalation_visible(&e, "police"));
	assert_true(vt_escalation_visible(&e, "scc-csc"));
	assert_false(vt_escalation_visible(&e, "education"));
	assert_false(vt_escalation_visible(&e, NULL));
	assert_true(vt_escalation_visible_to(&e, VT_ROLE_AGENCY_LEAD,
					     "scc-csc"));
	assert_false(vt_escalation_visible_to(&e, VT_ROLE_AGENCY_LEAD,
					      "education"));
	assert_true(vt_escalation_visible_to(&e, VT_ROLE_SCRUTINEER, NULL));
	assert_true(vt_escalation_visible_to(&e, VT_ROLE_CHAIR,
					     "education"));
	assert_true(vt_escalation_visible_to(&e, VT_ROLE_ADMIN, NULL));
	assert_false(vt_escalation_visible_to(&e, VT_ROLE_VIEWER, "police"));
	assert_true(vt_escalation_visible_to(&e, VT_ROLE_ANALYST, NULL));
}

static void add_agency(struct vt_def *def, const char *code)
{
	struct vt_agency *a;

	assert_int_equal(vt_def_append(def, VT_KIND_AGENCY, (void **)&a),
			 VT_OK);
	a->code = strdup(code);
	a->name = strdup(code);
}

static void add_escalation(struct vt_def *def, const char *ref,
			   const char *raised, const char *about,
			   const char *theme, int reached)
{
	struct vt_escalation *e;
	int i;

	assert_int_equal(vt_def_append(def, VT_KIND_ESCALATION, (void **)&e),
			 VT_OK);
	e->ref = strdup(ref);
	e->raised = strdup(raised);
	e->raised_by = strdup("police");
	e->raised_role = strdup("designated safeguarding lead");
	e->about = strdup(about);
	e->theme = strdup(theme);
	if (!reached)
		return;		/* stage 1 from the day it was raised */
	e->steps = calloc((size_t)reached, sizeof(*e->steps));
	assert_non_null(e->steps);
	for (i = 0; i < reached; i++) {
		e->steps[i].stage = i + 1;
		e->steps[i].date = strdup(raised);
	}
	e->nsteps = (size_t)reached;
}

static size_t theme_count(const struct vt_escalation_causes *c, size_t q,
			  const char *theme)
{
	size_t i;

	for (i = 0; i < c->nthemes; i++)
		if (!strcmp(c->themes[i], theme))
			return c->quarters[q].by_theme[i];
	fail_msg("no theme %s", theme);
	return 0;
}

static void test_causes(void **state)
{
	struct vt_escalation_causes c;
	struct vt_partnership *p;
	struct vt_def def;
	json_t *j;

	(void)state;
	vt_def_init(&def);
	assert_int_equal(vt_def_append(&def, VT_KIND_PARTNERSHIP,
				       (void **)&p), VT_OK);
	p->code = strdup("p");
	p->fy_start_month = 4;
	add_agency(&def, "a");
	add_agency(&def, "b");
	add_agency(&def, "c");
	add_escalation(&def, "E1", "2026-01-10", "a", "thresholds", 2);
	add_escalation(&def, "E2", "2026-03-31", "b", "plans", 0);
	add_escalation(&def, "E3", "2026-07-01", "a", "other", 3);

	assert_int_equal(vt_escalation_causes(&def, NULL, &c), VT_OK);
	/* 2026Q2 had none and is counted as such. */
	assert_int_equal(c.nquarters, 3);
	assert_string_equal(c.quarters[0].period, "2026Q1");
	assert_string_equal(c.quarters[1].period, "2026Q2");
	assert_string_equal(c.quarters[2].period, "2026Q3");
	assert_int_equal(c.quarters[0].total, 2);
	assert_int_equal(c.quarters[1].total, 0);
	assert_int_equal(c.quarters[2].total, 1);
	assert_int_equal(c.nthemes, 5);
	assert_int_equal(theme_count(&c, 0, "thresholds"), 1);
	assert_int_equal(theme_count(&c, 0, "plans"), 1);
	assert_int_equal(theme_count(&c, 0, "other"), 0);
	assert_int_equal(theme_count(&c, 2, "other"), 1);
	/* Only agencies escalated about, in the definition's order. */
	assert_int_equal(c.nagencies, 2);
	assert_string_equal(c.agencies[0], "a");
	assert_string_equal(c.agencies[1], "b");
	assert_int_equal(c.quarters[0].by_about[0], 1);
	assert_int_equal(c.quarters[0].by_about[1], 1);
	assert_int_equal(c.quarters[2].by_about[0], 1);
	assert_int_equal(c.nstages, 4);
	assert_int_equal(c.quarters[0].by_stage[0], 1);
	assert_int_equal(c.quarters[0].by_stage[1], 1);
	assert_int_equal(c.quarters[2].by_stage[2], 1);
	assert_false(c.has_trend);
	j = vt_escalation_causes_json(&c, 4);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(json_object_get(j, "quarters"), 0), "label")),
		"2025-26 Q4");
	assert_true(json_is_null(json_object_get(j, "trend")));
	json_decref(j);
	vt_escalation_causes_release(&c);

	/* What agency b may see. */
	assert_int_equal(vt_escalation_causes(&def, "b", &c), VT_OK);
	assert_int_equal(c.nquarters, 1);
	assert_int_equal(c.quarters[0].total, 1);
	assert_int_equal(c.nagencies, 1);
	vt_escalation_causes_release(&c);

	/* Six quarters: a trend. */
	add_escalation(&def, "E4", "2026-10-01", "c", "attendance", 0);
	add_escalation(&def, "E5", "2027-01-15", "c", "attendance", 0);
	add_escalation(&def, "E6", "2027-06-30", "c", "attendance", 0);
	assert_int_equal(vt_escalation_causes(&def, NULL, &c), VT_OK);
	assert_int_equal(c.nquarters, 6);
	assert_int_equal(c.nagencies, 3);
	assert_true(c.has_trend);
	assert_int_equal(c.trend.n, 6);
	j = vt_escalation_causes_json(&c, 4);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(json_object_get(j, "trend"),
						 "provisional")));
	json_decref(j);
	vt_escalation_causes_release(&c);

	/* No escalations: no quarters. */
	vt_def_release(&def);
	vt_def_init(&def);
	assert_int_equal(vt_escalation_causes(&def, NULL, &c), VT_OK);
	assert_int_equal(c.nquarters, 0);
	vt_escalation_causes_release(&c);
	vt_def_release(&def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clocks),
		cmocka_unit_test(test_protocol),
		cmocka_unit_test(test_visible),
		cmocka_unit_test(test_causes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
