/* The pack's part on the multi-agency audit programme: planned, done and late in the reporting year to the pack's quarter, and the grades the audits gave. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/audits.h"
#include "vitals/strparse.h"
#include "report/assurance.h"

/* The quarters of the pack: its reporting year's first to its own (a
   year's pack: the whole year). */
static enum vt_err quarters_of(const char *period, int fy,
			       struct vt_period *from, struct vt_period *to)
{
	struct vt_period p;
	int start_q = (fy - 1) / 3 + 1;

	if (vt_period_parse(period, &p))
		return VT_EINVAL;
	if (p.kind == VT_PERIOD_YEAR) {
		from->kind = VT_PERIOD_QUARTER;
		from->year = p.year;
		from->index = start_q;
		*to = *from;
		to->year += start_q > 1;
		to->index = start_q > 1 ? start_q - 1 : 4;
		return VT_OK;
	}
	if (p.kind == VT_PERIOD_MONTH) {
		p.kind = VT_PERIOD_QUARTER;
		p.index = (p.index - 1) / 3 + 1;
	}
	*to = p;
	from->kind = VT_PERIOD_QUARTER;
	from->index = start_q;
	from->year = p.index >= start_q ? p.year : p.year - 1;
	return VT_OK;
}

static const char *theme_name(const struct vt_def *def, const char *code)
{
	const struct vt_theme *t = vt_def_find(def, VT_KIND_THEME, code);

	return t ? t->name : code;
}

static const char *agency_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *ag = vt_def_find(def, VT_KIND_AGENCY, code);

	return ag ? ag->name : code;
}

static bool in_range(const char *id, const char *from, const char *to)
{
	return id && strcmp(id, from) >= 0 && strcmp(id, to) <= 0;
}

/* "MAA-2026-01 (Neglect), planned for 2026-27 Q1: done 12 August 2026". */
static enum vt_err audit_item(struct vt_report_part *part,
			      const struct vt_def *def,
			      const struct vt_audit *au,
			      enum vt_audit_state st, int fy)
{
	char planned[VT_PERIOD_LABEL_MAX], done[VT_DATE_WORDS_MAX];
	struct vt_period q;

	if (vt_period_parse(au->planned, &q) ||
	    vt_period_label(&q, fy, planned))
		snprintf(planned, sizeof(planned), "%s", au->planned);
	if (st == VT_AUDIT_DONE) {
		vt_date_words(au->done, done);
		return vt_part_item(part, "%s (%s), planned for %s: done %s",
				    au->ref, theme_name(def, au->theme),
				    planned, done);
	}
	return vt_part_item(part, "%s (%s), planned for %s: %s", au->ref,
			    theme_name(def, au->theme), planned,
			    st == VT_AUDIT_LATE ? "late, not yet done"
			    : "not yet due");
}

/* The grades given in the audits done from day 'from' to day 'to': by
   grade, and by agency and grade. */
static enum vt_err grades(struct vt_report_part *part,
			  const struct vt_def *def,
			  const struct vt_partnership *p, const char *from,
			  const char *to, const char *range)
{
	size_t ngrades = vt_audit_grade_count(p), nag, i, j, g, row;
	size_t n = vt_def_count(def, VT_KIND_AUDIT), given = 0;
	size_t *counts = NULL, *by_agency = NULL;
	struct vt_report_chart *c;
	char words[80];
	enum vt_err result = VT_OK;

	nag = vt_def_count(def, VT_KIND_AGENCY);
	counts = calloc(ngrades + 1, sizeof(*counts));
	by_agency = calloc((nag + 1) * (ngrades + 1), sizeof(*by_agency));
	if (!counts || !by_agency) {
		result = VT_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct vt_audit *au = vt_def_at(def, VT_KIND_AUDIT, i);

		if (!au->done || strcmp(au->done, from) < 0 ||
		    strcmp(au->done, to) > 0)
			continue;
		for (j = 0; j < au->ngrades; j++) {
			size_t ag;

			for (g = 0; g < ngrades; g++)
				if (!strcmp(au->grades[j].grade,
					    vt_audit_grade_at(p, g)))
					break;
			if (g == ngrades)
				continue;
			for (ag = 0; ag < nag; ag++) {
				const struct vt_agency *a =
					vt_def_at(def, VT_KIND_AGENCY, ag);

				if (!strcmp(a->code, au->grades[j].agency))
					break;
			}
			counts[g]++;
			by_agency[ag * (ngrades + 1) + g]++;
			given++;
		}
	}
	if (!given)
		goto out;
	c = vt_part_chart(part, ngrades);
	if (!c) {
		result = VT_ENOMEM;
		goto out;
	}
	snprintf(c->title, sizeof(c->title), "Grades given in audits done, "
		 "%s", range);
	for (g = 0; g < ngrades; g++) {
		vt_words_of_code(vt_audit_grade_at(p, g), words, sizeof(words));
		vt_part_bar(c, g, words, counts[g]);
	}
	/* The table: an agency a row, a grade a column, those that graded. */
	for (i = 0, row = 1; i < nag; i++)
		for (g = 0; g < ngrades; g++)
			if (by_agency[i * (ngrades + 1) + g]) {
				row++;
				break;
			}
	result = vt_part_table(part, ngrades + 1, row);
	snprintf(part->table.caption, sizeof(part->table.caption), "Grades "
		 "by agency in audits done, %s", range);
	if (!result)
		result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Agency");
	for (g = 0; !result && g < ngrades; g++) {
		vt_words_of_code(vt_audit_grade_at(p, g), words, sizeof(words));
		result = vt_part_cell(part, 0, g + 1, VT_TONE_NONE, words);
	}
	for (i = 0, row = 1; !result && i < nag; i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);
		size_t *line = &by_agency[i * (ngrades + 1)];

		for (g = 0; g < ngrades && !line[g]; g++)
			;
		if (g == ngrades)
			continue;
		result = vt_part_cell(part, row, 0, VT_TONE_NONE,
				      agency_name(def, a->code));
		for (g = 0; !result && g < ngrades; g++) {
			snprintf(words, sizeof(words), "%zu", line[g]);
			result = vt_part_cell(part, row, g + 1, VT_TONE_NONE,
					      words);
		}
		row++;
	}
