/* The pack's parts on section 11 self-assessments (the heat map of the latest cycle), the voice of children and families in the pack's quarter, and the measures several agencies contribute to (training take-up among them). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/returns.h"
#include "vitals/s11.h"
#include "vitals/spc.h"
#include "vitals/voice.h"
#include "report/assurance.h"

static const char *agency_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *ag = vt_def_find(def, VT_KIND_AGENCY, code);

	return ag ? ag->name : code;
}

static const char *theme_name(const struct vt_def *def, const char *code)
{
	const struct vt_theme *t = vt_def_find(def, VT_KIND_THEME, code);

	return t ? t->name : code;
}

/* ------------------------------------------------------------------ */
/* Section 11 */

/* Ratings as a board member reads them, by vt_s11_grade_names. */
static const char *const rating_words[VT_S11__MAX] = {
	"Met", "Partly met", "Not met" };
static const enum vt_report_tone rating_tones[VT_S11__MAX] = {
	VT_TONE_GOOD, VT_TONE_MIDDLING, VT_TONE_POOR };

static const char *words_of(int rating)
{
	return rating >= 0 && rating < VT_S11__MAX ? rating_words[rating]
	       : "not rated";
}

/* The latest cycle of the register with a self-assessment submitted. */
static const char *latest_cycle(const struct vt_def *def)
{
	size_t i, n = vt_def_count(def, VT_KIND_S11);
	const char *latest = NULL;

	for (i = 0; i < n; i++) {
		const struct vt_s11 *a = vt_def_at(def, VT_KIND_S11, i);

		if (a->submitted && (!latest || strcmp(a->cycle, latest) > 0))
			latest = a->cycle;
	}
	return latest;
}

/* The standards' names under the table, which heads them by code. */
static void key(struct vt_report_part *part, const struct vt_s11_heatmap *hm)
{
	size_t used = (size_t)snprintf(part->note, sizeof(part->note),
				       "The standards:"), i;

	for (i = 1; i <= hm->nstandards && used < sizeof(part->note); i++) {
		const struct vt_s11_standard *st =
			vt_s11_standard_at(hm->partnership, i);

		used += (size_t)snprintf(part->note + used,
					 sizeof(part->note) - used, "%s %s: %s",
					 i > 1 ? ";" : "", st->code, st->name);
	}
	if (used < sizeof(part->note) - 1)
		snprintf(part->note + used, sizeof(part->note) - used, ".");
}

/* The heat map as the part's table: an agency a row, a standard a
   column, then the counts of each rating per standard. */
static enum vt_err heat_table(struct vt_report_part *part,
			      const struct vt_def *def,
			      const struct vt_s11_heatmap *hm)
{
	size_t ns = hm->nstandards, row, col, g;
	char text[64];
	enum vt_err result = vt_part_table(part, ns + 1,
					   1 + hm->nrows + VT_S11__MAX);

	snprintf(part->table.caption, sizeof(part->table.caption), "Section "
		 "11 ratings, %s, by agency and standard (S1 to S%zu), with "
		 "any change since the agency's previous cycle", hm->cycle, ns);
	if (!result)
		result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Agency");
	for (col = 0; !result && col < ns; col++)
		result = vt_part_cell(part, 0, col + 1, VT_TONE_NONE,
				      vt_s11_standard_at(hm->partnership,
							 col + 1)->code);
	for (row = 0; !result && row < hm->nrows; row++) {
		const struct vt_s11_row *r = &hm->rows[row];

		result = vt_part_cell(part, row + 1, 0, VT_TONE_NONE,
				      agency_name(def, r->s11->agency));
		for (col = 0; !result && col < ns; col++) {
			const struct vt_s11_cell *c = &r->cells[col];

			if (c->rating < 0 || c->rating >= VT_S11__MAX) {
				result = vt_part_cell(part, row + 1, col + 1,
						      VT_TONE_NONE,
						      "Not rated");
				continue;
			}
			snprintf(text, sizeof(text), "%s%s",
				 rating_words[c->rating],
				 c->trend == VT_S11_BETTER ? " (better)" :
				 c->trend == VT_S11_WORSE ? " (worse)" : "");
			result = vt_part_cell(part, row + 1, col + 1,
					      rating_tones[c->rating], text);
		}
	}
	for (g = 0; !result && g < VT_S11__MAX; g++) {
		row = 1 + hm->nrows + g;
		snprintf(text, sizeof(text), "%s (agencies)", rating_words[g]);
		result = vt_part_cell(part, row, 0, VT_TONE_NONE, text);
		for (col = 0; !result && col < ns; col++) {
			snprintf(text, sizeof(text), "%zu", hm->counts[col][g]);
			result = vt_part_cell(part, row, col + 1, VT_TONE_NONE,
					      text);
		}
	}
	if (!result)
		key(part, hm);
	return result;
}

