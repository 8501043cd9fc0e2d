/* Derived measures: the definition's "derive" read, counted over each child's case records, and told in words. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io/codelists.h"
#include "vitals/derive.h"
#include "vitals/strparse.h"

static const char *const filter_names[VT_DERIVE_FILTER__MAX] = {
	"category", "open_at", "started_in", "duration_over", "age_at",
	"sequence", "previous_within",
};

static const char *const aggregate_names[VT_DERIVE_AGGREGATE__MAX] = {
	"count", "percent_of", "median_days", "rate_per_10k",
};

/* The unit each aggregate gives. */
static const int aggregate_units[VT_DERIVE_AGGREGATE__MAX] = {
	VT_UNIT_COUNT, VT_UNIT_PERCENT, VT_UNIT_DAYS, VT_UNIT_RATE10K,
};

static const char *const breakdown_names[VT_DERIVE_BY__MAX] = {
	"", "age_band", "category",
};

/* The code lists of the kinds' categories (extract.h), NULL-ended. */
static const char *const age_bands[] = { "under-11", "11-and-over", NULL };

static const char *const *codes_of(enum vt_case_kind kind)
{
	switch (kind) {
	case VT_CASE_CP_PLAN:
		return vt_codes_abuse;
	case VT_CASE_CIN_PLAN:
	case VT_CASE_REFERRAL:
		return vt_codes_need;
	case VT_CASE_CLA_EPISODE:
		return vt_codes_legal;
	default:
		return NULL;
	}
}

/* The words for a code, in a sentence. */
static const char *code_words(const char *code)
{
	static const struct {
		const char *code, *words;
	} words[] = {
		{ "NEG", "neglect" }, { "EMO", "emotional abuse" },
		{ "PHY", "physical abuse" }, { "SAB", "sexual abuse" },
		{ "MUL", "multiple categories" },
		{ "N0", "not stated (N0)" }, { "N1", "abuse or neglect (N1)" },
		{ "N2", "the child's disability or illness (N2)" },
		{ "N3", "parental disability or illness (N3)" },
		{ "N4", "family in acute stress (N4)" },
		{ "N5", "family dysfunction (N5)" },
		{ "N6", "socially unacceptable behaviour (N6)" },
		{ "N7", "low income (N7)" }, { "N8", "absent parenting (N8)" },
		{ "N9", "cases other than children in need (N9)" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].code, code))
			return words[i].words;
	return code;
}

