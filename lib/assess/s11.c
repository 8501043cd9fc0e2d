/* A cycle's section 11 heat map (agency x standard, with the change since each agency's previous cycle), who has not returned, and who may change a self-assessment or hold its challenge session. */
#include <stdlib.h>
#include <string.h>

#include "vitals/s11.h"

const char *const vt_s11_trend_names[] = {
	"new", "better", "same", "worse", NULL
};

/* The agency's latest cycle before 'cycle' with a self-assessment.  Cycle
   codes sort as their years do ("2024" < "2024-25" < "2025"). */
static const struct vt_s11 *previous_of(const struct vt_def *def,
					const char *agency, const char *cycle)
{
	const struct vt_s11 *best = NULL;
	size_t i, n = vt_def_count(def, VT_KIND_S11);

	for (i = 0; i < n; i++) {
		const struct vt_s11 *a = vt_def_at(def, VT_KIND_S11, i);

		if (strcmp(a->agency, agency) || strcmp(a->cycle, cycle) >= 0)
			continue;
		if (!best || strcmp(a->cycle, best->cycle) > 0)
			best = a;
	}
	return best;
}

/* Met is better than partly met, better than not met: the enum's order
   reversed. */
static int trend_of(int now, int before)
{
	if (before < 0)
		return VT_S11_NEW;
	if (now == before)
		return VT_S11_SAME;
	return now < before ? VT_S11_BETTER : VT_S11_WORSE;
}

void vt_s11_heatmap_release(struct vt_s11_heatmap *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; h->rows && i < h->nrows; i++)
		free(h->rows[i].cells);
	free(h->rows);
	free(h->counts);
	memset(h, 0, sizeof(*h));
}

enum vt_err vt_s11_heatmap(const struct vt_def *def, const char *cycle,
			   struct vt_s11_heatmap *out)
{
	struct vt_s11_heatmap h = { 0 };
	size_t na = vt_def_count(def, VT_KIND_AGENCY), i, k;

	h.cycle = cycle;
	h.partnership = vt_def_count(def, VT_KIND_PARTNERSHIP) ?
			vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
	h.nstandards = vt_s11_standard_count(h.partnership);
	h.rows = calloc(na ? na : 1, sizeof(*h.rows));
	h.counts = calloc(h.nstandards ? h.nstandards : 1, sizeof(*h.counts));
	if (!h.rows || !h.counts)
		goto nomem;
	for (i = 0; i < na; i++) {
		const struct vt_agency *ag = vt_def_at(def, VT_KIND_AGENCY, i);
		const struct vt_s11 *a = vt_s11_find(def, ag->code, cycle);
		struct vt_s11_row *row = &h.rows[h.nrows];

		if (!a)
			continue;
		row->s11 = a;
		row->previous = previous_of(def, ag->code, cycle);
		row->cells = calloc(h.nstandards ? h.nstandards : 1,
				    sizeof(*row->cells));
		if (!row->cells)
			goto nomem;
		h.nrows++;
		for (k = 0; k < h.nstandards; k++) {
			const char *code =
				vt_s11_standard_at(h.partnership, k + 1)->code;
			const struct vt_s11_rating *g =
				vt_s11_rating_of(a, code);
			const struct vt_s11_rating *was =
				vt_s11_rating_of(row->previous, code);
			struct vt_s11_cell *cell = &row->cells[k];

			cell->rating = g ? g->rating : -1;
			cell->previous = was ? was->rating : -1;
			cell->trend = g ? trend_of(g->rating, cell->previous)
				      : VT_S11_NEW;
			if (g)
				h.counts[k][g->rating]++;
		}
	}
	*out = h;
	return VT_OK;
nomem:
	vt_s11_heatmap_release(&h);
	return VT_ENOMEM;
}

enum vt_err vt_s11_missing(const struct vt_def *def, const char *cycle,
			   const struct vt_agency ***out, size_t *n)
{
	size_t na = vt_def_count(def, VT_KIND_AGENCY), i, m = 0;
	const struct vt_agency **v = calloc(na ? na : 1, sizeof(*v));

	if (!v)
		return VT_ENOMEM;
	for (i = 0; i < na; i++) {
		const struct vt_agency *ag = vt_def_at(def, VT_KIND_AGENCY, i);
		const struct vt_s11 *a = vt_s11_find(def, ag->code, cycle);

		if (!a || !a->submitted)
			v[m++] = ag;
	}
	*out = v;
	*n = m;
	return VT_OK;
}

bool vt_s11_may_edit(const struct vt_reader *rd, const char *agency)
{
	if (rd->published)
		return false;
	if (rd->role == VT_ROLE_ADMIN || rd->role == VT_ROLE_ANALYST)
		return true;
	return rd->role == VT_ROLE_AGENCY_LEAD && rd->agency && agency &&
	       rd->agency[0] && !strcmp(rd->agency, agency);
}

bool vt_s11_may_challenge(const struct vt_reader *rd)
{
	return !rd->published &&
	       (rd->role == VT_ROLE_ADMIN || rd->role == VT_ROLE_ANALYST ||
		rd->role == VT_ROLE_CHAIR || rd->role == VT_ROLE_SCRUTINEER);
}
