/* The scrutiny challenge log: raising, answering and closing challenges, and their ages. */
#ifndef VITALS_CHALLENGES_H
#define VITALS_CHALLENGES_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/query.h"
struct vt_store;

/*
 * Each of the three changes below is one write through the change log,
 * dated 'today' (YYYY-MM-DD) and recorded as done by 'who'.  A refusal is
 * VT_EINVAL (or VT_ENOTFOUND for an unknown challenge) with the reason in
 * 'why'; nothing is written then.
 */

/*
 * Raise a challenge 'by' a role about 'on' ("action:REF", "measure:CODE",
 * "review:REF" or "return:AGENCY/PERIOD"); its number goes to 'id'.
 */
VT_MUST_USE
enum vt_err vt_challenge_raise(struct vt_store *s, const char *on,
			       const char *by, const char *text,
			       const char *today, const char *who,
			       char id[16], char *why, size_t whysize);

/* Answer challenge 'id' (not closed): the response is added to its
   history and the challenge is answered. */
VT_MUST_USE
enum vt_err vt_challenge_respond(struct vt_store *s, const char *id,
				 const char *by, const char *text,
				 const char *today, const char *who,
				 char *why, size_t whysize);

/* Close challenge 'id' (not closed) with its outcome. */
VT_MUST_USE
enum vt_err vt_challenge_close(struct vt_store *s, const char *id,
			       const char *by, const char *outcome,
			       const char *today, const char *who,
			       char *why, size_t whysize);

/* One challenge as the log shows it on a given day. */
struct vt_challenge_row {
	const struct vt_challenge *challenge;
	/* Days since it was raised: to today while it is open or answered,
	   to its closing once closed. */
	long age_days;
	/* Days since anyone last wrote on it (raised or answered); -1 when
	   closed.  An open challenge waits on the agency, an answered one on
	   its raiser. */
	long waiting_days;
};

struct vt_challenge_filter {
	bool open_only;		/* not closed: open or answered */
	const char *on;		/* this subject only, or NULL */
};

struct vt_challenge_report {
	struct vt_challenge_row *rows;	/* in the order raised */
	size_t nrows;
	size_t by_status[VT_CHALLENGE__MAX];
	long oldest_open_days;		/* -1 when none is open */
};

/*
 * The challenges of 'def' that pass 'filter' (NULL: all), as on 'today'.
 * Borrows from 'def', which must outlive the report.  VT_EINVAL for a
 * 'today' that is not a date.
 */
VT_MUST_USE
enum vt_err vt_challenges_report(const struct vt_def *def,
				 const struct vt_challenge_filter *filter,
				 const char *today,
				 struct vt_challenge_report *out);

void vt_challenge_report_release(struct vt_challenge_report *r);

/*
 * The log's filter from a query, as the page and the API take it: open
 * (1 or 0: not closed only) and on (a subject, action:REF, measure:CODE,
 * review:REF or return:AGENCY/PERIOD, whose action, measure, case review
 * or agency 'def' has).
 * Anything else is a problem about its field in 'dq' (VT_EINVAL).
 */
VT_MUST_USE
enum vt_err vt_challenge_filter_read(const struct vt_def *def,
				     const struct vt_query *q,
				     struct vt_challenge_filter *f,
				     struct vt_diagq *dq);

/*
 * The agency a challenge is addressed to: the owner of the action or
 * measure, or the agency of the return its subject 'on' names; NULL for
 * a subject that names no agency (a partnership-wide measure, or a case
 * review: the partnership's) or none known.  Borrows from 'def'.
 */
const char *vt_challenge_subject_agency(const struct vt_def *def,
					const char *on);

/*
 * {"total", "by_status": {"open", "answered", "closed"},
 * "oldest_open_days", "challenges": [{"id", "on", "status", "by",
 * "raised", "text", "age_days", "waiting_days", "responses", "outcome",
 * "closed", "closed_by"}]}: what 'vitals challenge list --json' prints
 * and the API serves.  A new reference; NULL when out of memory.
 */
json_t *vt_challenges_json(const struct vt_challenge_report *rep);

#endif
