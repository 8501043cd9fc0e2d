/* Unit tests for a group's meetings read: decisions' state, quorate, the financial year of a day, attendance by agency over a year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vitals/meetings.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_decision_state(void **state)
{
	static const struct {
		const char *due, *done, *today;
		enum vt_decision_state want;
	} cases[] = {
		{ NULL, NULL, "2026-11-23", VT_DECISION_OPEN },
		{ "2026-11-23", NULL, "2026-11-23", VT_DECISION_OPEN },
		{ "2026-11-22", NULL, "2026-11-23", VT_DECISION_OVERDUE },
		{ "2026-11-22", "2026-11-30", "2026-11-23", VT_DECISION_DONE },
		{ NULL, "2026-01-01", "2026-11-23", VT_DECISION_DONE },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_meeting_decision d = {
			.due = (char *)cases[i].due,
			.done = (char *)cases[i].done };

		assert_int_equal(vt_decision_state(&d, cases[i].today),
				 cases[i].want);
	}
}

static struct vt_group_member members[] = {
	{ (char *)"la", (char *)"Director" },
	{ (char *)"police", (char *)"Superintendent" },
	{ (char *)"health", (char *)"Designated nurse" },
};

/* Present members against the quorum; a guest present is not counted,
   and only a held meeting is quorate or not. */
static void test_quorate(void **state)
{
	static const struct {
		int64_t quorum;
		size_t nmembers;
		int status;
		const char *present[4];
		int want;
		size_t present_n;
	} cases[] = {
		{ 0, 3, VT_MEETING_HELD, { "la" }, -1, 1 },
		{ 2, 3, VT_MEETING_HELD, { "la", "police" }, 1, 2 },
		{ 2, 3, VT_MEETING_HELD, { "la" }, 0, 1 },
		{ 2, 3, VT_MEETING_HELD, { "la", "guest" }, 0, 1 },
		{ 3, 3, VT_MEETING_HELD, { "la", "police", "health" }, 1, 3 },
		{ 2, 3, VT_MEETING_PLANNED, { NULL }, -1, 0 },
		/* No members listed: every agency present counts. */
		{ 2, 0, VT_MEETING_HELD, { "la", "guest" }, 1, 2 },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		struct vt_meeting_attendance att[4];
		struct vt_group g = { .code = (char *)"exec",
				      .quorum = cases[i].quorum,
				      .members = members,
				      .nmembers = cases[i].nmembers };
		struct vt_meeting m = { .group = (char *)"exec",
					.status = cases[i].status,
					.attendance = att };

		for (k = 0; k < 4 && cases[i].present[k]; k++) {
			att[k].agency = (char *)cases[i].present[k];
			att[k].attended = VT_ATTENDED_PRESENT;
		}
		/* An absence never counts. */
		att[k].agency = (char *)"health";
		att[k].attended = VT_ATTENDED_ABSENT;
		m.nattendance = k + 1;
		assert_int_equal(vt_meeting_quorate(&g, &m), cases[i].want);
		assert_int_equal(vt_meeting_present(&g, &m),
				 cases[i].present_n);
	}
}

static void test_year_of(void **state)
{
	static const struct {
		const char *date;
		int fy;
		const char *want;
	} cases[] = {
		{ "2026-04-01", 4, "2026-27" },
		{ "2026-03-31", 4, "2025-26" },
		{ "2027-01-11", 4, "2026-27" },
		{ "1999-12-31", 4, "1999-00" },
		{ "2026-01-01", 1, "2026-27" },
		{ "2026-09-30", 10, "2025-26" },
		{ "2026-13-01", 4, NULL },
		{ "soon", 4, NULL },
	};
	size_t i;
	char out[8];

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const char *got = vt_meeting_year_of(cases[i].date,
						     cases[i].fy, out);

		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
}

