/* A voice report's JSON form and the reports, participants and themes counted by the quarter of their date. */
#include <stdlib.h>
#include <string.h>

#include "vitals/strparse.h"
#include "vitals/voice.h"

enum vt_err vt_voice_quarter(const struct vt_voice *v,
			     char period[VT_PERIOD_ID_MAX])
{
	struct vt_period q = { .kind = VT_PERIOD_QUARTER };
	struct vt_date d;

	if (!v->date || vt_parse_date(v->date, &d))
		return VT_EINVAL;
	q.year = d.year;
	q.index = (d.month - 1) / 3 + 1;
	vt_period_format(&q, period);
	return VT_OK;
}

bool vt_voice_has_theme(const struct vt_voice *v, const char *theme)
{
	size_t i;

	for (i = 0; i < v->nthemes; i++)
		if (!strcmp(v->themes[i].theme, theme))
			return true;
	return false;
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* A list of codes, 'n' records of 'size' bytes each holding one code. */
static json_t *codes(const void *items, size_t n, size_t size)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(*(char *const *)
				((const char *)items + i * size)))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

json_t *vt_voice_json(const struct vt_voice *v)
{
	char quarter[VT_PERIOD_ID_MAX];

	if (vt_voice_quarter(v, quarter))
		quarter[0] = '\0';
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:I, s:o, s:o, "
			 "s:o, s:o, s:o, s:o}",
			 "ref", v->ref, "title", v->title,
			 "source", v->source, "date", v->date,
			 "quarter", text_or_null(quarter),
			 "method", vt_voice_method_names[v->method],
			 "participants", (json_int_t)v->participants,
			 "themes", codes(v->themes, v->nthemes,
					 sizeof(*v->themes)),
			 "summary", text_or_null(v->summary),
			 "changed", text_or_null(v->changed),
			 "measure", text_or_null(v->measure),
			 "priorities", codes(v->priorities, v->npriorities,
					     sizeof(*v->priorities)),
			 "actions", codes(v->actions, v->nactions,
					  sizeof(*v->actions)));
}

/* ------------------------------------------------------------------ */
/* Counted by quarter */

static long index_of(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return (long)i;
	return -1;
}

/* The voice themes the partnership names, then any others the reports
   use, in the order first used. */
static enum vt_err collect_themes(const struct vt_def *def,
				  struct vt_voice_quarters *q)
{
	size_t nt = vt_def_count(def, VT_KIND_THEME), i, j, cap = nt;
	size_t nv = vt_def_count(def, VT_KIND_VOICE);

	for (i = 0; i < nv; i++)
		cap += ((const struct vt_voice *)vt_def_at(def, VT_KIND_VOICE,
							   i))->nthemes;
	q->themes = calloc(cap + 1, sizeof(*q->themes));
	if (!q->themes)
		return VT_ENOMEM;
	for (i = 0; i < nt; i++) {
		const struct vt_theme *t = vt_def_at(def, VT_KIND_THEME, i);

		if (t->register_ == VT_THEME_VOICE)
			q->themes[q->nthemes++] = t->code;
	}
	for (i = 0; i < nv; i++) {
		const struct vt_voice *v = vt_def_at(def, VT_KIND_VOICE, i);

		for (j = 0; j < v->nthemes; j++)
			if (index_of(q->themes, q->nthemes,
				     v->themes[j].theme) < 0)
				q->themes[q->nthemes++] = v->themes[j].theme;
	}
	return VT_OK;
}

static enum vt_err count(const struct vt_def *def, struct vt_voice_quarters *q,
			 const struct vt_period *first)
{
	size_t nv = vt_def_count(def, VT_KIND_VOICE), i, j;
	size_t *cells = calloc(q->nquarters * q->nthemes + 1, sizeof(*cells));
	struct vt_period at = *first;

	if (!cells)
		return VT_ENOMEM;
	for (i = 0; i < q->nquarters; i++) {
		vt_period_format(&at, q->quarters[i].period);
		q->quarters[i].by_theme = cells + i * q->nthemes;
		at = vt_period_next(&at);
	}
	for (i = 0; i < nv; i++) {
		const struct vt_voice *v = vt_def_at(def, VT_KIND_VOICE, i);
		char id[VT_PERIOD_ID_MAX];
		struct vt_voice_quarter *x;

		if (vt_voice_quarter(v, id) || vt_period_parse(id, &at))
			return VT_EINVAL;
		x = &q->quarters[vt_period_distance(first, &at)];
		x->reports++;
		x->participants += v->participants;
		for (j = 0; j < v->nthemes; j++) {
			long t = index_of(q->themes, q->nthemes,
					  v->themes[j].theme);

			if (t >= 0)
				x->by_theme[t]++;
		}
	}
	return VT_OK;
}

enum vt_err vt_voice_quarters(const struct vt_def *def,
			      struct vt_voice_quarters *out)
{
	size_t nv = vt_def_count(def, VT_KIND_VOICE), i;
	struct vt_period first = { 0 }, last = { 0 }, q;
	enum vt_err result = VT_OK;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nv; i++) {
		char id[VT_PERIOD_ID_MAX];

		if (vt_voice_quarter(vt_def_at(def, VT_KIND_VOICE, i), id) ||
		    vt_period_parse(id, &q))
			return VT_EINVAL;
		if (!i || vt_period_compare(&q, &first) < 0)
			first = q;
		if (!i || vt_period_compare(&q, &last) > 0)
			last = q;
	}
	result = collect_themes(def, out);
	if (result || !nv)
		goto out;
	out->nquarters = (size_t)vt_period_distance(&first, &last) + 1;
	out->quarters = calloc(out->nquarters, sizeof(*out->quarters));
	if (!out->quarters) {
		result = VT_ENOMEM;
		goto out;
	}
	result = count(def, out, &first);
out:
	if (result)
		vt_voice_quarters_release(out);
	return result;
}

void vt_voice_quarters_release(struct vt_voice_quarters *q)
{
	if (q->quarters && q->nquarters)
		free(q->quarters[0].by_theme);
	free(q->quarters);
	free(q->themes);
	memset(q, 0, sizeof(*q));
}

static json_t *counts(const char *const *keys, const size_t *n, size_t len)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; o && i < len; i++)
		if (json_object_set_new(o, keys[i], json_integer((json_int_t)
								 n[i]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

json_t *vt_voice_quarters_json(const struct vt_voice_quarters *q,
			       int fy_start_month)
{
	json_t *qs = json_array();
	size_t i;

	for (i = 0; qs && i < q->nquarters; i++) {
		const struct vt_voice_quarter *x = &q->quarters[i];
		char label[VT_PERIOD_LABEL_MAX];

		if (json_array_append_new(qs, json_pack(
			"{s:s, s:s, s:I, s:I, s:o}",
			"period", x->period, "label",
			vt_period_label_of(x->period, fy_start_month, label),
			"reports", (json_int_t)x->reports,
			"participants", (json_int_t)x->participants,
			"themes", counts(q->themes, x->by_theme,
					 q->nthemes)))) {
			json_decref(qs);
			return NULL;
		}
	}
	return qs ? json_pack("{s:o}", "quarters", qs) : NULL;
}

bool vt_voice_visible_to(int role)
{
	return role >= 0 && role < VT_ROLE__MAX && role != VT_ROLE_VIEWER;
}

bool vt_voice_may_change(int role)
{
	return role == VT_ROLE_ADMIN || role == VT_ROLE_ANALYST ||
	       role == VT_ROLE_CHAIR;
}
