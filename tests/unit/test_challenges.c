/* Unit tests for the challenge log: the model's rules and ages on a fixed day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/challenges.h"
#include "vitals/defjson.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* What a challenge may be about. */
#define SUBJECTS \
	"\"agencies\": [{\"code\": \"police\", \"name\": \"Police\", " \
	"\"sector\": \"police\", \"kind\": \"statutory-partner\"}], " \
	"\"plans\": [{\"code\": \"pp\", \"title\": \"Plan\", \"kind\": " \
	"\"single-agency\", \"agency\": \"police\"}], " \
	"\"measures\": [{\"code\": \"m1\", \"title\": \"M\", \"plan\": " \
	"\"pp\", \"agency\": \"police\", \"direction\": \"reduce\", " \
	"\"unit\": \"count\", \"frequency\": \"quarterly\"}], " \
	"\"actions\": [{\"code\": \"a1\", \"plan\": \"pp\", \"agency\": " \
	"\"police\", \"title\": \"A\", \"rag\": \"green\"}], " \
	"\"reviews\": [{\"ref\": \"CSPR-2026-01\", \"aware\": " \
	"\"2026-09-01\"}]"

/* Read and check a definition; the diagnostics stay in 'dq'. */
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

/* One challenge, as the members inside its object. */
static void check_one(const char *members, const char *want)
{
	char text[4096];
	struct vt_def def;
	struct vt_diagq dq;

	snprintf(text, sizeof(text), "{\"vitals\": 1, " SUBJECTS
		 ", \"challenges\": [{%s}]}", members);
	read_checked(text, &def, &dq);
	if (!want) {
		if (dq.errors)
			fail_msg("refused: %s (%s)", dq.items[0].message,
				 members);
	} else {
		if (dq.errors != 1)
			fail_msg("%zu errors, not 1, for %s", dq.errors,
				 members);
		if (!strstr(dq.items[0].message, want))
			fail_msg("'%s' lacks '%s'", dq.items[0].message, want);
	}
	vt_diagq_release(&dq);
	vt_def_release(&def);
}

#define RAISED "\"id\": \"7\", \"by\": \"scrutineer\", " \
	"\"raised\": \"2026-10-01\", \"text\": \"Why?\", "
#define ANSWER(date) \
	"\"responses\": [{\"date\": \"" date "\", \"by\": \"lead\", " \
	"\"text\": \"Because.\"}]"
#define CLOSED "\"outcome\": \"Assured\", \"closed\": \"2026-11-01\", " \
	"\"closed_by\": \"scrutineer\""

