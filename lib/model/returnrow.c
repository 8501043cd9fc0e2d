/* Checking one row of a return: every rule, each problem at its cell. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitals/clock.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "model/returnrow.h"

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

static enum vt_err err(struct vt_diagq *dq, const char *place,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum vt_err err(struct vt_diagq *dq, const char *place,
		       const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return vt_diag_add(dq, VT_SEV_ERROR, place, 0, 0, "%s", msg);
}

static const enum vt_period_kind kind_of_frequency[VT_FREQUENCY__MAX] = {
	[VT_FREQUENCY_MONTHLY] = VT_PERIOD_MONTH,
	[VT_FREQUENCY_QUARTERLY] = VT_PERIOD_QUARTER,
	[VT_FREQUENCY_ANNUAL] = VT_PERIOD_YEAR,
};

/* A numerator or denominator: a number, not negative. */
static enum vt_err check_part(const struct vt_return_row *row, int col,
			      struct vt_diagq *dq, double *out, bool *ok)
{
	const char *text = row->cell[col];

	*out = NAN;
	if (!text)
		return VT_OK;
	if (!parse_number(text, false, out)) {
		*ok = false;
		return err(dq, row->place[col], "%s '%s' is not a number%s",
			   vt_rcol_names[col], text, number_hint(text));
	}
	if (*out < 0) {
		*ok = false;
		return err(dq, row->place[col], "%s %g is negative",
			   vt_rcol_names[col], *out);
	}
	return VT_OK;
}

static enum vt_err check_amount(const struct vt_return_row *row,
				const struct vt_measure *m,
				struct vt_diagq *dq, struct vt_checked_row *out,
				bool *ok)
{
	const char *text = row->cell[VT_RCOL_VALUE];
	const char *place = row->place[VT_RCOL_VALUE];
	double v;

	if (is_suppression(text)) {
		out->suppressed = text;
		return VT_OK;
	}
	if (!parse_number(text, m->unit == VT_UNIT_PERCENT, &v)) {
		*ok = false;
		return err(dq, place, "'%s' is not a number (nor a suppression "
			   "code c, x, z, u or k)%s", text, number_hint(text));
	}
	out->value = v;
	if (m->unit == VT_UNIT_PERCENT && (v < 0 || v > 100)) {
		*ok = false;
		return err(dq, place, "%g is not a percentage (0-100) for "
			   "measure '%s'", v, m->code);
	}
	if (m->unit != VT_UNIT_CURRENCY && v < 0) {
		*ok = false;
		return err(dq, place, "%g is negative; measure '%s' is %s",
			   v, m->code, unit_words(m->unit));
	}
	if (m->unit == VT_UNIT_COUNT && v != floor(v)) {
		*ok = false;
		return err(dq, place, "%g is not a whole number; measure '%s' "
			   "is a count", v, m->code);
	}
	return VT_OK;
}

static const struct vt_return *find_return(const struct vt_def *meta,
					   const char *agency,
					   const char *period)
{
	size_t i;

	for (i = 0; i < vt_def_count(meta, VT_KIND_RETURN); i++) {
		const struct vt_return *r = vt_def_at(meta, VT_KIND_RETURN, i);

		if (!strcmp(r->agency, agency) && !strcmp(r->period, period))
			return r;
	}
	return NULL;
}

/* The row's agency, measure, period and breakdown; false when refused. */
static enum vt_err check_identity(const struct vt_def *meta,
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
	size_t i;
	enum vt_err result = VT_OK;

	if (!agency)
		return *ok = false, err(dq, row->place[VT_RCOL_AGENCY],
					"the agency is empty");
	if (!vt_def_find(meta, VT_KIND_AGENCY, agency))
		return *ok = false, err(dq, row->place[VT_RCOL_AGENCY],
					"agency '%s' does not exist", agency);
	if (!code)
		return *ok = false, err(dq, row->place[VT_RCOL_MEASURE],
					"the measure is empty");
	m = vt_def_find(meta, VT_KIND_MEASURE, code);
	if (!m)
		return *ok = false, err(dq, row->place[VT_RCOL_MEASURE],
					"measure '%s' does not exist", code);
	if (!period)
		return *ok = false, err(dq, row->place[VT_RCOL_PERIOD],
					"the period is empty");
	if (vt_period_parse(period, &p))
		return *ok = false, err(dq, row->place[VT_RCOL_PERIOD],
			"'%s' is not a period (2024, 2024Q3 or 2024-07)",
			period);
	if (strcmp(m->agency, agency) != 0)
		return *ok = false, err(dq, row->place[VT_RCOL_MEASURE],
			"measure '%s' is not owned by agency '%s'", code,
			agency);
	if (p.kind != kind_of_frequency[m->frequency])
		return *ok = false, err(dq, row->place[VT_RCOL_PERIOD],
			"period '%s' does not fit measure '%s', which is %s",
			period, code, vt_frequency_names[m->frequency]);
	if (breakdown) {
		for (i = 0; i < m->nbreakdowns; i++)
			if (!strcmp(m->breakdowns[i].code, breakdown))
				break;
		if (i == m->nbreakdowns)
			return *ok = false, err(dq,
				row->place[VT_RCOL_BREAKDOWN],
				"breakdown '%s' is not a breakdown of measure "
				"'%s'%s", breakdown, code, m->nbreakdowns ? "" :
				" (it has none)");
	}
	out->measure = m;
	out->agency = agency;
	out->period = period;
	out->breakdown = breakdown;
	return result;
}

