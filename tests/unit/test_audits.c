/* Unit tests for the audit programme: an audit's state on a day, grades counted by agency and by theme per quarter done, the programme's completion over a range of quarters, and an audit's recommendations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/audits.h"
#include "vitals/defjson.h"
#include "vitals/model.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_state(void **state)
{
	static const struct {
		const char *planned, *done, *today;
		enum vt_audit_state want;
	} cases[] = {
		{ "2026Q3", NULL, "2026-09-30", VT_AUDIT_PLANNED },
		{ "2026Q3", NULL, "2026-10-01", VT_AUDIT_LATE },
		{ "2026Q3", NULL, "2026-01-01", VT_AUDIT_PLANNED },
		{ "2026Q4", NULL, "2026-12-31", VT_AUDIT_PLANNED },
		{ "2026Q4", NULL, "2027-01-01", VT_AUDIT_LATE },
		{ "2026Q3", "2026-08-01", "2027-05-04", VT_AUDIT_DONE },
		{ "2026Q3", "2026-11-01", "2026-12-01", VT_AUDIT_DONE },
	};
	struct vt_audit a;
	enum vt_audit_state got;
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		memset(&a, 0, sizeof(a));
		a.ref = (char *)"MAA-1";
		a.planned = (char *)cases[i].planned;
		a.done = (char *)cases[i].done;
		assert_int_equal(vt_audit_state_on(&a, cases[i].today, &got),
				 VT_OK);
		if (got != cases[i].want)
			fail_msg("case %zu: %s, not %s", i,
				 vt_audit_state_names[got],
				 vt_audit_state_names[cases[i].want]);
	}
	/* A month is not a quarter. */
	a.planned = (char *)"2026-07";
	assert_int_equal(vt_audit_state_on(&a, "2026-09-01", &got), VT_EINVAL);
}

/*
 * Three audits: A (neglect) done in 2026Q3 with five grades, B
 * (exploitation) done in 2026Q4 with two, C (neglect) not done with one.
 */
static const char programme[] =
	"{\"vitals\": 1,"
	" \"partnership\": {\"code\": \"p\", \"name\": \"P\", \"area\": \"A\","
	"  \"fy_start_month\": 4},"
	" \"agencies\": [{\"code\": \"la\", \"name\": \"LA\","
	"  \"sector\": \"local-authority\", \"kind\": \"statutory-partner\"},"
	"  {\"code\": \"police\", \"name\": \"Police\", \"sector\": \"police\","
	"  \"kind\": \"statutory-partner\"}],"
	" \"plans\": [{\"code\": \"pl\", \"title\": \"Plan\","
	"  \"kind\": \"strategic\"}],"
	" \"actions\": ["
	"  {\"code\": \"A-R1\", \"plan\": \"pl\", \"agency\": \"la\","
	"   \"title\": \"One\", \"rag\": \"amber\", \"audit\": \"A\"},"
	"  {\"code\": \"X\", \"plan\": \"pl\", \"agency\": \"la\","
	"   \"title\": \"Other\", \"rag\": \"amber\"},"
	"  {\"code\": \"A-R2\", \"plan\": \"pl\", \"agency\": \"police\","
	"   \"title\": \"Two\", \"rag\": \"amber\", \"audit\": \"A\","
	"   \"updates\": [{\"date\": \"2026-11-01\", \"rag\": \"green\"}]}],"
	" \"audits\": ["
	"  {\"ref\": \"A\", \"theme\": \"neglect\", \"planned\": \"2026Q3\","
	"   \"lead\": \"la\", \"sample\": 3, \"done\": \"2026-09-10\","
	"   \"agencies\": [\"la\", \"police\"], \"grades\": ["
	"   {\"case\": \"C1\", \"agency\": \"la\", \"grade\": \"good\"},"
	"   {\"case\": \"C1\", \"agency\": \"police\", \"grade\": \"good\"},"
	"   {\"case\": \"C2\", \"agency\": \"la\", \"grade\": \"inadequate\"},"
	"   {\"case\": \"C2\", \"agency\": \"police\","
	"    \"grade\": \"requires-improvement\"},"
	"   {\"case\": \"C3\", \"agency\": \"la\", \"grade\": \"good\"}]},"
	"  {\"ref\": \"B\", \"theme\": \"exploitation\", \"planned\": \"2026Q4\","
	"   \"lead\": \"police\", \"sample\": 2, \"done\": \"2026-12-01\","
	"   \"agencies\": [\"police\", \"la\"], \"grades\": ["
	"   {\"case\": \"C9\", \"agency\": \"police\", \"grade\": \"outstanding\"},"
	"   {\"case\": \"C9\", \"agency\": \"la\", \"grade\": \"good\"}]},"
	"  {\"ref\": \"C\", \"theme\": \"neglect\", \"planned\": \"2027Q1\","
	"   \"lead\": \"la\", \"sample\": 2, \"reaudit_of\": \"A\","
	"   \"agencies\": [\"la\"], \"grades\": ["
	"   {\"case\": \"C4\", \"agency\": \"la\", \"grade\": \"good\"}]}]}";