static void test_rules(void **state)
{
	static const struct {
		const char *members;
		const char *want;	/* NULL: accepted */
	} cases[] = {
		{ RAISED "\"on\": \"action:a1\", \"status\": \"open\"", NULL },
		{ RAISED "\"on\": \"measure:m1\", \"status\": \"open\"", NULL },
		{ RAISED "\"on\": \"return:police/2026Q2\", \"status\": "
		  "\"open\"", NULL },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"answered\", "
		  ANSWER("2026-10-01"), NULL },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"closed\", "
		  ANSWER("2026-10-20") ", " CLOSED, NULL },
		/* Closed unanswered: withdrawn, say. */
		{ RAISED "\"on\": \"action:a1\", \"status\": \"closed\", "
		  CLOSED, NULL },
		/* The subject must exist. */
		{ RAISED "\"on\": \"action:a9\", \"status\": \"open\"",
		  "action 'a9' does not exist" },
		{ RAISED "\"on\": \"measure:a1\", \"status\": \"open\"",
		  "measure 'a1' does not exist" },
		{ RAISED "\"on\": \"plan:zz\", \"status\": \"open\"",
		  "on: plan 'zz' does not exist" },
		{ RAISED "\"on\": \"priority:zz\", \"status\": \"open\"",
		  "on: priority 'zz' does not exist" },
		{ RAISED "\"on\": \"group:zz\", \"status\": \"open\"",
		  "on: group 'zz' does not exist" },
		{ RAISED "\"on\": \"review:CSPR-2026-01\", \"status\": "
		  "\"open\"", NULL },
		{ RAISED "\"on\": \"review:CSPR-2026-09\", \"status\": "
		  "\"open\"", "on: case review 'CSPR-2026-09' does not exist" },
		{ RAISED "\"on\": \"review:a1\", \"status\": \"open\"",
		  "on: case review 'a1' does not exist" },
		{ RAISED "\"on\": \"return:health/2026Q2\", \"status\": "
		  "\"open\"", "agency 'health' does not exist" },
		{ RAISED "\"on\": \"return:police/2026Q5\", \"status\": "
		  "\"open\"", "does not name a return" },
		{ RAISED "\"on\": \"return:police\", \"status\": \"open\"",
		  "does not name a return" },
		{ RAISED "\"on\": \"case:pp\", \"status\": \"open\"",
		  "names no subject" },
		{ RAISED "\"on\": \"a1\", \"status\": \"open\"",
		  "names no subject" },
		/* Numbered. */
		{ "\"id\": \"07\", \"by\": \"s\", \"raised\": \"2026-10-01\", "
		  "\"text\": \"t\", \"on\": \"action:a1\", \"status\": "
		  "\"open\"", "not a challenge number" },
		{ "\"id\": \"x\", \"by\": \"s\", \"raised\": \"2026-10-01\", "
		  "\"text\": \"t\", \"on\": \"action:a1\", \"status\": "
		  "\"open\"", "not a challenge number" },
		/* In order. */
		{ RAISED "\"on\": \"action:a1\", \"status\": \"answered\"",
		  "needs a response" },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"answered\", "
		  ANSWER("2026-09-30"), "comes before 2026-10-01" },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"answered\", "
		  ANSWER("2026-10-02") ", " CLOSED, "only a closed challenge" },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"closed\", "
		  ANSWER("2026-10-02"), "needs its 'outcome'" },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"closed\", "
		  ANSWER("2026-11-02") ", " CLOSED,
		  "closed on 2026-11-01, before 2026-11-02" },
		{ RAISED "\"on\": \"action:a1\", \"status\": \"pending\"",
		  "pending" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++)
		check_one(cases[i].members, cases[i].want);
}

static const char log_text[] =
	"{\"vitals\": 1, " SUBJECTS ", \"challenges\": ["
	/* 1: open 53 days, never answered */
	"{\"id\": \"1\", \"on\": \"action:a1\", \"by\": \"s\", \"raised\": "
	"\"2026-10-01\", \"text\": \"q\", \"status\": \"open\"},"
	/* 2: answered 10 days ago, raised 60 days ago */
	"{\"id\": \"2\", \"on\": \"measure:m1\", \"by\": \"s\", \"raised\": "
	"\"2026-09-24\", \"text\": \"q\", \"status\": \"answered\", "
	"\"responses\": [{\"date\": \"2026-10-01\", \"by\": \"l\", \"text\": "
	"\"a\"}, {\"date\": \"2026-11-13\", \"by\": \"l\", \"text\": \"b\"}]},"
	/* 3: closed after 31 days, long ago */
	"{\"id\": \"3\", \"on\": \"action:a1\", \"by\": \"s\", \"raised\": "
	"\"2025-01-01\", \"text\": \"q\", \"status\": \"closed\", "
	"\"outcome\": \"ok\", \"closed\": \"2025-02-01\", \"closed_by\": "
	"\"s\"}]}";

/* Whom a challenge is addressed to: an action's or measure's agency, a
   return's; no one agency for a case review, the partnership's. */
