/* Unit tests for the action tracker's derived states on a fixed day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/actions.h"

/* Every test looks at the tracker as on this day. */
#define TODAY "2026-11-23"

static struct vt_action_update recent[] = {
	{ "2026-11-20", VT_RAG_AMBER, "on track again", NULL, NULL, false },
	{ "2026-10-01", VT_RAG_RED, "behind", NULL, NULL, false },
};
static struct vt_action_update old[] = {
	{ "2026-10-18", VT_RAG_GREEN, "fine", NULL, NULL, false },
};
static struct vt_action_update edge[] = {
	{ "2026-10-19", VT_RAG_RED, "needs scrutiny", NULL, NULL, false },
};

/*
 * a1: amber, updated 3 days ago (the later update comes first), due
 *     yesterday: overdue, not stale;
 * a2: green, last update 36 days ago, due today: stale, not overdue;
 * a3: red, updated exactly 35 days ago, no due date: neither;
 * a4: blue (complete), never updated, long past due: neither;
 * a5: amber, never updated, other agency: stale.
 */
static struct vt_action_measure m1[] = { { "m1" } };
static struct vt_action_measure m1m2[] = { { "m2" }, { "m1" } };

static struct vt_action actions[] = {
	{ "a1", "pl", "police", "One", "DCI", NULL, "2026-11-22",
	  VT_RAG_AMBER, m1, 1, recent, 2, NULL, NULL, NULL, false, 0, NULL, NULL, 0 },
	{ "a2", "pl", "police", "Two", NULL, "pr1", "2026-11-23",
	  VT_RAG_GREEN, m1m2, 2, old, 1, NULL, NULL, NULL, false, 0, NULL, NULL, 0 },
	{ "a3", "pl", "police", "Three", NULL, "pr1", NULL, VT_RAG_RED,
	  NULL, 0, edge, 1, NULL, NULL, NULL, false, 0, NULL, NULL, 0 },
	{ "a4", "pl", "police", "Four", NULL, NULL, "2020-01-01",
	  VT_RAG_BLUE, m1m2, 2, NULL, 0, NULL, NULL, NULL, false, 0, NULL, NULL, 0 },
	{ "a5", "other", "la", "Five", NULL, NULL, NULL, VT_RAG_AMBER,
	  NULL, 0, NULL, 0, NULL, NULL, NULL, false, 0, NULL, NULL, 0 },
};

static struct vt_priority priorities[] = {
	{ "pr1", "pl", "2", "Second priority", NULL, NULL, NULL, NULL },
};

static void tracker(struct vt_def *def)
{
	size_t i;

	vt_def_init(def);
	def->tables[VT_KIND_ACTION].items = actions;
	def->tables[VT_KIND_ACTION].n = sizeof(actions) / sizeof(actions[0]);
	for (i = 0; i < def->tables[VT_KIND_ACTION].n; i++)
		assert_string_equal(((struct vt_action *)vt_def_at(def,
			VT_KIND_ACTION, i))->code, actions[i].code);
}

static const struct vt_action_row *row_of(const struct vt_action_report *r,
					  const char *code)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (!strcmp(r->rows[i].action->code, code))
			return &r->rows[i];
	return NULL;
}

/* A query of two fields: sort ([0][0]) and dir ([1][0]). */
static const char *field_of(void *arg, const char *name)
{
	const char *(*fields)[2] = arg;

	return !strcmp(name, "sort") ? fields[0][0] :
	       !strcmp(name, "dir") ? fields[1][0] : NULL;
}

static void test_derived_states(void **state)
{
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_report(&def, NULL, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 5);
	assert_true(row_of(&r, "a1")->overdue);
	assert_false(row_of(&r, "a1")->stale);
	assert_string_equal(row_of(&r, "a1")->last->note, "on track again");
	assert_int_equal(row_of(&r, "a1")->days_since_update, 3);
	assert_false(row_of(&r, "a2")->overdue);
	assert_true(row_of(&r, "a2")->stale);
	assert_false(row_of(&r, "a3")->overdue);
	assert_false(row_of(&r, "a3")->stale);
	assert_false(row_of(&r, "a4")->overdue);
	assert_false(row_of(&r, "a4")->stale);
	assert_int_equal(row_of(&r, "a4")->days_since_update, -1);
	assert_true(row_of(&r, "a5")->stale);
	assert_int_equal(r.overdue, 1);
	assert_int_equal(r.stale, 2);
	assert_int_equal(r.by_rag[VT_RAG_RED], 1);
	assert_int_equal(r.by_rag[VT_RAG_AMBER], 2);
	assert_int_equal(r.by_rag[VT_RAG_GREEN], 1);
	assert_int_equal(r.by_rag[VT_RAG_BLUE], 1);
	vt_action_report_release(&r);

	/* A day later a3 is stale too; the interval is the caller's. */
	assert_int_equal(vt_actions_report(&def, NULL, "2026-11-24", 35, &r),
			 VT_OK);
	assert_true(row_of(&r, "a3")->stale);
	vt_action_report_release(&r);
	assert_int_equal(vt_actions_report(&def, NULL, TODAY, 60, &r), VT_OK);
	assert_int_equal(r.stale, 1);
	vt_action_report_release(&r);
}

