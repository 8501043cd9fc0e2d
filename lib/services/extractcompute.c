/* Derived measures from the current extract snapshots: computed child by child, written as versions marked derived, explained. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "vitals/derive.h"
#include "vitals/extractcompute.h"
#include "vitals/extractstore.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "store/store.h"

#define MAX_SNAPS 64
#define HASH12 12

/* A current snapshot. */
struct snap {
	int64_t id;
	char format[16];
	char as_at[11], from[11];
	char sha[HASH12 + 1];
	int64_t kinds[VT_CASE__MAX];
	bool read;	/* its records went into the figures */
};

struct snaps {
	struct snap s[MAX_SNAPS];
	size_t n;
	char earliest[11], latest[11];	/* from, as at */
};

static enum vt_err one_snap(void *arg, const struct vt_extract_info *e)
{
	struct snaps *ss = arg;
	struct snap *s;

	if (e->superseded_by)
		return VT_OK;
	if (ss->n == MAX_SNAPS)
		return VT_ETOOBIG;
	s = &ss->s[ss->n++];
	memset(s, 0, sizeof(*s));
	s->id = e->id;
	snprintf(s->format, sizeof(s->format), "%s", e->format);
	snprintf(s->as_at, sizeof(s->as_at), "%s", e->as_at ? e->as_at : "");
	snprintf(s->from, sizeof(s->from), "%s", e->from ? e->from : "");
	snprintf(s->sha, sizeof(s->sha), "%s", e->sha256 ? e->sha256 : "");
	memcpy(s->kinds, e->kinds, sizeof(s->kinds));
	if (s->from[0] && (!ss->earliest[0] || strcmp(s->from,
						      ss->earliest) < 0))
		memcpy(ss->earliest, s->from, sizeof(s->from));
	if (s->as_at[0] && strcmp(s->as_at, ss->latest) > 0)
		memcpy(ss->latest, s->as_at, sizeof(s->as_at));
	return VT_OK;
}

static const struct snap *snap_of(const struct snaps *ss, int64_t id)
{
	size_t i;

	for (i = 0; i < ss->n; i++)
		if (ss->s[i].id == id)
			return &ss->s[i];
	return NULL;
}

/* The period's first and last days, as ISO dates. */
static enum vt_err days_of(const struct vt_period *p, int fy, char first[11],
			   char last[11])
{
	struct vt_date a, b;

	if (vt_period_first_day(p, fy, &a) || vt_period_last_day(p, fy, &b))
		return VT_EINVAL;
	vt_date_format(&a, first);
	vt_date_format(&b, last);
	return VT_OK;
}

static bool covered(const struct snaps *ss, const struct vt_period *p, int fy)
{
	char first[11], last[11];

	return ss->n && !days_of(p, fy, first, last) &&
	       strcmp(first, ss->earliest) >= 0 &&
	       strcmp(last, ss->latest) <= 0;
}

/* The periods of 'kind' the snapshots cover, oldest first. */
static enum vt_err covered_periods(const struct snaps *ss, int kind, int fy,
				   char (**out)[VT_PERIOD_ID_MAX], size_t *n)
{
	char (*ids)[VT_PERIOD_ID_MAX] = NULL, first[11], last[11];
	struct vt_period p;
	struct vt_date day;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!ss->n)
		return VT_OK;
	memset(&p, 0, sizeof(p));
	if (vt_parse_date(ss->earliest, &day))
		return VT_EINVAL;
	p.kind = kind;
	p.year = day.year - 1;
	p.index = kind == VT_PERIOD_YEAR ? 0 : 1;
	for (;;) {
		if (days_of(&p, fy, first, last)) {
			free(ids);
			return VT_EINVAL;
		}
		if (strcmp(first, ss->latest) > 0)
			break;
		if (strcmp(first, ss->earliest) >= 0 &&
		    strcmp(last, ss->latest) <= 0) {
			if (*n == cap) {
				void *w = realloc(ids, (cap = cap * 2 + 8) *
							       sizeof(*ids));

				if (!w) {
					free(ids);
					return VT_ENOMEM;
				}
				ids = w;
			}
			vt_period_format(&p, ids[(*n)++]);
		}
		p = vt_period_next(&p);
	}
	*out = ids;
	return VT_OK;
}

