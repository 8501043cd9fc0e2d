/* The audit programme assessed: each audit's state on a day, grades by agency and by theme per quarter done, and the programme's completion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/audits.h"
#include "vitals/strparse.h"

const char *const vt_audit_state_names[] = {
	"planned", "done", "late", NULL
};
const char *const vt_audit_by_names[] = { "agency", "theme", NULL };

enum vt_err vt_audit_state_on(const struct vt_audit *a, const char *today,
			      enum vt_audit_state *out)
{
	struct vt_period q;
	struct vt_date last;
	char day[11];

	if (vt_period_parse(a->planned, &q) || q.kind != VT_PERIOD_QUARTER ||
	    vt_period_last_day(&q, 4, &last))
		return VT_EINVAL;
	if (a->done) {
		*out = VT_AUDIT_DONE;
		return VT_OK;
	}
	snprintf(day, sizeof(day), "%04d-%02d-%02d", last.year, last.month,
		 last.day);
	/* Late the day after its quarter ends. */
	*out = strcmp(today, day) > 0 ? VT_AUDIT_LATE : VT_AUDIT_PLANNED;
	return VT_OK;
}

bool vt_audit_takes_part(const struct vt_audit *a, const char *agency)
{
	size_t i;

	for (i = 0; agency && i < a->nagencies; i++)
		if (!strcmp(a->agencies[i].agency, agency))
			return true;
	return false;
}

bool vt_audit_visible_to(const struct vt_audit *a, int role,
			 const char *agency)
{
	switch (role) {
	case VT_ROLE_ADMIN:
	case VT_ROLE_ANALYST:
	case VT_ROLE_CHAIR:
	case VT_ROLE_SCRUTINEER:
		return true;
	case VT_ROLE_AGENCY_LEAD:
		return vt_audit_takes_part(a, agency);
	default:
		return false;
	}
}

bool vt_audit_may_grade(const struct vt_audit *a, int role,
			const char *agency, const char *for_agency)
{
	if (!vt_audit_takes_part(a, for_agency))
		return false;
	switch (role) {
	case VT_ROLE_ADMIN:
	case VT_ROLE_ANALYST:
	case VT_ROLE_CHAIR:
		return true;
	case VT_ROLE_AGENCY_LEAD:
		return agency && !strcmp(agency, for_agency);
	default:
		return false;
	}
}

enum vt_err vt_audit_year_of(const char *day, int fy_start_month,
			     char from[VT_PERIOD_ID_MAX],
			     char to[VT_PERIOD_ID_MAX],
			     char label[VT_PERIOD_LABEL_MAX])
{
	struct vt_date d, first, last;
	struct vt_period y, q;

	if (vt_parse_date(day, &d) || !vt_fy_start_month_valid(fy_start_month))
		return VT_EINVAL;
	y.kind = VT_PERIOD_YEAR;
	y.index = 0;
	y.year = d.month >= fy_start_month ? d.year : d.year - 1;
	if (vt_period_first_day(&y, fy_start_month, &first) ||
	    vt_period_last_day(&y, fy_start_month, &last) ||
	    vt_period_label(&y, fy_start_month, label))
		return VT_EINVAL;
	q.kind = VT_PERIOD_QUARTER;
	q.year = first.year;
	q.index = (first.month - 1) / 3 + 1;
	vt_period_format(&q, from);
	q.year = last.year;
	q.index = (last.month - 1) / 3 + 1;
	vt_period_format(&q, to);
	return VT_OK;
}