/* Quarterly actions go stale a quarter later than monthly ones. */
static void test_stale_after(void **state)
{
	static const struct {
		int cadence;
		long stale_days, want;
	} cases[] = {
		{ VT_ACTION_MONTHLY, 35, 35 },
		{ VT_ACTION_QUARTERLY, 35, 96 },
		{ VT_ACTION_MONTHLY, 10, 10 },
		{ VT_ACTION_QUARTERLY, 10, 71 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(vt_action_stale_after(cases[i].cadence,
						       cases[i].stale_days),
				 cases[i].want);
}

static struct vt_action_update redgreen[] = {
	{ "2025-08-12", VT_RAG_RED, "slipped", NULL, NULL, false },
	{ "2026-02-10", VT_RAG_GREEN, "back on track", NULL, NULL, false },
};
static struct vt_action_update sixty[] = {
	{ "2026-01-01", VT_RAG_AMBER, NULL, NULL, NULL, false },
};
static struct vt_action_update june[] = {
	{ "2025-06-01", VT_RAG_GREEN, NULL, NULL, NULL, false },
};

/* Ratings as at a day, cadence, and a discharge. */
static struct vt_action lives[] = {
	{ .code = "rg", .plan = "pl", .agency = "la", .title = "Red then green",
	  .rag = VT_RAG_GREEN, .updates = redgreen, .nupdates = 2 },
	{ .code = "q", .plan = "pl", .agency = "la", .title = "Quarterly",
	  .rag = VT_RAG_AMBER, .updates = sixty, .nupdates = 1,
	  .cadence = VT_ACTION_QUARTERLY },
	{ .code = "m", .plan = "pl", .agency = "la", .title = "Monthly",
	  .rag = VT_RAG_AMBER, .updates = sixty, .nupdates = 1 },
	{ .code = "d", .plan = "pl", .agency = "la", .title = "Discharged",
	  .rag = VT_RAG_GREEN, .due = "2025-12-31", .updates = june,
	  .nupdates = 1, .discharged = "2025-10-01" },
};

static void test_life(void **state)
{
	struct vt_action_filter f = { .rag = -1, .as_at = true };
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	vt_def_init(&def);
	def.tables[VT_KIND_ACTION].items = lives;
	def.tables[VT_KIND_ACTION].n = sizeof(lives) / sizeof(lives[0]);
	/* Now, 60 days after q's and m's update: m stale, q not; d green,
	   counted green, discharged, neither open, overdue nor stale. */
	assert_int_equal(vt_actions_report(&def, NULL, "2026-03-02", 35, &r),
			 VT_OK);
	assert_int_equal(row_of(&r, "m")->days_since_update, 60);
	assert_true(row_of(&r, "m")->stale);
	assert_false(row_of(&r, "q")->stale);
	assert_true(row_of(&r, "d")->discharged);
	assert_false(row_of(&r, "d")->stale);
	assert_false(row_of(&r, "d")->overdue);
	assert_int_equal(row_of(&r, "rg")->rag, VT_RAG_GREEN);
	assert_int_equal(r.by_rag[VT_RAG_GREEN], 2);
	assert_int_equal(r.discharged, 1);
	assert_int_equal(r.open, 3);
	vt_action_report_release(&r);
	/* As at the end of September 2025: rg red, q and m not begun, d
	   not yet discharged, so open and stale. */
	assert_int_equal(vt_actions_report(&def, &f, "2025-09-30", 35, &r),
			 VT_OK);
	assert_int_equal(r.nrows, 2);
	assert_null(row_of(&r, "q"));
	assert_null(row_of(&r, "m"));
	assert_int_equal(row_of(&r, "rg")->rag, VT_RAG_RED);
	assert_string_equal(row_of(&r, "rg")->last->date, "2025-08-12");
	assert_false(row_of(&r, "d")->discharged);
	assert_true(row_of(&r, "d")->stale);
	assert_int_equal(r.by_rag[VT_RAG_RED], 1);
	assert_int_equal(r.open, 2);
	vt_action_report_release(&r);
	/* A rating asked for is the rating as at the day. */
	f.rag = VT_RAG_RED;
	assert_int_equal(vt_actions_report(&def, &f, "2025-09-30", 35, &r),
			 VT_OK);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].action->code, "rg");
	vt_action_report_release(&r);
}

