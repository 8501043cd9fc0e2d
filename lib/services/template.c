/* Return forms: gathering an agency's measures and recent figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/clock.h"
#include "vitals/period.h"
#include "vitals/returns.h"
#include "io/returnform.h"
#include "store/store.h"

/* The latest figure for one measure, breakdown and period. */
struct context_value {
	char key[200];		/* measure/breakdown/period */
	char text[32];
	bool illustrative;
};

struct context {
	struct context_value *items;
	size_t n;
	bool illustrative;
};

static enum vt_err context_row(void *arg, const struct vt_sqlval *cols,
			       size_t ncols)
{
	struct context *c = arg;
	struct context_value *v;
	char key[200];

	if (ncols < 6)
		return VT_EDB;
	snprintf(key, sizeof(key), "%s/%s/%s", cols[0].s, cols[1].s,
		 cols[2].s);
	/* Versions come oldest first: a later one replaces the slot. */
	if (c->n && strcmp(c->items[c->n - 1].key, key) == 0) {
		v = &c->items[c->n - 1];
	} else {
		v = realloc(c->items, (c->n + 1) * sizeof(*v));
		if (!v)
			return VT_ENOMEM;
		c->items = v;
		v = &v[c->n++];
	}
	snprintf(v->key, sizeof(v->key), "%s", key);
	if (cols[4].type == VT_SQL_TEXT)
		snprintf(v->text, sizeof(v->text), "%s", cols[4].s);
	else if (cols[3].type != VT_SQL_NULL)
		snprintf(v->text, sizeof(v->text), "%.15g", cols[3].d);
	else
		v->text[0] = '\0';
	v->illustrative = cols[5].i != 0;
	return VT_OK;
}

static const char *context_text(struct context *c, const char *measure,
				const char *breakdown, const char *period)
{
	char key[200];
	size_t i;

	snprintf(key, sizeof(key), "%s/%s/%s", measure, breakdown, period);
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->items[i].key, key) == 0) {
			c->illustrative |= c->items[i].illustrative;
			return c->items[i].text;
		}
	}
	return "";
}

/* The agency's measures of the period's frequency, in definition order. */
static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* One row per figure: each measure of the agency, then its breakdowns;
   then its part of each multi-agency measure it contributes to. */
static enum vt_err form_rows(const struct vt_def *meta,
			     const struct vt_period *per,
			     struct context *ctx, struct vt_return_form *f)
{
	size_t nm = vt_def_count(meta, VT_KIND_MEASURE);
	size_t i, j, k, n = 0;

	for (i = 0; i < nm; i++) {
		const struct vt_measure *m = vt_def_at(meta, VT_KIND_MEASURE, i);

		if (vt_measure_asked(m, f->agency, per))
			n += vt_measure_slot_count(m);
	}
	f->rows = calloc(n + 1, sizeof(*f->rows));
	if (!f->rows)
		return VT_ENOMEM;
	/* The agency's own measures first, then its parts of multi-agency
	   measures, as the web form lists them. */
	for (i = 0; i < 2 * nm; i++) {
		const struct vt_measure *m = vt_def_at(meta, VT_KIND_MEASURE,
						       i % nm);

		if ((i < nm) != !m->ncontributors ||
		    !vt_measure_asked(m, f->agency, per))
			continue;
		/* A contributor gives its own part of a multi-agency
		   measure alone: the whole is their sum. */
		for (j = 0; j < vt_measure_slot_count(m); j++) {
			struct vt_form_row *r = &f->rows[f->nrows++];

			r->measure = m->code;
			r->breakdown = m->ncontributors ?
				vt_measure_agency_of(m, f->agency) :
				j ? m->breakdowns[j - 1].code : "";
			r->title = j ? m->breakdowns[j - 1].title : m->title;
			r->unit = m->unit;
			r->ratio = m->numerator || m->denominator;
			for (k = 0; k < VT_FORM_CONTEXT; k++)
				r->context[k] = context_text(ctx, m->code,
					r->breakdown, f->context_periods[k]);
		}
	}
	f->illustrative = ctx->illustrative;
	return VT_OK;
}

