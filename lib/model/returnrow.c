/* Checking one row of a return: every rule, each problem at its cell. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitals/period.h"
#include "vitals/strparse.h"
#include "model/returnrow.h"

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
		return err(dq, row->place[col], "%s '%s' is not a number",
			   vt_rcol_names[col], text);
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
			   "code c, x, z, u or k)", text);
	}
	out->value = v;
	if (m->unit == VT_UNIT_PERCENT && (v < 0 || v > 100)) {
		*ok = false;
		return err(dq, place, "%g is not a percentage (0-100) for "
			   "measure '%s'", v, m->code);
	}
	if (m->unit != VT_UNIT_CURRENCY && v < 0) {
		*ok = false;
		return err(dq, place, "%g is negative; measure '%s' is a %s",
			   v, m->code, vt_unit_names[m->unit]);
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
				"'%s'", breakdown, code);
	}
	out->measure = m;
	out->agency = agency;
	out->period = period;
	out->breakdown = breakdown;
	return result;
}

enum vt_err vt_return_row_check(const struct vt_def *meta,
				const struct vt_return_row *row,
				struct vt_diagq *dq,
				struct vt_checked_row *out)
{
	const struct vt_return *ret;
	enum vt_err result;
	bool ok = true;

	memset(out, 0, sizeof(*out));
	out->value = out->numerator = out->denominator = NAN;
	out->note = row->cell[VT_RCOL_NOTE];
	/* A template row nobody filled in is not a figure. */
	if (!row->cell[VT_RCOL_VALUE] && !row->cell[VT_RCOL_NUMERATOR] &&
	    !row->cell[VT_RCOL_DENOMINATOR]) {
		out->skip = true;
		return VT_OK;
	}
	result = check_identity(meta, row, dq, out, &ok);
	if (result || !ok)
		goto out;
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
	if (!result && ok && !isnan(out->numerator) &&
	    !isnan(out->denominator) && out->numerator > out->denominator) {
		ok = false;
		result = err(dq, row->place[VT_RCOL_NUMERATOR],
			     "numerator %g is above denominator %g",
			     out->numerator, out->denominator);
	}
out:
	out->refused = !ok;
	return result;
}