size_t vt_audit_cases(const struct vt_audit *a)
{
	size_t i, j, n = 0;

	for (i = 0; i < a->ngrades; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(a->grades[i].case_, a->grades[j].case_))
				break;
		n += j == i;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Grades over time */

static const struct vt_partnership *partnership(const struct vt_def *def)
{
	return vt_def_count(def, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
}

/* The quarter of day 'date' ("" when NULL or not a day). */
static void quarter_of(const char *date, char out[VT_PERIOD_ID_MAX])
{
	struct vt_date d;
	struct vt_period q;

	out[0] = '\0';
	if (!date || vt_parse_date(date, &d))
		return;
	q.kind = VT_PERIOD_QUARTER;
	q.year = d.year;
	q.index = (d.month - 1) / 3 + 1;
	vt_period_format(&q, out);
}

/* Key order, then quarters in time with the not done ("") last. */
static int tally_cmp(const void *x, const void *y)
{
	const struct vt_audit_tally *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	if (!a->quarter[0] || !b->quarter[0])
		return !a->quarter[0] - !b->quarter[0];
	return strcmp(a->quarter, b->quarter);
}

static struct vt_audit_tally *tally_for(struct vt_audit_grades *g,
					const char *key, const char *quarter,
					size_t *cap, enum vt_err *err)
{
	struct vt_audit_tally *t;
	size_t i;

	for (i = 0; i < g->nrows; i++)
		if (!strcmp(g->rows[i].key, key) &&
		    !strcmp(g->rows[i].quarter, quarter))
			return &g->rows[i];
	if (g->nrows == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;

		t = realloc(g->rows, ncap * sizeof(*t));
		if (!t) {
			*err = VT_ENOMEM;
			return NULL;
		}
		g->rows = t;
		*cap = ncap;
	}
	t = &g->rows[g->nrows];
	memset(t, 0, sizeof(*t));
	t->counts = calloc(g->ngrades ? g->ngrades : 1, sizeof(size_t));
	if (!t->counts) {
		*err = VT_ENOMEM;
		return NULL;
	}
	t->key = key;
	snprintf(t->quarter, sizeof(t->quarter), "%s", quarter);
	g->nrows++;
	return t;
}

enum vt_err vt_audit_grades_count(const struct vt_def *def,
				  enum vt_audit_by by,
				  struct vt_audit_grades *out)
{
	const struct vt_partnership *p = partnership(def);
	struct vt_audit_grades g;
	enum vt_err result = VT_OK;
	size_t cap = 0, i, j, k;

	memset(&g, 0, sizeof(g));
	g.ngrades = vt_audit_grade_count(p);
	g.names = calloc(g.ngrades + 1, sizeof(*g.names));
	if (!g.names)
		return VT_ENOMEM;
	for (k = 0; k < g.ngrades; k++)
		g.names[k] = vt_audit_grade_at(p, k);
	g.grades = g.names;
	for (i = 0; !result && i < vt_def_count(def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *a = vt_def_at(def, VT_KIND_AUDIT, i);
		char quarter[VT_PERIOD_ID_MAX];

		quarter_of(a->done, quarter);
		for (j = 0; j < a->ngrades; j++) {
			const struct vt_audit_grade *gr = &a->grades[j];
			struct vt_audit_tally *t = tally_for(&g,
				by == VT_AUDIT_BY_THEME ? a->theme :
				gr->agency, quarter, &cap, &result);

			if (!t)
				break;
			for (k = 0; k < g.ngrades; k++)
				if (!strcmp(g.names[k], gr->grade))
					t->counts[k]++;
			t->total++;
		}
	}
	if (result) {
		vt_audit_grades_release(&g);
		return result;
	}
	if (g.nrows)
		qsort(g.rows, g.nrows, sizeof(*g.rows), tally_cmp);
	*out = g;
	return VT_OK;
}

void vt_audit_grades_release(struct vt_audit_grades *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nrows; i++)
		free(g->rows[i].counts);
	free(g->rows);
	free(g->names);
	memset(g, 0, sizeof(*g));
}

/* ------------------------------------------------------------------ */
/* The programme */

enum vt_err vt_audit_programme_count(const struct vt_def *def,
				     const char *from, const char *to,
				     const char *today,
				     struct vt_audit_programme *out)
{
	struct vt_audit_programme p;
	struct vt_period f, t, q;
	size_t i;

	memset(&p, 0, sizeof(p));
	if ((from && (vt_period_parse(from, &f) ||
		      f.kind != VT_PERIOD_QUARTER)) ||
	    (to && (vt_period_parse(to, &t) || t.kind != VT_PERIOD_QUARTER)))
		return VT_EINVAL;
	snprintf(p.from, sizeof(p.from), "%s", from ? from : "");
	snprintf(p.to, sizeof(p.to), "%s", to ? to : "");
	for (i = 0; i < vt_def_count(def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *a = vt_def_at(def, VT_KIND_AUDIT, i);
		enum vt_audit_state st;

		if (vt_period_parse(a->planned, &q) ||
		    vt_audit_state_on(a, today, &st))
			return VT_EINVAL;
		if ((from && vt_period_compare(&q, &f) < 0) ||
		    (to && vt_period_compare(&q, &t) > 0))
			continue;
		p.planned++;
		p.counts[st]++;
	}
	*out = p;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* JSON */

static json_t *opt(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *vt_audit_json(const struct vt_audit *a, enum vt_audit_state state,
		      const struct vt_def *def)
{
	json_t *agencies = json_array(), *grades = json_array(),
	       *reaudits = json_array(), *recs, *j;
	size_t i;

	for (i = 0; agencies && i < a->nagencies; i++)
		if (json_array_append_new(agencies,
					  json_string(a->agencies[i].agency)))
			goto fail;
	for (i = 0; grades && i < a->ngrades; i++) {
		const struct vt_audit_grade *g = &a->grades[i];

		if (json_array_append_new(grades, json_pack(
			"{s:s, s:s, s:s, s:o}", "case", g->case_,
			"agency", g->agency, "grade", g->grade,
			"findings", opt(g->findings))))
			goto fail;
	}
	for (i = 0; reaudits && def && i < vt_def_count(def, VT_KIND_AUDIT);
	     i++) {
		const struct vt_audit *r = vt_def_at(def, VT_KIND_AUDIT, i);

		if (r->reaudit_of && !strcmp(r->reaudit_of, a->ref) &&
		    json_array_append_new(reaudits, json_string(r->ref)))
			goto fail;
	}
	if (!agencies || !grades || !reaudits)
		goto fail;
	recs = vt_recommendations_json(def, VT_KIND_AUDIT, a->ref);
	if (!recs)
		goto fail;
	j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I, s:I, s:s, s:o, s:o, "
		      "s:o, s:o, s:o, s:o}", "ref", a->ref, "theme", a->theme,
		      "planned", a->planned, "lead", a->lead,
		      "agencies", agencies, "sample", (json_int_t)a->sample,
		      "cases", (json_int_t)vt_audit_cases(a),
		      "state", vt_audit_state_names[state],
		      "done", opt(a->done), "summary", opt(a->summary),
		      "reaudit_of", opt(a->reaudit_of), "reaudits", reaudits,
		      "grades", grades, "recommendations", recs);
	return j;
fail:
	json_decref(agencies);
	json_decref(grades);
	json_decref(reaudits);
	return NULL;
}