static void test_subject_agency(void **state)
{
	static const struct {
		const char *on, *agency;
	} cases[] = {
		{ "action:a1", "police" },
		{ "measure:m1", "police" },
		{ "return:police/2026Q2", "police" },
		{ "review:CSPR-2026-01", NULL },
		{ "review:CSPR-2026-09", NULL },
		{ "action:a9", NULL },
	};
	char text[2048];
	struct vt_def def;
	struct vt_diagq dq;
	const char *got;
	size_t i;

	(void)state;
	snprintf(text, sizeof(text), "{\"vitals\": 1, " SUBJECTS "}");
	read_checked(text, &def, &dq);
	assert_int_equal(dq.errors, 0);
	for (i = 0; i < COUNT(cases); i++) {
		got = vt_challenge_subject_agency(&def, cases[i].on);
		if (cases[i].agency ? !got || strcmp(got, cases[i].agency)
				    : got != NULL)
			fail_msg("%s: agency '%s', not '%s'", cases[i].on,
				 got ? got : "(none)",
				 cases[i].agency ? cases[i].agency : "(none)");
	}
	vt_diagq_release(&dq);
	vt_def_release(&def);
}

static void test_ages(void **state)
{
	struct vt_challenge_filter open = { true, NULL };
	struct vt_challenge_filter on_a1 = { false, "action:a1" };
	struct vt_challenge_report r;
	struct vt_def def;
	struct vt_diagq dq;

	(void)state;
	read_checked(log_text, &def, &dq);
	assert_int_equal(dq.errors, 0);

	assert_int_equal(vt_challenges_report(&def, NULL, "2026-11-23", &r),
			 VT_OK);
	assert_int_equal(r.nrows, 3);
	assert_int_equal(r.by_status[VT_CHALLENGE_OPEN], 1);
	assert_int_equal(r.by_status[VT_CHALLENGE_ANSWERED], 1);
	assert_int_equal(r.by_status[VT_CHALLENGE_CLOSED], 1);
	assert_string_equal(r.rows[0].challenge->id, "1");
	assert_int_equal(r.rows[0].age_days, 53);
	assert_int_equal(r.rows[0].waiting_days, 53);
	assert_int_equal(r.rows[1].age_days, 60);
	assert_int_equal(r.rows[1].waiting_days, 10);
	/* A closed challenge's age stops at its closing. */
	assert_int_equal(r.rows[2].age_days, 31);
	assert_int_equal(r.rows[2].waiting_days, -1);
	assert_int_equal(r.oldest_open_days, 60);
	vt_challenge_report_release(&r);

	/* Another day, other ages: nothing is stored but the dates. */
	assert_int_equal(vt_challenges_report(&def, &open, "2026-12-01", &r),
			 VT_OK);
	assert_int_equal(r.nrows, 2);
	assert_int_equal(r.by_status[VT_CHALLENGE_CLOSED], 0);
	assert_int_equal(r.rows[0].age_days, 61);
	assert_int_equal(r.oldest_open_days, 68);
	vt_challenge_report_release(&r);

	assert_int_equal(vt_challenges_report(&def, &on_a1, "2026-11-23", &r),
			 VT_OK);
	assert_int_equal(r.nrows, 2);
	assert_string_equal(r.rows[1].challenge->id, "3");
	assert_int_equal(r.oldest_open_days, 53);
	vt_challenge_report_release(&r);

	assert_int_equal(vt_challenges_report(&def, NULL, "23/11/2026", &r),
			 VT_EINVAL);
	vt_diagq_release(&dq);
	vt_def_release(&def);
}

static void test_empty_log(void **state)
{
	struct vt_challenge_report r;
	struct vt_def def;

	(void)state;
	vt_def_init(&def);
	assert_int_equal(vt_challenges_report(&def, NULL, "2026-11-23", &r),
			 VT_OK);
	assert_int_equal(r.nrows, 0);
	assert_int_equal(r.oldest_open_days, -1);
	vt_challenge_report_release(&r);
	vt_def_release(&def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_subject_agency),
		cmocka_unit_test(test_ages),
		cmocka_unit_test(test_empty_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