static void test_filters(void **state)
{
	struct vt_action_filter f = { NULL, NULL, NULL, -1, false, false,
				      NULL, false, false, NULL, NULL };
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	f.agency = "police";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 4);
	vt_action_report_release(&r);
	f.agency = NULL;
	f.priority = "pr1";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 2);
	vt_action_report_release(&r);
	/* A priority by the number its plan gives it. */
	def.tables[VT_KIND_PRIORITY].items = priorities;
	def.tables[VT_KIND_PRIORITY].n = 1;
	f.priority = "2";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 2);
	assert_string_equal(r.rows[0].action->code, "a2");
	vt_action_report_release(&r);
	f.priority = "3";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 0);
	vt_action_report_release(&r);
	f.priority = NULL;
	f.rag = VT_RAG_AMBER;
	f.stale_only = true;
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].action->code, "a5");
	assert_int_equal(r.by_rag[VT_RAG_AMBER], 1);
	vt_action_report_release(&r);
	f.rag = -1;
	f.stale_only = false;
	f.overdue_only = true;
	f.plan = "pl";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].action->code, "a1");
	vt_action_report_release(&r);
}

/* The search finds words in the reference, title or owner, in any case. */
static void test_search(void **state)
{
	struct vt_action_filter f = { NULL, NULL, NULL, -1, false, false,
				      "hre", false, false, NULL, NULL };
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].action->code, "a3");
	vt_action_report_release(&r);
	f.search = "dci";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].action->code, "a1");
	vt_action_report_release(&r);
	f.search = "A5";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 1);
	assert_string_equal(r.rows[0].action->code, "a5");
	vt_action_report_release(&r);
	f.search = "nowhere";
	assert_int_equal(vt_actions_report(&def, &f, TODAY, 35, &r), VT_OK);
	assert_int_equal(r.nrows, 0);
	vt_action_report_release(&r);
}

static void assert_order(const struct vt_action_report *r, const char *want)
{
	char got[64] = "";
	size_t i;

	for (i = 0; i < r->nrows; i++)
		strcat(got, r->rows[i].action->code);
	assert_string_equal(got, want);
}

/* Each column both ways; blanks last either way; ties keep the order
   they came in (each sort here starts from the last one's). */
static void test_sort(void **state)
{
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_report(&def, NULL, TODAY, 35, &r), VT_OK);
	vt_actions_sort(&r, VT_ACTION_SORT_DUE, false);
	assert_order(&r, "a4a1a2a3a5");
	vt_actions_sort(&r, VT_ACTION_SORT_DUE, true);
	assert_order(&r, "a2a1a4a3a5");
	vt_actions_sort(&r, VT_ACTION_SORT_RAG, false);
	assert_order(&r, "a3a1a5a2a4");
	vt_actions_sort(&r, VT_ACTION_SORT_RAG, true);
	assert_order(&r, "a4a2a1a5a3");
	vt_actions_sort(&r, VT_ACTION_SORT_TITLE, false);
	assert_order(&r, "a5a4a1a3a2");
	vt_actions_sort(&r, VT_ACTION_SORT_AGENCY, true);
	assert_order(&r, "a4a1a3a2a5");
	vt_actions_sort(&r, VT_ACTION_SORT_UPDATED, true);
	assert_order(&r, "a1a3a2a4a5");
	vt_actions_sort(&r, VT_ACTION_SORT_REF, false);
	assert_order(&r, "a1a2a3a4a5");
	vt_action_report_release(&r);
}

/* Unknown columns and directions are refused by field, never ignored. */
static void test_order_read(void **state)
{
	static const char *fields[2][2];
	struct vt_diagq dq;
	enum vt_action_sort sort;
	bool down;
	struct vt_query q;

	(void)state;
	q.get = field_of;
	q.arg = fields;
	q.fy_start = NULL;
	vt_diagq_init(&dq);
	fields[0][0] = "due";
	fields[1][0] = "desc";
	assert_int_equal(vt_action_order_read(&q, &sort, &down, &dq), VT_OK);
	assert_int_equal(sort, VT_ACTION_SORT_DUE);
	assert_true(down);
	fields[0][0] = "colour";
	fields[1][0] = NULL;
	assert_int_equal(vt_action_order_read(&q, &sort, &down, &dq),
			 VT_EINVAL);
	assert_string_equal(dq.items[0].field, "sort");
	fields[0][0] = NULL;
	fields[1][0] = "up";
	assert_int_equal(vt_action_order_read(&q, &sort, &down, &dq),
			 VT_EINVAL);
	assert_string_equal(dq.items[1].field, "dir");
	vt_diagq_release(&dq);
}

