/* Unit tests for objectives: which objectives a measure or action may serve, and each objective with what serves it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/defjson.h"
#include "vitals/objectives.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Plan 'sp' (priorities sp1 with objectives o1 and o2, sp2 with o3) lists
 * the police's measure 'pm' among its supporting measures; the police
 * plan 'pp' has priority pp1 with objective po1.
 */
#define BASE \
	"\"agencies\": [{\"code\": \"police\", \"name\": \"Police\", " \
	"\"sector\": \"police\", \"kind\": \"statutory-partner\"}], " \
	"\"plans\": [{\"code\": \"sp\", \"title\": \"S\", \"kind\": " \
	"\"strategic\", \"supporting\": [\"pm\"]}, {\"code\": \"pp\", " \
	"\"title\": \"P\", \"kind\": \"single-agency\", \"agency\": " \
	"\"police\"}], " \
	"\"priorities\": [{\"code\": \"sp1\", \"plan\": \"sp\", \"number\": " \
	"\"1\", \"title\": \"One\"}, {\"code\": \"sp2\", \"plan\": \"sp\", " \
	"\"number\": \"2\", \"title\": \"Two\"}, {\"code\": \"pp1\", " \
	"\"plan\": \"pp\", \"number\": \"1\", \"title\": \"P one\"}], " \
	"\"objectives\": [{\"code\": \"o1\", \"priority\": \"sp1\", " \
	"\"number\": \"1.1\", \"text\": \"A\"}, {\"code\": \"o2\", " \
	"\"priority\": \"sp1\", \"number\": \"1.2\", \"text\": \"B\"}, " \
	"{\"code\": \"o3\", \"priority\": \"sp2\", \"number\": \"2.1\", " \
	"\"text\": \"C\"}, {\"code\": \"po1\", \"priority\": \"pp1\", " \
	"\"number\": \"1.1\", \"text\": \"D\"}]"

#define MEASURE(code, plan, objs) \
	"{\"code\": \"" code "\", \"title\": \"M\", \"plan\": \"" plan "\", " \
	"\"agency\": \"police\", \"direction\": \"reduce\", \"unit\": " \
	"\"count\", \"frequency\": \"quarterly\", \"objectives\": " objs "}"
/* the supporting measure, serving nothing */
#define PM MEASURE("pm", "pp", "[]")
#define ACTION(code, plan, pr, objs) \
	"{\"code\": \"" code "\", \"plan\": \"" plan "\", \"agency\": " \
	"\"police\", \"title\": \"A\", \"rag\": \"amber\", \"priority\": " \
	"\"" pr "\", \"objectives\": " objs "}"

static void read_checked(const char *text, struct vt_def *def,
			 struct vt_diagq *dq)
{
	struct vt_defsrc src;
	struct vt_check ck;

	vt_def_init(def);
	vt_diagq_init(dq);
	assert_int_equal(vt_defjson_read_mem("t.json", text, strlen(text),
					     &src, def, dq), VT_OK);
	if (dq->errors == 0) {
		vt_defsrc_check(&src, dq, &ck);
		assert_int_equal(vt_def_check(def, &ck), VT_OK);
	}
	vt_defsrc_release(&src);
}