/* Numerator and denominator: together, where defined, and adding up. */
static enum vt_err check_ratio(const struct vt_return_row *row,
			       const struct vt_measure *m,
			       struct vt_diagq *dq,
			       const struct vt_checked_row *c, bool *ok)
{
	bool num = !isnan(c->numerator), den = !isnan(c->denominator);
	double expect, scale;

	if (!num && !den)
		return VT_OK;
	*ok = false;
	if (c->suppressed)
		return err(dq, row->place[VT_RCOL_NUMERATOR], "a suppressed "
			   "figure cannot carry a numerator or denominator: "
			   "they would give away what the code hides");
	if (!m->numerator && !m->denominator)
		return err(dq, row->place[num ? VT_RCOL_NUMERATOR :
					  VT_RCOL_DENOMINATOR],
			   "measure '%s' has no numerator or denominator; "
			   "leave them empty", m->code);
	if (num != den)
		return err(dq, row->place[num ? VT_RCOL_DENOMINATOR :
					  VT_RCOL_NUMERATOR],
			   "the %s is empty; give both numerator and "
			   "denominator, or neither", num ? "denominator" :
			   "numerator");
	if (c->numerator > c->denominator)
		return err(dq, row->place[VT_RCOL_NUMERATOR],
			   "numerator %g is above denominator %g",
			   c->numerator, c->denominator);
	scale = m->unit == VT_UNIT_PERCENT ? 100 :
		m->unit == VT_UNIT_RATE10K ? 10000 : 0;
	if (scale && c->denominator > 0) {
		/* Figures are rounded to one decimal place when returned. */
		expect = scale * c->numerator / c->denominator;
		if (fabs(c->value - expect) > 0.05 + 1e-9)
			return err(dq, row->place[VT_RCOL_VALUE],
				   "value %g does not match numerator / "
				   "denominator: %g / %g gives %.1f", c->value,
				   c->numerator, c->denominator, expect);
	}
	*ok = true;
	return VT_OK;
}

/* A period that has not begun cannot have figures yet. */
static bool period_started(const char *period, int fy_start_month)
{
	char now[VT_TIMESTAMP_MAX], first_day[11];
	struct vt_period p;
	struct vt_date d;

	if (vt_period_parse(period, &p) ||
	    vt_period_first_day(&p, fy_start_month, &d))
		return true;
	vt_clock_now(now);
	vt_date_format(&d, first_day);
	return strncmp(first_day, now, 10) <= 0;
}

enum vt_err vt_return_row_check(const struct vt_def *meta,
				const struct vt_return_row *row,
				struct vt_diagq *dq,
				struct vt_checked_row *out)
{
	const struct vt_return *ret;
	enum vt_err result;
	bool ok = true;

	const struct vt_partnership *p = vt_def_at(meta, VT_KIND_PARTNERSHIP, 0);
	bool figures;
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
	result = check_identity(meta, row, dq, out, &ok);
	if (result || !ok)
		goto out;
	if (!period_started(out->period, p ? (int)p->fy_start_month : 4)) {
		ok = false;
		result = err(dq, row->place[VT_RCOL_PERIOD], "period '%s' has "
			     "not begun; there can be no figure for it yet",
			     out->period);
		goto out;
	}
	figures = row->cell[VT_RCOL_VALUE] || row->cell[VT_RCOL_NUMERATOR] ||
		  row->cell[VT_RCOL_DENOMINATOR];
	/* A form row nobody filled in is not a figure; a lone note is lost. */
	if (!figures && out->note) {
		ok = false;
		result = err(dq, row->place[VT_RCOL_NOTE], "a note without a "
			     "figure: give the value too, or leave the row "
			     "empty");
		goto out;
	}
	if (!figures) {
		out->skip = true;
		return VT_OK;
	}
	ret = find_return(meta, out->agency, out->period);
	if (ret && ret->status == VT_RETURN_APPROVED) {
		ok = false;
		result = err(dq, row->row_place, "the return of agency '%s' "
			     "for %s is approved and locked; an analyst can "
			     "reopen it", out->agency, out->period);
		goto out;
	}
	if (!row->cell[VT_RCOL_VALUE]) {
		ok = false;
		result = err(dq, row->place[VT_RCOL_VALUE], "the value is "
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