static void add_meeting(struct vt_def *def, const char *ref,
			const char *date, int status,
			const char *const *agencies, const int *attended,
			size_t n)
{
	struct vt_meeting *m;
	size_t i;

	assert_int_equal(vt_def_append(def, VT_KIND_MEETING, (void **)&m),
			 VT_OK);
	m->ref = strdup(ref);
	m->group = strdup("exec");
	m->date = strdup(date);
	m->status = status;
	m->attendance = calloc(n ? n : 1, sizeof(*m->attendance));
	assert_non_null(m->attendance);
	for (i = 0; i < n; i++) {
		m->attendance[i].agency = strdup(agencies[i]);
		m->attendance[i].attended = attended[i];
	}
	m->nattendance = n;
}

/* Two meetings held in 2026-27, one in the year before, one planned:
   each member's counts, a guest's, the rate and the quorate count. */
static void test_attendance_year(void **state)
{
	static const char *const a1[] = { "la", "police", "health" };
	static const int s1[] = { VT_ATTENDED_PRESENT, VT_ATTENDED_PRESENT,
				  VT_ATTENDED_APOLOGIES };
	static const char *const a2[] = { "la", "guest" };
	static const int s2[] = { VT_ATTENDED_PRESENT, VT_ATTENDED_PRESENT };
	static const char *const a3[] = { "police" };
	static const int s3[] = { VT_ATTENDED_ABSENT };
	struct vt_group g = { .code = (char *)"exec", .quorum = 2,
			      .members = members, .nmembers = 3 };
	struct vt_attendance_year a;
	struct vt_def def;

	(void)state;
	vt_def_init(&def);
	add_meeting(&def, "exec-1", "2026-04-13", VT_MEETING_HELD, a1, s1, 3);
	add_meeting(&def, "exec-2", "2027-03-08", VT_MEETING_HELD, a2, s2, 2);
	add_meeting(&def, "exec-0", "2026-03-09", VT_MEETING_HELD, a3, s3, 1);
	add_meeting(&def, "exec-3", "2026-12-14", VT_MEETING_PLANNED, NULL,
		    NULL, 0);
	assert_int_equal(vt_attendance_year(&def, &g, "2026-27", 4, &a),
			 VT_OK);
	assert_string_equal(a.from, "2026-04-01");
	assert_string_equal(a.to, "2027-03-31");
	assert_int_equal(a.held, 2);
	assert_int_equal(a.quorate, 1);
	assert_int_equal(a.inquorate, 1);
	assert_int_equal(a.nrows, 4);
	/* la: present twice. */
	assert_string_equal(a.rows[0].agency, "la");
	assert_int_equal(a.rows[0].present, 2);
	assert_true(a.rows[0].rate > 99.9 && a.rows[0].rate < 100.1);
	/* police: present once, nothing recorded at the second. */
	assert_int_equal(a.rows[1].present, 1);
	assert_int_equal(a.rows[1].absent, 0);
	assert_int_equal(a.rows[1].unrecorded, 1);
	/* health: apologies once. */
	assert_int_equal(a.rows[2].apologies, 1);
	assert_int_equal(a.rows[2].present, 0);
	/* the guest: not a member, after the members. */
	assert_string_equal(a.rows[3].agency, "guest");
	assert_false(a.rows[3].member);
	assert_int_equal(a.rows[3].present, 1);
	vt_attendance_year_release(&a);
	assert_int_equal(vt_attendance_year(&def, &g, "2026", 4, &a),
			 VT_EINVAL);
	assert_int_equal(vt_attendance_year(&def, &g, "2026-28", 4, &a),
			 VT_EINVAL);
	/* A year with none held: no rate. */
	assert_int_equal(vt_attendance_year(&def, &g, "2024-25", 4, &a),
			 VT_OK);
	assert_int_equal(a.held, 0);
	assert_true(a.rows[0].rate != a.rows[0].rate);
	vt_attendance_year_release(&a);
	vt_def_release(&def);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decision_state),
		cmocka_unit_test(test_quorate),
		cmocka_unit_test(test_year_of),
		cmocka_unit_test(test_attendance_year),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
