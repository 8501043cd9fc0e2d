/* Reading a year's pooled budget: totals and shares in whole pence, spending against budget by heading, and the year before. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/funding.h"
#include "vitals/strparse.h"

bool vt_funding_visible_to(int role)
{
	return role >= 0 && role < VT_ROLE__MAX && role != VT_ROLE_VIEWER;
}

bool vt_funding_may_change(int role)
{
	return role == VT_ROLE_ANALYST || role == VT_ROLE_ADMIN;
}

static long long pence(double pounds)
{
	return llround(pounds * 100.0);
}

/* "2025-26" -> "2024-25". */
static bool year_before(const char *year, char out[8])
{
	int first;

	if (!vt_budget_year_valid(year))
		return false;
	first = (year[0] - '0') * 1000 + (year[1] - '0') * 100 +
		(year[2] - '0') * 10 + (year[3] - '0') - 1;
	snprintf(out, 8, "%04d-%02d", first % 10000, (first + 1) % 100);
	return true;
}

static const struct vt_budget_contribution *
contribution_of(const struct vt_budget *b, const char *agency)
{
	size_t i;

	for (i = 0; b && i < b->ncontributions; i++)
		if (!strcmp(b->contributions[i].agency, agency))
			return &b->contributions[i];
	return NULL;
}

enum vt_err vt_funding_of(const struct vt_def *def, const char *year,
			  struct vt_funding *out)
{
	const struct vt_budget *b = vt_def_find(def, VT_KIND_BUDGET, year);
	const struct vt_budget *prev = NULL;
	struct vt_funding f;
	long long total = 0, budgeted = 0, actual = 0, known = 0, ptotal = 0;
	size_t i;

	if (!b)
		return VT_ENOTFOUND;
	memset(&f, 0, sizeof(f));
	f.year = b->year;
	f.note = b->note;
	f.previous_total = NAN;
	if (year_before(b->year, f.previous_year))
		prev = vt_def_find(def, VT_KIND_BUDGET, f.previous_year);
	if (!prev)
		f.previous_year[0] = '\0';
	f.shares = calloc(b->ncontributions ? b->ncontributions : 1,
			  sizeof(*f.shares));
	f.headings = calloc(b->nspend ? b->nspend : 1, sizeof(*f.headings));
	if (!f.shares || !f.headings) {
		vt_funding_release(&f);
		return VT_ENOMEM;
	}
	for (i = 0; i < b->ncontributions; i++)
		total += pence(b->contributions[i].amount);
	for (i = 0; i < b->ncontributions; i++) {
		const struct vt_budget_contribution *c = &b->contributions[i];
		const struct vt_budget_contribution *pc =
			contribution_of(prev, c->agency);
		struct vt_funding_share *s = &f.shares[f.nshares++];

		s->agency = c->agency;
		s->note = c->note;
		s->amount = (double)pence(c->amount) / 100.0;
		s->share = total ? 100.0 * (double)pence(c->amount) /
			   (double)total : NAN;
		s->previous = pc ? (double)pence(pc->amount) / 100.0 : NAN;
	}
	for (i = 0; i < b->nspend; i++) {
		const struct vt_budget_spend *sp = &b->spend[i];
		struct vt_funding_heading *h = &f.headings[f.nheadings++];

		h->heading = sp->heading;
		h->budgeted = (double)pence(sp->budgeted) / 100.0;
		budgeted += pence(sp->budgeted);
		h->actual = NAN;
		h->variance = NAN;
		if (!isnan(sp->actual)) {
			h->actual = (double)pence(sp->actual) / 100.0;
			h->variance = (double)(pence(sp->budgeted) -
					       pence(sp->actual)) / 100.0;
			actual += pence(sp->actual);
			known += pence(sp->budgeted);
			f.nknown++;
		}
	}
	for (i = 0; prev && i < prev->ncontributions; i++)
		ptotal += pence(prev->contributions[i].amount);
	if (prev)
		f.previous_total = (double)ptotal / 100.0;
	f.total = (double)total / 100.0;
	f.budgeted = (double)budgeted / 100.0;
	f.unallocated = (double)(total - budgeted) / 100.0;
	f.actual = (double)actual / 100.0;
	f.budgeted_known = (double)known / 100.0;
	f.variance = (double)(known - actual) / 100.0;
	*out = f;
	return VT_OK;
}

void vt_funding_release(struct vt_funding *f)
{
	if (!f)
		return;
	free(f->shares);
	free(f->headings);
	f->shares = NULL;
	f->headings = NULL;
	f->nshares = f->nheadings = 0;
}

void vt_funding_variance_text(double variance, char *out, size_t size)
{
	char money[48];
	long long p = pence(variance);

	if (!size)
		return;
	if (isnan(variance)) {
		snprintf(out, size, "not yet known");
		return;
	}
	if (!p) {
		snprintf(out, size, "on budget");
		return;
	}
	vt_money_text(p < 0 ? -variance : variance, money, sizeof(money));
	snprintf(out, size, "%s %s budget", money, p < 0 ? "over" : "under");
}

