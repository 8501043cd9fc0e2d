/* The case review register: adding reviews, recording their stages, and their statutory clocks. */
#ifndef VITALS_REVIEWS_H
#define VITALS_REVIEWS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/deadlines.h"
#include "vitals/error.h"
#include "vitals/model.h"
struct vt_store;

/*
 * Both changes below are one write through the change log, recorded as
 * done by 'who'.  A refusal is VT_EINVAL (VT_ENOTFOUND for an unknown
 * review, VT_ECONFLICT for a reference already taken) with the reason,
 * naming the field, in 'why'; nothing is written then.
 */

/* A new review 'ref', the local authority aware on 'aware', with the
   agencies involved and its learning themes (codes). */
VT_MUST_USE
enum vt_err vt_review_add(struct vt_store *s, const char *ref,
			  const char *aware, const char *const *agencies,
			  size_t nagencies, const char *const *themes,
			  size_t nthemes, const char *who, char *why,
			  size_t whysize);

/* Date the stage 'stage' (a vt_review_stage_names name) of review 'ref';
   'decision' (the decision stage only), 'reviewer' (a role title, the
   reviewer stage only) and 'note' may be NULL. */
VT_MUST_USE
enum vt_err vt_review_record(struct vt_store *s, const char *ref,
			     const char *stage, const char *date,
			     const char *decision, const char *reviewer,
			     const char *note, const char *who, char *why,
			     size_t whysize);

/*
 * Make a recommendation of open review 'ref' an action in the tracker:
 * 'text' its title (a name or date of birth refused), owned by agency
 * 'agency' (a code), due on 'due' (YYYY-MM-DD or DD/MM/YYYY), with an
 * optional 'owner' role title.  It goes in plan 'plan', or when that is
 * NULL the partnership's first strategic plan (refused when there is
 * none).  Its reference, "<REF>-R<n>" with n the first free, goes to
 * 'code'; it starts amber, the review as its source.
 */
VT_MUST_USE
enum vt_err vt_review_recommend(struct vt_store *s, const char *ref,
				const char *text, const char *agency,
				const char *due, const char *owner,
				const char *plan, char *code, size_t codesize,
				const char *who, char *why, size_t whysize);

enum vt_review_clock {
	VT_CLOCK_NOTIFICATION, VT_CLOCK_RAPID_REVIEW, VT_CLOCK_PUBLICATION,
	VT_CLOCK_PANEL_COPY, VT_CLOCK__MAX
};
/* "notification", "rapid-review", "publication", "panel-copy". */
extern const char *const vt_review_clock_names[VT_CLOCK__MAX];

/* What a reader calls each stage ("Rapid review", "Report sent to the
   panel") and each clock ("Notification to the national panel"). */
extern const char *const vt_review_stage_labels[VT_STAGE__MAX];
extern const char *const vt_review_clock_labels[VT_CLOCK__MAX];

/* A review as on a day: its latest stage and the clocks that started. */
struct vt_review_state {
	const struct vt_review *review;
	int stage;			/* latest dated, or -1 for none */
	struct vt_deadline clocks[VT_CLOCK__MAX];
	bool started[VT_CLOCK__MAX];	/* false: left out */
};

/*
 * Judge review 'r' as on 'today' with the partnership's timescales 'p'
 * (NULL: the defaults).  VT_EINVAL for a date that is not one.
 */
VT_MUST_USE
enum vt_err vt_review_judge(const struct vt_review *r,
			    const struct vt_partnership *p, const char *today,
			    struct vt_review_state *out);

/* Whether a review is still open: not closed. */
bool vt_review_open(const struct vt_review *r);

/*
 * {"ref", "stage", "decision", "clocks": [{"name", "start", "due",
 * "done", "state", "working_days_left"}], "recommendations": [{"action",
 * "rag"}]}: what 'vitals reviews show --json' prints.  The
 * recommendations are the actions of 'def' made from the review, in the
 * tracker's order, with the rating of each one's latest update (null
 * before its first); 'def' NULL leaves them out ([]).  A new reference;
 * NULL when out of memory.
 */
json_t *vt_review_json(const struct vt_review_state *st,
		       const struct vt_def *def);

#endif
