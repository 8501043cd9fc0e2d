/* The report's parts on partnership funding: a year's contributions with each partner's share, and each heading's budget against what was spent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/funding.h"
#include "report/assurance.h"

static const char *agency_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *ag = vt_def_find(def, VT_KIND_AGENCY, code);

	return ag ? ag->name : code;
}

static void money(double v, char *out, size_t size)
{
	if (isnan(v))
		snprintf(out, size, "not yet known");
	else
		vt_money_text(v, out, size);
}

/* The contributions: a partner a row, its amount and share, and the year
   before's amount when there was a budget then; the total last. */
static enum vt_err contributions(struct vt_report_part *part,
				 const struct vt_def *def,
				 const struct vt_funding *f)
{
	bool before = f->previous_year[0] != '\0';
	size_t ncols = before ? 4 : 3, i, row;
	char cell[160];
	enum vt_err result;

	result = vt_part_table(part, ncols, f->nshares + 2);
	if (result)
		return result;
	snprintf(part->table.caption, sizeof(part->table.caption),
		 "Contributions to the pooled budget, %s", f->year);
	result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Partner");
	if (!result)
		result = vt_part_cell(part, 0, 1, VT_TONE_NONE, "Amount");
	if (!result)
		result = vt_part_cell(part, 0, 2, VT_TONE_NONE, "Share");
	if (!result && before) {
		snprintf(cell, sizeof(cell), "In %s", f->previous_year);
		result = vt_part_cell(part, 0, 3, VT_TONE_NONE, cell);
	}
	for (i = 0, row = 1; !result && i < f->nshares; i++, row++) {
		const struct vt_funding_share *s = &f->shares[i];

		result = vt_part_cell(part, row, 0, VT_TONE_NONE,
				      agency_name(def, s->agency));
		money(s->amount, cell, sizeof(cell));
		if (!result)
			result = vt_part_cell(part, row, 1, VT_TONE_NONE, cell);
		snprintf(cell, sizeof(cell), "%.1f%%",
			 isnan(s->share) ? 0.0 : s->share);
		if (!result)
			result = vt_part_cell(part, row, 2, VT_TONE_NONE, cell);
		if (isnan(s->previous))
			snprintf(cell, sizeof(cell), "none");
		else
			money(s->previous, cell, sizeof(cell));
		if (!result && before)
			result = vt_part_cell(part, row, 3, VT_TONE_NONE, cell);
	}
	if (!result)
		result = vt_part_cell(part, row, 0, VT_TONE_NONE, "Total");
	money(f->total, cell, sizeof(cell));
	if (!result)
		result = vt_part_cell(part, row, 1, VT_TONE_NONE, cell);
	if (!result)
		result = vt_part_cell(part, row, 2, VT_TONE_NONE,
				      f->nshares ? "100%" : "");
	money(f->previous_total, cell, sizeof(cell));
	if (!result && before)
		result = vt_part_cell(part, row, 3, VT_TONE_NONE, cell);
	return result;
}

enum vt_err vt_part_funding(struct vt_report_part *part,
			    const struct vt_def *def, const char *year)
{
	struct vt_funding f;
	size_t i;
	enum vt_err result = vt_funding_of(def, year, &f);

	if (result)
		return result;
	vt_funding_sentence(&f, part->sentence, sizeof(part->sentence));
	result = contributions(part, def, &f);
	for (i = 0; !result && i < f.nshares; i++)
		if (f.shares[i].note)
			result = vt_part_item(part, "%s: %s",
					      agency_name(def,
							  f.shares[i].agency),
					      f.shares[i].note);
	if (!result && f.note)
		snprintf(part->note, sizeof(part->note), "%s", f.note);
	vt_funding_release(&f);
	return result;
}

/* Under or on budget reads well, over budget poorly; the words say so
   as well, so the colour is never alone. */
static enum vt_report_tone tone_of(double variance)
{
	if (isnan(variance))
		return VT_TONE_NONE;
	return llround(variance * 100.0) < 0 ? VT_TONE_POOR : VT_TONE_GOOD;
}

