/* An escalation's stage clocks judged on a day, who may see it, its JSON form, and the causes counted by quarter with their trend. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/escalations.h"
#include "vitals/strparse.h"

bool vt_escalation_open(const struct vt_escalation *e)
{
	return !e->resolved;
}

bool vt_escalation_visible(const struct vt_escalation *e, const char *agency)
{
	return agency && (!strcmp(e->raised_by, agency) ||
			  !strcmp(e->about, agency));
}

bool vt_escalation_visible_to(const struct vt_escalation *e, int role,
			      const char *agency)
{
	/* The analyst keeps the register and flags what runs late. */
	switch (role) {
	case VT_ROLE_ADMIN:
	case VT_ROLE_ANALYST:
	case VT_ROLE_CHAIR:
	case VT_ROLE_SCRUTINEER:
		return true;
	case VT_ROLE_AGENCY_LEAD:
		return vt_escalation_visible(e, agency);
	default:
		return false;
	}
}

enum vt_err vt_escalation_judge(const struct vt_escalation *e,
				const struct vt_partnership *p,
				const char *today,
				struct vt_escalation_state *out)
{
	size_t n = e->nsteps ? e->nsteps : 1, i;

	memset(out, 0, sizeof(*out));
	out->escalation = e;
	out->open = vt_escalation_open(e);
	out->nstages = vt_escalation_stage_count(p);
	if (n > sizeof(out->steps) / sizeof(out->steps[0]))
		return VT_EINVAL;
	for (i = 0; i < n; i++) {
		struct vt_escalation_stage_state *s = &out->steps[i];
		const struct vt_escalation_stage *def;
		const char *start = e->nsteps ? e->steps[i].date : e->raised;
		const char *done;
		enum vt_err result;

		s->stage = e->nsteps ? (int)e->steps[i].stage : 1;
		s->note = e->nsteps ? e->steps[i].note : NULL;
		def = vt_escalation_stage_at(p, (size_t)s->stage);
		if (!def)
			return VT_EINVAL;
		s->name = def->name;
		s->days = (int)def->days;
		/* A stage ends when the next begins or the dispute ends. */
		done = i + 1 < n ? e->steps[i + 1].date : e->resolved;
		result = vt_deadline_judge(start, VT_DEADLINE_WORKING_DAYS,
					   s->days, done, today, &s->clock);
		if (result)
			return result;
	}
	out->nsteps = n;
	out->stage = out->steps[n - 1].stage;
	out->past_timescale = out->open &&
			      out->steps[n - 1].clock.state ==
			      VT_DEADLINE_MISSED;
	return VT_OK;
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *clock_json(const struct vt_deadline *d)
{
	return json_pack("{s:s, s:s, s:o, s:s, s:o}", "start", d->start,
			 "due", d->due, "done", text_or_null(d->done),
			 "state", vt_deadline_state_names[d->state],
			 "working_days_left", d->has_left ?
			 json_integer(d->working_days_left) : json_null());
}

json_t *vt_escalation_json(const struct vt_escalation_state *st)
{
	const struct vt_escalation *e = st->escalation;
	const struct vt_escalation_stage_state *cur =
		&st->steps[st->nsteps - 1];
	json_t *steps = json_array();
	size_t i;

	for (i = 0; steps && i < st->nsteps; i++) {
		const struct vt_escalation_stage_state *s = &st->steps[i];
		const struct vt_deadline *d = &s->clock;

		if (json_array_append_new(steps, json_pack(
			"{s:i, s:s, s:s, s:o, s:i, s:s, s:o, s:s, s:o}",
			"stage", s->stage, "name", s->name, "date", d->start,
			"note", text_or_null(s->note), "days", s->days,
			"due", d->due, "done", text_or_null(d->done),
			"state", vt_deadline_state_names[d->state],
			"working_days_left", d->has_left ?
			json_integer(d->working_days_left) : json_null()))) {
			json_decref(steps);
			return NULL;
		}
	}
	if (!steps)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:i, "
			 "s:s, s:b, s:o, s:o, s:o, s:o, s:o}",
			 "ref", e->ref, "raised", e->raised,
			 "raised_by", e->raised_by,
			 "raised_role", e->raised_role, "about", e->about,
			 "theme", e->theme, "summary", text_or_null(e->summary),
			 "state", st->open ? "open" : "resolved",
			 "stage", st->stage, "stage_name", cur->name,
			 "past_timescale", st->past_timescale,
			 "clock", clock_json(&cur->clock), "steps", steps,
			 "outcome", text_or_null(e->outcome),
			 "resolved", text_or_null(e->resolved),
			 "resolution", text_or_null(e->resolution));
}

/* ------------------------------------------------------------------ */
/* Causes */