static int period_kind_of(int frequency)
{
	return frequency == VT_FREQUENCY_ANNUAL	 ? VT_PERIOD_YEAR
	       : frequency == VT_FREQUENCY_MONTHLY ? VT_PERIOD_MONTH
						   : VT_PERIOD_QUARTER;
}

/* One child's records of one kind, with their snapshots, for the
   engines of every measure counting that kind. */
struct feed {
	struct vt_derive **ds;
	size_t nds;
	const struct snaps *ss;
	struct vt_case_record *recs;
	int64_t *from;
	size_t n, cap;
	bool read[MAX_SNAPS];
	int64_t counted[MAX_SNAPS];	/* records kept, by snapshot */
};

/* Is snapshot 'a' more up to date than 'b'? */
static bool newer(const struct snaps *ss, int64_t a, int64_t b)
{
	const struct snap *x = snap_of(ss, a), *y = snap_of(ss, b);
	int c = x && y ? strcmp(x->as_at, y->as_at) : 0;

	return c ? c > 0 : a > b;
}

/*
 * Give the child to the engine: of the records with the same start date
 * from different snapshots (one case in two extracts), only those of the
 * most up-to-date snapshot are kept.
 */
static enum vt_err flush(struct feed *f)
{
	size_t i = 0, j, k, kept = 0;
	enum vt_err result;

	while (i < f->n) {
		int64_t best = f->from[i];

		for (j = i + 1; j < f->n &&
				!strcmp(f->recs[j].start, f->recs[i].start);
		     j++)
			if (newer(f->ss, f->from[j], best))
				best = f->from[j];
		for (k = i; k < j; k++) {
			if (f->from[k] != best)
				continue;
			f->recs[kept] = f->recs[k];
			f->from[kept++] = best;
		}
		i = j;
	}
	for (i = 0; i < kept; i++)
		for (j = 0; j < f->ss->n; j++)
			if (f->ss->s[j].id == f->from[i]) {
				f->read[j] = true;
				f->counted[j]++;
			}
	result = VT_OK;
	for (i = 0; kept && i < f->nds && !result; i++)
		result = vt_derive_child(f->ds[i], f->recs, kept);
	f->n = 0;
	return result;
}

static enum vt_err on_record(void *arg, const struct vt_case_record *r,
			     int64_t extract_id)
{
	struct feed *f = arg;
	enum vt_err result;

	if (f->n && strcmp(f->recs[0].child, r->child)) {
		result = flush(f);
		if (result)
			return result;
	}
	if (f->n == f->cap) {
		size_t cap = f->cap * 2 + 16;
		void *a = realloc(f->recs, cap * sizeof(*f->recs));

		if (!a)
			return VT_ENOMEM;
		f->recs = a;
		a = realloc(f->from, cap * sizeof(*f->from));
		if (!a)
			return VT_ENOMEM;
		f->from = a;
		f->cap = cap;
	}
	f->recs[f->n] = *r;
	f->recs[f->n].source_name = NULL;
	f->from[f->n++] = extract_id;
	return VT_OK;
}

/* The engine of 'm' for 'periods', begun, and the kinds of records it
   counts (two for a percentage of another kind). */
static enum vt_err begin_one(const struct vt_measure *m,
			     char (*periods)[VT_PERIOD_ID_MAX], size_t n,
			     int fy, struct vt_derive **d,
			     enum vt_case_kind kinds[2], size_t *nkinds)
{
	const char **ids = calloc(n ? n : 1, sizeof(*ids));
	struct vt_derive_spec spec;
	char why[256], where[64];
	enum vt_err result;
	size_t i;

	if (!ids)
		return VT_ENOMEM;
	for (i = 0; i < n; i++)
		ids[i] = periods[i];
	result = vt_derive_parse(m->derive, m->unit, &spec, why, sizeof(why),
				 where, sizeof(where));
	if (!result)
		result = vt_derive_begin(m, ids, n, fy, NULL, NULL, d);
	free(ids);
	if (result)
		return result;
	kinds[0] = spec.set.records;
	*nkinds = 1;
	if (spec.aggregate == VT_DERIVE_PERCENT_OF &&
	    spec.of.records != spec.set.records)
		kinds[(*nkinds)++] = spec.of.records;
	return VT_OK;
}

