/* Unit tests for voice reports: the quarter of a report's date, and the reports, participants and themes counted by quarter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/model.h"
#include "vitals/voice.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_quarter(void **state)
{
	static const struct {
		const char *date, *quarter;
	} cases[] = {
		{ "2026-01-01", "2026Q1" }, { "2026-03-31", "2026Q1" },
		{ "2026-04-01", "2026Q2" }, { "2026-09-30", "2026Q3" },
		{ "2026-12-31", "2026Q4" }, { "2024-02-29", "2024Q1" },
	};
	struct vt_voice v = { 0 };
	char q[VT_PERIOD_ID_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		v.date = (char *)cases[i].date;
		assert_int_equal(vt_voice_quarter(&v, q), VT_OK);
		assert_string_equal(q, cases[i].quarter);
	}
	v.date = (char *)"2026-02-30";
	assert_int_equal(vt_voice_quarter(&v, q), VT_EINVAL);
	v.date = NULL;
	assert_int_equal(vt_voice_quarter(&v, q), VT_EINVAL);
}

static void add_theme(struct vt_def *def, const char *code, int reg)
{
	struct vt_theme *t;

	assert_int_equal(vt_def_append(def, VT_KIND_THEME, (void **)&t),
			 VT_OK);
	t->code = strdup(code);
	t->name = strdup(code);
	t->register_ = reg;
}

/* A report on 'date' with 'n' taking part and up to two themes. */
static void add_voice(struct vt_def *def, const char *ref, const char *date,
		      int64_t n, const char *t1, const char *t2)
{
	struct vt_voice *v;

	assert_int_equal(vt_def_append(def, VT_KIND_VOICE, (void **)&v),
			 VT_OK);
	v->ref = strdup(ref);
	v->title = strdup(ref);
	v->source = strdup("Young Inspectors");
	v->date = strdup(date);
	v->summary = strdup("said");
	v->participants = n;
	v->themes = calloc(2, sizeof(*v->themes));
	assert_non_null(v->themes);
	if (t1)
		v->themes[v->nthemes++].theme = strdup(t1);
	if (t2)
		v->themes[v->nthemes++].theme = strdup(t2);
}

static void test_quarters(void **state)
{
	struct vt_voice_quarters q;
	struct vt_def def;
	json_t *j;
	char *text;

	(void)state;
	vt_def_init(&def);
	/* An escalation theme is not a voice theme. */
	add_theme(&def, "thresholds", VT_THEME_ESCALATION);
	add_theme(&def, "feeling-safe", VT_THEME_VOICE);
	add_theme(&def, "being-heard", VT_THEME_VOICE);
	add_voice(&def, "V-3", "2026-08-02", 7, "being-heard", NULL);
	add_voice(&def, "V-1", "2026-01-15", 31, "feeling-safe",
		  "being-heard");
	add_voice(&def, "V-2", "2026-03-31", 9, "online", NULL);
	add_voice(&def, "V-4", "2026-09-30", 0, NULL, NULL);
	assert_int_equal(vt_voice_quarters(&def, &q), VT_OK);
	/* The partnership's voice themes in its order, then others. */
	assert_int_equal(q.nthemes, 3);
	assert_string_equal(q.themes[0], "feeling-safe");
	assert_string_equal(q.themes[1], "being-heard");
	assert_string_equal(q.themes[2], "online");
	/* 2026Q1 to 2026Q3, the empty 2026Q2 included. */
	assert_int_equal(q.nquarters, 3);
	assert_string_equal(q.quarters[0].period, "2026Q1");
	assert_int_equal(q.quarters[0].reports, 2);
	assert_int_equal(q.quarters[0].participants, 40);
	assert_int_equal(q.quarters[0].by_theme[0], 1);
	assert_int_equal(q.quarters[0].by_theme[1], 1);
	assert_int_equal(q.quarters[0].by_theme[2], 1);
	assert_string_equal(q.quarters[1].period, "2026Q2");
	assert_int_equal(q.quarters[1].reports, 0);
	assert_int_equal(q.quarters[1].participants, 0);
	assert_int_equal(q.quarters[2].reports, 2);
	assert_int_equal(q.quarters[2].participants, 7);
	assert_int_equal(q.quarters[2].by_theme[1], 1);
	j = vt_voice_quarters_json(&q, 4);
	assert_non_null(j);
	text = json_dumps(j, JSON_COMPACT);
	assert_non_null(text);
	assert_string_equal(text, "{\"quarters\":["
		"{\"period\":\"2026Q1\",\"label\":\"2025-26 Q4\",\"reports\":2,"
		"\"participants\":40,\"themes\":{\"feeling-safe\":1,"
		"\"being-heard\":1,\"online\":1}},"
		"{\"period\":\"2026Q2\",\"label\":\"2026-27 Q1\",\"reports\":0,"
		"\"participants\":0,\"themes\":{\"feeling-safe\":0,"
		"\"being-heard\":0,\"online\":0}},"
		"{\"period\":\"2026Q3\",\"label\":\"2026-27 Q2\",\"reports\":2,"
		"\"participants\":7,\"themes\":{\"feeling-safe\":0,"
		"\"being-heard\":1,\"online\":0}}]}");
	free(text);
	json_decref(j);
	vt_voice_quarters_release(&q);
	vt_def_release(&def);
	/* No reports: no quarters. */
	vt_def_init(&def);
	assert_int_equal(vt_voice_quarters(&def, &q), VT_OK);
	assert_int_equal(q.nquarters, 0);
	vt_voice_quarters_release(&q);
	vt_def_release(&def);
}

/* Every working role reads the register, an agency lead too; only the
   partnership's staff keep it. */
static void test_who(void **state)
{
	static const struct {
		int role;
		bool reads, changes;
	} cases[] = {
		{ VT_ROLE_ADMIN, true, true },
		{ VT_ROLE_ANALYST, true, true },
		{ VT_ROLE_CHAIR, true, true },
		{ VT_ROLE_AGENCY_LEAD, true, false },
		{ VT_ROLE_SCRUTINEER, true, false },
		{ VT_ROLE_VIEWER, false, false },
		{ VT_ROLE__MAX, false, false },
		{ -1, false, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_voice_visible_to(cases[i].role),
				 cases[i].reads);
		assert_int_equal(vt_voice_may_change(cases[i].role),
				 cases[i].changes);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quarter),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_who),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
