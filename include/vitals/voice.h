/* The register of voice reports: what children, young people and families said, what the partnership changed as a result, and the reports, participants and themes counted by quarter. */
#ifndef VITALS_VOICE_H
#define VITALS_VOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/period.h"
struct vt_store;

/*
 * What to write of a voice report.  A NULL text leaves a stored report's
 * field as it is (an empty 'changed' or 'measure' clears it); a list
 * replaces the stored one when its 'set_' flag is true.  'participants'
 * and 'method' are as typed, for the model to judge.
 */
struct vt_voice_edit {
	const char *ref;
	const char *title, *source, *date, *method, *participants;
	const char *summary, *changed, *measure;
	const char *const *themes;
	size_t nthemes;
	bool set_themes;
	const char *const *priorities;
	size_t npriorities;
	bool set_priorities;
	const char *const *actions;
	size_t nactions;
	bool set_actions;
};

/*
 * Add voice report 'e->ref' (every required field given), or change a
 * stored one: each one write through the change log by 'who'.  A refusal
 * is VT_EINVAL (VT_ENOTFOUND for an unknown report, VT_ECONFLICT for a
 * reference already taken) with the reason, naming the field, in 'why';
 * nothing is written then.
 */
VT_MUST_USE
enum vt_err vt_voice_add(struct vt_store *s, const struct vt_voice_edit *e,
			 const char *who, char *why, size_t whysize);
VT_MUST_USE
enum vt_err vt_voice_update(struct vt_store *s, const struct vt_voice_edit *e,
			    const char *who, char *why, size_t whysize);

/*
 * Who reads and who keeps the register: every working role (enum
 * vt_role) reads every voice report, an agency lead too, as they are the
 * partnership's; a viewer none.  The partnership's staff (the
 * administrator, the analyst and the chair) add reports and record what
 * changed; no one else.
 */
bool vt_voice_visible_to(int role);
bool vt_voice_may_change(int role);

/* The calendar quarter of a report's date into 'period' ("2026Q2");
   VT_EINVAL when its date is not one. */
VT_MUST_USE
enum vt_err vt_voice_quarter(const struct vt_voice *v,
			     char period[VT_PERIOD_ID_MAX]);

/* Whether report 'v' has theme 'theme'. */
bool vt_voice_has_theme(const struct vt_voice *v, const char *theme);

/*
 * {"ref", "title", "source", "date", "quarter", "method", "participants",
 * "themes": [...], "summary", "changed", "measure", "priorities": [...],
 * "actions": [...]}: what 'vitals voice show --json' prints; absent texts
 * are null.  A new reference; NULL when out of memory.
 */
json_t *vt_voice_json(const struct vt_voice *v);

/* ------------------------------------------------------------------ */
/* Counted by quarter */

struct vt_voice_quarter {
	char period[VT_PERIOD_ID_MAX];	/* "2026Q2" */
	size_t reports;
	int64_t participants;
	size_t *by_theme;		/* reports per 'themes' */
};

struct vt_voice_quarters {
	const char **themes;		/* the voice themes in force, then any
					   other found */
	size_t nthemes;
	/* Every quarter from the first report's to the last's, those with
	   none included. */
	struct vt_voice_quarter *quarters;
	size_t nquarters;
};

/*
 * Count the voice reports of 'def' by the quarter of their date: reports,
 * participants and reports per theme.  Release with
 * vt_voice_quarters_release.  VT_EINVAL for a date that is not one,
 * VT_ENOMEM.
 */
VT_MUST_USE
enum vt_err vt_voice_quarters(const struct vt_def *def,
			      struct vt_voice_quarters *out);
void vt_voice_quarters_release(struct vt_voice_quarters *q);

/*
 * {"quarters": [{"period", "label", "reports", "participants", "themes":
 * {code: n}}]}, quarters labelled in the financial year starting in
 * 'fy_start_month'.  A new reference; NULL when out of memory.
 */
json_t *vt_voice_quarters_json(const struct vt_voice_quarters *q,
			       int fy_start_month);

#endif