/* One pass over the records of 'kind' for the engines 'ds'. */
static enum vt_err feed_kind(struct vt_store *st, struct feed *f,
			     enum vt_case_kind kind, struct vt_derive **ds,
			     size_t nds)
{
	enum vt_err result;

	f->ds = ds;
	f->nds = nds;
	f->n = 0;
	result = vt_extract_records_each_from(st, kind, on_record, f);
	return result ? result : flush(f);
}

/* Compute 'm' for 'periods' from the current snapshots into 'res'. */
static enum vt_err compute_one(struct vt_store *st, const struct snaps *ss,
			       const struct vt_measure *m,
			       char (*periods)[VT_PERIOD_ID_MAX], size_t n,
			       int fy, struct feed *f,
			       struct vt_derive_result *res)
{
	struct vt_derive *d = NULL;
	enum vt_case_kind kinds[2];
	size_t i, nkinds;
	enum vt_err result = begin_one(m, periods, n, fy, &d, kinds, &nkinds);

	if (result)
		return result;
	f->ss = ss;
	memset(f->read, 0, sizeof(f->read));
	memset(f->counted, 0, sizeof(f->counted));
	for (i = 0; i < nkinds && !result; i++)
		result = feed_kind(st, f, kinds[i], &d, 1);
	if (result) {
		vt_derive_free(d);
		return result;
	}
	return vt_derive_end(d, res);
}

static enum vt_err marker(const struct snaps *ss, const bool *read,
			  const char *derive, char **out)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	struct vt_buf b;
	size_t i, nread = 0;
	enum vt_err result = VT_OK;

	vt_buf_init(&b, 4096);
	for (i = 0; i < ss->n && !result; i++) {
		if (!read[i])
			continue;
		result = vt_buf_addf(&b, "%s%" PRId64 " sha256:%s",
				     nread++ ? ", " : "extract ",
				     ss->s[i].id, ss->s[i].sha);
	}
	if (!result && !nread)
		result = vt_buf_adds(&b, "no extract records");
	crypto_hash_sha256(digest, (const unsigned char *)derive,
			   strlen(derive));
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	hex[HASH12] = '\0';
	if (!result)
		result = vt_buf_addf(&b, "; derive sha256:%s", hex);
	if (!result)
		result = vt_buf_addc(&b, '\0');
	if (result) {
		vt_buf_release(&b);
		return result;
	}
	*out = strdup(b.ptr);
	vt_buf_release(&b);
	return *out ? VT_OK : VT_ENOMEM;
}

