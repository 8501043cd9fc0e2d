/* Who may see which figures and narratives: one rule, applied by filtering the definition before anything is computed. */
#include "vitals/visibility.h"

#include <stdlib.h>
#include <string.h>

bool vt_reader_sees_all(const struct vt_reader *rd)
{
	return !rd->published && rd->role != VT_ROLE_AGENCY_LEAD &&
	       rd->role != VT_ROLE_VIEWER;
}

bool vt_reader_may_see(const struct vt_reader *rd, const char *agency,
		       const struct vt_return *ret, int value_status)
{
	bool own = rd->agency && rd->agency[0] && agency &&
		   !strcmp(rd->agency, agency);
	/* The return's state decides once there is one: sending a return
	   back takes its figures out of others' sight, whatever the
	   figures' own status says. */
	int state = ret ? (ret->status == VT_RETURN_APPROVED
			   ? VT_STATUS_APPROVED
			   : ret->status == VT_RETURN_SUBMITTED
			   ? VT_STATUS_SUBMITTED : VT_STATUS_DRAFT)
			: value_status;

	if (rd->published)
		return state == VT_STATUS_APPROVED ||
		       (rd->provisional && state == VT_STATUS_SUBMITTED);
	if (vt_reader_sees_all(rd) || own)
		return true;
	if (rd->role == VT_ROLE_VIEWER)
		return false;
	return state == VT_STATUS_SUBMITTED || state == VT_STATUS_APPROVED;
}

/* Measures and returns sorted by their keys, so that filtering many
   figures costs a binary search each, not a scan. */
struct lookup {
	const struct vt_reader *rd;
	const struct vt_measure **measures;
	size_t nmeasures;
	const struct vt_return **returns;
	size_t nreturns;
};

static int measure_order(const void *a, const void *b)
{
	return strcmp((*(const struct vt_measure *const *)a)->code,
		      (*(const struct vt_measure *const *)b)->code);
}

static int return_key_order(const char *agency, const char *period,
			    const struct vt_return *r)
{
	int c = strcmp(agency, r->agency);

	return c ? c : strcmp(period, r->period);
}

static int return_order(const void *a, const void *b)
{
	const struct vt_return *x = *(const struct vt_return *const *)a;

	return return_key_order(x->agency, x->period,
				*(const struct vt_return *const *)b);
}

static const struct vt_measure *find_measure(const struct lookup *lk,
					     const char *code)
{
	size_t lo = 0, hi = lk->nmeasures;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, lk->measures[mid]->code);

		if (!c)
			return lk->measures[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct vt_return *find_return(const struct lookup *lk,
					   const char *agency,
					   const char *period)
{
	size_t lo = 0, hi = lk->nreturns;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = return_key_order(agency, period, lk->returns[mid]);

		if (!c)
			return lk->returns[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool keep_value(const void *rec, void *arg)
{
	const struct vt_value *v = rec;
	const struct lookup *lk = arg;
	const struct vt_measure *m = find_measure(lk, v->measure);
	/* A part of a multi-agency measure is its contributor's figure. */
	const char *agency = m ? vt_measure_agency_of(m, v->breakdown) : NULL;

	return vt_reader_may_see(lk->rd, agency,
				 agency ? find_return(lk, agency, v->period)
					: NULL, v->status);
}

static bool keep_impact(const void *rec, void *arg)
{
	const struct vt_impact *im = rec;
	const struct lookup *lk = arg;

	return vt_reader_may_see(lk->rd, im->agency,
				 find_return(lk, im->agency, im->period),
				 VT_STATUS_SUBMITTED);
}

enum vt_err vt_def_restrict(struct vt_def *def, const struct vt_reader *given)
{
	const struct vt_partnership *p = vt_def_at(def, VT_KIND_PARTNERSHIP, 0);
	struct vt_reader rd = *given;
	struct lookup lk = { &rd, NULL, 0, NULL, 0 };
	size_t i;

	if (vt_reader_sees_all(&rd))
		return VT_OK;
	if (rd.published && p && p->publish_submitted)
		rd.provisional = true;
	lk.nmeasures = vt_def_count(def, VT_KIND_MEASURE);
	lk.nreturns = vt_def_count(def, VT_KIND_RETURN);
	lk.measures = calloc(lk.nmeasures + 1, sizeof(*lk.measures));
	lk.returns = calloc(lk.nreturns + 1, sizeof(*lk.returns));
	if (!lk.measures || !lk.returns) {
		free(lk.measures);
		free(lk.returns);
		return VT_ENOMEM;
	}
	for (i = 0; i < lk.nmeasures; i++)
		lk.measures[i] = vt_def_at(def, VT_KIND_MEASURE, i);
	for (i = 0; i < lk.nreturns; i++)
		lk.returns[i] = vt_def_at(def, VT_KIND_RETURN, i);
	qsort(lk.measures, lk.nmeasures, sizeof(*lk.measures), measure_order);
	qsort(lk.returns, lk.nreturns, sizeof(*lk.returns), return_order);
	vt_def_keep(def, VT_KIND_VALUE, keep_value, &lk);
	vt_def_keep(def, VT_KIND_IMPACT, keep_impact, &lk);
	free(lk.measures);
	free(lk.returns);
	return VT_OK;
}
