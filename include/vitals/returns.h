/* Quarterly returns: reading return files, importing them, the workflow. */
#ifndef VITALS_RETURNS_H
#define VITALS_RETURNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/query.h"
#include "vitals/returnrow.h"

struct vt_store;

/* ------------------------------------------------------------------ */
/* Reading: CSV long form, the Vitals workbook, or a long-form workbook */

/*
 * Read the return in 'path' (CSV or XLSX, by content, not by name),
 * calling fns for each row.  Problems with the file's shape (unreadable,
 * no header, an unknown column, a malformed CSV) go to 'dq' with their
 * place; the result is VT_OK unless reading failed outright (VT_EIO) or a
 * callback stopped it.  'separator' is ',' or ';' for CSV.
 */
VT_MUST_USE
enum vt_err vt_return_file_read(const char *path, char separator,
				const struct vt_return_reader_fns *fns,
				void *arg, struct vt_diagq *dq);

/*
 * Write the return form of 'agency' for 'period' to 'path': a workbook
 * when the name ends in .xlsx (one row per measure and breakdown the
 * agency owns, the previous four periods shown read-only, the input
 * cells validated, an Impact sheet with a row per priority, a hidden
 * sheet naming template, agency and period), long-form CSV when it ends
 * in .csv.  VT_EINVAL with a message in 'why' for an unknown agency,
 * a bad period or another file type.
 */
VT_MUST_USE
enum vt_err vt_return_template(struct vt_store *s, const char *agency,
			       const char *period, const char *path,
			       char *why, size_t whysize);

/* ------------------------------------------------------------------ */
/* Importing */

struct vt_import_options {
	bool dry_run;
	char separator;		/* ',' (default) or ';' */
	const char *who;
	/* Past figures, as published: approved at once, their returns
	   marked history (never late or missing), refused for a period an
	   agency has already returned. */
	bool history;
	/* The drafts of the returns written are deleted in the same
	   transaction: they were sent (the web form). */
	bool drop_drafts;
};

/* What one import did, or would do, to one agency's return. */
struct vt_import_return {
	char *agency;
	char *period;
	size_t added;
	size_t changed;
	size_t unchanged;
	size_t impact;		/* narratives new or changed */
};

/* A figure that replaces an earlier one (the earlier is kept). */
struct vt_import_change {
	char *agency;
	char *measure;
	char *period;
	char *breakdown;
	char *before;		/* value or suppression code, as text */
	char *after;		/* "" when withdrawn */
	bool cleared;		/* withdrawn: the new version has no value */
};

struct vt_import_summary {
	size_t rows;
	size_t added;
	size_t changed;
	size_t unchanged;
	size_t skipped;		/* template rows left empty */
	size_t warnings;
	size_t conflicts;	/* edits of figures stored since they were read */
	struct vt_import_return *returns;
	size_t nreturns;
	struct vt_import_change *changes;	/* at most VT_IMPORT_MAX_LISTED */
	size_t nchanges;
};

#define VT_IMPORT_MAX_LISTED 1000
/* An import's change-log entry keeps this many of its warnings. */
#define VT_IMPORT_LOGGED_WARNINGS 5

void vt_import_summary_release(struct vt_import_summary *sum);

/*
 * Import the return file 'path': every row is checked (unknown agency,
 * measure or period, a period not of the measure's frequency, numbers,
 * percentages, numerator above denominator, negative counts, duplicates,
 * a measure the agency does not own, an approved and locked return) and
 * every problem goes to 'dq' with its place; outliers are warnings.  With
 * any error nothing is written and the result is VT_EINVAL.  Otherwise
 * every value is written in one transaction as a new version where it
 * differs from the latest, each return touched becomes "submitted", and
 * the import goes to the change log.  A dry run does all of it and rolls
 * back.  '*sum' is filled either way; release it.
 */
VT_MUST_USE
enum vt_err vt_returns_import(struct vt_store *s, const char *path,
			      const struct vt_import_options *opt,
			      struct vt_diagq *dq,
			      struct vt_import_summary *sum);

/*
 * A return that is not a file: 'read' calls fns for each row, as
 * vt_return_file_read does, with 'arg'.  'name' stands for the file in
 * the change log ("web form").
 */
struct vt_return_source {
	const char *name;
	enum vt_err (*read)(void *arg, const struct vt_return_reader_fns *fns,
			    void *fnarg, struct vt_diagq *dq);
	void *arg;
};