/* Priorities of the plans the agency reports in: one narrative each. */
static enum vt_err form_priorities(const struct vt_def *meta,
				   const struct vt_period *per,
				   struct vt_return_form *f)
{
	size_t i, n = vt_def_count(meta, VT_KIND_PRIORITY);

	f->priorities = calloc(n + 1, sizeof(*f->priorities));
	if (!f->priorities)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_priority *pr =
			vt_def_at(meta, VT_KIND_PRIORITY, i);

		if (vt_priority_asked(meta, pr, f->agency, per))
			f->priorities[f->npriorities++] =
				(struct vt_form_priority){ pr->code, pr->title };
	}
	return VT_OK;
}

enum vt_err vt_return_template(struct vt_store *s, const char *agency,
			       const char *period, const char *path,
			       char *why, size_t whysize)
{
	struct context ctx = { NULL, 0, false };
	struct vt_return_form f;
	struct vt_sqlval range[2];
	const struct vt_agency *ag;
	const struct vt_partnership *p;
	struct vt_period per, prev[VT_FORM_CONTEXT];
	struct vt_def meta;
	char ids[VT_FORM_CONTEXT][VT_PERIOD_ID_MAX], id[VT_PERIOD_ID_MAX];
	char label[VT_PERIOD_LABEL_MAX] = "", due[11] = "";
	char now[VT_TIMESTAMP_MAX];
	enum vt_err result;
	int k;

	memset(&f, 0, sizeof(f));
	vt_def_init(&meta);
	if (vt_period_parse(period, &per)) {
		snprintf(why, whysize, "'%s' is not a period (2024, 2024Q3 or "
			 "2024-07)", period);
		return VT_EINVAL;
	}
	if (!ends_with(path, ".xlsx") && !ends_with(path, ".csv")) {
		snprintf(why, whysize, "'%s': the form is written as .xlsx or "
			 ".csv", path);
		return VT_EINVAL;
	}
	result = vt_store_read_meta(s, &meta);
	if (result)
		goto out;
	ag = vt_def_find(&meta, VT_KIND_AGENCY, agency);
	if (!ag) {
		snprintf(why, whysize, "agency '%s' does not exist", agency);
		result = VT_EINVAL;
		goto out;
	}
	p = vt_def_at(&meta, VT_KIND_PARTNERSHIP, 0);
	if (p) {
		/* Without a label the form shows the period's code; without
		   a due date, none. */
		if (vt_period_label(&per, (int)p->fy_start_month, label))
			label[0] = '\0';
		if (vt_return_due_date(p, period, due))
			due[0] = '\0';
	}
	prev[VT_FORM_CONTEXT - 1] = vt_period_prev(&per);
	for (k = VT_FORM_CONTEXT - 2; k >= 0; k--)
		prev[k] = vt_period_prev(&prev[k + 1]);
	for (k = 0; k < VT_FORM_CONTEXT; k++) {
		vt_period_format(&prev[k], ids[k]);
		f.context_periods[k] = ids[k];
	}
	range[0] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = ids[0] };
	range[1] = (struct vt_sqlval){ .type = VT_SQL_TEXT,
				       .s = ids[VT_FORM_CONTEXT - 1] };
	result = s->ops->exec(s->conn, STMT_VALUE_RANGE, range, 2,
			      context_row, &ctx);
	vt_period_format(&per, id);
	vt_clock_now(now);
	f.agency = agency;
	f.agency_name = ag->name;
	f.period = id;
	f.label = label[0] ? label : id;
	f.due = due;
	f.generated = now;
	if (!result)
		result = form_rows(&meta, &per, &ctx, &f);
	if (!result)
		result = form_priorities(&meta, &per, &f);
	if (!result)
		result = ends_with(path, ".csv") ? vt_return_form_csv(&f, path)
						 : vt_return_form_xlsx(&f, path);
out:
	free(f.rows);
	free(f.priorities);
	free(ctx.items);
	vt_def_release(&meta);
	return result;
}
