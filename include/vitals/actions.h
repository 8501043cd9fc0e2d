/* The action tracker's derived states: overdue, stale, counts by RAG, the red list. */
#ifndef VITALS_ACTIONS_H
#define VITALS_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/query.h"
struct vt_store;
struct vt_load_summary;

/* Days without an update after which an action is stale, unless the
   partnership sets its own interval (action_update_days). */
#define VT_ACTION_STALE_DAYS 35

/*
 * One action as the tracker shows it.  Overdue and stale are computed
 * from the dates, never stored: overdue is past its due date and not
 * complete (blue); stale is not complete and with no update in the last
 * 'stale_days' days (or none at all).
 */
struct vt_action_row {
	const struct vt_action *action;
	const struct vt_action_update *last;	/* latest by date, or NULL */
	bool overdue;
	bool stale;
	long days_since_update;			/* -1: never updated */
	size_t slips;				/* times its due date moved later */
	int rag;		/* enum vt_rag: as at the report's day */
	bool discharged;	/* discharged on or before that day: kept
				   in its RAG, but neither open, overdue
				   nor stale */
};

/* "red", "Amber", "G", "b": a rating (enum vt_rag), or -1. */
int vt_rag_parse(const char *s);

/* The latest update of 'a' by date (of two on a date, the later given). */
const struct vt_action_update *vt_action_latest(const struct vt_action *a);

/* Which actions: NULL or -1 means any; the flags keep only those. */
struct vt_action_filter {
	const char *agency;
	const char *plan;
	const char *priority;		/* its code, or its number ("2") */
	int rag;			/* enum vt_rag, or -1 */
	bool overdue_only;
	bool stale_only;
	/* Words found, in any case, in the reference, title or owner. */
	const char *search;
	/* Ratings as they were on the report's day (a past quarter's
	   end): the latest update dated on or before it, and an action
	   with no update by then is left out. */
	bool as_at;
	/* Only actions whose plan (and priority) are in force on the
	   day: not draft, not closed, and their dates cover it; unless
	   'plan' names the plan: then all its actions. */
	bool in_force;
	/* Set: only actions whose plan (and priority) cover some of the
	   days 'from' to 'to' (a pack's period), closed or not. */
	const char *from, *to;
};

struct vt_action_report {
	struct vt_action_row *rows;	/* in the definition's order */
	size_t nrows;
	size_t by_rag[VT_RAG__MAX];
	size_t overdue;
	size_t stale;
	size_t slipped;			/* actions whose due date moved later */
	long stale_days;		/* the interval 'stale' was judged by */
	size_t discharged;		/* discharged by the day */
	size_t open;			/* neither complete nor discharged */
};

/*
 * How long an action of 'cadence' (enum vt_action_cadence) goes without
 * an update before it is stale: 'stale_days' (the partnership's
 * action_update_days) for a monthly action; for a quarterly one a
 * quarter more the same grace, 'stale_days' + 61 (92 days, the longest
 * quarter, less 31, the longest month): 96 days by default.
 */
long vt_action_stale_after(int cadence, long stale_days);

/*
 * The actions of 'def' that pass 'filter', as on 'today' (YYYY-MM-DD).
 * Stale is judged by each action's cadence (vt_action_stale_after).
 * Borrows from 'def', which must outlive the report.  VT_EINVAL for a
 * 'today' that is not a date.
 */
VT_MUST_USE
enum vt_err vt_actions_report(const struct vt_def *def,
			      const struct vt_action_filter *filter,
			      const char *today, long stale_days,
			      struct vt_action_report *out);

void vt_action_report_release(struct vt_action_report *r);

/*
 * The tracker's filter from a query, as the page and the API take it:
 * rag (red, amber, green, blue), agency and plan (codes of 'def'),
 * overdue and stale (1 or 0), q (the search); an absent or empty field
 * filters nothing.  Only the actions of plans in force on the day
 * (in_force) unless closed is 1: then closed and past plans' too (as
 * the command line's --closed).
 * A value that is none of these is a problem about its field in 'dq'
 * (VT_EINVAL), never ignored.  'f' borrows from the query.
 */
