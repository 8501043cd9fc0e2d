/* The multi-agency audit programme: adding, grading, completing audits and their recommendations; grades by agency and by theme over time; the programme's completion. */
#ifndef VITALS_AUDITS_H
#define VITALS_AUDITS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/period.h"
struct vt_store;

/*
 * The changes below are each one write through the change log, recorded
 * as done by 'who'.  A refusal is VT_EINVAL (VT_ENOTFOUND for an unknown
 * audit, VT_ECONFLICT for a reference already taken) with the reason,
 * naming the field, in 'why'; nothing is written then.
 */

/*
 * A new audit 'ref' on 'theme', planned for quarter 'planned' (an id,
 * 2026Q2, or its label in the partnership's financial year, 2026-27 Q1),
 * led by agency 'lead' with 'agencies' taking part (the lead is added
 * first when they leave it out), 'sample' cases planned.  'reaudit_of'
 * (an earlier audit it repeats) may be NULL.
 */
VT_MUST_USE
enum vt_err vt_audit_add(struct vt_store *s, const char *ref,
			 const char *theme, const char *planned,
			 const char *lead, const char *const *agencies,
			 size_t nagencies, const char *sample,
			 const char *reaudit_of, const char *who, char *why,
			 size_t whysize);

/*
 * Agency 'agency''s grade 'grade' for case 'case_ref' of audit 'ref',
 * with 'findings' (may be NULL).  Replaces that agency's grade for that
 * case when there is one ('*replaced' true): the change log keeps the
 * old.
 */
VT_MUST_USE
enum vt_err vt_audit_grade(struct vt_store *s, const char *ref,
			   const char *case_ref, const char *agency,
			   const char *grade, const char *findings,
			   bool *replaced, const char *who, char *why,
			   size_t whysize);

/* Audit 'ref' completed on 'date' with 'summary' (may be NULL). */
VT_MUST_USE
enum vt_err vt_audit_complete(struct vt_store *s, const char *ref,
			      const char *date, const char *summary,
			      const char *who, char *why, size_t whysize);

/* A recommendation of audit 'ref' made an action of the tracker, as
   vt_review_recommend does for a case review: "<REF>-R<n>" in 'code'. */
VT_MUST_USE
enum vt_err vt_audit_recommend(struct vt_store *s, const char *ref,
			       const char *text, const char *agency,
			       const char *due, const char *owner,
			       const char *plan, char *code, size_t codesize,
			       const char *who, char *why, size_t whysize);

/* ------------------------------------------------------------------ */
/* Assessment */

enum vt_audit_state {
	VT_AUDIT_PLANNED,	/* not done, its quarter not over */
	VT_AUDIT_DONE,
	VT_AUDIT_LATE,		/* not done, its quarter over */
	VT_AUDIT__MAX
};
/* "planned", "done", "late". */
extern const char *const vt_audit_state_names[VT_AUDIT__MAX + 1];

/* Audit 'a' on day 'today' (YYYY-MM-DD): VT_EINVAL when its planned
   quarter is not one. */
VT_MUST_USE
enum vt_err vt_audit_state_on(const struct vt_audit *a, const char *today,
			      enum vt_audit_state *out);

enum vt_audit_by { VT_AUDIT_BY_AGENCY, VT_AUDIT_BY_THEME, VT_AUDIT_BY__MAX };
/* "agency", "theme". */
extern const char *const vt_audit_by_names[VT_AUDIT_BY__MAX + 1];

/* The grades of one agency (or theme) in one quarter. */
struct vt_audit_tally {
	const char *key;	/* the agency or theme: borrowed from 'def' */
	char quarter[VT_PERIOD_ID_MAX];	/* when its audits were done;
					   "" for those not done yet */
	size_t *counts;		/* one per grade of the scale, best first */
	size_t total;		/* every grade, any not on the scale too */
};

struct vt_audit_grades {
	size_t ngrades;		/* the scale's grades */
	const char *const *grades;	/* borrowed: the scale's names */
	struct vt_audit_tally *rows;	/* by key, then quarter ("" last) */
	size_t nrows;
	/* private */
	const char **names;
};

/*
 * Count the grades of every audit of 'def' by agency (the agency that
 * gave the grade) or by the audit's theme, per quarter the audit was
 * done.  Release 'out' with vt_audit_grades_release.
 */
VT_MUST_USE
enum vt_err vt_audit_grades_count(const struct vt_def *def,
				  enum vt_audit_by by,
				  struct vt_audit_grades *out);
void vt_audit_grades_release(struct vt_audit_grades *g);

/* The programme for quarters 'from' to 'to' on 'today'. */
struct vt_audit_programme {
	char from[VT_PERIOD_ID_MAX], to[VT_PERIOD_ID_MAX];
	size_t planned;		/* audits planned in the range */
	size_t counts[VT_AUDIT__MAX];	/* of those: planned, done, late */
};

/*
 * Count the audits of 'def' planned from quarter 'from' to quarter 'to'
 * (ids; NULL for no bound) by their state on 'today'.
 */
VT_MUST_USE
enum vt_err vt_audit_programme_count(const struct vt_def *def,
				     const char *from, const char *to,
				     const char *today,
				     struct vt_audit_programme *out);

/*
 * {"ref", "theme", "planned", "lead", "agencies", "sample", "cases",
 * "state", "done", "summary", "reaudit_of", "reaudits", "grades":
 * [{"case", "agency", "grade", "findings"}], "recommendations":
 * [{"action", "rag"}]}: what 'vitals audits show --json' prints ("cases":
 * how many distinct cases are graded; "reaudits": the audits that repeat
 * it).  A new reference; NULL when out of memory.
 */
json_t *vt_audit_json(const struct vt_audit *a, enum vt_audit_state state,
		      const struct vt_def *def);

/* Whether agency 'agency' (NULL: none) takes part in audit 'a'. */
bool vt_audit_takes_part(const struct vt_audit *a, const char *agency);

/*
 * Whether a user of 'role' (enum vt_role) of 'agency' (NULL: none) may
 * read audit 'a': the administrator, the analyst, the chair and the
 * scrutineer read all; an agency lead those its agency takes part in;
 * viewers none.
 */
bool vt_audit_visible_to(const struct vt_audit *a, int role,
			 const char *agency);

/*
 * Whether a user of 'role' of 'agency' may grade audit 'a' for agency
 * 'for_agency': the administrator, the analyst and the chair for any
 * agency taking part; an agency lead for its own agency only, when it
 * takes part; no one else.
 */
bool vt_audit_may_grade(const struct vt_audit *a, int role,
			const char *agency, const char *for_agency);

/*
 * The first and last quarters (ids) of the financial year starting in
 * month 'fy_start_month' that holds day 'day' (YYYY-MM-DD), and that
 * year's label ("2026-27"): VT_EINVAL when 'day' is not a day.
 */
VT_MUST_USE
enum vt_err vt_audit_year_of(const char *day, int fy_start_month,
			     char from[VT_PERIOD_ID_MAX],
			     char to[VT_PERIOD_ID_MAX],
			     char label[VT_PERIOD_LABEL_MAX]);

/* How many distinct cases audit 'a' grades. */
size_t vt_audit_cases(const struct vt_audit *a);

#endif
