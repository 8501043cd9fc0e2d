/* What a challenge can be about: the subjects' prefixes and their kinds. */
#include <string.h>

#include "vitals/model.h"

const struct vt_subject_kind vt_subject_kinds[] = {
	{ "action:", VT_KIND_ACTION, "action" },
	{ "measure:", VT_KIND_MEASURE, "measure" },
	{ "plan:", VT_KIND_PLAN, "plan" },
	{ "priority:", VT_KIND_PRIORITY, "priority" },
	{ "group:", VT_KIND_GROUP, "group" },
	{ "review:", VT_KIND_REVIEW, "case review" },
	{ "audit:", VT_KIND_AUDIT, "audit" },
	/* s11:AGENCY/CYCLE, keyed by two codes. */
	{ "s11:", VT_KIND_S11, "section 11 self-assessment" },
	{ "scrutiny:", VT_KIND_SCRUTINY, "scrutiny item" },
	{ NULL, VT_KIND__MAX, NULL },
};

/* Said wherever a subject is asked for or refused: kept with the table. */
const char vt_subject_forms[] =
	"action:REF, measure:CODE, plan:CODE, priority:CODE, group:CODE, "
	"review:REF, audit:REF, s11:AGENCY/CYCLE, scrutiny:REF or "
	"return:AGENCY/PERIOD";

const struct vt_subject_kind *vt_subject_kind_of(const char *on)
{
	const struct vt_subject_kind *k;

	if (!on)
		return NULL;
	for (k = vt_subject_kinds; k->prefix; k++)
		if (!strncmp(on, k->prefix, strlen(k->prefix)))
			return k;
	return NULL;
}

void *vt_subject_find(const struct vt_def *def,
		      const struct vt_subject_kind *k, const char *name)
{
	if (k->kind == VT_KIND_S11)
		return vt_s11_find_key(def, name);
	return vt_def_find(def, k->kind, name);
}