struct loaded {
	struct vt_defsrc src;
	struct vt_diagq dq;
	struct vt_check ck;
	struct vt_def def;
};

static void load(struct loaded *l)
{
	vt_def_init(&l->def);
	vt_diagq_init(&l->dq);
	assert_int_equal(vt_defjson_read_mem("t.json", programme,
					     strlen(programme), &l->src,
					     &l->def, &l->dq), VT_OK);
	vt_defsrc_check(&l->src, &l->dq, &l->ck);
	assert_int_equal(vt_def_check(&l->def, &l->ck), VT_OK);
	if (l->dq.errors)
		fail_msg("refused: %s", l->dq.items[0].message);
}

static void unload(struct loaded *l)
{
	vt_defsrc_release(&l->src);
	vt_diagq_release(&l->dq);
	vt_def_release(&l->def);
}

/* One row of the counts: "key quarter o/g/ri/i total". */
static void row_text(const struct vt_audit_grades *g, size_t i, char *out,
		     size_t size)
{
	const struct vt_audit_tally *t = &g->rows[i];

	assert_int_equal(g->ngrades, 4);
	snprintf(out, size, "%s %s %zu/%zu/%zu/%zu %zu", t->key,
		 t->quarter[0] ? t->quarter : "-", t->counts[0], t->counts[1],
		 t->counts[2], t->counts[3], t->total);
}

static void test_grades(void **state)
{
	static const char *const by_agency[] = {
		"la 2026Q3 0/2/0/1 3",
		"la 2026Q4 0/1/0/0 1",
		"la - 0/1/0/0 1",
		"police 2026Q3 0/1/1/0 2",
		"police 2026Q4 1/0/0/0 1",
	};
	static const char *const by_theme[] = {
		"exploitation 2026Q4 1/1/0/0 2",
		"neglect 2026Q3 0/3/1/1 5",
		"neglect - 0/1/0/0 1",
	};
	const char *const *want[] = { by_agency, by_theme };
	size_t nwant[] = { COUNT(by_agency), COUNT(by_theme) };
	struct vt_audit_grades g;
	struct loaded l;
	char got[128];
	size_t i;
	int by;

	(void)state;
	load(&l);
	for (by = 0; by < VT_AUDIT_BY__MAX; by++) {
		assert_int_equal(vt_audit_grades_count(&l.def, by, &g), VT_OK);
		assert_string_equal(g.grades[0], "outstanding");
		assert_string_equal(g.grades[3], "inadequate");
		if (g.nrows != nwant[by])
			fail_msg("by %s: %zu rows, not %zu",
				 vt_audit_by_names[by], g.nrows, nwant[by]);
		for (i = 0; i < g.nrows; i++) {
			row_text(&g, i, got, sizeof(got));
			if (strcmp(got, want[by][i]))
				fail_msg("by %s, row %zu: '%s', not '%s'",
					 vt_audit_by_names[by], i, got,
					 want[by][i]);
		}
		vt_audit_grades_release(&g);
	}
	unload(&l);
}

static void test_programme(void **state)
{
	static const struct {
		const char *from, *to, *today;
		size_t planned, planned_, done, late;
	} cases[] = {
		/* All three: A and B done, C to come until 2027Q1 ends. */
		{ NULL, NULL, "2027-03-31", 3, 1, 2, 0 },
		{ NULL, NULL, "2027-04-01", 3, 0, 2, 1 },
		/* 2026-27, April to March. */
		{ "2026Q2", "2027Q1", "2027-04-01", 3, 0, 2, 1 },
		{ "2026Q3", "2026Q3", "2027-04-01", 1, 0, 1, 0 },
		{ "2027Q1", NULL, "2027-01-15", 1, 1, 0, 0 },
		{ "2027Q2", "2028Q1", "2027-04-01", 0, 0, 0, 0 },
	};
	struct vt_audit_programme p;
	struct loaded l;
	size_t i;

	(void)state;
	load(&l);
	for (i = 0; i < COUNT(cases); i++) {
		assert_int_equal(vt_audit_programme_count(&l.def,
			cases[i].from, cases[i].to, cases[i].today, &p), VT_OK);
		if (p.planned != cases[i].planned ||
		    p.counts[VT_AUDIT_PLANNED] != cases[i].planned_ ||
		    p.counts[VT_AUDIT_DONE] != cases[i].done ||
		    p.counts[VT_AUDIT_LATE] != cases[i].late)
			fail_msg("case %zu: %zu planned (%zu to come, %zu done, "
				 "%zu late)", i, p.planned,
				 p.counts[VT_AUDIT_PLANNED],
				 p.counts[VT_AUDIT_DONE],
				 p.counts[VT_AUDIT_LATE]);
	}
	assert_int_equal(vt_audit_programme_count(&l.def, "2026", NULL,
						  "2027-04-01", &p), VT_EINVAL);
	unload(&l);
}