enum vt_err vt_part_funding_spend(struct vt_report_part *part,
				  const struct vt_def *def, const char *year)
{
	struct vt_funding f;
	char a[64], b[64], words[96], rest[64];
	size_t i, row;
	enum vt_err result = vt_funding_of(def, year, &f);

	if (result)
		return result;
	vt_money_text(f.total, a, sizeof(a));
	vt_money_text(f.budgeted, b, sizeof(b));
	vt_money_text(f.unallocated, rest, sizeof(rest));
	if (!f.nknown) {
		snprintf(part->sentence, sizeof(part->sentence), "%s of the "
			 "%s pooled budget is budgeted under %zu heading%s; "
			 "no spending is known yet.", b, a, f.nheadings,
			 f.nheadings == 1 ? "" : "s");
	} else {
		char spent[64];

		vt_money_text(f.actual, spent, sizeof(spent));
		vt_funding_variance_text(f.variance, words, sizeof(words));
		char of[48] = "";

		if (f.nknown < f.nheadings)
			snprintf(of, sizeof(of), " (of %zu)", f.nheadings);
		snprintf(part->sentence, sizeof(part->sentence), "%s spent "
			 "under the %zu heading%s known%s, %s; %s of the %s "
			 "pooled budget is not allocated to a heading.",
			 spent, f.nknown, f.nknown == 1 ? "" : "s", of, words,
			 rest, a);
	}
	result = vt_part_table(part, 4, f.nheadings + 2);
	if (result)
		goto out;
	snprintf(part->table.caption, sizeof(part->table.caption),
		 "Budget against spending by heading, %s", f.year);
	result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Heading");
	if (!result)
		result = vt_part_cell(part, 0, 1, VT_TONE_NONE, "Budgeted");
	if (!result)
		result = vt_part_cell(part, 0, 2, VT_TONE_NONE, "Spent");
	if (!result)
		result = vt_part_cell(part, 0, 3, VT_TONE_NONE, "Variance");
	for (i = 0, row = 1; !result && i < f.nheadings; i++, row++) {
		const struct vt_funding_heading *h = &f.headings[i];

		result = vt_part_cell(part, row, 0, VT_TONE_NONE, h->heading);
		money(h->budgeted, a, sizeof(a));
		if (!result)
			result = vt_part_cell(part, row, 1, VT_TONE_NONE, a);
		money(h->actual, a, sizeof(a));
		if (!result)
			result = vt_part_cell(part, row, 2, VT_TONE_NONE, a);
		vt_funding_variance_text(h->variance, words, sizeof(words));
		if (!result)
			result = vt_part_cell(part, row, 3,
					      tone_of(h->variance), words);
	}
	if (!result)
		result = vt_part_cell(part, row, 0, VT_TONE_NONE, "Total");
	money(f.budgeted, a, sizeof(a));
	if (!result)
		result = vt_part_cell(part, row, 1, VT_TONE_NONE, a);
	money(f.nknown ? f.actual : NAN, a, sizeof(a));
	if (!result)
		result = vt_part_cell(part, row, 2, VT_TONE_NONE, a);
	vt_funding_variance_text(f.nknown ? f.variance : NAN, words,
				 sizeof(words));
	if (!result)
		result = vt_part_cell(part, row, 3, f.nknown ?
				      tone_of(f.variance) : VT_TONE_NONE,
				      words);
	if (!result && f.nknown && f.nknown < f.nheadings)
		snprintf(part->note, sizeof(part->note), "The total's "
			 "variance is of the headings whose spending is "
			 "known.");
out:
	vt_funding_release(&f);
	return result;
}

enum vt_err vt_assurance_funding(struct vt_report_assurance *a,
				 const struct vt_def *def, const char *year)
{
	struct vt_report_part *part;
	enum vt_err result;

	if (!vt_def_find(def, VT_KIND_BUDGET, year))
		return VT_ENOTFOUND;
	part = vt_part_add(a, "funding", "Partnership funding");
	if (!part)
		return VT_ENOMEM;
	result = vt_part_funding(part, def, year);
	if (result)
		return result;
	part = vt_part_add(a, "funding-spend", "Budget against spending");
	if (!part)
		return VT_ENOMEM;
	return vt_part_funding_spend(part, def, year);
}