VT_MUST_USE
enum vt_err vt_action_filter_read(const struct vt_def *def,
				  const struct vt_query *q,
				  struct vt_action_filter *f,
				  struct vt_diagq *dq);

/* The columns the tracker sorts by (a missing value sorts last). */
enum vt_action_sort {
	VT_ACTION_SORT_NONE,	/* the definition's order */
	VT_ACTION_SORT_REF,
	VT_ACTION_SORT_TITLE,
	VT_ACTION_SORT_AGENCY,
	VT_ACTION_SORT_RAG,	/* red, amber, green, blue */
	VT_ACTION_SORT_DUE,
	VT_ACTION_SORT_UPDATED,	/* the latest update's date */
	VT_ACTION_SORT__MAX
};

/* "ref", "title", "agency", "rag", "due", "updated", indexed by the
   enum ("" for none). */
extern const char *const vt_action_sort_names[VT_ACTION_SORT__MAX];

/* The tracker's order from a query: sort (one of vt_action_sort_names)
   and dir (asc or desc); absent or empty is the definition's order,
   ascending.  Any other value is a problem about its field in 'dq'
   (VT_EINVAL). */
VT_MUST_USE
enum vt_err vt_action_order_read(const struct vt_query *q,
				 enum vt_action_sort *sort, bool *descending,
				 struct vt_diagq *dq);

/* The report's rows in the order of 'sort'; ties keep the definition's
   order, so a page of a sorted list is the same page each time.  (Out
   of memory, the rows stay as they are.) */
void vt_actions_sort(struct vt_action_report *r, enum vt_action_sort sort,
		     bool descending);

/*
 * One row as JSON: {"ref", "plan", "agency", "title", "owner", "due",
 * "rag", "updated", "last_note", "overdue", "stale", "slips", "review"
 * (the case review it came from, or null), "audit" (the audit it came
 * from, or null)}; and the
 * summary: {"total", "by_rag": {"red", "amber", "green", "blue"},
 * "overdue", "stale", "red_list": [rows]}.  New references; NULL when
 * out of memory.  (The command line and the web API print the same.)
 */
json_t *vt_action_row_json(const struct vt_action_row *r);
json_t *vt_actions_summary_json(const struct vt_action_report *rep);

/*
 * [{"action", "rag"}]: the actions of 'def' made from the recommendations
 * of record 'ref' of kind 'source' (a case review, an audit), in the
 * tracker's order, each with the rating of its latest update (null before
 * its first).  'def' NULL: [].  A new reference; NULL when out of memory.
 */
json_t *vt_recommendations_json(const struct vt_def *def,
				enum vt_kind source, const char *ref);

/* The partnership's update interval in 'def', else VT_ACTION_STALE_DAYS. */
long vt_actions_stale_days(const struct vt_def *def);

/*
 * The actions meant to move 'measure' (those whose measures name it), in
 * the definition's order, into a new array of '*n' borrowed pointers.
 */
VT_MUST_USE
enum vt_err vt_actions_for_measure(const struct vt_def *def,
				   const char *measure,
				   const struct vt_action ***out, size_t *n);

/*
 * True when 'measure' has actions meant to move it and every one is
 * green or complete (blue).  With a measure that is getting worse, that
 * is the mismatch a scrutineer asks about: the plan says all is well,
 * the figures do not.  (The assessment of measures uses it.)
 */
bool vt_actions_all_green(const struct vt_def *def, const char *measure);

/* One move of an action's due date to a later one, from the change log. */
struct vt_action_slip {
	char *ref;
	char *from, *to;	/* the due dates before and after */
	char *at, *who;		/* when it was recorded, and by whom */
};

/*
 * Every move of a due date to a later one, oldest first, read from the
 * change log (which keeps each version of each action).  Free with
 * vt_action_slips_release().
 */
VT_MUST_USE
enum vt_err vt_action_slips(struct vt_store *s, struct vt_action_slip **out,
			    size_t *n);
void vt_action_slips_release(struct vt_action_slip *slips, size_t n);

/* Count each row's slips into the report (rows.slips, slipped). */
void vt_actions_mark_slipped(struct vt_action_report *r,
			     const struct vt_action_slip *slips, size_t n);