enum vt_err vt_assurance_s11(struct vt_report *r)
{
	const struct vt_agency **missing = NULL;
	struct vt_s11_heatmap hm;
	struct vt_report_part *part;
	struct vt_report_chart *c;
	const char *cycle = latest_cycle(r->def);
	size_t nmissing = 0, i, col, total[VT_S11__MAX] = { 0 };
	size_t nagencies = vt_def_count(r->def, VT_KIND_AGENCY);
	enum vt_err result;

	part = vt_part_add(&r->assurance, "s11", "Section 11 self-assessments");
	if (!part)
		return VT_ENOMEM;
	if (!cycle) {
		snprintf(part->sentence, sizeof(part->sentence), "No section "
			 "11 self-assessment has been submitted.");
		return VT_OK;
	}
	result = vt_s11_heatmap(r->def, cycle, &hm);
	if (result)
		return result;
	result = vt_s11_missing(r->def, cycle, &missing, &nmissing);
	for (col = 0; !result && col < hm.nstandards; col++)
		for (i = 0; i < VT_S11__MAX; i++)
			total[i] += hm.counts[col][i];
	if (!result)
		snprintf(part->sentence, sizeof(part->sentence), "Cycle %s: "
			 "%zu of %zu agencies have returned their "
			 "self-assessment. Of their ratings, %zu standards "
			 "are met, %zu partly met and %zu not met.", cycle,
			 nagencies - nmissing, nagencies, total[VT_S11_MET],
			 total[VT_S11_PARTLY_MET], total[VT_S11_NOT_MET]);
	for (i = 0; !result && i < nmissing; i++)
		result = vt_part_item(part, "Not returned: %s",
				      missing[i]->name);
	for (i = 0; !result && i < hm.nrows; i++) {
		const struct vt_s11 *a = hm.rows[i].s11;
		size_t k;

		for (k = 0; !result && k < a->nchanges; k++)
			result = vt_part_item(part, "Changed at challenge: %s, "
					      "%s from %s to %s",
					      agency_name(r->def, a->agency),
					      a->changes[k].standard,
					      words_of(a->changes[k].from),
					      words_of(a->changes[k].to));
	}
	if (!result && (c = vt_part_chart(part, VT_S11__MAX)) == NULL)
		result = VT_ENOMEM;
	if (!result) {
		snprintf(c->title, sizeof(c->title), "Section 11 ratings, %s, "
			 "every agency and standard", cycle);
		for (i = 0; i < VT_S11__MAX; i++)
			vt_part_bar(c, i, rating_words[i], total[i]);
		result = heat_table(part, r->def, &hm);
	}
	free(missing);
	vt_s11_heatmap_release(&hm);
	return result;
}

/* ------------------------------------------------------------------ */
/* Voice */