/* Which objectives a measure or an action may serve: NULL, allowed. */
static void test_rules(void **state)
{
	static const struct {
		const char *records, *want;
	} cases[] = {
		{ "\"measures\": [" PM ", "
		  MEASURE("m", "sp", "[\"o1\", \"o3\"]") "]",
		  NULL },
		{ "\"measures\": [" PM ", "
		  MEASURE("m", "sp", "[\"o9\"]") "]",
		  "objectives[0]: objective 'o9' does not exist" },
		{ "\"measures\": [" PM ", "
		  MEASURE("m", "sp", "[\"o1\", \"o1\"]") "]",
		  "objectives[1]: objective 'o1' is linked twice" },
		/* another plan's objective */
		{ "\"measures\": [" PM ", "
		  MEASURE("m", "sp", "[\"po1\"]") "]",
		  "objectives[0]: objective 'po1' is of plan 'pp', not 'sp'" },
		/* the supporting measure serves the plan that lists it */
		{ "\"measures\": [" MEASURE("pm", "pp", "[\"po1\", \"o2\"]")
		  "]", NULL },
		{ "\"measures\": [" PM "], \"actions\": ["
		  ACTION("a", "sp", "sp1", "[\"o1\", \"o3\"]")
		  "]", NULL },
		/* an action serves its own plan's only */
		{ "\"measures\": [" PM "], \"actions\": ["
		  ACTION("a", "pp", "pp1", "[\"o1\"]") "]",
		  "objectives[0]: objective 'o1' is of plan 'sp', not 'pp'" },
		{ "\"measures\": [" PM "], \"actions\": ["
		  ACTION("a", "sp", "sp1", "[\"o2\", \"o2\"]")
		  "]", "objectives[1]: objective 'o2' is linked twice" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		char text[8192];
		struct vt_def def;
		struct vt_diagq dq;

		snprintf(text, sizeof(text), "{\"vitals\": 1, " BASE ", %s}",
			 cases[i].records);
		read_checked(text, &def, &dq);
		if (!cases[i].want && dq.errors)
			fail_msg("case %zu refused: %s", i,
				 dq.items[0].message);
		if (cases[i].want && (dq.errors != 1 ||
				      !strstr(dq.items[0].message,
					      cases[i].want)))
			fail_msg("case %zu: %zu errors, '%s', want '%s'", i,
				 dq.errors, dq.errors ?
				 dq.items[0].message : "", cases[i].want);
		vt_diagq_release(&dq);
		vt_def_release(&def);
	}
}

/* Each objective with its measures (by index) and actions; a priority's
   actions that serve none of its objectives. */
static void test_items(void **state)
{
	static const char text[] = "{\"vitals\": 1, " BASE ", "
		"\"measures\": [" MEASURE("m1", "sp", "[\"o1\"]") ", "
		MEASURE("pm", "pp", "[\"o1\", \"po1\"]") "], "
		"\"actions\": [" ACTION("a1", "sp", "sp1", "[\"o1\", \"o2\"]")
		", " ACTION("a2", "sp", "sp1", "[\"o3\"]") ", "
		ACTION("a3", "sp", "sp2", "[\"o3\"]") "]}";
	struct vt_objective_item *items = NULL;
	const struct vt_action **others = NULL;
	struct vt_def def;
	struct vt_diagq dq;
	size_t n = 0, nothers = 0;

	(void)state;
	read_checked(text, &def, &dq);
	assert_int_equal(dq.errors, 0);
	/* plan sp: o1, o2, o3 in order */
	assert_int_equal(vt_objective_items(&def, "sp", NULL, &items, &n),
			 VT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].objective->code, "o1");
	assert_int_equal(items[0].nmeasures, 2);
	assert_int_equal(items[0].measures[0], 0);
	assert_int_equal(items[0].measures[1], 1);
	assert_int_equal(items[0].nactions, 1);
	assert_string_equal(items[0].actions[0]->code, "a1");
	assert_string_equal(items[1].objective->code, "o2");
	assert_int_equal(items[1].nmeasures, 0);
	assert_int_equal(items[1].nactions, 1);
	assert_string_equal(items[2].objective->code, "o3");
	assert_int_equal(items[2].nactions, 2);
	vt_objective_items_free(items, n);
	/* priority pp1: po1 served by the supporting measure alone */
	assert_int_equal(vt_objective_items(&def, NULL, "pp1", &items, &n),
			 VT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].nmeasures, 1);
	assert_int_equal(items[0].measures[0], 1);
	assert_int_equal(items[0].nactions, 0);
	vt_objective_items_free(items, n);
	/* every plan: all four; a plan with none of them: none */
	assert_int_equal(vt_objective_items(&def, NULL, NULL, &items, &n),
			 VT_OK);
	assert_int_equal(n, 4);
	vt_objective_items_free(items, n);
	assert_int_equal(vt_objective_items(&def, "nope", NULL, &items, &n),
			 VT_OK);
	assert_int_equal(n, 0);
	assert_null(items);
	/* a2 is under sp1 but serves sp2's o3: one of sp1's other actions */
	assert_int_equal(vt_priority_other_actions(&def, "sp1", &others,
						   &nothers), VT_OK);
	assert_int_equal(nothers, 1);
	assert_string_equal(others[0]->code, "a2");
	free(others);
	assert_int_equal(vt_priority_other_actions(&def, "sp2", &others,
						   &nothers), VT_OK);
	assert_int_equal(nothers, 0);
	free(others);
	vt_diagq_release(&dq);
	vt_def_release(&def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