static int index_of(const char *const *names, size_t n, const char *s)
{
	size_t i;

	/* A code list ends with NULL: 'n' may be SIZE_MAX. */
	for (i = 0; i < n && names[i]; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

/* ---- reading the definition ---------------------------------------- */

struct parse {
	char *why;
	size_t whylen;
	char *where;
	size_t wherelen;
};

static enum vt_err refuse(struct parse *p, const char *where,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum vt_err refuse(struct parse *p, const char *where,
			  const char *fmt, ...)
{
	va_list ap;

	snprintf(p->where, p->wherelen, "%s", where);
	va_start(ap, fmt);
	vsnprintf(p->why, p->whylen, fmt, ap);
	va_end(ap);
	return VT_EINVAL;
}

static enum vt_err parse_span(struct parse *p, json_t *j, const char *at,
			      int *days, int *months)
{
	json_t *d = json_is_object(j) ? json_object_get(j, "days") : NULL;
	json_t *m = json_is_object(j) ? json_object_get(j, "months") : NULL;
	json_t *v = d ? d : m;

	if (!v || json_object_size(j) != 1 || !json_is_integer(v) ||
	    json_integer_value(v) < 1 || json_integer_value(v) > 1200)
		return refuse(p, at, "%s: must be {\"days\": N} or "
			      "{\"months\": N} with N a whole number 1-1200",
			      at);
	*days = d ? (int)json_integer_value(v) : 0;
	*months = m ? (int)json_integer_value(v) : 0;
	return VT_OK;
}

static enum vt_err parse_filter(struct parse *p, json_t *j,
				enum vt_case_kind kind, const char *at,
				struct vt_derive_filter *f)
{
	const char *const *codes = codes_of(kind);
	const char *name;
	char sub[128];
	json_t *v;
	size_t i;
	int k;

	if (!json_is_object(j) || json_object_size(j) < 1)
		return refuse(p, at, "%s: a filter is an object with one "
			      "member", at);
	k = -1;
	json_object_foreach(j, name, v) {
		k = index_of(filter_names, VT_DERIVE_FILTER__MAX, name);
		/* "age_at" comes with "under" or "at_least". */
		if (k < 0 && strcmp(name, "under") && strcmp(name, "at_least"))
			return refuse(p, at, "%s: unknown filter '%s' "
				      "(expected category, open_at, "
				      "started_in, duration_over, age_at, "
				      "sequence or previous_within)", at,
				      name);
		if (k >= 0)
			break;
	}
	if (k < 0 || (k != VT_DERIVE_AGE_AT && json_object_size(j) != 1))
		return refuse(p, at, "%s: a filter is an object with one "
			      "member", at);
	memset(f, 0, sizeof(*f));
	f->kind = (enum vt_derive_filter_kind)k;
	snprintf(sub, sizeof(sub), "%s.%s", at, name);
	switch (f->kind) {
	case VT_DERIVE_CATEGORY:
		if (!codes)
			return refuse(p, sub, "%s: %s records have no "
				      "category", sub,
				      vt_case_kind_names[kind]);
		if (!json_is_array(v) || !json_array_size(v) ||
		    json_array_size(v) > VT_DERIVE_CODES_MAX)
			return refuse(p, sub, "%s: must be a list of 1-%d "
				      "codes", sub, VT_DERIVE_CODES_MAX);
		for (i = 0; i < json_array_size(v); i++) {
			json_t *c = json_array_get(v, i);
			const char *s = json_string_value(c);
			char item[160];

			snprintf(item, sizeof(item), "%s[%zu]", sub, i);
			if (!s || index_of(codes, SIZE_MAX, s) < 0) {
				char list[128] = "";
				size_t n;

				for (n = 0; codes[n]; n++)
					snprintf(list + strlen(list),
						 sizeof(list) - strlen(list),
						 "%s%s", n ? " " : "",
						 codes[n]);
				return refuse(p, item, "%s: '%s' is not a "
					      "category of %s records (%s)",
					      item, s ? s : "?",
					      vt_case_kind_names[kind], list);
			}
			snprintf(f->codes[i], sizeof(f->codes[i]), "%s", s);
		}
		f->ncodes = json_array_size(v);
		return VT_OK;
	case VT_DERIVE_OPEN_AT:
		if (!json_is_string(v) ||
		    strcmp(json_string_value(v), "period_end"))
			return refuse(p, sub, "%s: must be \"period_end\"",
				      sub);
		return VT_OK;
	case VT_DERIVE_STARTED_IN:
		if (!json_is_string(v) ||
		    strcmp(json_string_value(v), "period"))
			return refuse(p, sub, "%s: must be \"period\"", sub);
		return VT_OK;
	case VT_DERIVE_DURATION_OVER:
	case VT_DERIVE_PREVIOUS_WITHIN:
		return parse_span(p, v, sub, &f->days, &f->months);
	case VT_DERIVE_AGE_AT: {
		json_t *u = json_object_get(j, "under");
		json_t *a = json_object_get(j, "at_least");
		json_t *age = u ? u : a;

		if (!json_is_string(v) ||
		    strcmp(json_string_value(v), "period_end"))
			return refuse(p, sub, "%s: must be \"period_end\"",
				      sub);
		if (json_object_size(j) != 2 || !age ||
		    !json_is_integer(age) || json_integer_value(age) < 1 ||
		    json_integer_value(age) > 25)
			return refuse(p, at, "%s: age_at comes with \"under\" "
				      "or \"at_least\", an age 1-25", at);
		f->age = (int)json_integer_value(age);
		f->under = u != NULL;
		return VT_OK;
	}
	case VT_DERIVE_SEQUENCE:
		if (!json_is_string(v) ||
		    (strcmp(json_string_value(v), "first") &&
		     strcmp(json_string_value(v), "subsequent")))
			return refuse(p, sub, "%s: must be \"first\" or "
				      "\"subsequent\"", sub);
		f->subsequent = !strcmp(json_string_value(v), "subsequent");
		return VT_OK;
	default:
		return VT_EINVAL;
	}
}

static enum vt_err parse_set(struct parse *p, json_t *j, const char *at,
			     bool top, int default_kind,
			     struct vt_derive_set *set)
{
	json_t *records = json_object_get(j, "records");
	json_t *filters = json_object_get(j, "filters");
	char sub[128];
	const char *name;
	json_t *v;
	size_t i;
	int k;

	json_object_foreach(j, name, v)
		if (strcmp(name, "records") && strcmp(name, "filters") &&
		    (!top || (strcmp(name, "aggregate") &&
			      strcmp(name, "breakdowns")))) {
			snprintf(sub, sizeof(sub), "%s.%s", at, name);
			return refuse(p, sub, "%s: unknown member '%s'", at,
				      name);
		}
	snprintf(sub, sizeof(sub), "%s.records", at);
	if (!records && default_kind >= 0) {
		k = default_kind;
	} else {
		k = json_is_string(records) ?
		    index_of(vt_case_kind_names, VT_CASE__MAX,
			     json_string_value(records)) : -1;
		if (k < 0)
			return refuse(p, sub, "%s: '%s' is not a kind of "
				      "records (expected referral, "
				      "assessment, cin-plan, cp-plan or "
				      "cla-episode)", sub,
				      json_is_string(records) ?
				      json_string_value(records) : "");
	}
	memset(set, 0, sizeof(*set));
	set->records = (enum vt_case_kind)k;
	if (!filters)
		return VT_OK;
	snprintf(sub, sizeof(sub), "%s.filters", at);
	if (!json_is_array(filters) ||
	    json_array_size(filters) > VT_DERIVE_FILTERS_MAX)
		return refuse(p, sub, "%s: must be a list of up to %d "
			      "filters", sub, VT_DERIVE_FILTERS_MAX);
	for (i = 0; i < json_array_size(filters); i++) {
		char item[160];
		enum vt_err result;

		snprintf(item, sizeof(item), "%s[%zu]", sub, i);
		result = parse_filter(p, json_array_get(filters, i),
				      set->records, item, &set->filters[i]);
		if (result)
			return result;
	}
	set->nfilters = json_array_size(filters);
	return VT_OK;
}

/* Whether 'set' keeps only the records of the period: started in it or
   open at its end. */
static bool has_span(const struct vt_derive_set *set)
{
	size_t i;

	for (i = 0; i < set->nfilters; i++)
		if (set->filters[i].kind == VT_DERIVE_STARTED_IN ||
		    set->filters[i].kind == VT_DERIVE_OPEN_AT)
			return true;
	return false;
}

enum vt_err vt_derive_parse(const char *json, int unit,
			    struct vt_derive_spec *out, char *why,
			    size_t whylen, char *where, size_t wherelen)
{
	struct parse p = { why, whylen, where, wherelen };
	struct vt_derive_spec spec;
	json_t *root, *agg, *bds;
	enum vt_err result;
	int a = -1;

	memset(&spec, 0, sizeof(spec));
	root = json ? json_loads(json, 0, NULL) : NULL;
	if (!json_is_object(root)) {
		json_decref(root);
		return refuse(&p, "derive", "derive: must be an object");
	}
	result = parse_set(&p, root, "derive", true, -1, &spec.set);
	if (result)
		goto out;
	agg = json_object_get(root, "aggregate");
	if (json_is_string(agg))
		a = index_of(aggregate_names, VT_DERIVE_AGGREGATE__MAX,
			     json_string_value(agg));
	else if (json_is_object(agg) && json_object_size(agg) == 1 &&
		 json_object_get(agg, "percent_of"))
		a = VT_DERIVE_PERCENT_OF;
	if (a < 0 || (a == VT_DERIVE_PERCENT_OF && !json_is_object(agg))) {
		result = refuse(&p, "derive.aggregate", "derive.aggregate: "
				"must be \"count\", {\"percent_of\": {...}}, "
				"\"median_days\" or \"rate_per_10k\"");
		goto out;
	}
	spec.aggregate = (enum vt_derive_aggregate)a;
	if (a == VT_DERIVE_PERCENT_OF) {
		json_t *of = json_object_get(agg, "percent_of");

		if (!json_is_object(of)) {
			result = refuse(&p, "derive.aggregate.percent_of",
					"derive.aggregate.percent_of: must be "
					"an object with records and filters");
			goto out;
		}
		result = parse_set(&p, of, "derive.aggregate.percent_of",
				   false, (int)spec.set.records, &spec.of);
		if (result)
			goto out;
	}
	if (unit < 0 || unit >= VT_UNIT__MAX ||
	    aggregate_units[a] != unit) {
		result = refuse(&p, "derive.aggregate", "derive.aggregate: "
				"%s gives a %s measure, not %s",
				aggregate_names[a],
				vt_unit_names[aggregate_units[a]],
				unit >= 0 && unit < VT_UNIT__MAX ?
				vt_unit_names[unit] : "?");
		goto out;
	}
	if (a == VT_DERIVE_MEDIAN_DAYS && !has_span(&spec.set)) {
		result = refuse(&p, "derive.filters", "derive.filters: a "
				"median needs a \"started_in\" or \"open_at\" "
				"filter: without one, every record ever held "
				"would count, those not yet started as 0 days");
		goto out;
	}
	bds = json_object_get(root, "breakdowns");
	if (bds) {
		const char *s = json_string_value(json_array_get(bds, 0));
		int b = s ? index_of(breakdown_names, VT_DERIVE_BY__MAX, s) :
			    -1;

		if (!json_is_array(bds) || json_array_size(bds) != 1 || b < 1) {
			result = refuse(&p, "derive.breakdowns",
					"derive.breakdowns: must be "
					"[\"age_band\"] or [\"category\"]");
			goto out;
		}
		if (b == VT_DERIVE_BY_CATEGORY &&
		    !codes_of(spec.set.records)) {
			result = refuse(&p, "derive.breakdowns",
					"derive.breakdowns: %s records have "
					"no category",
					vt_case_kind_names[spec.set.records]);
			goto out;
		}
		spec.breakdown = (enum vt_derive_breakdown)b;
	}
	*out = spec;
out:
	json_decref(root);
	return result;
}

const char *const *vt_derive_breakdown_codes(const struct vt_derive_spec *spec)
{
	switch (spec->breakdown) {
	case VT_DERIVE_BY_AGE_BAND:
		return age_bands;
	case VT_DERIVE_BY_CATEGORY:
		return codes_of(spec->set.records);
	default:
		return NULL;
	}
}

/* ---- counting --------------------------------------------------------- */

/* A period's days, as days since 1970. */
struct span {
	long first, last;
	struct vt_date last_date;
};

/* The durations of one period and band, for a median: counts by day. */
struct hist {
	uint32_t *n;
	size_t len;
};

struct counter {
	const struct vt_derive_set *set;
	long *steps;		/* [period][1 + nfilters] */
	long *counts;		/* [period][1 + nbands] */
	struct hist *hists;	/* [period][1 + nbands], median_days */
};

struct vt_derive {
	struct vt_derive_spec spec;
	int fy_start;
	char (*periods)[VT_PERIOD_ID_MAX];
	struct span *spans;
	size_t nperiods, nbands;
	vt_derive_population population;
	void *population_arg;
	struct counter main, of;
	struct when *whens;	/* the child's records' days, read once */
	size_t nwhens;
};

static long day_of(const char *iso)
{
	struct vt_date d;

	if (!iso[0] || vt_parse_date(iso, &d))
		return LONG_MIN;
	return vt_date_to_days(&d);
}

/* 'd' moved back 'months' months, the day kept or the month's last. */
static long months_before(long day, int months)
{
	struct vt_date d;
	int m;

	vt_date_from_days(day, &d);
	m = d.year * 12 + (d.month - 1) - months;
	d.year = m / 12;
	d.month = m % 12 + 1;
	if (d.day > vt_days_in_month(d.year, d.month))
		d.day = vt_days_in_month(d.year, d.month);
	return vt_date_to_days(&d);
}

/*
 * A record's days, read once for all the periods and filters that ask
 * (parsing them for each took a seventh of computing): its start and end
 * (LONG_MIN when it has none), and the year and month of birth (month 0
 * when unknown).
 */
struct when {
	long start, end;
	int birth_year, birth_month;
};

static void when_of(const struct vt_case_record *r, struct when *w)
{
	const char *b = r->birth_month;

	w->start = day_of(r->start);
	w->end = day_of(r->end);
	w->birth_year = w->birth_month = 0;
	if (strlen(b) == 7 && sscanf(b, "%4d-%2d", &w->birth_year,
				     &w->birth_month) == 2 &&
	    (w->birth_month < 1 || w->birth_month > 12))
		w->birth_month = 0;
}

/* Whole years on 'on' of a child born on the first day of its month of
   birth; -1 when unknown. */
static int age_on(const struct when *w, const struct vt_date *on)
{
	int age;

	if (!w->birth_month)
		return -1;
	age = on->year - w->birth_year - (on->month < w->birth_month ? 1 : 0);
	return age < 0 ? -1 : age;
}

/* The end of a record's duration in a period: its end, or the period's
   last day when it had not ended by then. */
static long duration_end(const struct when *w, const struct span *s)
{
	return w->end != LONG_MIN && w->end <= s->last ? w->end : s->last;
}

/* Whether another record of the child, of the kind of record 'at',
   started before it, no earlier than 'since' (LONG_MIN: ever). */
static bool earlier_one(const struct vt_case_record *recs,
			const struct when *whens, size_t n, size_t at,
			long since)
{
	long start = whens[at].start;
	size_t i;

	for (i = 0; i < n; i++) {
		long s = whens[i].start;

		if (recs[i].kind != recs[at].kind || i == at)
			continue;
		if (s != LONG_MIN && s < start && s >= since)
			return true;
	}
	return false;
}

/* Whether record 'at' of the child passes filter 'f' in period 's'. */
static bool passes(const struct vt_derive_filter *f,
		   const struct vt_case_record *recs,
		   const struct when *whens, size_t n, size_t at,
		   const struct span *s)
{
	const struct vt_case_record *r = &recs[at];
	const struct when *w = &whens[at];
	long start = w->start, end = w->end;
	size_t i;
	int age;

	switch (f->kind) {
	case VT_DERIVE_CATEGORY:
		for (i = 0; i < f->ncodes; i++)
			if (!strcmp(f->codes[i], r->category))
				return true;
		return false;
	case VT_DERIVE_OPEN_AT:
		return start != LONG_MIN && start <= s->last &&
		       (end == LONG_MIN || end > s->last);
	case VT_DERIVE_STARTED_IN:
		return start != LONG_MIN && start >= s->first &&
		       start <= s->last;
	case VT_DERIVE_DURATION_OVER:
		if (start == LONG_MIN || start > s->last)
			return false;
		if (f->days)
			return duration_end(w, s) - start > f->days;
		return start < months_before(duration_end(w, s), f->months);
	case VT_DERIVE_AGE_AT:
		age = age_on(w, &s->last_date);
		if (age < 0)
			return false;
		return f->under ? age < f->age : age >= f->age;
	case VT_DERIVE_SEQUENCE:
		return earlier_one(recs, whens, n, at, LONG_MIN) ==
		       f->subsequent;
	case VT_DERIVE_PREVIOUS_WITHIN:
		if (start == LONG_MIN)
			return false;
		return earlier_one(recs, whens, n, at, f->days ?
				   start - f->days :
				   months_before(start, f->months));
	default:
		return false;
	}
}

/* The band of a record in a period: 1.. for a breakdown code, 0 when
   it has none. */
static size_t band_of(const struct vt_derive *d,
		      const struct vt_case_record *r, const struct when *w,
		      const struct span *s)
{
	const char *const *codes;
	int age, k;

	switch (d->spec.breakdown) {
	case VT_DERIVE_BY_AGE_BAND:
		age = age_on(w, &s->last_date);
		if (age < 0)
			return 0;
		return age < VT_DERIVE_AGE_BAND ? 1 : 2;
	case VT_DERIVE_BY_CATEGORY:
		codes = codes_of(d->spec.set.records);
		k = codes ? index_of(codes, SIZE_MAX, r->category) : -1;
		return k < 0 ? 0 : (size_t)k + 1;
	default:
		return 0;
	}
}

static enum vt_err hist_add(struct hist *h, long days)
{
	size_t at = days < 0 ? 0 : (size_t)days;

	if (at >= h->len) {
		size_t len = h->len ? h->len : 512;
		uint32_t *n;

		while (len <= at)
			len *= 2;
		n = realloc(h->n, len * sizeof(*n));
		if (!n)
			return VT_ENOMEM;
		memset(n + h->len, 0, (len - h->len) * sizeof(*n));
		h->n = n;
		h->len = len;
	}
	h->n[at]++;
	return VT_OK;
}

/* The median of 'count' durations kept in 'h'. */
static double hist_median(const struct hist *h, long count)
{
	long lo = (count - 1) / 2, hi = count / 2, seen = 0;
	double a = NAN;
	size_t i;

	if (count <= 0)
		return NAN;
	for (i = 0; i < h->len; i++) {
		if (!h->n[i])
			continue;
		if (isnan(a) && seen + (long)h->n[i] > lo)
			a = (double)i;
		if (seen + (long)h->n[i] > hi)
			return (a + (double)i) / 2;
		seen += h->n[i];
	}
	return NAN;
}

static enum vt_err count_child(struct vt_derive *d, struct counter *c,
			       const struct vt_case_record *recs,
			       const struct when *whens, size_t n)
{
	size_t nsteps = 1 + c->set->nfilters, per = 1 + d->nbands;
	size_t i, p, k;
	enum vt_err result = VT_OK;

	for (i = 0; i < n && !result; i++) {
		const struct vt_case_record *r = &recs[i];

		if (r->kind != c->set->records)
			continue;
		for (p = 0; p < d->nperiods && !result; p++) {
			const struct span *s = &d->spans[p];
			long *steps = c->steps + p * nsteps;
			size_t band;
			long days;

			steps[0]++;
			for (k = 0; k < c->set->nfilters; k++) {
				if (!passes(&c->set->filters[k], recs, whens,
					    n, i, s))
					break;
				steps[k + 1]++;
			}
			if (k < c->set->nfilters)
				continue;
			band = band_of(d, r, &whens[i], s);
			c->counts[p * per]++;
			if (band)
				c->counts[p * per + band]++;
			if (!c->hists)
				continue;
			days = duration_end(&whens[i], s) - whens[i].start;
			result = hist_add(&c->hists[p * per], days);
			if (!result && band)
				result = hist_add(&c->hists[p * per + band],
						  days);
		}
	}
	return result;
}

static void counter_release(struct counter *c, size_t ncells)
{
	size_t i;

	free(c->steps);
	free(c->counts);
	for (i = 0; c->hists && i < ncells; i++)
		free(c->hists[i].n);
	free(c->hists);
	memset(c, 0, sizeof(*c));
}

static enum vt_err counter_init(struct counter *c,
				const struct vt_derive_set *set,
				size_t nperiods, size_t ncells, bool hists)
{
	memset(c, 0, sizeof(*c));
	c->set = set;
	c->steps = calloc(nperiods * (1 + set->nfilters), sizeof(long));
	c->counts = calloc(ncells, sizeof(long));
	if (hists)
		c->hists = calloc(ncells, sizeof(struct hist));
	if (!c->steps || !c->counts || (hists && !c->hists))
		return VT_ENOMEM;
	return VT_OK;
}

void vt_derive_free(struct vt_derive *d)
{
	size_t ncells;

	if (!d)
		return;
	ncells = d->nperiods * (1 + d->nbands);
	counter_release(&d->main, ncells);
	counter_release(&d->of, ncells);
	free(d->periods);
	free(d->spans);
	free(d->whens);
	free(d);
}

enum vt_err vt_derive_begin(const struct vt_measure *m,
			    const char *const *periods, size_t nperiods,
			    int fy_start, vt_derive_population population,
			    void *population_arg, struct vt_derive **out)
{
	struct vt_derive *d;
	const char *const *codes;
	char why[256], where[128];
	size_t i, ncells;
	enum vt_err result;

	d = calloc(1, sizeof(*d));
	if (!d)
		return VT_ENOMEM;
	result = vt_derive_parse(m->derive, m->unit, &d->spec, why,
				 sizeof(why), where, sizeof(where));
	if (result)
		goto fail;
	if (d->spec.aggregate == VT_DERIVE_RATE_PER_10K && !population) {
		result = VT_EINVAL;
		goto fail;
	}
	codes = vt_derive_breakdown_codes(&d->spec);
	while (codes && codes[d->nbands])
		d->nbands++;
	d->fy_start = fy_start;
	d->population = population;
	d->population_arg = population_arg;
	d->nperiods = nperiods;
	d->periods = calloc(nperiods ? nperiods : 1, sizeof(*d->periods));
	d->spans = calloc(nperiods ? nperiods : 1, sizeof(*d->spans));
	if (!d->periods || !d->spans) {
		result = VT_ENOMEM;
		goto fail;
	}
	for (i = 0; i < nperiods; i++) {
		struct vt_period p;
		struct vt_date first;

		result = vt_period_parse(periods[i], &p);
		if (!result)
			result = vt_period_first_day(&p, fy_start, &first);
		if (!result)
			result = vt_period_last_day(&p, fy_start,
						    &d->spans[i].last_date);
		if (result)
			goto fail;
		vt_period_format(&p, d->periods[i]);
		d->spans[i].first = vt_date_to_days(&first);
		d->spans[i].last = vt_date_to_days(&d->spans[i].last_date);
	}
	ncells = nperiods * (1 + d->nbands);
	result = counter_init(&d->main, &d->spec.set, nperiods, ncells,
			      d->spec.aggregate == VT_DERIVE_MEDIAN_DAYS);
	if (!result && d->spec.aggregate == VT_DERIVE_PERCENT_OF)
		result = counter_init(&d->of, &d->spec.of, nperiods, ncells,
				      false);
	if (result)
		goto fail;
	*out = d;
	return VT_OK;
fail:
	vt_derive_free(d);
	return result;
}

enum vt_err vt_derive_child(struct vt_derive *d,
			    const struct vt_case_record *recs, size_t n)
{
	enum vt_err result;
	size_t i;

	if (n > d->nwhens) {
		struct when *w = realloc(d->whens, n * sizeof(*w));

		if (!w)
			return VT_ENOMEM;
		d->whens = w;
		d->nwhens = n;
	}
	for (i = 0; i < n; i++)
		when_of(&recs[i], &d->whens[i]);
	result = count_child(d, &d->main, recs, d->whens, n);
	if (!result && d->of.set)
		result = count_child(d, &d->of, recs, d->whens, n);
	return result;
}

static double ratio(double part, double whole, double scale)
{
	return whole > 0 ? part * scale / whole : NAN;
}

enum vt_err vt_derive_end(struct vt_derive *d, struct vt_derive_result *out)
{
	struct vt_derive_result r;
	const char *const *codes = vt_derive_breakdown_codes(&d->spec);
	size_t per = 1 + d->nbands, p, b;
	enum vt_err result = VT_OK;

	memset(&r, 0, sizeof(r));
	r.spec = d->spec;
	r.fy_start = d->fy_start;
	r.nperiods = d->nperiods;
	r.nbands = d->nbands;
	r.nfigures = d->nperiods * per;
	r.figures = calloc(r.nfigures ? r.nfigures : 1, sizeof(*r.figures));
	if (!r.figures) {
		result = VT_ENOMEM;
		goto out;
	}
	for (p = 0; p < d->nperiods; p++)
		for (b = 0; b < per; b++) {
			struct vt_derive_figure *f = &r.figures[p * per + b];
			double count = (double)d->main.counts[p * per + b];

			memcpy(f->period, d->periods[p], sizeof(f->period));
			f->breakdown = b ? codes[b - 1] : NULL;
			f->numerator = count;
			f->denominator = NAN;
			switch (d->spec.aggregate) {
			case VT_DERIVE_COUNT:
				f->value = count;
				break;
			case VT_DERIVE_PERCENT_OF:
				f->denominator =
					(double)d->of.counts[p * per + b];
				f->value = ratio(count, f->denominator, 100);
				break;
			case VT_DERIVE_MEDIAN_DAYS:
				f->value = hist_median(
					&d->main.hists[p * per + b],
					d->main.counts[p * per + b]);
				break;
			case VT_DERIVE_RATE_PER_10K:
				f->denominator = d->population(
					d->population_arg, f->period,
					f->breakdown);
				f->value = isnan(f->denominator) ? NAN :
					   ratio(count, f->denominator, 10000);
				break;
			default:
				f->value = NAN;
			}
		}
	/* The step counts pass to the result as they are. */
	r.steps = d->main.steps;
	d->main.steps = NULL;
	r.steps_of = d->of.steps;
	d->of.steps = NULL;
	*out = r;
out:
	vt_derive_free(d);
	return result;
}

void vt_derive_result_release(struct vt_derive_result *r)
{
	if (!r)
		return;
	free(r->figures);
	free(r->steps);
	free(r->steps_of);
	memset(r, 0, sizeof(*r));
}

const struct vt_derive_figure *
vt_derive_figure_of(const struct vt_derive_result *r, const char *period,
		    const char *breakdown)
{
	size_t i;

	for (i = 0; i < r->nfigures; i++) {
		const struct vt_derive_figure *f = &r->figures[i];

		if (strcmp(f->period, period))
			continue;
		if (!breakdown ? !f->breakdown :
		    f->breakdown && !strcmp(f->breakdown, breakdown))
			return f;
	}
	return NULL;
}

/* ---- in words --------------------------------------------------------- */

static const char *const kind_words[VT_CASE__MAX] = {
	"referrals", "assessments", "child in need plans",
	"child protection plans", "episodes of being looked after",
};

static enum vt_err span_words(struct vt_buf *out, int days, int months)
{
	if (days)
		return vt_buf_addf(out, "%d day%s", days, days == 1 ? "" : "s");
	return vt_buf_addf(out, "%d month%s", months, months == 1 ? "" : "s");
}

static enum vt_err filter_words(struct vt_buf *out,
				const struct vt_derive_set *set,
				const struct vt_derive_filter *f,
				const char *end_words, const char *label)
{
	enum vt_err result = VT_OK;
	size_t i;

	switch (f->kind) {
	case VT_DERIVE_CATEGORY:
		result = vt_buf_adds(out, set->records == VT_CASE_CP_PLAN ?
				     "whose latest category of abuse is " :
				     set->records == VT_CASE_CLA_EPISODE ?
				     "whose legal status is " :
				     "whose primary need is ");
		for (i = 0; i < f->ncodes && !result; i++)
			result = vt_buf_addf(out, "%s%s",
					     i ? " or " : "",
					     code_words(f->codes[i]));
		return result;
	case VT_DERIVE_OPEN_AT:
		return vt_buf_addf(out, "open at the end of %s", end_words);
	case VT_DERIVE_STARTED_IN:
		return vt_buf_addf(out, "started in %s", label);
	case VT_DERIVE_DURATION_OVER:
		result = vt_buf_adds(out, "lasting more than ");
		if (!result)
			result = span_words(out, f->days, f->months);
		if (!result)
			result = vt_buf_addf(out, " by %s", end_words);
		return result;
	case VT_DERIVE_AGE_AT:
		if (f->under)
			return vt_buf_addf(out, "of children under %d on %s",
					   f->age, end_words);
		return vt_buf_addf(out, "of children aged %d or over on %s",
				   f->age, end_words);
	case VT_DERIVE_SEQUENCE:
		return vt_buf_adds(out, f->subsequent ?
				   "where the child had an earlier one" :
				   "that were the child's first");
	case VT_DERIVE_PREVIOUS_WITHIN:
		result = vt_buf_adds(out, "where the child had another that "
				     "started no more than ");
		if (!result)
			result = span_words(out, f->days, f->months);
		if (!result)
			result = vt_buf_adds(out, " before it");
		return result;
	default:
		return VT_EINVAL;
	}
}

/* "Child protection plans whose ..., open at the end of ..." */
static enum vt_err set_words(struct vt_buf *out,
			     const struct vt_derive_set *set,
			     const char *end_words, const char *label,
			     bool capital)
{
	const char *kind = kind_words[set->records];
	enum vt_err result;
	size_t i;

	result = vt_buf_addf(out, "%c%s", capital ? kind[0] - 'a' + 'A' :
			     kind[0], kind + 1);
	for (i = 0; i < set->nfilters && !result; i++) {
		result = vt_buf_adds(out, i ? ", " : " ");
		if (!result)
			result = filter_words(out, set, &set->filters[i],
					      end_words, label);
	}
	return result;
}

static enum vt_err steps_words(struct vt_buf *out,
			       const struct vt_derive_set *set,
			       const long *steps, const char *end_words,
			       const char *label)
{
	enum vt_err result;
	size_t i;

	result = vt_buf_addf(out, "- %s in the records: %ld\n",
			     kind_words[set->records], steps[0]);
	for (i = 0; i < set->nfilters && !result; i++) {
		result = vt_buf_adds(out, "- ");
		if (!result)
			result = filter_words(out, set, &set->filters[i],
					      end_words, label);
		if (!result)
			result = vt_buf_addf(out, ": %ld\n", steps[i + 1]);
	}
	return result;
}

static enum vt_err figure_words(struct vt_buf *out,
				const struct vt_derive_spec *spec,
				const struct vt_derive_figure *f)
{
	switch (spec->aggregate) {
	case VT_DERIVE_PERCENT_OF:
		if (isnan(f->value))
			return vt_buf_addf(out, "none (%.0f of %.0f)",
					   f->numerator, f->denominator);
		return vt_buf_addf(out, "%.1f%% (%.0f of %.0f)", f->value,
				   f->numerator, f->denominator);
	case VT_DERIVE_MEDIAN_DAYS:
		if (isnan(f->value))
			return vt_buf_adds(out, "none (no records)");
		return vt_buf_addf(out, "%g days (median of %.0f)", f->value,
				   f->numerator);
	case VT_DERIVE_RATE_PER_10K:
		if (isnan(f->value))
			return vt_buf_addf(out, "none (%.0f, population "
					   "unknown)", f->numerator);
		return vt_buf_addf(out, "%.1f per 10,000 (%.0f of %.0f)",
				   f->value, f->numerator, f->denominator);
	default:
		return vt_buf_addf(out, "%.0f", f->value);
	}
}

static enum vt_err band_words(struct vt_buf *out, const char *code)
{
	const char *words = code_words(code);

	if (!strcmp(code, "under-11"))
		words = "under 11";
	else if (!strcmp(code, "11-and-over"))
		words = "11 and over";
	return vt_buf_addf(out, "%c%s: ", words[0] >= 'a' && words[0] <= 'z' ?
			   words[0] - 'a' + 'A' : words[0], words + 1);
}

/* The words for the days of 'period': its last day ("30 June 2026") and
   its span ("2026-27 Q1 (1 April 2026 to 30 June 2026)"). */
static enum vt_err period_words(const char *period, int fy_start,
				char *label, char *end_words, char *span,
				size_t span_size)
{
	char first_words[VT_DATE_WORDS_MAX], day[11];
	struct vt_period per;
	struct vt_date d;

	if (vt_period_parse(period, &per) ||
	    vt_period_last_day(&per, fy_start, &d))
		return VT_EINVAL;
	vt_period_label_of(period, fy_start, label);
	vt_date_format(&d, day);
	vt_date_words(day, end_words);
	if (vt_period_first_day(&per, fy_start, &d))
		return VT_EINVAL;
	vt_date_format(&d, day);
	vt_date_words(day, first_words);
	snprintf(span, span_size, "%s (%s to %s)", label, first_words,
		 end_words);
	return VT_OK;
}

/* "Child in need plans whose ..., as a percentage of ..." */
static enum vt_err method_words(struct vt_buf *out,
				const struct vt_derive_spec *spec,
				const char *end_words, const char *span)
{
	enum vt_err result = set_words(out, &spec->set, end_words, span, true);

	if (!result && spec->aggregate == VT_DERIVE_PERCENT_OF) {
		result = vt_buf_adds(out, ", as a percentage of ");
		if (!result)
			result = set_words(out, &spec->of, end_words, span,
					   false);
	} else if (!result && spec->aggregate == VT_DERIVE_MEDIAN_DAYS) {
		result = vt_buf_addf(out, ": the median number of days from "
				     "each one's start to its end, or to %s "
				     "if still open then", end_words);
	} else if (!result && spec->aggregate == VT_DERIVE_RATE_PER_10K) {
		result = vt_buf_adds(out, ", per 10,000 children");
	}
	if (!result)
		result = vt_buf_adds(out, ".");
	return result;
}

enum vt_err vt_derive_method(const struct vt_measure *m, const char *period,
			     int fy_start, struct vt_buf *out)
{
	struct vt_derive_spec spec;
	char label[VT_PERIOD_LABEL_MAX], end_words[VT_DATE_WORDS_MAX];
	char span[VT_PERIOD_LABEL_MAX + 2 * VT_DATE_WORDS_MAX + 8];
	char why[256], where[128];

	if (!m->derive || vt_derive_parse(m->derive, m->unit, &spec, why,
					  sizeof(why), where, sizeof(where)) ||
	    period_words(period, fy_start, label, end_words, span,
			 sizeof(span)))
		return VT_EINVAL;
	return method_words(out, &spec, end_words, span);
}

enum vt_err vt_derive_explain(const struct vt_measure *m,
			      const struct vt_derive_result *r,
			      const char *period, struct vt_buf *out)
{
	const struct vt_derive_spec *spec = &r->spec;
	const struct vt_derive_figure *whole;
	char label[VT_PERIOD_LABEL_MAX], end_words[VT_DATE_WORDS_MAX];
	char span[VT_PERIOD_LABEL_MAX + 2 * VT_DATE_WORDS_MAX + 8];
	size_t p, b;
	enum vt_err result;

	whole = vt_derive_figure_of(r, period, NULL);
	if (!whole || period_words(period, r->fy_start, label, end_words,
				   span, sizeof(span)))
		return VT_EINVAL;
	p = (size_t)(whole - r->figures) / (1 + r->nbands);
	result = vt_buf_addf(out, "%s (%s), %s.\nMethod: ", m->code,
			     m->title, label);
	if (!result)
		result = method_words(out, spec, end_words, span);
	if (!result)
		result = vt_buf_adds(out, "\nCounted, step by step:\n");
	if (!result)
		result = steps_words(out, &spec->set,
				     r->steps + p * (1 + spec->set.nfilters),
				     end_words, span);
	if (!result && spec->aggregate == VT_DERIVE_PERCENT_OF) {
		result = vt_buf_adds(out, "Out of, step by step:\n");
		if (!result)
			result = steps_words(out, &spec->of,
					     r->steps_of +
					     p * (1 + spec->of.nfilters),
					     end_words, span);
	}
	if (!result)
		result = vt_buf_adds(out, "Figure: ");
	if (!result)
		result = figure_words(out, spec, whole);
	if (!result)
		result = vt_buf_adds(out, ".\n");
	for (b = 0; b < r->nbands && !result; b++) {
		const struct vt_derive_figure *f = whole + 1 + b;

		result = band_words(out, f->breakdown);
		if (!result)
			result = figure_words(out, spec, f);
		if (!result)
			result = vt_buf_adds(out, ".\n");
	}
	return result;
}
