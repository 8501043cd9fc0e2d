/* Section 11 self-assessments (Children Act 2004): rating, submitting and challenging them, actions made from them, the heat map of a cycle, who has not returned, and who may change one. */
#ifndef VITALS_S11_H
#define VITALS_S11_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/visibility.h"
struct vt_store;

/*
 * The changes below are each one write through the change log, recorded
 * as done by 'who'.  A refusal is VT_EINVAL (VT_ENOTFOUND for an unknown
 * self-assessment) with the reason, naming the record and field, in
 * 'why'; nothing is written then.
 */

/*
 * Rate standard 'standard' of the self-assessment of 'agency' for 'cycle'
 * as 'rating' (met, partly-met, not-met), with 'evidence' and 'action'
 * (either may be NULL: kept as they were).  The self-assessment is made,
 * as a draft, when there is none.  Once submitted a rating changes only
 * at its challenge session; its evidence and action may still be given.
 */
VT_MUST_USE
enum vt_err vt_s11_rate(struct vt_store *s, const char *agency,
			const char *cycle, const char *standard,
			const char *rating, const char *evidence,
			const char *action, const char *who, char *why,
			size_t whysize);

/* Submit the draft on 'date' (YYYY-MM-DD).  Refused while a standard of
   the framework is unrated or one not met lacks its action; 'why' names
   them all. */
VT_MUST_USE
enum vt_err vt_s11_submit(struct vt_store *s, const char *agency,
			  const char *cycle, const char *date,
			  const char *who, char *why, size_t whysize);

/* One standard of a self-assessment as a form gives it. */
struct vt_s11_rating_input {
	const char *standard;	/* a code of the framework */
	const char *rating;	/* met, partly-met, not-met; NULL or "":
				   not rated (then no evidence or action) */
	const char *evidence;	/* NULL or "": none */
	const char *action;	/* NULL or "": none */
};

/*
 * Rate the 'n' standards of 'in' in the self-assessment of 'agency' for
 * 'cycle' in one write: each standard given takes exactly the rating,
 * evidence and action given (blank clears them); the others are kept.
 * With 'submitted' (YYYY-MM-DD, NULL: a draft still) it is submitted in
 * the same write.  The self-assessment is made when there is none.
 * Every problem found is refused together: 'why' names them all, and
 * 'dq' (NULL: not wanted) gets each one with its field "STANDARD.rating",
 * "STANDARD.evidence" or "STANDARD.action" (the message beginning
 * "STANDARD rating: ..."), or "submitted" for the date.  Nothing is
 * written then.  Once submitted a rating changes only at its challenge
 * session.
 */
VT_MUST_USE
enum vt_err vt_s11_rate_many(struct vt_store *s, const char *agency,
			     const char *cycle,
			     const struct vt_s11_rating_input *in, size_t n,
			     const char *submitted, const char *who,
			     struct vt_diagq *dq, char *why, size_t whysize);

/* A rating a challenge session changed to 'rating'. */
struct vt_s11_rerating {
	const char *standard;
	const char *rating;
};

/*
 * Record the challenge session of a submitted self-assessment on 'date'
 * with 'outcome' (agreed, rating-changed) and 'note' (NULL: none).  With
 * rating-changed, 'changes' gives each rating changed: the rating takes
 * the new value and the change is recorded from the old.  One session a
 * self-assessment.
 */
VT_MUST_USE
enum vt_err vt_s11_challenge(struct vt_store *s, const char *agency,
			     const char *cycle, const char *date,
			     const char *outcome,
			     const struct vt_s11_rerating *changes,
			     size_t nchanges, const char *note,
			     const char *who, char *why, size_t whysize);

/*
 * Make an action in the tracker from the self-assessment of 'agency' for
 * 'cycle' about 'standard': titled "STANDARD: text", owned by the agency,
 * due 'due', owner 'owner' (a role, NULL: none), in plan 'plan' (NULL:
 * the first strategic plan), amber until first rated, its 's11' naming
 * "AGENCY/CYCLE".  Its code ("S11-AGENCY-CYCLE-1", ...) goes to 'code'.
 */
VT_MUST_USE
enum vt_err vt_s11_action(struct vt_store *s, const char *agency,
			  const char *cycle, const char *standard,
			  const char *text, const char *due,
			  const char *owner, const char *plan, char *code,
			  size_t codesize, const char *who, char *why,
			  size_t whysize);

/* ------------------------------------------------------------------ */
/* Assessment */

/* How a rating moved since the agency's previous cycle. */
enum vt_s11_trend {
	VT_S11_NEW,		/* not rated in a previous cycle */
	VT_S11_BETTER, VT_S11_SAME, VT_S11_WORSE, VT_S11_TREND__MAX
};
/* "new", "better", "same", "worse". */
extern const char *const vt_s11_trend_names[VT_S11_TREND__MAX + 1];

/* One cell of the heat map: agency x standard. */
struct vt_s11_cell {
	int rating;		/* enum vt_s11_grade; -1: not rated */
	int trend;		/* enum vt_s11_trend, when rated */
	int previous;		/* the previous cycle's rating, or -1 */
};

/*
 * A cycle's heat map: a row for every agency with a self-assessment for
 * the cycle (submitted or not), in the definition's order of agencies, a
 * column for every standard of the framework.  'counts' gives, per
 * standard, how many agencies rated it met, partly met and not met.
 * 'previous' is the cycle each row was compared with (its agency's
 * latest earlier one), NULL when none.
 */
struct vt_s11_row {
	const struct vt_s11 *s11;
	const struct vt_s11 *previous;
	struct vt_s11_cell *cells;	/* nstandards */
};

struct vt_s11_heatmap {
	const char *cycle;
	const struct vt_partnership *partnership;	/* may be NULL */
	size_t nstandards;
	struct vt_s11_row *rows;
	size_t nrows;
	size_t (*counts)[VT_S11__MAX];	/* nstandards */
};

VT_MUST_USE
enum vt_err vt_s11_heatmap(const struct vt_def *def, const char *cycle,
			   struct vt_s11_heatmap *out);
void vt_s11_heatmap_release(struct vt_s11_heatmap *h);

/*
 * The agencies that have not returned for 'cycle': every agency of the
 * partnership is expected (the section 11 duty falls on each body the
 * partnership lists), and one has returned once its self-assessment for
 * the cycle is submitted; a draft has not.  '*out' gets 'n' agencies of
 * 'def' in its order; free() the array.
 */
VT_MUST_USE
enum vt_err vt_s11_missing(const struct vt_def *def, const char *cycle,
			   const struct vt_agency ***out, size_t *n);

/*
 * Whether 'rd' may rate, submit or make actions from the self-assessment
 * of 'agency': an agency lead its own agency's only; the partnership's
 * administrators and analysts any agency's; no one else.  A challenge
 * session is the partnership's (administrators, analysts and the chair)
 * and the independent scrutineer's, who leads it; never the agency's own
 * (vt_s11_may_challenge).
 */
bool vt_s11_may_edit(const struct vt_reader *rd, const char *agency);
bool vt_s11_may_challenge(const struct vt_reader *rd);

#endif
