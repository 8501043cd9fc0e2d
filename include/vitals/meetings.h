/* Groups that meet and decide: a group's meetings, their attendance and quorum, decisions and reports received, and attendance by agency over a financial year. */
#ifndef VITALS_MEETINGS_H
#define VITALS_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
struct vt_store;

/*
 * The changes below are each one write through the change log, recorded
 * as done by 'who'.  A refusal is VT_EINVAL (VT_ENOTFOUND for an unknown
 * meeting, VT_ECONFLICT for a reference already taken) with the reason,
 * naming the field, in 'why'; nothing is written then.
 */

/* A new meeting 'ref' of 'group' on 'date', planned, with the 'nitems'
   agenda items 'items' (none: NULL, 0). */
VT_MUST_USE
enum vt_err vt_meeting_add(struct vt_store *s, const char *ref,
			   const char *group, const char *date,
			   const char *const *items, size_t nitems,
			   const char *who, char *why, size_t whysize);

/* Cancel meeting 'ref': refused once it was held. */
VT_MUST_USE
enum vt_err vt_meeting_cancel(struct vt_store *s, const char *ref,
			      const char *who, char *why, size_t whysize);

/* One agency's attendance as given: "present", "apologies", "absent". */
struct vt_attendance_entry {
	const char *agency;
	const char *attended;
};

/*
 * Record how each of 'n' agencies was at meeting 'ref' (replacing what
 * was recorded for them, keeping the others) and mark it held.  Refused
 * for a cancelled meeting, one dated after 'today', an agency that is not
 * one or (when the group lists its members) not a member.
 */
VT_MUST_USE
enum vt_err vt_meeting_attend(struct vt_store *s, const char *ref,
			      const struct vt_attendance_entry *e, size_t n,
			      const char *today, const char *who, char *why,
			      size_t whysize);

/* A decision of held meeting 'ref', numbered after its last, owned by the
   role title 'owner' of 'agency', due on 'due' (may be NULL). */
VT_MUST_USE
enum vt_err vt_meeting_decide(struct vt_store *s, const char *ref,
			      const char *text, const char *owner,
			      const char *agency, const char *due,
			      const char *who, char *why, size_t whysize);

/* Mark decision 'number' of meeting 'ref' done on 'date'. */
VT_MUST_USE
enum vt_err vt_meeting_done(struct vt_store *s, const char *ref,
			    long long number, const char *date,
			    const char *who, char *why, size_t whysize);

/* Record that held meeting 'ref' received the report 'subject'
   ("return:AGENCY/PERIOD", "audit:REF", "review:REF", "scrutiny:REF" or
   "pack:QUARTER"); 'note' may be NULL. */
VT_MUST_USE
enum vt_err vt_meeting_receive(struct vt_store *s, const char *ref,
			       const char *subject, const char *note,
			       const char *who, char *why, size_t whysize);

/* ------------------------------------------------------------------ */
/* Reading */

/* Where a decision is on a day. */
enum vt_decision_state {
	VT_DECISION_OPEN, VT_DECISION_OVERDUE, VT_DECISION_DONE,
	VT_DECISION__MAX
};
/* "open", "overdue", "done" */
extern const char *const vt_decision_state_names[VT_DECISION__MAX + 1];

/* A decision is done once it has its day, overdue when its due day is
   before 'today', open otherwise. */
enum vt_decision_state vt_decision_state(const struct vt_meeting_decision *d,
					 const char *today);

/* How many member agencies were present: those of the group when it lists
   its members, else every agency recorded present. */
size_t vt_meeting_present(const struct vt_group *g,
			  const struct vt_meeting *m);

/* Whether held meeting 'm' was quorate: 1 yes, 0 no, -1 the group has no
   quorum rule (or the meeting was not held). */
int vt_meeting_quorate(const struct vt_group *g, const struct vt_meeting *m);

/* A group's meetings in 'def', by date then reference: a new array of
   pointers into 'def' in '*out' (free() it), their count in '*n'. */
VT_MUST_USE
enum vt_err vt_group_meetings(const struct vt_def *def, const char *group,
			      const struct vt_meeting ***out, size_t *n);

/* The reporting line of 'g' upwards: 'g' first, then the group it
   reports to and so on to the top (a loop ends it); at most 'max'. */
size_t vt_group_line(const struct vt_def *def, const struct vt_group *g,
		     const struct vt_group **line, size_t max);

/* One agency's attendance at a group's held meetings of a year. */
struct vt_attendance_row {
	const char *agency;
	bool member;
	size_t held;		/* meetings held in the year */
	size_t present, apologies, absent;
	size_t unrecorded;	/* held, with nothing recorded for it */
	double rate;		/* present / held, as a percentage; NAN
				   when none were held */
};

struct vt_attendance_year {
	char year[8];		/* "2025-26" */
	char from[11], to[11];	/* the first and last day */
	size_t held, quorate, inquorate;
	struct vt_attendance_row *rows;	/* members, then others */
	size_t nrows;
};

/*
 * Attendance at the held meetings of group 'g' in financial year 'year'
 * ("2025-26", beginning in month 'fy_start_month').  VT_EINVAL for a year
 * that is not one.  Release with vt_attendance_year_release.
 */
VT_MUST_USE
enum vt_err vt_attendance_year(const struct vt_def *def,
			       const struct vt_group *g, const char *year,
			       int fy_start_month,
			       struct vt_attendance_year *out);
void vt_attendance_year_release(struct vt_attendance_year *a);

/* The financial year ("2025-26") holding 'date', starting in month
   'fy_start_month'; 'out' holds 8 bytes.  NULL for a date not one. */
const char *vt_meeting_year_of(const char *date, int fy_start_month,
			       char *out);

/* {"year", "from", "to", "held", "quorate", "inquorate", "agencies":
   [{"agency", "member", "held", "present", "apologies", "absent",
   "unrecorded", "rate"}]}; a new reference, NULL when out of memory. */
json_t *vt_attendance_year_json(const struct vt_attendance_year *a);

/* {"ref", "group", "date", "status", "quorum", "present", "quorate"
   (true, false or null), "items": [text], "attendance": [{"agency",
   "attended"}], "decisions": [{"number", "text", "owner", "agency",
   "due", "done", "state"}], "received": [{"subject", "note"}]}: a new
   reference, NULL when out of memory. */
json_t *vt_meeting_json(const struct vt_group *g, const struct vt_meeting *m,
			const char *today);

#endif
