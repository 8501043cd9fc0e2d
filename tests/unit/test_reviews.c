/* Unit tests for case reviews: name-like text refused, each clock of a review across Christmas, Easter and substitute bank holidays, and its recommendations' ratings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/defjson.h"
#include "vitals/model.h"
#include "vitals/reviews.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_personal(void **state)
{
	static const struct {
		const char *text;
		bool personal;
	} cases[] = {
		{ "Jane Smith", true },
		{ "jane Smith Jones", true },
		{ "Mary-Ann O'Neill", true },
		{ "12/03/2015", true },
		{ "2015-03-12", true },
		{ "1.3.15", true },
		{ "CSPR-2026-01", false },
		{ "RR-2026-7", false },
		{ "independent reviewer", false },
		{ "Independent reviewer", false },
		{ "Head of Service 2", false },
		{ "Head of Service", false },
		{ "Independent Reviewer", false },
		{ "Detective Inspector", false },
		{ "Health Visitor", false },
		{ "Deputy Headteacher", false },
		{ "Ensure Early Help assessments consider neglect", false },
		{ "Designated Nurse", false },
		{ "Jane Headley", true },
		/* bodies that speak for children: plurals of role words */
		{ "Young Inspectors", false },
		{ "Youth Forum", false },
		{ "Children in Care Council", false },
		{ "Surrey Youth Parliament", false },
		{ "Jane Smiths", true },
		{ "CSPR 2026/01", false },
		{ "", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		if (vt_text_looks_personal(cases[i].text) != cases[i].personal)
			fail_msg("'%s': personal should be %d", cases[i].text,
				 cases[i].personal);
}

struct clock_case {
	const char *why;
	const char *aware, *notified, *rapid, *decided, *decision;
	const char *panel_copy, *published, *today;
	enum vt_review_clock clock;
	bool started;
	const char *start, *due;
	enum vt_deadline_state state;
	long left;			/* when open */
};

