/* Multi-agency measures: who returns which part, and how the parts add up. */
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

bool vt_measure_sums_ratio(const struct vt_measure *m)
{
	return (m->unit == VT_UNIT_PERCENT || m->unit == VT_UNIT_RATE10K) &&
	       m->numerator && m->denominator;
}
