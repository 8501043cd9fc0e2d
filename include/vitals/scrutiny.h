/* The independent scrutiny plan: the scrutineer's items for a year, each reported with a summary, and its findings made challenges or actions. */
#ifndef VITALS_SCRUTINY_H
#define VITALS_SCRUTINY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/error.h"
#include "vitals/model.h"
struct vt_store;

/*
 * Who reads and who keeps the plan: every working role (enum vt_role)
 * reads it, an agency lead too, as the scrutineer's plan is public to the
 * partnership; a viewer none.  The independent scrutineer and the
 * administrator add items, report them and record their findings; no one
 * else.
 */
bool vt_scrutiny_visible_to(int role);
bool vt_scrutiny_may_change(int role);

/*
 * Each change below is one write through the change log by 'who'.  A
 * refusal is VT_EINVAL (VT_ENOTFOUND for an unknown item, VT_ECONFLICT
 * for a reference already taken) with the reason, naming the item and
 * the field, in 'why'; nothing is written then.
 */

/*
 * What to write of an item of the plan, as typed.  A NULL field leaves a
 * stored item's as it is; adding needs every one but 'status' (planned
 * when not given).  'status' here is planned, in-progress or dropped:
 * an item is reported with vt_scrutiny_report.
 */
struct vt_scrutiny_edit {
	const char *ref;
	const char *year, *theme, *method, *planned, *status;
};

VT_MUST_USE
enum vt_err vt_scrutiny_add(struct vt_store *s,
			    const struct vt_scrutiny_edit *e, const char *who,
			    char *why, size_t whysize);
VT_MUST_USE
enum vt_err vt_scrutiny_update(struct vt_store *s,
			       const struct vt_scrutiny_edit *e,
			       const char *who, char *why, size_t whysize);

/* Item 'ref' (planned or in progress) reported on 'date' with the
   report's 'summary'. */
VT_MUST_USE
enum vt_err vt_scrutiny_report(struct vt_store *s, const char *ref,
			       const char *date, const char *summary,
			       const char *who, char *why, size_t whysize);

/*
 * A finding of reported item 'ref', 'text', made in the same write
 * either a challenge on scrutiny:REF raised by role 'by' on 'date' (not
 * before the report), or an action in the tracker like a case review's
 * recommendation: owned by agency 'agency', due 'due' (YYYY-MM-DD or
 * DD/MM/YYYY), optional 'owner' role title, in plan 'plan' or else the
 * partnership's first strategic plan, amber, its reference "<REF>-F<n>".
 * The challenge's number or the action's reference goes to 'made'.
 */
struct vt_scrutiny_finding_new {
	const char *ref, *text;
	int becomes;		/* enum vt_finding_becomes */
	const char *by, *date;			/* a challenge */
	const char *agency, *due, *owner, *plan;	/* an action */
};

VT_MUST_USE
enum vt_err vt_scrutiny_find(struct vt_store *s,
			     const struct vt_scrutiny_finding_new *f,
			     char *made, size_t madesize, const char *who,
			     char *why, size_t whysize);

/*
 * {"ref", "year", "theme", "method", "planned", "status", "reported",
 * "summary", "findings": [{"text", "becomes", "challenge", "action"}]}:
 * what 'vitals scrutiny show --json' prints; absent texts are null.  A
 * new reference; NULL when out of memory.
 */
json_t *vt_scrutiny_json(const struct vt_scrutiny *sc);

#endif