/* A method as a board member reads it, by vt_voice_method_names. */
static const char *method_words(int method)
{
	static const char *const words[] = {
		"survey", "focus group", "interviews", "consultation",
		"feedback", "advocacy", "other" };

	return method >= 0 && method < (int)(sizeof(words) / sizeof(*words))
	       ? words[method] : "other";
}

enum vt_err vt_assurance_voice(struct vt_report *r)
{
	struct vt_voice_quarters q;
	const struct vt_voice_quarter *now = NULL;
	struct vt_report_part *part;
	struct vt_report_chart *c;
	char label[VT_PERIOD_LABEL_MAX], period[VT_PERIOD_ID_MAX];
	size_t i, n = vt_def_count(r->def, VT_KIND_VOICE), nthemes = 0;
	enum vt_err result;

	part = vt_part_add(&r->assurance, "voice", "Voice of children, young "
			   "people and families");
	if (!part)
		return VT_ENOMEM;
	result = vt_voice_quarters(r->def, &q);
	if (result)
		return result;
	for (i = 0; i < q.nquarters; i++)
		if (!strcmp(q.quarters[i].period, r->period))
			now = &q.quarters[i];
	snprintf(label, sizeof(label), "%s", r->label);
	if (!now || !now->reports)
		snprintf(part->sentence, sizeof(part->sentence), "No voice "
			 "report is dated in %s.", label);
	else
		snprintf(part->sentence, sizeof(part->sentence), "%zu report%s "
			 "in %s, hearing from %lld children, young people and "
			 "family members.", now->reports,
			 now->reports == 1 ? "" : "s", label,
			 (long long)now->participants);
	for (i = 0; !result && i < n; i++) {
		const struct vt_voice *v = vt_def_at(r->def, VT_KIND_VOICE, i);

		if (vt_voice_quarter(v, period) || strcmp(period, r->period))
			continue;
		result = vt_part_item(part, "%s: %s (%s, %lld taking part). "
				      "What changed: %s", v->ref, v->title,
				      method_words(v->method),
				      (long long)v->participants,
				      v->changed && *v->changed ? v->changed
				      : "not yet recorded");
	}
	for (i = 0; now && i < q.nthemes; i++)
		if (now->by_theme[i])
			nthemes++;
	if (!result && nthemes) {
		c = vt_part_chart(part, nthemes);
		if (!c)
			result = VT_ENOMEM;
		else {
			size_t k = 0;

			snprintf(c->title, sizeof(c->title), "Voice reports in "
				 "%s by theme", label);
			for (i = 0; i < q.nthemes; i++)
				if (now->by_theme[i])
					vt_part_bar(c, k++, theme_name(r->def,
						    q.themes[i]),
						    now->by_theme[i]);
		}
	}
	vt_voice_quarters_release(&q);
	return result;
}

/* ------------------------------------------------------------------ */
/* Measures with contributors */

/* A figure as the pack prints it, with its % when a percentage. */
static const char *figure(const struct vt_report *r,
			  const struct vt_measure *m, double v, char buf[40])
{
	char n[32];

	vt_report_figure(r, m, v, n);
	snprintf(buf, 40, "%s%s", n, m->unit == VT_UNIT_PERCENT &&
		 strcmp(n, "-") ? "%" : "");
	return buf;
}

static bool multi_agency(const struct vt_measure *m)
{
	return m->ncontributors > 0;
}

enum vt_err vt_assurance_contributions(struct vt_report *r)
{
	size_t nm = vt_def_count(r->def, VT_KIND_MEASURE), i, j, k, cols = 0;
	struct vt_report_part *part = NULL;
	const struct vt_measure **ms = NULL;
	const char **agencies = NULL;
	size_t nag = 0;
	char buf[40], text[300];
	enum vt_err result = VT_OK;