/*
 * Write the report as a workbook at 'path': a sheet per plan of 'def'
 * with actions in it (the columns of 'vitals actions list --csv', RAG
 * cells coloured), then an "Updates" sheet with every update of those
 * actions.  VT_EIO when it cannot be written.
 */
VT_MUST_USE
enum vt_err vt_actions_xlsx(const char *path, const struct vt_def *def,
			    const struct vt_action_report *rep);

/* "2026-11-23" or "23/11/2026" as "2026-11-23"; VT_EINVAL if neither. */
VT_MUST_USE
enum vt_err vt_action_date(const char *in, char out[11]);

/* One monthly update of an action, as given. */
struct vt_action_change {
	int rag;		/* enum vt_rag */
	const char *note;	/* NULL or empty: none */
	const char *evidence;	/* a link or reference, or NULL */
	const char *date;	/* YYYY-MM-DD or DD/MM/YYYY; NULL: today */
	/* An editor's update: the number of updates it was shown.  One
	   recorded since makes it VT_ECONFLICT: it was written blind. */
	bool check_seen;
	size_t seen_updates;
};

/*
 * Record an update of action 'ref' by 'who' as on 'today' (YYYY-MM-DD):
 * a rating of red needs a note; blue (complete) needs evidence, or a
 * note saying why there is none; the date may not be after today nor
 * before the action's latest update (updates are history, in order).
 * The action takes the new rating; every earlier update is kept; the
 * change log records it.  VT_EINVAL, VT_ENOTFOUND or VT_ECONFLICT (see
 * check_seen) with 'why' set when refused, and nothing is written.
 */
VT_MUST_USE
enum vt_err vt_action_record(struct vt_store *s, const char *ref,
			     const struct vt_action_change *c,
			     const char *today, const char *who, char *why,
			     size_t whysize);

/*
 * Set how often action 'ref' is reviewed and when it was discharged, by
 * 'who': 'cadence' one of vt_action_cadence_names, or NULL to keep it;
 * 'discharged' a date (YYYY-MM-DD or DD/MM/YYYY), "none" to clear it, or
 * NULL to keep it.  A discharge may not be after 'today' nor before the
 * action's first update (the model's rule).  One write through the
 * change log; VT_EINVAL or VT_ENOTFOUND with 'why' set when refused, and
 * nothing is written.
 */
VT_MUST_USE
enum vt_err vt_action_set_life(struct vt_store *s, const char *ref,
			       const char *cadence, const char *discharged,
			       const char *today, const char *who, char *why,
			       size_t whysize);

/*
 * The rows of the action tracker CSV in 'path', each checked against
 * 'meta' as vt_actions_import() describes and made a definition's action
 * (JSON); the line of each.  Problems go to 'dq' at their row and
 * column.  VT_EIO when the file cannot be read.
 */
struct vt_actions_csv {
	const char *path;
	json_t *actions;	/* one object per row, as in a definition */
	long *lines;		/* the line each came from */
	size_t n;
};

VT_MUST_USE
enum vt_err vt_actions_csv_read(const char *path, const struct vt_def *meta,
				const char *today, struct vt_actions_csv *out,
				struct vt_diagq *dq);
void vt_actions_csv_release(struct vt_actions_csv *c);

/*
 * Import an action tracker, CSV with a header naming its columns (ref,
 * plan, agency, title, owner, priority, due, rag, updated, note,
 * measures; ref and rag required; others refused by name).  RAG as
 * red/amber/green/blue or R/A/G/B in any case; dates YYYY-MM-DD or
 * DD/MM/YYYY; measures separated by ';'.  A ref already stored updates
 * that action (columns absent from the file keep their stored values);
 * a new rating or note is recorded as an update dated 'updated' (else
 * 'today'), with the rules of vt_action_record(), and every stored
 * update is kept.  Every problem goes to 'dq' at its row and column;
 * with any, nothing is written (VT_EINVAL).  'sum' counts the actions
 * added, changed and unchanged.
 */
VT_MUST_USE
enum vt_err vt_actions_import(struct vt_store *s, const char *path,
			      const char *today, const char *who, int dry_run,
			      struct vt_diagq *dq, struct vt_load_summary *sum);

#endif
