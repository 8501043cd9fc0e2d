/* Checking one row of a return: every rule, each problem at its cell. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitals/clock.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "model/returnrow.h"

const char *const vt_rcol_names[] = {
	"agency", "measure", "period", "breakdown", "value", "numerator",
	"denominator", "note", NULL
};

void vt_return_row_place(const struct vt_return_row *row, int col,
			 char *out, size_t size)
{
	long c = col >= 0 ? row->col[col] : 0;
	char letters[8];

	if (col >= 0 && row->fixed_place[col]) {
		snprintf(out, size, "%s", row->fixed_place[col]);
	} else if (row->sheet) {
		vt_column_letters(c, letters);
		snprintf(out, size, "%s:%s!%s%ld", row->source, row->sheet,
			 letters, row->line);
	} else if (c) {
		snprintf(out, size, "%s:%ld:%ld", row->source, row->line, c);
	} else {
		snprintf(out, size, "%s:%ld", row->source, row->line);
	}
}

/* Units as people say them. */
static const char *unit_words(int unit)
{
	static const char *const words[VT_UNIT__MAX] = {
		[VT_UNIT_COUNT] = "a count",
		[VT_UNIT_PERCENT] = "a percentage",
		[VT_UNIT_RATE10K] = "a rate per 10,000",
		[VT_UNIT_DAYS] = "a number of days",
		[VT_UNIT_CURRENCY] = "an amount of money",
	};

	return words[unit];
}

/* What to tell someone whose figure is not a number. */
static const char *number_hint(const char *text)
{
	const char *comma = strchr(text, ',');
	size_t i;

	for (i = 0; vt_suppression_codes[i]; i++)
		if (strlen(text) == 1 &&
		    tolower((unsigned char)text[0]) == vt_suppression_codes[i][0])
			return "; suppression codes are lower case";
	if (comma && strspn(comma + 1, "0123456789") != 3 &&
	    strspn(text, "0123456789") == (size_t)(comma - text))
		return "; write decimals with '.'";
	return "";
}

static bool is_suppression(const char *s)
{
	size_t i;

	for (i = 0; vt_suppression_codes[i]; i++)
		if (strcmp(s, vt_suppression_codes[i]) == 0)
			return true;
	return false;
}

/*
 * Numbers as people type them: surrounding spaces, thousands separators
 * ("1,234"), and a trailing '%' on a percentage.  Anything else that
 * strtod would half-accept is refused.
 */
static bool parse_number(const char *text, bool percent, double *out)
{
	char buf[64];
	size_t n = 0, digits_since_comma = 0;
	bool comma = false;
	const char *s = text;

	while (*s == ' ')
		s++;
	for (; *s && n < sizeof(buf) - 1; s++) {
		if (*s == ',') {
			/* only as a thousands separator: 1,234 not 12,34 */
			if (n == 0 || (comma && digits_since_comma != 3))
				return false;
			comma = true;
			digits_since_comma = 0;
			continue;
		}
		if (*s == '.' || *s == 'e' || *s == 'E') {
			if (comma && digits_since_comma != 3)
				return false;
			comma = false;
		}
		if (isdigit((unsigned char)*s))
			digits_since_comma++;
		buf[n++] = *s;
	}
	if (*s)
		return false;
	if (comma && digits_since_comma != 3)
		return false;
	while (n && buf[n - 1] == ' ')
		n--;
	if (percent && n && buf[n - 1] == '%')
		n--;
	buf[n] = '\0';
	return vt_parse_double(buf, out) == VT_OK;
}

