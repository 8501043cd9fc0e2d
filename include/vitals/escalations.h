/* The escalations and disputes register: raising, escalating and resolving disagreements between agencies, their stage clocks, who may see them, and their causes by quarter. */
#ifndef VITALS_ESCALATIONS_H
#define VITALS_ESCALATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/deadlines.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/spc.h"
struct vt_store;

/*
 * The three changes below are each one write through the change log,
 * recorded as done by 'who'.  A refusal is VT_EINVAL (VT_ENOTFOUND for an
 * unknown escalation, VT_ECONFLICT for a reference already taken) with
 * the reason, naming the field, in 'why'; nothing is written then.
 */

/* A new escalation 'ref', raised on 'raised' by agency 'raised_by' (the
   raiser's role title 'raised_role') about agency 'about', on 'theme';
   it is at stage 1 from that day.  'summary' may be NULL. */
VT_MUST_USE
enum vt_err vt_escalation_add(struct vt_store *s, const char *ref,
			      const char *raised, const char *raised_by,
			      const char *raised_role, const char *about,
			      const char *theme, const char *summary,
			      const char *who, char *why, size_t whysize);

/* Take escalation 'ref' to its next stage on 'date'; 'note' may be NULL.
   Refused past the protocol's last stage and once resolved. */
VT_MUST_USE
enum vt_err vt_escalation_escalate(struct vt_store *s, const char *ref,
				   const char *date, const char *note,
				   const char *who, char *why,
				   size_t whysize);

/* Resolve escalation 'ref' on 'date' with 'outcome' (agreed, upheld,
   not-upheld, withdrawn); 'resolution' may be NULL.  Refused once
   resolved. */
VT_MUST_USE
enum vt_err vt_escalation_resolve(struct vt_store *s, const char *ref,
				  const char *date, const char *outcome,
				  const char *resolution, const char *who,
				  char *why, size_t whysize);

/* One stage an escalation reached, judged against its timescale: done
   when it went to the next stage or was resolved. */
struct vt_escalation_stage_state {
	int stage;			/* from 1 */
	const char *name;		/* the protocol's name for it */
	const char *note;		/* NULL: none */
	int days;			/* its timescale in working days */
	struct vt_deadline clock;
};

/* An escalation as on a day. */
struct vt_escalation_state {
	const struct vt_escalation *escalation;
	bool open;			/* not resolved */
	int stage;			/* the stage it is at (from 1) */
	size_t nstages;			/* the protocol's number of stages */
	struct vt_escalation_stage_state steps[20];
	size_t nsteps;			/* steps[nsteps - 1]: the current */
	/* Open and past the current stage's timescale: flagged. */
	bool past_timescale;
};

/*
 * Judge escalation 'e' as on 'today' with the partnership's protocol
 * 'p' (NULL: the default).  An escalation with no steps recorded is at
 * stage 1 from the day it was raised.  VT_EINVAL for a date that is not
 * one or a stage the protocol has not.
 */
VT_MUST_USE
enum vt_err vt_escalation_judge(const struct vt_escalation *e,
				const struct vt_partnership *p,
				const char *today,
				struct vt_escalation_state *out);

/* Whether an escalation is still open: not resolved. */
bool vt_escalation_open(const struct vt_escalation *e);

/* Whether an escalation concerns 'agency': raised by it or about it. */
bool vt_escalation_visible(const struct vt_escalation *e, const char *agency);

/*
 * Whether a user of 'role' (enum vt_role) of 'agency' (NULL: none) may
 * see an escalation: the administrator, the analyst (who keeps the
 * register), the chair and the scrutineer see all; an agency lead those
 * its agency raised or that are about it; viewers none.
 */
bool vt_escalation_visible_to(const struct vt_escalation *e, int role,
			      const char *agency);

/*
 * {"ref", "raised", "raised_by", "raised_role", "about", "theme",
 * "summary", "state" ("open", "resolved"), "stage", "stage_name",
 * "past_timescale", "clock": {"start", "due", "done", "state",
 * "working_days_left"}, "steps": [{"stage", "name", "date", "note",
 * "days", "due", "done", "state", "working_days_left"}], "outcome",
 * "resolved", "resolution"}: what 'vitals escalations show --json'
 * prints.  A new reference; NULL when out of memory.
 */
json_t *vt_escalation_json(const struct vt_escalation_state *st);

/* ------------------------------------------------------------------ */
/* Causes reviewed: counts per quarter */

/* Fewer quarters than this have no trend: too few for limits. */
#define VT_ESCALATION_SPC_MIN 6

/* One calendar quarter of escalations raised. */
struct vt_escalation_quarter {
	char period[VT_PERIOD_ID_MAX];	/* "2026Q4" */
	size_t total;
	size_t *by_theme;		/* per causes' 'themes' */
	size_t *by_about;		/* per causes' 'agencies' */
	size_t *by_stage;		/* the highest stage reached, per
					   stage from 1 */
};

struct vt_escalation_causes {
	const char **themes;		/* the escalation themes in force,
					   then any other found */
	size_t nthemes;
	const char **agencies;		/* agencies escalated about, in the
					   definition's order */
	size_t nagencies;
	size_t nstages;
	/* Every quarter from the first escalation raised to the last,
	   those with none included. */
	struct vt_escalation_quarter *quarters;
	size_t nquarters;
	/* The trend of the totals, with VT_ESCALATION_SPC_MIN quarters or
	   more. */
	bool has_trend;
	struct vt_spc trend;
};

/*
 * Count the escalations of 'def' raised each quarter by theme, by the
 * agency they are about and by the stage they reached; those 'agency'
 * may see only (NULL: all).  Release with vt_escalation_causes_release.
 * VT_EINVAL for a date that is not one, VT_ENOMEM.
 */
VT_MUST_USE
enum vt_err vt_escalation_causes(const struct vt_def *def, const char *agency,
				 struct vt_escalation_causes *out);
void vt_escalation_causes_release(struct vt_escalation_causes *c);

/*
 * {"quarters": [{"period", "label", "total", "themes": {code: n},
 * "about": {agency: n}, "stage_reached": {"1": n, ...}}], "trend": null
 * or {"quarters", "mean", "ucl", "lcl", "provisional", "variation",
 * "special": [period ...]}}, quarters labelled in the financial year
 * starting in 'fy_start_month'.  A new reference; NULL when out of
 * memory.
 */
json_t *vt_escalation_causes_json(const struct vt_escalation_causes *c,
				  int fy_start_month);

#endif
