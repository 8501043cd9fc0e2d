/* The return workflow (approve, reopen) and who has returned what. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/clock.h"
#include "vitals/period.h"
#include "vitals/returns.h"
#include "model/field.h"
#include "store/store.h"

static struct vt_return *find_return(const struct vt_def *def,
				     const char *agency, const char *period)
{
	size_t i;

	for (i = 0; i < vt_def_count(def, VT_KIND_RETURN); i++) {
		struct vt_return *r = vt_def_at(def, VT_KIND_RETURN, i);

		if (!strcmp(r->agency, agency) && !strcmp(r->period, period))
			return r;
	}
	return NULL;
}

static enum vt_err replace_text(char **slot, const char *text)
{
	char *copy = text ? strdup(text) : NULL;

	if (text && !copy)
		return VT_ENOMEM;
	free(*slot);
	*slot = copy;
	return VT_OK;
}

/* Every field of 'old' into the fresh record 'r', strings copied. */
static enum vt_err copy_return(struct vt_return *r,
			       const struct vt_return *old)
{
	const struct vt_entity *e = vt_entity_of(VT_KIND_RETURN);
	enum vt_err result = VT_OK;
	size_t i;

	for (i = 0; i < e->nfields && !result; i++) {
		const struct vt_field *f = &e->fields[i];

		if (vt_field_is_text(f))
			result = replace_text(vt_field_text(r, f),
					      *vt_field_text((void *)old, f));
		else if (f->type == VT_FT_BOOL)	/* a bool is no int */
			*vt_field_bool(r, f) = *vt_field_bool((void *)old, f);
		else
			*vt_field_enum(r, f) = *vt_field_enum((void *)old, f);
	}
	return result;
}

/*
 * One transition: read the return inside a write transaction, let 'step'
 * change a copy (or refuse), write it through the change log.
 */
typedef enum vt_err (*step_fn)(struct vt_return *r, const char *arg,
			       const char *who, const char *now, char *why,
			       size_t whysize);

struct transition {
	const char *agency, *period, *arg, *who;
	step_fn step;
	char now[VT_TIMESTAMP_MAX];
};

/* A deep copy of the stored return, then the step's changes. */
static enum vt_err build_transition(void *arg, const struct vt_def *meta,
				    struct vt_def *change, struct vt_check *ck,
				    char *why, size_t whysize)
{
	struct transition *t = arg;
	struct vt_return *old = find_return(meta, t->agency, t->period);
	struct vt_return *r;
	enum vt_err result;

	(void)ck;
	if (!old) {
		snprintf(why, whysize, "agency '%s' has no return for %s",
			 t->agency, t->period);
		return VT_ENOTFOUND;
	}
	result = vt_def_append(change, VT_KIND_RETURN, (void **)&r);
	if (!result)
		result = copy_return(r, old);
	if (!result)
		result = t->step(r, t->arg, t->who, t->now, why, whysize);
	return result;
}

static enum vt_err transition(struct vt_store *s, const char *agency,
			      const char *period, step_fn step,
			      const char *arg, const char *who, char *why,
			      size_t whysize)
{
	struct transition t = { agency, period, arg, who, step, "" };

	vt_clock_now(t.now);
	return vt_store_change(s, build_transition, &t, who, why, whysize);
}

static enum vt_err approve_step(struct vt_return *r, const char *arg,
				const char *who, const char *now, char *why,
				size_t whysize)
{
	(void)arg;
	if (r->status != VT_RETURN_SUBMITTED) {
		snprintf(why, whysize, "the return of agency '%s' for %s is "
			 "%s; only a submitted return can be approved",
			 r->agency, r->period, vt_return_status_names[r->status]);
		return VT_EINVAL;
	}
	r->status = VT_RETURN_APPROVED;
	if (replace_text(&r->approved_by, who) ||
	    replace_text(&r->approved_at, now))
		return VT_ENOMEM;
	return VT_OK;
}

static enum vt_err reopen_step(struct vt_return *r, const char *reason,
			       const char *who, const char *now, char *why,
			       size_t whysize)
{
	(void)who;
	(void)now;
	if (r->status != VT_RETURN_SUBMITTED &&
	    r->status != VT_RETURN_APPROVED) {
		snprintf(why, whysize, "the return of agency '%s' for %s is "
			 "%s; only a submitted or approved return can be "
			 "reopened", r->agency, r->period,
			 vt_return_status_names[r->status]);
		return VT_EINVAL;
	}
	if (!reason || !*reason) {
		snprintf(why, whysize, "reopening a return needs a reason");
		return VT_EINVAL;
	}
	r->status = VT_RETURN_RETURNED;
	if (replace_text(&r->reason, reason) ||
	    replace_text(&r->approved_by, NULL) ||
	    replace_text(&r->approved_at, NULL))
		return VT_ENOMEM;
	return VT_OK;
}