/* The calendar quarter of a date: "2026-12-18" is 2026Q4. */
static enum vt_err quarter_of(const char *date, struct vt_period *q)
{
	struct vt_date d;

	if (vt_parse_date(date, &d))
		return VT_EINVAL;
	q->kind = VT_PERIOD_QUARTER;
	q->year = d.year;
	q->index = (d.month - 1) / 3 + 1;
	return VT_OK;
}

static long index_of(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return (long)i;
	return -1;
}

/* The theme codes in force, then any others the escalations use. */
static enum vt_err collect_themes(const struct vt_def *def,
				  const struct vt_escalation *const *es,
				  size_t nes, struct vt_escalation_causes *c)
{
	size_t nt = vt_def_count(def, VT_KIND_THEME), i, cap;
	const char *const *d = vt_escalation_default_themes;
	bool own = false;

	for (i = 0; i < nt; i++)
		if (((const struct vt_theme *)vt_def_at(def, VT_KIND_THEME,
							i))->register_ ==
		    VT_THEME_ESCALATION)
			own = true;
	cap = nt + nes + 8;
	c->themes = calloc(cap, sizeof(*c->themes));
	if (!c->themes)
		return VT_ENOMEM;
	for (i = 0; own && i < nt; i++) {
		const struct vt_theme *t = vt_def_at(def, VT_KIND_THEME, i);

		if (t->register_ == VT_THEME_ESCALATION)
			c->themes[c->nthemes++] = t->code;
	}
	for (i = 0; !own && d[i]; i++)
		c->themes[c->nthemes++] = d[i];
	for (i = 0; i < nes; i++)
		if (index_of(c->themes, c->nthemes, es[i]->theme) < 0)
			c->themes[c->nthemes++] = es[i]->theme;
	return VT_OK;
}

/* The agencies escalated about, in the definition's order. */
static enum vt_err collect_agencies(const struct vt_def *def,
				    const struct vt_escalation *const *es,
				    size_t nes,
				    struct vt_escalation_causes *c)
{
	size_t na = vt_def_count(def, VT_KIND_AGENCY), i, j;

	c->agencies = calloc(na + 1, sizeof(*c->agencies));
	if (!c->agencies)
		return VT_ENOMEM;
	for (i = 0; i < na; i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);

		for (j = 0; j < nes; j++)
			if (!strcmp(es[j]->about, a->code)) {
				c->agencies[c->nagencies++] = a->code;
				break;
			}
	}
	return VT_OK;
}

/* The highest stage an escalation reached. */
static size_t reached(const struct vt_escalation *e)
{
	return e->nsteps ? (size_t)e->steps[e->nsteps - 1].stage : 1;
}

static enum vt_err count(struct vt_escalation_causes *c,
			 const struct vt_escalation *const *es, size_t nes,
			 const struct vt_period *first)
{
	size_t width = c->nthemes + c->nagencies + c->nstages, i;
	size_t *cells = calloc(c->nquarters * width + 1, sizeof(*cells));
	struct vt_period q = *first;

	if (!cells)
		return VT_ENOMEM;
	for (i = 0; i < c->nquarters; i++) {
		struct vt_escalation_quarter *x = &c->quarters[i];

		vt_period_format(&q, x->period);
		x->by_theme = cells + i * width;
		x->by_about = x->by_theme + c->nthemes;
		x->by_stage = x->by_about + c->nagencies;
		q = vt_period_next(&q);
	}
	for (i = 0; i < nes; i++) {
		struct vt_escalation_quarter *x;
		size_t stage = reached(es[i]);
		long t, a;

		if (quarter_of(es[i]->raised, &q))
			return VT_EINVAL;
		x = &c->quarters[vt_period_distance(first, &q)];
		x->total++;
		t = index_of(c->themes, c->nthemes, es[i]->theme);
		a = index_of(c->agencies, c->nagencies, es[i]->about);
		if (t >= 0)
			x->by_theme[t]++;
		if (a >= 0)
			x->by_about[a]++;
		if (stage >= 1 && stage <= c->nstages)
			x->by_stage[stage - 1]++;
	}
	return VT_OK;
}

static enum vt_err trend(struct vt_escalation_causes *c)
{
	struct vt_spc_options opts = { .direction = VT_DIRECTION_NONE,
				       .target = NAN };
	double *v;
	size_t i;
	enum vt_err result;

	if (c->nquarters < VT_ESCALATION_SPC_MIN)
		return VT_OK;
	v = calloc(c->nquarters, sizeof(*v));
	if (!v)
		return VT_ENOMEM;
	for (i = 0; i < c->nquarters; i++)
		v[i] = (double)c->quarters[i].total;
	result = vt_spc_compute(v, c->nquarters, &opts, &c->trend);
	free(v);
	c->has_trend = !result;
	return result;
}