out:
	free(counts);
	free(by_agency);
	return result;
}

/* The four quarters to the pack's, a year whatever quarter of the
   reporting year the pack is: their first and last days and words. */
struct rolling {
	char first[11], last[11];
	char range[2 * VT_PERIOD_LABEL_MAX + 16];
};

static enum vt_err rolling_year(const struct vt_period *to, int fy,
				struct rolling *out)
{
	struct vt_period from = *to;
	struct vt_date d0, d1;
	char from_label[VT_PERIOD_LABEL_MAX], to_label[VT_PERIOD_LABEL_MAX];
	int i;

	for (i = 0; i < 3; i++)
		from = vt_period_prev(&from);
	if (vt_period_first_day(&from, fy, &d0) ||
	    vt_period_last_day(to, fy, &d1) ||
	    vt_period_label(&from, fy, from_label) ||
	    vt_period_label(to, fy, to_label))
		return VT_EINVAL;
	vt_date_format(&d0, out->first);
	vt_date_format(&d1, out->last);
	snprintf(out->range, sizeof(out->range), "%s to %s", from_label,
		 to_label);
	return VT_OK;
}

enum vt_err vt_assurance_audits(struct vt_report *r,
				const struct vt_partnership *p)
{
	int fy = p ? (int)p->fy_start_month : 4;
	struct vt_period from, to;
	char from_id[VT_PERIOD_ID_MAX], to_id[VT_PERIOD_ID_MAX];
	char from_label[VT_PERIOD_LABEL_MAX], to_label[VT_PERIOD_LABEL_MAX];
	char range[2 * VT_PERIOD_LABEL_MAX + 16];
	struct vt_audit_programme prog;
	struct vt_report_part *part;
	struct rolling year;
	size_t i, n = vt_def_count(r->def, VT_KIND_AUDIT);
	enum vt_err result;

	if (quarters_of(r->period, fy, &from, &to))
		return VT_OK;	/* no quarter to count in */
	if (rolling_year(&to, fy, &year))
		return VT_EINVAL;
	vt_period_format(&from, from_id);
	vt_period_format(&to, to_id);
	if (vt_period_label(&from, fy, from_label) ||
	    vt_period_label(&to, fy, to_label))
		return VT_EINVAL;
	if (!strcmp(from_id, to_id))
		snprintf(range, sizeof(range), "%s", to_label);
	else
		snprintf(range, sizeof(range), "%s to %s", from_label,
			 to_label);
	part = vt_part_add(&r->assurance, "audits", "Multi-agency audits");
	if (!part)
		return VT_ENOMEM;
	if (!n) {
		snprintf(part->sentence, sizeof(part->sentence), "No audits "
			 "are in the programme.");
		return VT_OK;
	}
	result = vt_audit_programme_count(r->def, from_id, to_id, r->today,
					  &prog);
	if (result)
		return result;
	snprintf(part->sentence, sizeof(part->sentence), "%s: %zu audit%s "
		 "planned, %zu done, %zu late, %zu not yet due.", range,
		 prog.planned, prog.planned == 1 ? "" : "s",
		 prog.counts[VT_AUDIT_DONE], prog.counts[VT_AUDIT_LATE],
		 prog.counts[VT_AUDIT_PLANNED]);
	/* Those of the range, any still late from before it, and those done
	   in the year to the pack's quarter. */
	for (i = 0; i < n; i++) {
		const struct vt_audit *au = vt_def_at(r->def, VT_KIND_AUDIT, i);
		enum vt_audit_state st;

		if (vt_audit_state_on(au, r->today, &st))
			continue;
		if (!in_range(au->planned, from_id, to_id) &&
		    !(st == VT_AUDIT_LATE && strcmp(au->planned, from_id) < 0) &&
		    !(st == VT_AUDIT_DONE && strcmp(au->done, year.first) >= 0 &&
		      strcmp(au->done, year.last) <= 0))
			continue;
		result = audit_item(part, r->def, au, st, fy);
		if (result)
			return result;
	}
	return grades(part, r->def, p, year.first, year.last, year.range);
}
