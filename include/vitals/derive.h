/* Derived measures: a measure's figures counted from case records by its definition's "derive", with the method in words. */
#ifndef VITALS_DERIVE_H
#define VITALS_DERIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/buf.h"
#include "vitals/error.h"
#include "vitals/extract.h"
#include "vitals/model.h"
#include "vitals/period.h"

/*
 * A measure's "derive" (docs/definition-format.md), for example
 *
 *   {"records": "cin-plan",
 *    "filters": [{"category": ["N1"]}, {"open_at": "period_end"},
 *                {"duration_over": {"months": 6}}],
 *    "aggregate": {"percent_of": {"records": "cin-plan",
 *                                 "filters": [{"category": ["N1"]},
 *                                             {"open_at": "period_end"}]}},
 *    "breakdowns": ["age_band"]}
 *
 * The rules, for a period from its first day F to its last day L:
 *  - open_at period_end: started on or before L and not ended on or
 *    before L; a record ending ON L is not open at the end of that day.
 *  - started_in period: started between F and L.
 *  - duration_over: a record's duration runs from its start to its end
 *    when it ended on or before L, else to L.  {"days": N}: more than N
 *    days; {"months": M}: it started before the day M months before the
 *    end of its duration (the day of the month kept, or the month's last
 *    day when it has none): six months before 31 March is 30 September,
 *    so a plan started on 30 September is exactly six months long on 31
 *    March, and not over six months.
 *  - age_at period_end: a child's date of birth is taken as the first
 *    day of its month of birth (all an extract keeps), the age is in
 *    whole years on L; a child of unknown month of birth passes neither
 *    "under" nor "at_least" and is in no age band.
 *  - sequence: "subsequent" when the child has a record of the same kind
 *    that started before this one (ever, in the records given), "first"
 *    when not.
 *  - previous_within: the child has a record of the same kind that
 *    started before this one, no more than the given days or months
 *    before its start.
 *  - category: the record's code is one of those listed (a CP plan's
 *    latest category of abuse; a referral's or CIN plan's primary need).
 * Records are counted, not children.  Breakdowns: "age_band" gives
 * "under-11" and "11-and-over" (age at L); "category" gives each code of
 * the kind's code list.  median_days is the median of the durations
 * (the mean of the two middle ones when their number is even).
 */

enum vt_derive_filter_kind {
	VT_DERIVE_CATEGORY,
	VT_DERIVE_OPEN_AT,
	VT_DERIVE_STARTED_IN,
	VT_DERIVE_DURATION_OVER,
	VT_DERIVE_AGE_AT,
	VT_DERIVE_SEQUENCE,
	VT_DERIVE_PREVIOUS_WITHIN,
	VT_DERIVE_FILTER__MAX
};

enum vt_derive_aggregate {
	VT_DERIVE_COUNT,
	VT_DERIVE_PERCENT_OF,
	VT_DERIVE_MEDIAN_DAYS,
	VT_DERIVE_RATE_PER_10K,
	VT_DERIVE_AGGREGATE__MAX
};

enum vt_derive_breakdown {
	VT_DERIVE_BY_NONE,
	VT_DERIVE_BY_AGE_BAND,
	VT_DERIVE_BY_CATEGORY,
	VT_DERIVE_BY__MAX
};

#define VT_DERIVE_FILTERS_MAX 8
#define VT_DERIVE_CODES_MAX 16
/* The age of the age bands: under 11, 11 and over. */
#define VT_DERIVE_AGE_BAND 11

struct vt_derive_filter {
	enum vt_derive_filter_kind kind;
	/* VT_DERIVE_CATEGORY */
	char codes[VT_DERIVE_CODES_MAX][VT_CASE_CODE_MAX];
	size_t ncodes;
	/* VT_DERIVE_DURATION_OVER, VT_DERIVE_PREVIOUS_WITHIN: one of */
	int days, months;
	/* VT_DERIVE_AGE_AT: under 'age' when 'under', else at least */
	int age;
	bool under;
	/* VT_DERIVE_SEQUENCE: "subsequent" when true, else "first" */
	bool subsequent;
};

/* A set of records: a kind and the filters, applied in order. */
struct vt_derive_set {
	enum vt_case_kind records;
	struct vt_derive_filter filters[VT_DERIVE_FILTERS_MAX];
	size_t nfilters;
};

struct vt_derive_spec {
	struct vt_derive_set set;
	enum vt_derive_aggregate aggregate;
	struct vt_derive_set of;	/* VT_DERIVE_PERCENT_OF: the whole */
	enum vt_derive_breakdown breakdown;
};