enum vt_err vt_escalation_causes(const struct vt_def *def, const char *agency,
				 struct vt_escalation_causes *out)
{
	size_t n = vt_def_count(def, VT_KIND_ESCALATION), nes = 0, i;
	const struct vt_escalation **es = calloc(n + 1, sizeof(*es));
	const struct vt_partnership *p =
		vt_def_count(def, VT_KIND_PARTNERSHIP) ?
		vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
	struct vt_period first = { 0 }, last = { 0 }, q;
	enum vt_err result;

	memset(out, 0, sizeof(*out));
	if (!es)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_escalation *e =
			vt_def_at(def, VT_KIND_ESCALATION, i);

		if (agency && !vt_escalation_visible(e, agency))
			continue;
		result = quarter_of(e->raised, &q);
		if (result)
			goto out;
		if (!nes || vt_period_compare(&q, &first) < 0)
			first = q;
		if (!nes || vt_period_compare(&q, &last) > 0)
			last = q;
		es[nes++] = e;
	}
	out->nstages = vt_escalation_stage_count(p);
	result = collect_themes(def, (const struct vt_escalation *const *)es,
				nes, out);
	if (!result)
		result = collect_agencies(def,
			(const struct vt_escalation *const *)es, nes, out);
	if (result || !nes)
		goto out;
	out->nquarters = (size_t)vt_period_distance(&first, &last) + 1;
	out->quarters = calloc(out->nquarters, sizeof(*out->quarters));
	if (!out->quarters) {
		result = VT_ENOMEM;
		goto out;
	}
	result = count(out, (const struct vt_escalation *const *)es, nes,
		       &first);
	if (!result)
		result = trend(out);
out:
	free(es);
	if (result)
		vt_escalation_causes_release(out);
	return result;
}

void vt_escalation_causes_release(struct vt_escalation_causes *c)
{
	if (c->quarters && c->nquarters)
		free(c->quarters[0].by_theme);
	free(c->quarters);
	free(c->themes);
	free(c->agencies);
	if (c->has_trend)
		vt_spc_release(&c->trend);
	memset(c, 0, sizeof(*c));
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

static json_t *stage_counts(const size_t *n, size_t len)
{
	json_t *o = json_object();
	char key[8];
	size_t i;

	for (i = 0; o && i < len; i++) {
		snprintf(key, sizeof(key), "%zu", i + 1);
		if (json_object_set_new(o, key, json_integer((json_int_t)
							     n[i]))) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static json_t *trend_json(const struct vt_escalation_causes *c)
{
	const struct vt_spc *s = &c->trend;
	const struct vt_spc_segment *seg = s->nsegments ? &s->segments[0]
				       : NULL;
	json_t *special = json_array();
	size_t i;

	if (!c->has_trend || !seg) {
		json_decref(special);
		return json_null();
	}
	for (i = 0; special && i < s->n; i++)
		if (s->points[i].rules &&
		    json_array_append_new(special,
					  json_string(c->quarters[i].period))) {
			json_decref(special);
			return NULL;
		}
	if (!special)
		return NULL;
	return json_pack("{s:i, s:f, s:f, s:f, s:b, s:s, s:o}",
			 "quarters", (json_int_t)c->nquarters,
			 "mean", seg->mean, "ucl", seg->ucl,
			 "lcl", seg->lcl < 0 ? 0 : seg->lcl,
			 "provisional", c->nquarters < VT_SPC_MIN_POINTS,
			 "variation", vt_spc_type_names[s->variation],
			 "special", special);
}

json_t *vt_escalation_causes_json(const struct vt_escalation_causes *c,
				  int fy_start_month)
{
	json_t *qs = json_array(), *t;
	size_t i;

	for (i = 0; qs && i < c->nquarters; i++) {
		const struct vt_escalation_quarter *x = &c->quarters[i];
		char label[VT_PERIOD_LABEL_MAX];

		if (json_array_append_new(qs, json_pack(
			"{s:s, s:s, s:i, s:o, s:o, s:o}",
			"period", x->period, "label",
			vt_period_label_of(x->period, fy_start_month, label),
			"total", (json_int_t)x->total,
			"themes", counts(c->themes, x->by_theme, c->nthemes),
			"about", counts(c->agencies, x->by_about,
					c->nagencies),
			"stage_reached", stage_counts(x->by_stage,
						      c->nstages)))) {
			json_decref(qs);
			return NULL;
		}
	}
	t = qs ? trend_json(c) : NULL;
	if (!t) {
		json_decref(qs);
		return NULL;
	}
	return json_pack("{s:o, s:o}", "quarters", qs, "trend", t);
}