enum vt_err vt_return_approve(struct vt_store *s, const char *agency,
			      const char *period, const char *who,
			      char *why, size_t whysize)
{
	return transition(s, agency, period, approve_step, NULL, who, why,
			  whysize);
}

enum vt_err vt_return_reopen(struct vt_store *s, const char *agency,
			     const char *period, const char *reason,
			     const char *who, char *why, size_t whysize)
{
	return transition(s, agency, period, reopen_step, reason, who, why,
			  whysize);
}

/* ------------------------------------------------------------------ */
/* Opening a return early */

struct early {
	const char *agency, *period, *reason, *who, *today;
	bool already;
	char now[VT_TIMESTAMP_MAX];
};

/* Whether the agency owns a measure of the period's kind. */
static bool owes_figures(const struct vt_def *meta, const char *agency,
			 const struct vt_period *p)
{
	size_t i;

	for (i = 0; i < vt_def_count(meta, VT_KIND_MEASURE); i++)
		if (vt_measure_asked(vt_def_at(meta, VT_KIND_MEASURE, i),
				     agency, p))
			return true;
	return false;
}

/*
 * The stored return with who, when and why it was opened, or a new
 * draft return when the agency has none yet: opening comes before any
 * figure.
 */
static enum vt_err build_early(void *arg, const struct vt_def *meta,
			       struct vt_def *change, struct vt_check *ck,
			       char *why, size_t whysize)
{
	struct early *e = arg;
	const struct vt_partnership *p = vt_def_at(meta, VT_KIND_PARTNERSHIP,
						   0);
	int fy = p ? (int)p->fy_start_month : 4;
	const struct vt_return *old = find_return(meta, e->agency, e->period);
	char label[VT_PERIOD_LABEL_MAX], opens[11], due[11];
	struct vt_return *r;
	struct vt_period per;
	enum vt_err result;

	(void)ck;
	if (!vt_def_find(meta, VT_KIND_AGENCY, e->agency)) {
		snprintf(why, whysize, "agency '%s' does not exist", e->agency);
		return VT_ENOTFOUND;
	}
	if (vt_period_parse(e->period, &per)) {
		snprintf(why, whysize, "'%s' is not a period (2024, 2024Q3 or "
			 "2024-07)", e->period);
		return VT_EINVAL;
	}
	vt_period_label_of(e->period, fy, label);
	if (!owes_figures(meta, e->agency, &per)) {
		snprintf(why, whysize, "agency '%s' owes no figures for %s: "
			 "it has no measure of that frequency", e->agency,
			 label);
		return VT_EINVAL;
	}
	if (old && old->opened_early_at) {
		e->already = true;
		return VT_OK;
	}
	if (vt_return_open(NULL, fy, e->period, e->today, opens)) {
		snprintf(why, whysize, "%s has ended: its return is open "
			 "already", label);
		return VT_EINVAL;
	}
	/* Spaces say nothing: the log must say why. */
	if (!e->reason || strspn(e->reason, " \t\r\n") == strlen(e->reason)) {
		snprintf(why, whysize, "opening a return early needs a reason");
		return VT_EINVAL;
	}
	result = vt_def_append(change, VT_KIND_RETURN, (void **)&r);
	if (result)
		return result;
	if (old) {
		result = copy_return(r, old);
	} else {
		r->status = VT_RETURN_DRAFT;
		result = replace_text(&r->agency, e->agency);
		if (!result)
			result = replace_text(&r->period, e->period);
		if (!result && p && !vt_return_due_date(p, e->period, due))
			result = replace_text(&r->due, due);
	}
	if (!result)
		result = replace_text(&r->opened_early_by, e->who);
	if (!result)
		result = replace_text(&r->opened_early_at, e->now);
	if (!result)
		result = replace_text(&r->opened_early_reason, e->reason);
	return result;
}

enum vt_err vt_return_open_early(struct vt_store *s, const char *agency,
				 const char *period, const char *reason,
				 const char *who, const char *today,
				 bool *already, char *why, size_t whysize)
{
	struct early e = { agency, period, reason, who, today, false, "" };
	enum vt_err result;

	vt_clock_now(e.now);
	result = vt_store_change(s, build_early, &e, who, why, whysize);
	if (!result)
		*already = e.already;
	return result;
}

/* ------------------------------------------------------------------ */
/* Status */

struct received {
	char **keys;		/* "measure/breakdown" of figures given */
	size_t n;
};