/* The partnership's interval when it sets one, else 35 days. */
static void test_stale_interval(void **state)
{
	struct vt_partnership p = { .code = "x", .name = "X",
		.fy_start_month = 4, .return_due_days = 20,
		.action_update_days = 10 };
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_stale_days(&def), VT_ACTION_STALE_DAYS);
	def.tables[VT_KIND_PARTNERSHIP].items = &p;
	def.tables[VT_KIND_PARTNERSHIP].n = 1;
	assert_int_equal(vt_actions_stale_days(&def), 10);
	/* Ten days: a1 (updated 3 days ago) alone is fresh; a4 is done. */
	assert_int_equal(vt_actions_report(&def, NULL, TODAY,
					   vt_actions_stale_days(&def), &r),
			 VT_OK);
	assert_int_equal(r.stale, 3);
	assert_int_equal(r.stale_days, 10);
	vt_action_report_release(&r);
}

/* m1 is moved by a1 (amber), a2 and a4; m2 by a2 (green), a4 (blue). */
static void test_linked_to_measures(void **state)
{
	const struct vt_action **list;
	struct vt_def def;
	size_t n;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_for_measure(&def, "m1", &list, &n), VT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0]->code, "a1");
	assert_string_equal(list[1]->code, "a2");
	assert_string_equal(list[2]->code, "a4");
	free(list);
	assert_int_equal(vt_actions_for_measure(&def, "m9", &list, &n), VT_OK);
	assert_int_equal(n, 0);
	free(list);
	assert_false(vt_actions_all_green(&def, "m1"));
	assert_true(vt_actions_all_green(&def, "m2"));
	/* No action at all is not "all green": nothing says all is well. */
	assert_false(vt_actions_all_green(&def, "m9"));
	actions[0].rag = VT_RAG_GREEN;
	assert_true(vt_actions_all_green(&def, "m1"));
	actions[0].rag = VT_RAG_AMBER;
}

static void test_rag_names(void **state)
{
	(void)state;
	assert_int_equal(vt_rag_parse("red"), VT_RAG_RED);
	assert_int_equal(vt_rag_parse("Amber"), VT_RAG_AMBER);
	assert_int_equal(vt_rag_parse("G"), VT_RAG_GREEN);
	assert_int_equal(vt_rag_parse("b"), VT_RAG_BLUE);
	assert_int_equal(vt_rag_parse("purple"), -1);
	assert_int_equal(vt_rag_parse("gr"), -1);
	assert_int_equal(vt_rag_parse(""), -1);
	assert_int_equal(vt_rag_parse(NULL), -1);
	assert_string_equal(vt_action_latest(&actions[0])->date, "2026-11-20");
	assert_null(vt_action_latest(&actions[3]));
}

/* a2 moved twice, a9 (not in the tracker) once: one action slipped. */
static void test_slips_counted(void **state)
{
	struct vt_action_slip slips[] = {
		{ "a2", "2026-10-01", "2026-11-01", "2026-09-20T10:00:00Z", "x" },
		{ "a9", "2026-10-01", "2026-11-01", "2026-09-20T10:00:00Z", "x" },
		{ "a2", "2026-11-01", "2026-11-23", "2026-10-20T10:00:00Z", "x" },
	};
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_report(&def, NULL, TODAY, 35, &r), VT_OK);
	vt_actions_mark_slipped(&r, slips, 3);
	assert_int_equal(r.slipped, 1);
	assert_int_equal(row_of(&r, "a2")->slips, 2);
	assert_int_equal(row_of(&r, "a1")->slips, 0);
	vt_actions_mark_slipped(&r, slips, 0);
	assert_int_equal(r.slipped, 0);
	vt_action_report_release(&r);
}

static void test_refused(void **state)
{
	struct vt_action_report r;
	struct vt_def def;

	(void)state;
	tracker(&def);
	assert_int_equal(vt_actions_report(&def, NULL, "23/11/2026", 35, &r),
			 VT_EINVAL);
	assert_int_equal(r.nrows, 0);
	assert_int_equal(vt_actions_report(&def, NULL, TODAY, -1, &r),
			 VT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derived_states),
		cmocka_unit_test(test_stale_after),
		cmocka_unit_test(test_life),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_order_read),
		cmocka_unit_test(test_stale_interval),
		cmocka_unit_test(test_linked_to_measures),
		cmocka_unit_test(test_rag_names),
		cmocka_unit_test(test_slips_counted),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