/* Report a problem at cell 'col' of the row (the row itself for -1). */
static enum vt_err err(struct vt_diagq *dq, const struct vt_return_row *row,
		       int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum vt_err err(struct vt_diagq *dq, const struct vt_return_row *row,
		       int col, const char *fmt, ...)
{
	char msg[512], place[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vt_return_row_place(row, col, place, sizeof(place));
	return vt_diag_add(dq, VT_SEV_ERROR, place, 0, 0, "%s", msg);
}

static const enum vt_period_kind kind_of_frequency[VT_FREQUENCY__MAX] = {
	[VT_FREQUENCY_MONTHLY] = VT_PERIOD_MONTH,
	[VT_FREQUENCY_QUARTERLY] = VT_PERIOD_QUARTER,
	[VT_FREQUENCY_ANNUAL] = VT_PERIOD_YEAR,
};

/* A numerator or denominator: a number of people or events, so not
   negative and no more than any count could be (nor rounded: 2^53+1). */
static enum vt_err check_part(const struct vt_return_row *row, int col,
			      struct vt_diagq *dq, double *out, bool *ok)
{
	const char *text = row->cell[col];

	*out = NAN;
	if (!text)
		return VT_OK;
	if (!parse_number(text, false, out)) {
		*ok = false;
		return err(dq, row, col, "%s '%s' is not a number%s",
			   vt_rcol_names[col], text, number_hint(text));
	}
	if (*out < 0) {
		*ok = false;
		return err(dq, row, col, "%s %g is negative",
			   vt_rcol_names[col], *out);
	}
	if (*out > vt_unit_max(VT_UNIT_COUNT)) {
		*ok = false;
		return err(dq, row, col, "%s %g is more than any count could "
			   "be: at most %g", vt_rcol_names[col], *out,
			   vt_unit_max(VT_UNIT_COUNT));
	}
	return VT_OK;
}

static enum vt_err check_amount(const struct vt_return_row *row,
				const struct vt_measure *m,
				struct vt_diagq *dq, struct vt_checked_row *out,
				bool *ok)
{
	const char *text = row->cell[VT_RCOL_VALUE];
	double v;

	if (is_suppression(text)) {
		out->suppressed = text;
		return VT_OK;
	}
	if (!parse_number(text, m->unit == VT_UNIT_PERCENT, &v)) {
		*ok = false;
		return err(dq, row, VT_RCOL_VALUE, "'%s' is not a number (nor a suppression "
			   "code c, x, z, u or k)%s", text, number_hint(text));
	}
	out->value = v;
	if (m->unit == VT_UNIT_PERCENT && (v < 0 || v > 100)) {
		*ok = false;
		return err(dq, row, VT_RCOL_VALUE, "%g is not a percentage (0-100) for "
			   "measure '%s'", v, m->code);
	}
	if (m->unit != VT_UNIT_CURRENCY && v < 0) {
		*ok = false;
		return err(dq, row, VT_RCOL_VALUE, "%g is negative; measure '%s' is %s",
			   v, m->code, unit_words(m->unit));
	}
	if (m->unit == VT_UNIT_COUNT && v != floor(v)) {
		*ok = false;
		return err(dq, row, VT_RCOL_VALUE, "%g is not a whole number; measure '%s' "
			   "is a count", v, m->code);
	}
	if (fabs(v) > vt_unit_max(m->unit)) {
		*ok = false;
		return err(dq, row, VT_RCOL_VALUE, "%g is more than measure '%s' could "
			   "be: it is %s, at most %g", v, m->code,
			   unit_words(m->unit), vt_unit_max(m->unit));
	}
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* Lookups */

static int by_agency(const void *a, const void *b)
{
	return strcmp((*(const struct vt_agency *const *)a)->code,
		      (*(const struct vt_agency *const *)b)->code);
}

static int by_measure(const void *a, const void *b)
{
	return strcmp((*(const struct vt_measure *const *)a)->code,
		      (*(const struct vt_measure *const *)b)->code);
}

static int by_return(const void *a, const void *b)
{
	const struct vt_return *x = *(const struct vt_return *const *)a;
	const struct vt_return *y = *(const struct vt_return *const *)b;
	int c = strcmp(x->agency, y->agency);

	return c ? c : strcmp(x->period, y->period);
}

static enum vt_err sorted(const struct vt_def *meta, enum vt_kind kind,
			  int (*cmp)(const void *, const void *),
			  bool (*keep)(const void *), const void ***out,
			  size_t *n)
{
	size_t i, count = vt_def_count(meta, kind);

	*n = 0;
	*out = calloc(count + 1, sizeof(**out));
	if (!*out)
		return VT_ENOMEM;
	for (i = 0; i < count; i++) {
		const void *rec = vt_def_at(meta, kind, i);

		if (!keep || keep(rec))
			(*out)[(*n)++] = rec;
	}
	/* Read in this order already (an import's measures): no sort. */
	for (i = 1; i < *n && cmp(&(*out)[i - 1], &(*out)[i]) < 0; i++)
		;
	if (i < *n)
		qsort(*out, *n, sizeof(**out), cmp);
	return VT_OK;
}

static bool is_locked(const void *rec)
{
	return ((const struct vt_return *)rec)->status == VT_RETURN_APPROVED;
}

static bool is_early(const void *rec)
{
	return ((const struct vt_return *)rec)->opened_early_at != NULL;
}

enum vt_err vt_return_index_build(const struct vt_def *meta,
				  struct vt_return_index *ix)
{
	enum vt_err result;

	memset(ix, 0, sizeof(*ix));
	ix->meta = meta;
	ix->partnership = vt_def_at(meta, VT_KIND_PARTNERSHIP, 0);
	vt_clock_today(ix->today);
	result = sorted(meta, VT_KIND_AGENCY, by_agency, NULL, &ix->agencies,
			&ix->nagencies);
	if (!result)
		result = sorted(meta, VT_KIND_MEASURE, by_measure, NULL,
				&ix->measures, &ix->nmeasures);
	if (!result)
		result = sorted(meta, VT_KIND_RETURN, by_return, is_locked,
				&ix->locked, &ix->nlocked);
	if (!result)
		result = sorted(meta, VT_KIND_RETURN, by_return, is_early,
				&ix->early, &ix->nearly);
	if (result)
		vt_return_index_release(ix);
	return result;
}

void vt_return_index_release(struct vt_return_index *ix)
{
	free(ix->agencies);
	free(ix->measures);
	free(ix->locked);
	free(ix->early);
	memset(ix, 0, sizeof(*ix));
}

static const struct vt_agency *find_agency(const struct vt_return_index *ix,
					   const char *code)
{
	struct vt_agency key = { .code = (char *)code };
	const struct vt_agency *k = &key;
	const struct vt_agency *const *hit =
		bsearch(&k, ix->agencies, ix->nagencies, sizeof(*ix->agencies),
			by_agency);

	return hit ? *hit : NULL;
}

/* The measure's place in ix->measures, or ix->nmeasures when unknown. */
static size_t find_measure(const struct vt_return_index *ix, const char *code)
{
	struct vt_measure key = { .code = (char *)code };
	const struct vt_measure *k = &key;
	const void **hit = bsearch(&k, ix->measures, ix->nmeasures,
				   sizeof(*ix->measures), by_measure);

	return hit ? (size_t)(hit - ix->measures) : ix->nmeasures;
}

/* The return of 'agency' for 'period' among 'list' (n), or NULL. */
static const struct vt_return *return_in(const void **list, size_t n,
					 const char *agency,
					 const char *period)
{
	struct vt_return key = { .agency = (char *)agency,
				 .period = (char *)period };
	const struct vt_return *k = &key;
	const void **hit = n ? bsearch(&k, list, n, sizeof(*list), by_return)
			     : NULL;

	return hit ? *hit : NULL;
}

void vt_return_index_unlock_history(struct vt_return_index *ix)
{
	size_t i, kept = 0;

	for (i = 0; i < ix->nlocked; i++)
		if (!((const struct vt_return *)ix->locked[i])->history)
			ix->locked[kept++] = ix->locked[i];
	ix->nlocked = kept;
}

/* The row's agency, measure, period and breakdown; false when refused. */
static enum vt_err check_identity(const struct vt_return_index *ix,
				  const struct vt_return_row *row,
				  struct vt_diagq *dq,
				  struct vt_checked_row *out, bool *ok)
{
	const char *agency = row->cell[VT_RCOL_AGENCY];
	const char *code = row->cell[VT_RCOL_MEASURE];
	const char *period = row->cell[VT_RCOL_PERIOD];
	const char *breakdown = row->cell[VT_RCOL_BREAKDOWN];
	const struct vt_measure *m;
	struct vt_period p;
	size_t i, rank;
	enum vt_err result = VT_OK;

	if (!agency)
		return *ok = false, err(dq, row, VT_RCOL_AGENCY,
					"the agency is empty");
	if (!find_agency(ix, agency))
		return *ok = false, err(dq, row, VT_RCOL_AGENCY,
					"agency '%s' does not exist", agency);
	if (!code)
		return *ok = false, err(dq, row, VT_RCOL_MEASURE,
					"the measure is empty");
	rank = find_measure(ix, code);
	if (rank == ix->nmeasures)
		return *ok = false, err(dq, row, VT_RCOL_MEASURE,
					"measure '%s' does not exist", code);
	if (!period)
		return *ok = false, err(dq, row, VT_RCOL_PERIOD,
					"the period is empty");
	if (vt_period_parse(period, &p))
		return *ok = false, err(dq, row, VT_RCOL_PERIOD,
			"'%s' is not a period (2024, 2024Q3 or 2024-07)",
			period);
	m = ix->measures[rank];
	if (m->derive)
		return *ok = false, err(dq, row, VT_RCOL_MEASURE,
			"measure '%s' is derived from the record-level "
			"extracts: its figures are computed from them, not "
			"returned", code);
	if (m->ncontributors) {
		/* Each contributor returns its own part, and only that. */
		if (!vt_measure_contributor(m, agency))
			return *ok = false, err(dq, row, VT_RCOL_MEASURE,
				"agency '%s' is not a contributor of measure "
				"'%s'", agency, code);
		if (!breakdown)
			return *ok = false, err(dq, row, VT_RCOL_BREAKDOWN,
				"measure '%s' is the sum of its contributors' "
				"parts; give agency '%s''s part as breakdown "
				"'%s'", code, agency, agency);
		if (strcmp(breakdown, agency))
			return *ok = false, err(dq, row, VT_RCOL_BREAKDOWN,
				"breakdown '%s' is not agency '%s''s part of "
				"measure '%s'; an agency returns only its own "
				"part (breakdown '%s')", breakdown, agency, code,
				agency);
	} else if (strcmp(m->agency, agency) != 0) {
		return *ok = false, err(dq, row, VT_RCOL_MEASURE,
			"measure '%s' is not owned by agency '%s'", code,
			agency);
	}
	if (p.kind != kind_of_frequency[m->frequency])
		return *ok = false, err(dq, row, VT_RCOL_PERIOD,
			"period '%s' does not fit measure '%s', which is %s",
			period, code, vt_frequency_names[m->frequency]);
	if (breakdown && !m->ncontributors) {
		for (i = 0; i < m->nbreakdowns; i++)
			if (!strcmp(m->breakdowns[i].code, breakdown))
				break;
		if (i == m->nbreakdowns)
			return *ok = false, err(dq, row, VT_RCOL_BREAKDOWN,
				"breakdown '%s' is not a breakdown of measure "
				"'%s'%s", breakdown, code, m->nbreakdowns ? "" :
				" (it has none)");
	}
	out->measure = m;
	out->measure_rank = rank;
	out->agency = agency;
	out->period = period;
	out->breakdown = breakdown;
	return result;
}

/*
 * Half a unit of the last decimal place written: "38" may be 37.5 to
 * 38.5 rounded, as the DfE publishes whole-number rates; "38.4" is within
 * 0.05; "38.42" within 0.005.
 */
static double rounding_of(const char *text)
{
	const char *dot = text ? strchr(text, '.') : NULL;
	double half = 0.5;

	while (dot && isdigit((unsigned char)*++dot))
		half /= 10;
	return half;
}

/* Numerator and denominator: together, where defined, and adding up. */
static enum vt_err check_ratio(const struct vt_return_row *row,
			       const struct vt_measure *m,
			       struct vt_diagq *dq,
			       const struct vt_checked_row *c, bool *ok)
{
	bool num = !isnan(c->numerator), den = !isnan(c->denominator);
	double expect, scale;

	if (!num && !den && m->ncontributors && vt_measure_sums_ratio(m) &&
	    !c->suppressed && !isnan(c->value)) {
		*ok = false;
		return err(dq, row, VT_RCOL_NUMERATOR, "a part of measure "
			   "'%s' needs its numerator and denominator: the "
			   "partnership figure adds them up", m->code);
	}
	if (!num && !den)
		return VT_OK;
	*ok = false;
	if (c->suppressed)
		return err(dq, row, VT_RCOL_NUMERATOR, "a suppressed "
			   "figure cannot carry a numerator or denominator: "
			   "they would give away what the code hides");
	if (!m->numerator && !m->denominator)
		return err(dq, row, (num ? VT_RCOL_NUMERATOR :
					  VT_RCOL_DENOMINATOR),
			   "measure '%s' has no numerator or denominator; "
			   "leave them empty", m->code);
	if (num != den)
		return err(dq, row, (num ? VT_RCOL_DENOMINATOR :
					  VT_RCOL_NUMERATOR),
			   "the %s is empty; give both numerator and "
			   "denominator, or neither", num ? "denominator" :
			   "numerator");
	if (c->numerator > c->denominator)
		return err(dq, row, VT_RCOL_NUMERATOR,
			   "numerator %g is above denominator %g",
			   c->numerator, c->denominator);
	scale = m->unit == VT_UNIT_PERCENT ? 100 :
		m->unit == VT_UNIT_RATE10K ? 10000 : 0;
	if (scale && c->denominator > 0) {
		/* The value may be rounded as it was written: to a whole
		   number, one decimal place, two. */
		double half = rounding_of(row->cell[VT_RCOL_VALUE]);

		expect = scale * c->numerator / c->denominator;
		if (fabs(c->value - expect) > half + 1e-9)
			return err(dq, row, VT_RCOL_VALUE,
				   "value %g does not match numerator / "
				   "denominator: %g / %g gives %.*f, which "
				   "rounds to %.*f", c->value, c->numerator,
				   c->denominator, half < 0.5 ? 3 : 1, expect,
				   half >= 0.5 ? 0 : half >= 0.05 ? 1 : 2,
				   expect);
	}
	*ok = true;
	return VT_OK;
}

enum vt_err vt_return_row_check(const struct vt_return_index *ix,
				const struct vt_return_row *row,
				struct vt_diagq *dq,
				struct vt_checked_row *out)
{
	const struct vt_partnership *p = ix->partnership;
	const struct vt_return *locked;
	enum vt_err result;
	bool ok = true;
	bool figures;
	char opens[11];
	size_t i;

	memset(out, 0, sizeof(*out));
	out->value = out->numerator = out->denominator = NAN;
	out->note = row->cell[VT_RCOL_NOTE];
	for (i = 0; i < VT_RCOL__MAX && !row->cell[i]; i++)
		;
	if (i == VT_RCOL__MAX) {
		out->skip = true;
		return VT_OK;
	}
	result = check_identity(ix, row, dq, out, &ok);
	if (result || !ok)
		goto out;
	if (!vt_return_open(return_in(ix->early, ix->nearly, out->agency,
				      out->period),
			    p ? (int)p->fy_start_month : 4, out->period,
			    ix->today, opens)) {
		char label[VT_PERIOD_LABEL_MAX], words[VT_DATE_WORDS_MAX];

		ok = false;
		vt_date_words(opens, words);
		result = err(dq, row, VT_RCOL_PERIOD, "%s has not ended: its "
			     "return opens on %s",
			     vt_period_label_of(out->period, p ?
						(int)p->fy_start_month : 4,
						label),
			     words);
		goto out;
	}
	figures = row->cell[VT_RCOL_VALUE] || row->cell[VT_RCOL_NUMERATOR] ||
		  row->cell[VT_RCOL_DENOMINATOR];
	if (figures && row->clear) {
		ok = false;
		result = err(dq, row, VT_RCOL_VALUE, "enter a figure or clear "
			     "it, not both");
		goto out;
	}
	/* A form row nobody filled in is not a figure; a lone note is lost. */
	if (!figures && !row->clear && out->note) {
		ok = false;
		result = err(dq, row, VT_RCOL_NOTE, "a note without a "
			     "figure: give the value too, or leave the row "
			     "empty");
		goto out;
	}
	if (!figures && !row->clear) {
		out->skip = true;
		return VT_OK;
	}
	if ((locked = return_in(ix->locked, ix->nlocked, out->agency,
				out->period))) {
		ok = false;
		result = locked->history
			? err(dq, row, -1, "the figures of agency '%s' for %s "
			      "were loaded as history; a history import "
			      "corrects them", out->agency, out->period)
			: err(dq, row, -1, "the return of agency '%s' for %s "
			      "is approved and locked; an analyst can reopen "
			      "it", out->agency, out->period);
		goto out;
	}
	/* Withdrawn: no value, no code (the NaN set above). */
	if (row->clear)
		goto out;
	if (!row->cell[VT_RCOL_VALUE]) {
		ok = false;
		result = err(dq, row, VT_RCOL_VALUE, "the value is "
			     "empty (give a number or a suppression code "
			     "c, x, z, u or k)");
		goto out;
	}
	result = check_amount(row, out->measure, dq, out, &ok);
	if (!result)
		result = check_part(row, VT_RCOL_NUMERATOR, dq,
				    &out->numerator, &ok);
	if (!result)
		result = check_part(row, VT_RCOL_DENOMINATOR, dq,
				    &out->denominator, &ok);
	if (!result && ok)
		result = check_ratio(row, out->measure, dq, out, &ok);
out:
	out->refused = !ok;
	return result;
}