static enum vt_err received_row(void *arg, const struct vt_sqlval *cols,
				size_t ncols)
{
	struct received *r = arg;
	char **keys, key[160];

	if (ncols < 2)
		return VT_EDB;
	snprintf(key, sizeof(key), "%s%s%s", cols[0].s,
		 cols[1].type == VT_SQL_TEXT ? "/" : "",
		 cols[1].type == VT_SQL_TEXT ? cols[1].s : "");
	keys = realloc(r->keys, (r->n + 1) * sizeof(*keys));
	if (!keys)
		return VT_ENOMEM;
	r->keys = keys;
	r->keys[r->n] = strdup(key);
	return r->keys[r->n++] ? VT_OK : VT_ENOMEM;
}

static bool was_received(const struct received *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->keys[i], key))
			return true;
	return false;
}

static enum vt_err add_missing(struct vt_agency_status *a, const char *key)
{
	char **m = realloc(a->missing, (a->nmissing + 1) * sizeof(*m));

	if (!m)
		return VT_ENOMEM;
	a->missing = m;
	a->missing[a->nmissing] = strdup(key);
	return a->missing[a->nmissing++] ? VT_OK : VT_ENOMEM;
}

static const enum vt_frequency frequency_of_kind[VT_PERIOD__MAX] = {
	[VT_PERIOD_YEAR] = VT_FREQUENCY_ANNUAL,
	[VT_PERIOD_QUARTER] = VT_FREQUENCY_QUARTERLY,
	[VT_PERIOD_MONTH] = VT_FREQUENCY_MONTHLY,
};

/* The figures expected of agency 'a' for the period, and which came. */
static enum vt_err count_figures(const struct vt_def *meta,
				 const struct received *got,
				 enum vt_frequency frequency,
				 struct vt_agency_status *a)
{
	size_t i, j;
	char key[160];
	enum vt_err result = VT_OK;

	for (i = 0; i < vt_def_count(meta, VT_KIND_MEASURE) && !result; i++) {
		const struct vt_measure *m =
			vt_def_at(meta, VT_KIND_MEASURE, i);

		if (m->frequency != (int)frequency)
			continue;
		if (m->ncontributors) {
			/* A contributor owes its own part alone. */
			if (!vt_measure_contributor(m, a->agency))
				continue;
			snprintf(key, sizeof(key), "%s/%s", m->code,
				 a->agency);
			a->expected++;
			if (was_received(got, key))
				a->received++;
			else
				result = add_missing(a, key);
			continue;
		}
		if (strcmp(m->agency, a->agency))
			continue;
		for (j = 0; j <= m->nbreakdowns && !result; j++) {
			if (j == 0)
				snprintf(key, sizeof(key), "%s", m->code);
			else
				snprintf(key, sizeof(key), "%s/%s", m->code,
					 m->breakdowns[j - 1].code);
			a->expected++;
			if (was_received(got, key))
				a->received++;
			else
				result = add_missing(a, key);
		}
	}
	return result;
}

static enum vt_err status_of(const struct vt_def *meta,
			     const struct received *got, const char *period,
			     enum vt_frequency frequency, const char *due,
			     const char *today, struct vt_agency_status *a)
{
	const struct vt_return *r = find_return(meta, a->agency, period);
	enum vt_err result;

	result = count_figures(meta, got, frequency, a);
	if (result)
		return result;
	a->status = r ? r->status : VT_RETURN_DRAFT;
	a->due = strdup(r && r->due ? r->due : due);
	if (!a->due)
		return VT_ENOMEM;
	if (r && r->history) {
		/* Nothing is owed for a period loaded as history. */
		size_t i;

		a->history = true;
		for (i = 0; i < a->nmissing; i++)
			free(a->missing[i]);
		a->nmissing = 0;
		return VT_OK;
	}
	if (r && r->submitted_at) {
		a->submitted_at = strdup(r->submitted_at);
		if (!a->submitted_at)
			return VT_ENOMEM;
		/* Timestamps are UTC; the date part is compared. */
		a->on_time = strncmp(r->submitted_at, a->due, 10) <= 0;
		a->late = !a->on_time;
	} else {
		a->late = strcmp(today, a->due) > 0;
	}
	return VT_OK;
}

enum vt_err vt_returns_status(struct vt_store *s, const char *period,
			      const char *today,
			      struct vt_status_report *out)
{
	struct vt_period per;
	struct vt_def meta;
	enum vt_err result;

	result = vt_period_parse(period, &per);
	if (result)
		return result;
	vt_def_init(&meta);
	result = vt_store_read_meta(s, &meta);
	if (!result)
		result = vt_returns_status_of(s, &meta, period, today, out);
	vt_def_release(&meta);
	return result;
}

enum vt_err vt_returns_status_of(struct vt_store *s,
				 const struct vt_def *meta,
				 const char *period, const char *today,
				 struct vt_status_report *out)
{
	struct vt_status_report rep;
	struct received got = { NULL, 0 };
	const struct vt_partnership *p;
	struct vt_sqlval param;
	struct vt_period per;
	char due[11] = "", label[VT_PERIOD_LABEL_MAX];
	enum vt_err result;
	size_t i, j;

