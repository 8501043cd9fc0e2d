/* The action tracker's derived states: overdue, stale, counts by RAG, the red list. */
#ifndef VITALS_ACTIONS_H
#define VITALS_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/error.h"
#include "vitals/model.h"

/* Days without an update after which an action is stale, unless set. */
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
};

/* Which actions: NULL or -1 means any; the flags keep only those. */
struct vt_action_filter {
	const char *agency;
	const char *plan;
	const char *priority;
	int rag;			/* enum vt_rag, or -1 */
	bool overdue_only;
	bool stale_only;
};

struct vt_action_report {
	struct vt_action_row *rows;	/* in the definition's order */
	size_t nrows;
	size_t by_rag[VT_RAG__MAX];
	size_t overdue;
	size_t stale;
};

/*
 * The actions of 'def' that pass 'filter', as on 'today' (YYYY-MM-DD).
 * Borrows from 'def', which must outlive the report.  VT_EINVAL for a
 * 'today' that is not a date.
 */
enum vt_err vt_actions_report(const struct vt_def *def,
			      const struct vt_action_filter *filter,
			      const char *today, long stale_days,
			      struct vt_action_report *out);

void vt_action_report_release(struct vt_action_report *r);

#endif