	for (i = 0; i < nm; i++)
		if (multi_agency(vt_def_at(r->def, VT_KIND_MEASURE, i)))
			cols++;
	if (!cols)
		return VT_OK;
	part = vt_part_add(&r->assurance, "contributions", "Measures several "
			   "agencies contribute to");
	ms = calloc(cols, sizeof(*ms));
	agencies = calloc(vt_def_count(r->def, VT_KIND_AGENCY) + 1,
			  sizeof(*agencies));
	if (!part || !ms || !agencies) {
		result = VT_ENOMEM;
		goto out;
	}
	for (i = 0, k = 0; i < nm; i++) {
		const struct vt_measure *m = vt_def_at(r->def, VT_KIND_MEASURE,
						       i);

		if (!multi_agency(m))
			continue;
		ms[k++] = m;
		/* Every contributor once, in the order first named. */
		for (j = 0; j < m->ncontributors; j++) {
			size_t a;

			for (a = 0; a < nag; a++)
				if (!strcmp(agencies[a],
					    m->contributors[j].agency))
					break;
			if (a == nag)
				agencies[nag++] = m->contributors[j].agency;
		}
	}
	snprintf(part->sentence, sizeof(part->sentence), "%zu measure%s in "
		 "%s, each agency returning its part; the partnership's "
		 "figure is their sum, or the sum of their numerators over "
		 "the sum of their denominators.", cols, cols == 1 ? "" : "s",
		 r->label);
	for (k = 0; !result && k < cols; k++) {
		struct vt_partnership_series s;
		const struct vt_partnership_figure *f;
		size_t off = 0, nv;
		const struct vt_value *const *vs =
			vt_value_index_find(&r->values, ms[k]->code, &nv);

		result = vt_measure_partnership(ms[k], vs, nv, &s);
		if (result)
			break;
		f = vt_partnership_figure_of(&s, r->period);
		if (!f) {
			snprintf(text, sizeof(text), "no part returned yet");
		} else if (f->complete && !isnan(f->value)) {
			snprintf(text, sizeof(text), "%s for the partnership",
				 figure(r, ms[k], f->value, buf));
		} else {
			off = (size_t)snprintf(text, sizeof(text), "incomplete"
					       ", %zu of %zu parts in; "
					       "missing", f->parts,
					       ms[k]->ncontributors);
			for (j = 0; j < f->nmissing && off < sizeof(text); j++)
				off += (size_t)snprintf(text + off,
					sizeof(text) - off, "%s %s",
					j ? "," : "",
					agency_name(r->def, f->missing[j]));
		}
		result = vt_part_item(part, "%s %s: %s", ms[k]->code,
				      ms[k]->title, text);
		vt_partnership_series_release(&s);
	}
	/* Each agency's part of each measure in the pack's period. */
	if (!result)
		result = vt_part_table(part, cols + 1, nag + 1);
	if (!result) {
		snprintf(part->table.caption, sizeof(part->table.caption),
			 "Each agency's part, %s", r->label);
		result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Agency");
	}
	for (k = 0; !result && k < cols; k++)
		result = vt_part_cell(part, 0, k + 1, VT_TONE_NONE,
				      ms[k]->code);
	for (j = 0; !result && j < nag; j++) {
		result = vt_part_cell(part, j + 1, 0, VT_TONE_NONE,
				      agency_name(r->def, agencies[j]));
		for (k = 0; !result && k < cols; k++) {
			const struct vt_value *v;
			const struct vt_value *const *vs;
			size_t nv;

			if (!vt_measure_contributor(ms[k], agencies[j])) {
				result = vt_part_cell(part, j + 1, k + 1,
						      VT_TONE_NONE, "");
				continue;
			}
			vs = vt_value_index_find(&r->values, ms[k]->code,
						 &nv);
			v = vt_value_latest_among(vs, nv, ms[k]->code,
						  r->period, agencies[j], 0);
			result = vt_part_cell(part, j + 1, k + 1, VT_TONE_NONE,
					      v ? figure(r, ms[k], v->value,
					      buf) : "Not returned");
		}
	}
out:
	free(ms);
	free(agencies);
	return result;
}