	memset(&rep, 0, sizeof(rep));
	result = vt_period_parse(period, &per);
	if (result)
		return result;
	param = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = period };
	result = s->ops->exec(s->conn, STMT_VALUE_RECEIVED, &param, 1,
			      received_row, &got);
	if (result)
		goto out;
	p = vt_def_at(meta, VT_KIND_PARTNERSHIP, 0);
	if (p) {
		result = vt_return_due_date(p, period, due);
		if (!result)
			result = vt_period_label(&per, (int)p->fy_start_month,
						 label);
	} else {
		snprintf(label, sizeof(label), "%s", period);
	}
	rep.period = strdup(period);
	rep.label = strdup(label);
	rep.due = strdup(due);
	if (!result && (!rep.period || !rep.label || !rep.due))
		result = VT_ENOMEM;
	for (i = 0; i < vt_def_count(meta, VT_KIND_AGENCY) && !result; i++) {
		const struct vt_agency *ag = vt_def_at(meta, VT_KIND_AGENCY, i);
		struct vt_agency_status *a, *grown;
		bool expected = false;

		/* Only agencies asked for a figure of this frequency owe:
		   owners, and contributors of multi-agency measures. */
		for (j = 0; j < vt_def_count(meta, VT_KIND_MEASURE); j++) {
			const struct vt_measure *m =
				vt_def_at(meta, VT_KIND_MEASURE, j);

			if (vt_measure_asked(m, ag->code, &per))
				expected = true;
		}
		if (!expected)
			continue;
		grown = realloc(rep.agencies,
				(rep.nagencies + 1) * sizeof(*grown));
		if (!grown) {
			result = VT_ENOMEM;
			break;
		}
		rep.agencies = grown;
		a = &grown[rep.nagencies++];
		memset(a, 0, sizeof(*a));
		a->agency = strdup(ag->code);
		a->agency_name = strdup(ag->name);
		if (!a->agency || !a->agency_name) {
			result = VT_ENOMEM;
			break;
		}
		result = status_of(meta, &got, period,
				   frequency_of_kind[per.kind], due, today, a);
	}
out:
	for (i = 0; i < got.n; i++)
		free(got.keys[i]);
	free(got.keys);
	if (result) {
		vt_status_report_release(&rep);
		return result;
	}
	*out = rep;
	return VT_OK;
}

void vt_status_report_release(struct vt_status_report *r)
{
	size_t i, j;

	for (i = 0; i < r->nagencies; i++) {
		struct vt_agency_status *a = &r->agencies[i];

		for (j = 0; j < a->nmissing; j++)
			free(a->missing[j]);
		free(a->missing);
		free(a->agency);
		free(a->agency_name);
		free(a->due);
		free(a->submitted_at);
	}
	free(r->agencies);
	free(r->period);
	free(r->label);
	free(r->due);
	memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------------------ */
/* Narratives from a Markdown file */

static void place_source(void *ctx, const char *path, const char **source,
			 long *line)
{
	(void)path;
	*source = ctx;
	*line = 0;
}

enum vt_err vt_impact_record(struct vt_store *s, const char *agency,
			     const char *period, const char *priority,
			     const char *text, const char *source,
			     const char *who, struct vt_diagq *dq,
			     bool *changed)
{
	struct vt_load_summary sum;
	struct vt_check ck = { NULL, dq, place_source, (void *)source };
	struct vt_impact *rec;
	struct vt_def def, meta;
	const struct vt_return *ret;
	enum vt_err result;

	vt_def_init(&def);
	vt_def_init(&meta);
	result = vt_def_append(&def, VT_KIND_IMPACT, (void **)&rec);
	if (result)
		goto out;
	rec->agency = strdup(agency);
	rec->period = strdup(period);
	rec->priority = strdup(priority);
	rec->text = strdup(text);
	if (!rec->agency || !rec->period || !rec->priority || !rec->text) {
		result = VT_ENOMEM;
		goto out;
	}
	/* An approved return is locked, narratives included. */
	result = vt_store_read_meta(s, &meta);
	if (result)
		goto out;
	ret = find_return(&meta, agency, period);
	if (ret && ret->status == VT_RETURN_APPROVED) {
		result = vt_diag_add(dq, VT_SEV_ERROR, source, 0, 0,
			"the return of agency '%s' for %s is approved and "
			"locked; an analyst can reopen it", agency, period);
		if (!result)
			result = VT_EINVAL;
		goto out;
	}
	result = vt_store_load_def(s, &def, &ck, who, 0, &sum);
	if (!result)
		*changed = sum.added[VT_KIND_IMPACT] > 0;
out:
	vt_def_release(&meta);
	vt_def_release(&def);
	return result;
}
