/* A measure's parts: who returns which, how they add up, and what each is called. */
#include <string.h>

#include "vitals/model.h"

const struct vt_contributor *vt_measure_contributor(const struct vt_measure *m,
						    const char *agency)
{
	size_t i;

	for (i = 0; agency && i < m->ncontributors; i++)
		if (!strcmp(m->contributors[i].agency, agency))
			return &m->contributors[i];
	return NULL;
}

const char *vt_measure_agency_of(const struct vt_measure *m,
				 const char *breakdown)
{
	const struct vt_contributor *c;

	if (!breakdown || !*breakdown)
		return m->agency;
	c = vt_measure_contributor(m, breakdown);
	return c ? c->agency : m->agency;
}

const char *vt_measure_part_words(const struct vt_def *def,
				  const struct vt_measure *m,
				  const char *code)
{
	const struct vt_agency *a;
	size_t i;

	if (!code || !*code)
		return NULL;
	for (i = 0; i < m->nbreakdowns; i++)
		if (!strcmp(m->breakdowns[i].code, code))
			return m->breakdowns[i].title;
	a = vt_measure_contributor(m, code) && def ?
	    vt_def_find(def, VT_KIND_AGENCY, code) : NULL;
	return a ? a->name : code;
}

bool vt_measure_sums_ratio(const struct vt_measure *m)
{
	return (m->unit == VT_UNIT_PERCENT || m->unit == VT_UNIT_RATE10K) &&
	       m->numerator && m->denominator;
}