static void test_clocks(void **state)
{
	static const struct clock_case cases[] = {
		{ "aware on the Friday before Christmas 2026", "2026-12-18",
		  "2026-12-29", NULL, NULL, NULL, NULL, NULL, "2027-01-04",
		  VT_CLOCK_NOTIFICATION, true, "2026-12-18", "2026-12-29",
		  VT_DEADLINE_MET, 0 },
		{ "notification a day late", "2026-12-18", "2026-12-30",
		  NULL, NULL, NULL, NULL, NULL, "2027-01-04",
		  VT_CLOCK_NOTIFICATION, true, "2026-12-18", "2026-12-29",
		  VT_DEADLINE_MISSED, 0 },
		{ "rapid review over the new year", "2026-12-18",
		  "2026-12-29", NULL, NULL, NULL, NULL, NULL, "2027-01-13",
		  VT_CLOCK_RAPID_REVIEW, true, "2026-12-29", "2027-01-20",
		  VT_DEADLINE_OPEN, 5 },
		{ "rapid review late", "2026-12-18", "2026-12-29",
		  "2027-01-21", NULL, NULL, NULL, NULL, "2027-02-01",
		  VT_CLOCK_RAPID_REVIEW, true, "2026-12-29", "2027-01-20",
		  VT_DEADLINE_MISSED, 0 },
		{ "no rapid review clock before a notification", "2026-12-18",
		  NULL, NULL, NULL, NULL, NULL, NULL, "2027-01-04",
		  VT_CLOCK_RAPID_REVIEW, false, NULL, NULL, 0, 0 },
		{ "aware the day before Good Friday 2027", "2027-03-25",
		  NULL, NULL, NULL, NULL, NULL, NULL, "2027-03-25",
		  VT_CLOCK_NOTIFICATION, true, "2027-03-25", "2027-04-05",
		  VT_DEADLINE_OPEN, 5 },
		{ "substitute days for Christmas and new year 2027",
		  "2027-12-23", NULL, NULL, NULL, NULL, NULL, NULL,
		  "2028-01-05", VT_CLOCK_NOTIFICATION, true, "2027-12-23",
		  "2028-01-04", VT_DEADLINE_MISSED, 0 },
		{ "published six months on, to the end of February",
		  "2027-06-01", "2027-06-08", "2027-06-29", "2027-08-31",
		  "lcspr", NULL, NULL, "2027-09-01", VT_CLOCK_PUBLICATION,
		  true, "2027-08-31", "2028-02-29", VT_DEADLINE_OPEN, 0 },
		{ "panel copy counted back from the due date",
		  "2027-06-01", "2027-06-08", "2027-06-29", "2027-08-31",
		  "lcspr", "2028-02-17", NULL, "2028-03-01",
		  VT_CLOCK_PANEL_COPY, true, "2028-02-29", "2028-02-18",
		  VT_DEADLINE_MET, 0 },
		{ "panel copy counted back from the day published",
		  "2027-06-01", "2027-06-08", "2027-06-29", "2027-08-31",
		  "lcspr", "2028-01-20", "2028-01-25", "2028-03-01",
		  VT_CLOCK_PANEL_COPY, true, "2028-01-25", "2028-01-14",
		  VT_DEADLINE_MISSED, 0 },
		{ "no publication clock for a learning review",
		  "2027-06-01", "2027-06-08", "2027-06-29", "2027-08-31",
		  "learning", NULL, NULL, "2027-09-01", VT_CLOCK_PUBLICATION,
		  false, NULL, NULL, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const struct clock_case *c = &cases[i];
		struct vt_review r = {
			.ref = "CSPR-1", .aware = (char *)c->aware,
			.decision = (char *)c->decision,
		};
		struct vt_review_state st;
		const struct vt_deadline *d = &st.clocks[c->clock];

		r.dates[VT_STAGE_NOTIFICATION] = (char *)c->notified;
		r.dates[VT_STAGE_RAPID_REVIEW] = (char *)c->rapid;
		r.dates[VT_STAGE_DECISION] = (char *)c->decided;
		r.dates[VT_STAGE_PANEL_COPY] = (char *)c->panel_copy;
		r.dates[VT_STAGE_PUBLICATION] = (char *)c->published;
		assert_int_equal(vt_review_judge(&r, NULL, c->today, &st),
				 VT_OK);
		if (st.started[c->clock] != c->started)
			fail_msg("%s: started %d", c->why,
				 st.started[c->clock]);
		if (!c->started)
			continue;
		if (strcmp(d->start, c->start) || strcmp(d->due, c->due) ||
		    d->state != c->state ||
		    (c->state == VT_DEADLINE_OPEN && c->left &&
		     d->working_days_left != c->left))
			fail_msg("%s: start %s due %s %s, %ld left", c->why,
				 d->start, d->due,
				 vt_deadline_state_names[d->state],
				 d->working_days_left);
	}
}

/* Two reviews, and actions: two from the first (one never rated, one
   rated green then blue), one from the second, one from neither. */
static const char recommended[] =
	"{\"vitals\": 1, "
	"\"agencies\": [{\"code\": \"police\", \"name\": \"Police\", "
	"\"sector\": \"police\", \"kind\": \"statutory-partner\"}], "
	"\"plans\": [{\"code\": \"sp\", \"title\": \"Plan\", "
	"\"kind\": \"strategic\"}], "
	"\"actions\": ["
	"{\"code\": \"CSPR-1-R1\", \"plan\": \"sp\", \"agency\": "
	"\"police\", \"title\": \"Train on neglect\", \"rag\": \"amber\", "
	"\"review\": \"CSPR-1\"}, "
	"{\"code\": \"other\", \"plan\": \"sp\", \"agency\": \"police\", "
	"\"title\": \"Not a recommendation\", \"rag\": \"red\"}, "
	"{\"code\": \"CSPR-2-R1\", \"plan\": \"sp\", \"agency\": "
	"\"police\", \"title\": \"Audit referrals\", \"rag\": \"green\", "
	"\"review\": \"CSPR-2\", \"updates\": [{\"date\": \"2027-01-05\", "
	"\"rag\": \"green\"}]}, "
	"{\"code\": \"CSPR-1-R2\", \"plan\": \"sp\", \"agency\": "
	"\"police\", \"title\": \"Share plans\", \"rag\": \"blue\", "
	"\"review\": \"CSPR-1\", \"updates\": ["
	"{\"date\": \"2027-01-05\", \"rag\": \"green\"}, "
	"{\"date\": \"2027-02-01\", \"rag\": \"blue\", \"evidence\": "
	"\"audit report\"}]}], "
	"\"reviews\": [{\"ref\": \"CSPR-1\", \"aware\": \"2026-12-18\"}, "
	"{\"ref\": \"CSPR-2\", \"aware\": \"2026-12-18\"}]}";

static char *recommendations_of(const struct vt_def *def, const char *ref,
				const struct vt_def *with)
{
	const struct vt_review *r = vt_def_find(def, VT_KIND_REVIEW, ref);
	struct vt_review_state st;
	json_t *j;
	char *text;

	assert_non_null(r);
	assert_int_equal(vt_review_judge(r, NULL, "2027-03-01", &st), VT_OK);
	j = vt_review_json(&st, with);
	assert_non_null(j);
	text = json_dumps(json_object_get(j, "recommendations"),
			  JSON_COMPACT);
	json_decref(j);
	return text;
}

static void test_recommendations(void **state)
{
	static const struct {
		const char *ref, *want;
	} cases[] = {
		{ "CSPR-1", "[{\"action\":\"CSPR-1-R1\",\"rag\":null},"
		  "{\"action\":\"CSPR-1-R2\",\"rag\":\"blue\"}]" },
		{ "CSPR-2", "[{\"action\":\"CSPR-2-R1\",\"rag\":\"green\"}]" },
	};
	struct vt_defsrc src;
	struct vt_diagq dq;
	struct vt_check ck;
	struct vt_def def;
	char *got;
	size_t i;

	(void)state;
	vt_def_init(&def);
	vt_diagq_init(&dq);
	assert_int_equal(vt_defjson_read_mem("t.json", recommended,
					     strlen(recommended), &src, &def,
					     &dq), VT_OK);
	vt_defsrc_check(&src, &dq, &ck);
	assert_int_equal(vt_def_check(&def, &ck), VT_OK);
	if (dq.errors)
		fail_msg("refused: %s", dq.items[0].message);
	for (i = 0; i < COUNT(cases); i++) {
		got = recommendations_of(&def, cases[i].ref, &def);
		if (strcmp(got, cases[i].want))
			fail_msg("%s: %s, not %s", cases[i].ref, got,
				 cases[i].want);
		free(got);
	}
	/* Without the actions, none are known. */
	got = recommendations_of(&def, "CSPR-1", NULL);
	assert_string_equal(got, "[]");
	free(got);
	vt_defsrc_release(&src);
	vt_diagq_release(&dq);
	vt_def_release(&def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_personal),
		cmocka_unit_test(test_clocks),
		cmocka_unit_test(test_recommendations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