/* vt_returns_import, from a source that is not a file. */
VT_MUST_USE
enum vt_err vt_returns_import_from(struct vt_store *s,
				   const struct vt_return_source *src,
				   const struct vt_import_options *opt,
				   struct vt_diagq *dq,
				   struct vt_import_summary *sum);

/*
 * Record the narrative 'text' (Markdown, from the file 'source') of
 * 'agency' for 'period' and 'priority' as a new version, unless it is the
 * same as the latest.  Problems (unknown agency or priority, bad period,
 * a locked return) go to 'dq' naming 'source'; the result is then
 * VT_EINVAL.  '*changed' says whether a version was written.
 */
VT_MUST_USE
enum vt_err vt_impact_record(struct vt_store *s, const char *agency,
			     const char *period, const char *priority,
			     const char *text, const char *source,
			     const char *who, struct vt_diagq *dq,
			     bool *changed);

/* ------------------------------------------------------------------ */
/* Workflow and status */

/*
 * Approve a submitted return (it is then locked), or reopen a submitted
 * or approved one with a reason (it becomes "returned" until the agency
 * imports again).  VT_ENOTFOUND when there is no such return; VT_EINVAL
 * with a message in 'why' (size 'whysize') when the transition is not
 * allowed.  Each transition goes to the change log under 'who'.
 */
VT_MUST_USE
enum vt_err vt_return_approve(struct vt_store *s, const char *agency,
			      const char *period, const char *who,
			      char *why, size_t whysize);
VT_MUST_USE
enum vt_err vt_return_reopen(struct vt_store *s, const char *agency,
			     const char *period, const char *reason,
			     const char *who, char *why, size_t whysize);

/*
 * Open the return of 'agency' for 'period' before the period ends, for
 * that agency alone: from then on its figures for the period are taken
 * as if the period had ended (vt_return_open).  'today' (YYYY-MM-DD)
 * says whether it has.  Refused, nothing changed and 'why' set:
 * VT_ENOTFOUND for an agency that does not exist; VT_EINVAL for a
 * period that is not one, or that the agency owes no figures for, or
 * that has ended (its return is open already), or an empty reason.  A
 * return opened early already stays as it was, '*already' set and
 * nothing logged; otherwise who, when and why go to the return and the
 * change log, under 'who'.
 */
VT_MUST_USE
enum vt_err vt_return_open_early(struct vt_store *s, const char *agency,
				 const char *period, const char *reason,
				 const char *who, const char *today,
				 bool *already, char *why, size_t whysize);

/* Where one agency stands for a period. */
struct vt_agency_status {
	char *agency;
	char *agency_name;
	size_t expected;	/* figures: measures and their breakdowns */
	size_t received;
	char **missing;		/* "measure" or "measure/breakdown" */
	size_t nmissing;
	int status;		/* enum vt_return_status; DRAFT when none */
	char *due;
	char *submitted_at;
	bool on_time;		/* submitted on or before the due date */
	bool history;		/* past figures loaded as history: never late,
				   nothing missing */
	bool late;		/* past due and not submitted, or submitted
				   after it */
};

struct vt_status_report {
	char *period;
	char *label;		/* "2024-25 Q2" */
	char *due;
	struct vt_agency_status *agencies;
	size_t nagencies;
};

/*
 * Who has returned what for 'period', for every agency that owns a
 * measure of that frequency.  'today' (YYYY-MM-DD) decides lateness.
 */
VT_MUST_USE
enum vt_err vt_returns_status(struct vt_store *s, const char *period,
			      const char *today,
			      struct vt_status_report *out);
/* As vt_returns_status, with the partnership, agencies, measures and
   returns read already into 'def' (the store's own, not restricted). */
VT_MUST_USE
enum vt_err vt_returns_status_of(struct vt_store *s, const struct vt_def *def,
				 const char *period, const char *today,
				 struct vt_status_report *out);
void vt_status_report_release(struct vt_status_report *r);

/* An agency's state for the period in a word: its return's status, or
   "missing" when it has sent nothing.  One of vt_agency_state_names. */
extern const char *const vt_agency_state_names[];
const char *vt_agency_state(const struct vt_agency_status *a);

/* Which agencies a returns list shows, read from its query. */
struct vt_returns_filter {
	char period[VT_PERIOD_ID_MAX];
	const char *state;	/* one of vt_agency_state_names, or NULL */
	bool late_only;
};

/*
 * The returns list's filters from 'q': "period" (the quarter being
 * returned on 'today' when absent), "state" and "late".  A value that is
 * none of the choices is a problem about its field in 'dq' (VT_EINVAL).
 */