void vt_funding_sentence(const struct vt_funding *f, char *out, size_t size)
{
	char total[48], budgeted[48], rest[48], actual[48], known[48];
	char var[80], prev[48], diff[48];
	size_t n;

	if (!size)
		return;
	vt_money_text(f->total, total, sizeof(total));
	vt_money_text(f->budgeted, budgeted, sizeof(budgeted));
	vt_money_text(f->unallocated, rest, sizeof(rest));
	n = (size_t)snprintf(out, size, "The partners contributed %s in %s "
			     "and budgeted %s under %zu heading%s", total,
			     f->year, budgeted, f->nheadings,
			     f->nheadings == 1 ? "" : "s");
	if (n < size && pence(f->unallocated))
		n += (size_t)snprintf(out + n, size - n, " (%s not "
				      "allocated)", rest);
	if (n < size && !f->nknown)
		n += (size_t)snprintf(out + n, size - n, ". No spending is "
				      "known yet.");
	else if (n < size) {
		vt_money_text(f->actual, actual, sizeof(actual));
		vt_money_text(f->budgeted_known, known, sizeof(known));
		vt_funding_variance_text(f->variance, var, sizeof(var));
		if (f->nknown == f->nheadings)
			n += (size_t)snprintf(out + n, size - n, ". They spent "
					      "%s, %s.", actual, var);
		else
			n += (size_t)snprintf(out + n, size - n, ". They spent "
					      "%s against the %s budgeted for "
					      "the %zu heading%s known so "
					      "far, %s.", actual, known,
					      f->nknown, f->nknown == 1 ?
					      "" : "s", var);
	}
	if (n < size && !isnan(f->previous_total)) {
		double d = f->total - f->previous_total;

		vt_money_text(f->previous_total, prev, sizeof(prev));
		vt_money_text(fabs(d), diff, sizeof(diff));
		if (pence(d))
			snprintf(out + n, size - n, " In %s they contributed "
				 "%s, %s %s than this year.", f->previous_year,
				 prev, diff, d > 0 ? "less" : "more");
		else
			snprintf(out + n, size - n, " In %s they contributed "
				 "the same, %s.", f->previous_year, prev);
	}
}

json_t *vt_funding_json(const struct vt_funding *f)
{
	json_t *j, *cs, *ss, *one;
	size_t i;

	j = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		      "year", f->year,
		      "note", f->note ? json_string(f->note) : json_null(),
		      "total", vt_json_number(f->total),
		      "budgeted", vt_json_number(f->budgeted),
		      "unallocated", vt_json_number(f->unallocated),
		      "actual", vt_json_number(f->actual),
		      "variance", vt_json_number(f->variance),
		      "previous_year", f->previous_year[0] ?
		      json_string(f->previous_year) : json_null(),
		      "previous_total", vt_json_number(f->previous_total));
	if (!j)
		return NULL;
	/* A member set takes its value even when it fails. */
	cs = json_array();
	if (json_object_set_new(j, "contributions", cs))
		goto fail;
	ss = json_array();
	if (json_object_set_new(j, "spend", ss))
		goto fail;
	for (i = 0; i < f->nshares; i++) {
		const struct vt_funding_share *s = &f->shares[i];

		one = json_pack("{s:s, s:o, s:o, s:o, s:o}", "agency",
				s->agency, "amount", vt_json_number(s->amount),
				"share", vt_json_number(round(s->share * 10.0) /
							10.0),
				"previous", vt_json_number(s->previous),
				"note", s->note ? json_string(s->note) :
				json_null());
		if (json_array_append_new(cs, one))
			goto fail;
	}
	for (i = 0; i < f->nheadings; i++) {
		const struct vt_funding_heading *h = &f->headings[i];

		one = json_pack("{s:s, s:o, s:o, s:o}", "heading", h->heading,
				"budgeted", vt_json_number(h->budgeted),
				"actual", vt_json_number(h->actual),
				"variance", vt_json_number(h->variance));
		if (json_array_append_new(ss, one))
			goto fail;
	}
	return j;
fail:
	json_decref(j);
	return NULL;
}

/*
 * Digits with commas between thousands (or none), then at most two of
 * pence; a pound sign first may be typed.  Refused: signs, exponents,
 * "inf", more than two decimals.
 */
enum vt_err vt_money_parse(const char *text, double *out)
{
	char digits[64];
	size_t k = 0, i = 0, run = 0, dec = 0;
	bool point = false, comma = false;
	double v;

	if (!text)
		return VT_EINVAL;
	while (text[i] == ' ')
		i++;
	if (!strncmp(text + i, "\xc2\xa3", 2))
		i += 2;
	for (; text[i]; i++) {
		char c = text[i];

		if (c >= '0' && c <= '9') {
			if (point)
				dec++;
			else
				run++;
		} else if (c == ',' && !point &&
			   (comma ? run == 3 : run >= 1 && run <= 3)) {
			comma = true;
			run = 0;
			continue;
		} else if (c == '.' && !point && (run || k)) {
			if (comma && run != 3)
				return VT_EINVAL;
			point = true;
		} else if (c == ' ' && !text[i + strspn(text + i, " ")]) {
			break;
		} else {
			return VT_EINVAL;
		}
		if (k + 1 >= sizeof(digits))
			return VT_EINVAL;
		digits[k++] = c;
	}
	digits[k] = '\0';
	if (!k || (comma && !point && run != 3) || (point && !dec) ||
	    dec > 2)
		return VT_EINVAL;
	if (vt_parse_double(digits, &v) || !isfinite(v) ||
	    v > vt_unit_max(VT_UNIT_CURRENCY))
		return VT_EINVAL;
	*out = v;
	return VT_OK;
}