static void test_json(void **state)
{
	struct loaded l;
	const struct vt_audit *a;
	json_t *j, *part;
	char *text;

	(void)state;
	load(&l);
	a = vt_def_find(&l.def, VT_KIND_AUDIT, "A");
	assert_non_null(a);
	assert_int_equal(vt_audit_cases(a), 3);
	j = vt_audit_json(a, VT_AUDIT_DONE, &l.def);
	assert_non_null(j);
	part = json_pack("{s:O, s:O, s:O}", "cases",
			 json_object_get(j, "cases"), "reaudits",
			 json_object_get(j, "reaudits"), "recommendations",
			 json_object_get(j, "recommendations"));
	assert_non_null(part);
	text = json_dumps(part, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(part);
	assert_string_equal(text, "{\"cases\":3,\"reaudits\":[\"C\"],"
			    "\"recommendations\":[{\"action\":\"A-R1\","
			    "\"rag\":null},{\"action\":\"A-R2\","
			    "\"rag\":\"green\"}]}");
	free(text);
	json_decref(j);
	unload(&l);
}

/* Who reads an audit, who grades it for which agency, and the
   financial year of a day. */
static void test_visible(void **state)
{
	struct vt_audit_agency agencies[] = { { (char *)"la" },
					      { (char *)"police" } };
	struct vt_audit a = { .ref = (char *)"A", .planned = (char *)"2026Q3",
			      .lead = (char *)"la", .agencies = agencies,
			      .nagencies = COUNT(agencies) };
	char from[VT_PERIOD_ID_MAX], to[VT_PERIOD_ID_MAX];
	char label[VT_PERIOD_LABEL_MAX];

	(void)state;
	assert_true(vt_audit_visible_to(&a, VT_ROLE_AGENCY_LEAD, "police"));
	assert_false(vt_audit_visible_to(&a, VT_ROLE_AGENCY_LEAD,
					 "education"));
	assert_false(vt_audit_visible_to(&a, VT_ROLE_AGENCY_LEAD, NULL));
	assert_true(vt_audit_visible_to(&a, VT_ROLE_SCRUTINEER, NULL));
	assert_true(vt_audit_visible_to(&a, VT_ROLE_ANALYST, NULL));
	assert_true(vt_audit_visible_to(&a, VT_ROLE_CHAIR, "education"));
	assert_true(vt_audit_visible_to(&a, VT_ROLE_ADMIN, NULL));
	assert_false(vt_audit_visible_to(&a, VT_ROLE_VIEWER, "police"));

	assert_true(vt_audit_may_grade(&a, VT_ROLE_AGENCY_LEAD, "police",
				       "police"));
	assert_false(vt_audit_may_grade(&a, VT_ROLE_AGENCY_LEAD, "police",
					"la"));
	assert_false(vt_audit_may_grade(&a, VT_ROLE_AGENCY_LEAD, "education",
					"education"));
	assert_true(vt_audit_may_grade(&a, VT_ROLE_ANALYST, NULL, "la"));
	assert_false(vt_audit_may_grade(&a, VT_ROLE_ANALYST, NULL,
					"education"));
	assert_false(vt_audit_may_grade(&a, VT_ROLE_SCRUTINEER, NULL, "la"));
	assert_false(vt_audit_may_grade(&a, VT_ROLE_VIEWER, "la", "la"));

	assert_int_equal(vt_audit_year_of("2026-12-06", 4, from, to, label),
			 VT_OK);
	assert_string_equal(from, "2026Q2");
	assert_string_equal(to, "2027Q1");
	assert_string_equal(label, "2026-27");
	assert_int_equal(vt_audit_year_of("2027-03-31", 4, from, to, label),
			 VT_OK);
	assert_string_equal(from, "2026Q2");
	assert_string_equal(label, "2026-27");
	assert_int_equal(vt_audit_year_of("2027-02-01", 1, from, to, label),
			 VT_OK);
	assert_string_equal(from, "2027Q1");
	assert_string_equal(to, "2027Q4");
	assert_int_equal(vt_audit_year_of("2027-02-30", 4, from, to, label),
			 VT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_grades),
		cmocka_unit_test(test_programme),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_visible),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