VT_MUST_USE
enum vt_err vt_returns_filter_read(const struct vt_query *q,
				   const char *today,
				   struct vt_returns_filter *f,
				   struct vt_diagq *dq);
/* Whether the list shows 'a' ('f' NULL: every agency does). */
bool vt_returns_filter_match(const struct vt_returns_filter *f,
			     const struct vt_agency_status *a);
/* The report as JSON, the agencies 'f' lets through; NULL when out of
   memory. */
json_t *vt_status_report_json(const struct vt_status_report *r,
			      const struct vt_returns_filter *f);

/* The due date of a period's returns: its last day plus the
   partnership's working days, England and Wales bank holidays skipped. */
VT_MUST_USE
enum vt_err vt_return_due_date(const struct vt_partnership *p,
			       const char *period, char out[11]);

/* The latest quarter whose returns were due before 'today' (YYYY-MM-DD):
   the one the board reads, since later quarters are still coming in. */
VT_MUST_USE
enum vt_err vt_returns_latest_due(const struct vt_partnership *p,
				  const char *today,
				  char out[VT_PERIOD_ID_MAX]);

/* The return of 'agency' for 'period' in 'def', or NULL when none. */
const struct vt_return *vt_return_find(const struct vt_def *def,
				       const char *agency, const char *period);

/* Whether 'agency' is asked for measure 'm' in period 'p' (its owner,
   or for a multi-agency measure one of its contributors, and a period
   of the measure's frequency; never for a derived measure, computed
   from extracts). */
bool vt_measure_asked(const struct vt_measure *m, const char *agency,
		      const struct vt_period *p);
/* How many figures an agency asked for 'm' gives: the whole and each
   breakdown, or for a multi-agency measure its own part alone. */
size_t vt_measure_slot_count(const struct vt_measure *m);
/* Whether 'agency' gives a narrative for priority 'pr' in 'p': the
   priority's plan is the agency's, or it holds a measure asked of it. */
bool vt_priority_asked(const struct vt_def *def, const struct vt_priority *pr,
		       const char *agency, const struct vt_period *p);

/* One figure an agency is asked for, and its latest stored version. */
struct vt_return_slot {
	const struct vt_measure *measure;
	const char *breakdown;		/* "" for the whole measure */
	const char *title;
	const struct vt_value *latest;	/* NULL when none is stored */
};

/* One narrative an agency is asked for, and its latest version. */
struct vt_return_story {
	const struct vt_priority *priority;
	const struct vt_impact *latest;	/* NULL when none is stored */
};

/* A return as an editor sees it; everything borrowed from the def. */
struct vt_return_view {
	const struct vt_agency *agency;
	const struct vt_return *ret;	/* NULL: nothing received yet */
	struct vt_return_slot *slots;
	size_t nslots;
	struct vt_return_story *stories;
	size_t nstories;
};

/* VT_EINVAL for an unknown agency or a bad period. */
VT_MUST_USE
enum vt_err vt_return_view_build(const struct vt_def *def, const char *agency,
				 const char *period,
				 struct vt_return_view *out);
void vt_return_view_release(struct vt_return_view *v);

/* Version 'version' of a figure, or NULL. */
const struct vt_value *vt_value_find(const struct vt_def *def,
				     const char *measure, const char *period,
				     const char *breakdown, int64_t version);

/* The latest version of a figure below version 'below' (0: the latest of
   all), or NULL: the version a correction replaced, for review. */
const struct vt_value *vt_value_latest_before(const struct vt_def *def,
					      const char *measure,
					      const char *period,
					      const char *breakdown,
					      int64_t below);
/* As vt_value_latest_before, among 'vs' only (a measure's values, from
   vt_value_index_find). */
const struct vt_value *vt_value_latest_among(const struct vt_value *const *vs,
					     size_t n, const char *measure,
					     const char *period,
					     const char *breakdown,
					     int64_t below);

/*
 * The return as JSON: {"agency", "period", "status" (draft, submitted,
 * approved, returned, or missing), "due", "submitted_at", "approved_at",
 * "reason", "figures": [{"measure", "breakdown", "value", "suppressed",
 * "version", "status", "note"}] (the latest version of each of the
 * agency's figures), "impact": [{"priority", "version", "text"}]}.  A new
 * reference; NULL when out of memory.
 */
json_t *vt_return_json(const struct vt_def *def, const char *agency,
		       const char *period);

#endif