/* The latest stored version of a figure, or NULL. */
static const struct vt_value *stored(const struct vt_def *base,
				     const char *measure, const char *period,
				     const char *breakdown)
{
	const struct vt_value *best = NULL;
	size_t i;

	for (i = 0; i < vt_def_count(base, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(base, VT_KIND_VALUE, i);

		if (strcmp(v->measure, measure) || strcmp(v->period, period) ||
		    (v->breakdown ? !breakdown || strcmp(v->breakdown,
							 breakdown)
				  : breakdown != NULL))
			continue;
		if (!best || v->version > best->version)
			best = v;
	}
	return best;
}

static bool same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* Add the figure to 'change' unless stored with the same numbers. */
static enum vt_err add_figure(const struct vt_def *base, struct vt_def *change,
			      const struct vt_measure *m,
			      const struct vt_derive_figure *fig,
			      const char *mark,
			      const struct vt_extract_compute_opt *opt,
			      struct vt_extract_compute_result *out)
{
	bool parts = m->unit == VT_UNIT_PERCENT;
	double num = parts ? fig->numerator : NAN;
	double den = parts ? fig->denominator : NAN;
	const struct vt_value *old = stored(base, m->code, fig->period,
					    fig->breakdown);
	struct vt_value *v;
	enum vt_err result;

	if (isnan(fig->value))
		return VT_OK;
	if (old && !old->suppressed && same_number(old->value, fig->value) &&
	    same_number(old->numerator, num) &&
	    same_number(old->denominator, den)) {
		out->unchanged++;
		return VT_OK;
	}
	result = vt_def_append(change, VT_KIND_VALUE, (void **)&v);
	if (result)
		return result;
	v->measure = strdup(m->code);
	v->period = strdup(fig->period);
	v->breakdown = fig->breakdown ? strdup(fig->breakdown) : NULL;
	v->version = 0;
	v->value = fig->value;
	v->numerator = num;
	v->denominator = den;
	v->status = VT_STATUS_APPROVED;
	v->by = strdup(opt->by);
	v->derived = strdup(mark);
	v->illustrative = opt->illustrative;
	out->written++;
	if (!v->measure || !v->period || (fig->breakdown && !v->breakdown) ||
	    !v->by || !v->derived)
		return VT_ENOMEM;
	return VT_OK;
}

static void not_covered(struct vt_diagq *dq, const struct snaps *ss,
			const char *id, int fy)
{
	char label[VT_PERIOD_LABEL_MAX], words[VT_DATE_WORDS_MAX];

	if (!ss->n) {
		vt_diag_add(dq, VT_SEV_ERROR, "period", 0, 0,
			    "no extract covers %s: none is loaded",
			    vt_period_label_of(id, fy, label));
		return;
	}
	vt_date_words(ss->latest, words);
	vt_diag_add(dq, VT_SEV_ERROR, "period", 0, 0,
		    "no extract covers %s: the latest is as at %s",
		    vt_period_label_of(id, fy, label), words);
}

/* The period asked for as an id, or a problem. */
static enum vt_err read_period(const char *text, int fy, const struct snaps *ss,
			       char id[VT_PERIOD_ID_MAX], struct vt_diagq *dq)
{
	struct vt_period p;

	if (vt_period_read_id(text, fy, id) || vt_period_parse(id, &p)) {
		vt_diag_add(dq, VT_SEV_ERROR, "period", 0, 0,
			    "'%s' is not a period (2025-26 Q3, 2025Q4, "
			    "2025-26)", text);
		return VT_EINVAL;
	}
	if (!covered(ss, &p, fy)) {
		not_covered(dq, ss, id, fy);
		return VT_EINVAL;
	}
	return VT_OK;
}

static enum vt_err log_compute(struct vt_store *st, const char *by,
			       const struct snaps *ss,
			       const struct vt_extract_compute_result *out)
{
	json_t *j = json_pack("{s:I, s:I, s:I, s:I}", "measures",
			      (json_int_t)out->measures, "periods",
			      (json_int_t)out->periods, "written",
			      (json_int_t)out->written, "unchanged",
			      (json_int_t)out->unchanged);
	json_t *ex = json_array();
	char *after = NULL;
	enum vt_err result = VT_ENOMEM;
	size_t i;

	for (i = 0; j && ex && i < ss->n; i++)
		if (json_array_append_new(ex, json_integer(ss->s[i].id)))
			goto out;
	if (!j || !ex || json_object_set(j, "extracts", ex))
		goto out;
	after = json_dumps(j, JSON_COMPACT);
	if (after)
		result = vt_log_append(st, by, "compute", "extracts", NULL,
				       after);
out:
	free(after);
	json_decref(ex);
	json_decref(j);
	return result;
}

static int partnership_fy(const struct vt_def *def)
{
	const struct vt_partnership *p = vt_def_count(def, VT_KIND_PARTNERSHIP)
						 ? vt_def_at(def,
							     VT_KIND_PARTNERSHIP,
							     0)
						 : NULL;

	return p && vt_fy_start_month_valid((int)p->fy_start_month)
		       ? (int)p->fy_start_month
		       : 4;
}

/* A derived measure being computed: its periods, its engine, the kinds
   of records it counts. */
struct job {
	const struct vt_measure *m;
	size_t nperiods;
	struct vt_derive *d;
	enum vt_case_kind kinds[2];
	size_t nkinds;
};

/* The periods of 'm' to compute: the one asked, or all covered. */
static enum vt_err periods_of(const struct snaps *ss,
			      const struct vt_measure *m, const char *only,
			      int fy, char (**periods)[VT_PERIOD_ID_MAX],
			      size_t *n)
{
	struct vt_period want;

	*periods = NULL;
	*n = 0;
	if (!only)
		return covered_periods(ss, period_kind_of(m->frequency), fy,
				       periods, n);
	if (vt_period_parse(only, &want) ||
	    (int)want.kind != period_kind_of(m->frequency))
		return VT_OK;
	*periods = malloc(sizeof(**periods));
	if (!*periods)
		return VT_ENOMEM;
	snprintf((*periods)[0], VT_PERIOD_ID_MAX, "%s", only);
	*n = 1;
	return VT_OK;
}

/*
 * The figures of each derived measure into 'change'.  Each kind of
 * record is read once for every measure counting it: ten measures of CP
 * plans are one pass over the CP plans, not ten.
 */
static enum vt_err compute_all(struct vt_store *st, const struct vt_def *base,
			       const struct snaps *ss,
			       const struct vt_extract_compute_opt *opt,
			       struct vt_def *change,
			       struct vt_extract_compute_result *out)
{
	size_t nm = vt_def_count(base, VT_KIND_MEASURE), njobs = 0, i, j, k;
	struct job *jobs = calloc(nm ? nm : 1, sizeof(*jobs));
	struct vt_derive **ds = calloc(nm ? nm : 1, sizeof(*ds));
	bool (*read)[MAX_SNAPS] = calloc(VT_CASE__MAX, sizeof(*read));
	bool mine[MAX_SNAPS];
	struct feed f;
	int fy = partnership_fy(base);
	enum vt_err result = jobs && ds && read ? VT_OK : VT_ENOMEM;

	memset(&f, 0, sizeof(f));
	f.ss = ss;
	for (i = 0; i < nm && !result; i++) {
		const struct vt_measure *m = vt_def_at(base, VT_KIND_MEASURE, i);
		char (*periods)[VT_PERIOD_ID_MAX] = NULL;
		struct job *jb = &jobs[njobs];

		if (!m->derive)
			continue;
		result = periods_of(ss, m, opt->period, fy, &periods,
				    &jb->nperiods);
		if (!result && jb->nperiods) {
			jb->m = m;
			result = begin_one(m, periods, jb->nperiods, fy,
					   &jb->d, jb->kinds, &jb->nkinds);
			if (!result)
				njobs++;
		}
		free(periods);
	}
	for (k = 0; k < VT_CASE__MAX && !result; k++) {
		size_t nds = 0;

		for (i = 0; i < njobs; i++)
			for (j = 0; j < jobs[i].nkinds; j++)
				if (jobs[i].kinds[j] == (enum vt_case_kind)k)
					ds[nds++] = jobs[i].d;
		if (!nds)
			continue;
		memset(f.read, 0, sizeof(f.read));
		result = feed_kind(st, &f, (enum vt_case_kind)k, ds, nds);
		memcpy(read[k], f.read, sizeof(read[k]));
	}
	for (i = 0; i < njobs; i++) {
		struct vt_derive_result res;
		char *mark = NULL;

		if (result) {
			vt_derive_free(jobs[i].d);
			continue;
		}
		result = vt_derive_end(jobs[i].d, &res);
		if (result)
			continue;
		out->measures++;
		out->periods += jobs[i].nperiods;
		memset(mine, 0, sizeof(mine));
		for (j = 0; j < jobs[i].nkinds; j++)
			for (k = 0; k < MAX_SNAPS; k++)
				mine[k] = mine[k] || read[jobs[i].kinds[j]][k];
		result = marker(ss, mine, jobs[i].m->derive, &mark);
		for (k = 0; !result && k < res.nfigures; k++)
			result = add_figure(base, change, jobs[i].m,
					    &res.figures[k], mark, opt, out);
		free(mark);
		vt_derive_result_release(&res);
	}
	free(jobs);
	free(ds);
	free(read);
	free(f.recs);
	free(f.from);
	return result;
}

enum vt_err vt_extract_compute(struct vt_store *st,
			       const struct vt_extract_compute_opt *opt,
			       struct vt_extract_compute_result *out,
			       struct vt_diagq *dq)
{
	struct vt_def base, change;
	struct vt_load_summary sum;
	struct vt_check ck;
	struct snaps *ss = calloc(1, sizeof(*ss));
	char id[VT_PERIOD_ID_MAX];
	enum vt_err result;

	memset(out, 0, sizeof(*out));
	if (!ss)
		return VT_ENOMEM;
	vt_def_init(&base);
	vt_def_init(&change);
	result = st->ops->begin(st->conn);
	if (result) {
		free(ss);
		return result;
	}
	result = vt_store_read_def(st, &base);
	if (!result)
		result = vt_extract_each(st, one_snap, ss);
	if (!result && opt->period)
		result = read_period(opt->period, partnership_fy(&base), ss,
				     id, dq);
	if (!result) {
		/* The period as read: "2026-27 Q2" asked is 2026Q3. */
		struct vt_extract_compute_opt read = *opt;

		read.period = opt->period ? id : NULL;
		result = compute_all(st, &base, ss, &read, &change, out);
	}
	if (!result) {
		ck = (struct vt_check){ &base, dq, vt_store_place_path, NULL };
		memset(&sum, 0, sizeof(sum));
		result = vt_store_apply_def(st, &change, &base, &ck, opt->by,
					    &sum);
	}
	if (!result)
		result = log_compute(st, opt->by, ss, out);
	if (!result && !opt->dry_run)
		result = st->ops->commit(st->conn);
	if (result || opt->dry_run)
		st->ops->rollback(st->conn);
	vt_def_release(&change);
	vt_def_release(&base);
	free(ss);
	return result;
}

/* "Read from extract 3 (CIN census, as at 31 March 2026, 412 records of
   cp-plan)" for each snapshot read. */
static enum vt_err explain_reads(const struct snaps *ss, const struct feed *f,
				 const struct vt_measure *m, struct vt_buf *out)
{
	struct vt_derive_spec spec;
	char why[256], where[64], words[VT_DATE_WORDS_MAX];
	enum vt_err result = VT_OK;
	size_t i;

	if (vt_derive_parse(m->derive, m->unit, &spec, why, sizeof(why),
			    where, sizeof(where)))
		return VT_EINVAL;
	for (i = 0; i < ss->n && !result; i++) {
		if (!f->read[i])
			continue;
		vt_date_words(ss->s[i].as_at, words);
		result = vt_buf_addf(out, "Read from extract %" PRId64
				     " (%s, as at %s, %" PRId64 " record%s "
				     "of %s)\n", ss->s[i].id,
				     vt_extract_format_words(ss->s[i].format),
				     words,
				     f->counted[i], f->counted[i] == 1 ? ""
								      : "s",
				     vt_case_kind_names[spec.set.records]);
	}
	return result;
}

enum vt_err vt_extract_explain(struct vt_store *st, const char *measure,
			       const char *period, struct vt_buf *out,
			       struct vt_diagq *dq)
{
	struct vt_derive_result res;
	struct vt_def base;
	struct snaps *ss = calloc(1, sizeof(*ss));
	const struct vt_measure *m;
	char id[VT_PERIOD_ID_MAX];
	struct feed f;
	struct vt_period p;
	int fy;
	enum vt_err result;

	if (!ss)
		return VT_ENOMEM;
	memset(&f, 0, sizeof(f));
	vt_def_init(&base);
	result = st->ops->begin(st->conn);
	if (result) {
		free(ss);
		return result;
	}
	result = vt_store_read_meta(st, &base);
	if (!result)
		result = vt_extract_each(st, one_snap, ss);
	if (result)
		goto out;
	fy = partnership_fy(&base);
	m = vt_def_find(&base, VT_KIND_MEASURE, measure);
	if (!m || !m->derive) {
		vt_diag_add(dq, VT_SEV_ERROR, "measure", 0, 0,
			    m ? "'%s' is not derived: it has no derive"
			      : "there is no measure '%s'", measure);
		result = VT_EINVAL;
		goto out;
	}
	result = read_period(period, fy, ss, id, dq);
	if (!result && (vt_period_parse(id, &p) ||
			(int)p.kind != period_kind_of(m->frequency))) {
		vt_diag_add(dq, VT_SEV_ERROR, "period", 0, 0,
			    "'%s' is %s: %s is not one of its periods",
			    measure, vt_frequency_names[m->frequency], period);
		result = VT_EINVAL;
	}
	if (result)
		goto out;
	{
		char(*one)[VT_PERIOD_ID_MAX] = &id;

		result = compute_one(st, ss, m, one, 1, fy, &f, &res);
	}
	if (!result) {
		result = explain_reads(ss, &f, m, out);
		if (!result)
			result = vt_derive_explain(m, &res, id, out);
		vt_derive_result_release(&res);
	}
out:
	st->ops->rollback(st->conn);
	free(f.recs);
	free(f.from);
	vt_def_release(&base);
	free(ss);
	return result;
}