/*
 * Read a "derive" object (JSON text) for a measure of unit 'unit' (enum
 * vt_unit): each aggregate fits one unit (count, percent_of: percent,
 * median_days: days, rate_per_10k: rate10k).  VT_EINVAL when it is not
 * one, with the problem in 'why' and its place inside the definition's
 * measure ("derive.filters[1]") in 'where'.
 */
VT_MUST_USE
enum vt_err vt_derive_parse(const char *json, int unit,
			    struct vt_derive_spec *out, char *why,
			    size_t whylen, char *where, size_t wherelen);

/* The breakdown codes of 'spec' ("under-11", "11-and-over"; the kind's
   codes), NULL-ended; a static list, NULL for none. */
const char *const *vt_derive_breakdown_codes(const struct vt_derive_spec *spec);

/*
 * A population, for rate_per_10k: the number of children in 'period'
 * ('breakdown' NULL for all, else a breakdown code); NaN when unknown.
 */
typedef double (*vt_derive_population)(void *arg, const char *period,
				       const char *breakdown);

/* One figure: a period's, for the whole measure or a breakdown. */
struct vt_derive_figure {
	char period[VT_PERIOD_ID_MAX];
	const char *breakdown;	/* NULL for the whole measure; static */
	double value;		/* NaN when there is none (no denominator,
				   no records for a median, no population) */
	double numerator;	/* count; percent: the part; rate: count */
	double denominator;	/* percent: the whole; rate: population;
				   else NaN */
};

/*
 * What the engine found: for each period (in the order given) the whole
 * figure then one per breakdown code, and the counts remaining after
 * each step: step 0 is every record of the kind, step i the records
 * that also pass filter i.
 */
struct vt_derive_result {
	struct vt_derive_spec spec;
	int fy_start;		/* the partnership's, for the periods */
	struct vt_derive_figure *figures;	/* nperiods * (1 + nbands) */
	size_t nfigures;
	size_t nperiods, nbands;
	long *steps;	/* [period][1 + spec.set.nfilters] */
	long *steps_of;	/* [period][1 + spec.of.nfilters], percent_of */
};

struct vt_derive;

/*
 * Begin computing the figures of 'm' (which must have a "derive") for
 * 'periods' (canonical ids; a year starts in 'fy_start').  'population'
 * is needed by rate_per_10k only (else NULL).  On VT_OK '*out' is given
 * to vt_derive_end or vt_derive_free.  VT_EINVAL when 'm' has no valid
 * derive or a period is not one.
 */
VT_MUST_USE
enum vt_err vt_derive_begin(const struct vt_measure *m,
			    const char *const *periods, size_t nperiods,
			    int fy_start, vt_derive_population population,
			    void *population_arg, struct vt_derive **out);

/*
 * Every record of ONE child, all kinds, sorted by kind then start: the
 * engine keeps nothing of them, so memory stays flat however many
 * children there are.
 */
VT_MUST_USE
enum vt_err vt_derive_child(struct vt_derive *d,
			    const struct vt_case_record *recs, size_t n);

/* The figures into 'out' (released with vt_derive_result_release); 'd'
   is freed whatever the outcome. */
VT_MUST_USE
enum vt_err vt_derive_end(struct vt_derive *d, struct vt_derive_result *out);

void vt_derive_free(struct vt_derive *d);
void vt_derive_result_release(struct vt_derive_result *r);

/* The figure of 'period' and 'breakdown' (NULL: the whole), or NULL. */
const struct vt_derive_figure *
vt_derive_figure_of(const struct vt_derive_result *r, const char *period,
		    const char *breakdown);

/*
 * The method of derived measure 'm' for 'period' (a year starts in
 * 'fy_start') in one sentence, appended to 'out': "Child protection plans
 * whose latest category of abuse is neglect, open at the end of 30 June
 * 2026."  VT_EINVAL when 'm' has no valid derive or 'period' is not one.
 */
VT_MUST_USE
enum vt_err vt_derive_method(const struct vt_measure *m, const char *period,
			     int fy_start, struct vt_buf *out);

/*
 * The method in words and the counts at each step, for 'period' of 'r'
 * (computed for 'm'), appended to 'out'.  VT_EINVAL when 'r' has no such
 * period.
 */
VT_MUST_USE
enum vt_err vt_derive_explain(const struct vt_measure *m,
			      const struct vt_derive_result *r,
			      const char *period, struct vt_buf *out);

#endif
