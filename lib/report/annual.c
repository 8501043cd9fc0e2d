/* The annual report's model: the year's sections in order, each a list of the pack's parts, with counts from 1 to 4 hidden when published. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/annual.h"
#include "vitals/narrative.h"
#include "vitals/planlife.h"
#include "vitals/strparse.h"
#include "report/assurance.h"

static const char *const headings[VT_ANNUAL__MAX] = {
	[VT_ANNUAL_FOREWORD] = "Foreword",
	[VT_ANNUAL_SUMMARY] = "Summary",
	[VT_ANNUAL_ARRANGEMENTS] = "The arrangements",
	[VT_ANNUAL_PLANS] = "Our plans and priorities: progress",
	[VT_ANNUAL_IMPACT] = "Impact assessment: what changed for children",
	[VT_ANNUAL_REVIEWS] = "Case reviews and their learning",
	[VT_ANNUAL_AUDITS] = "Audits and section 11",
	[VT_ANNUAL_ESCALATIONS] = "Escalations",
	[VT_ANNUAL_SCRUTINY] = "Independent scrutiny",
	[VT_ANNUAL_TRAINING] = "Multi-agency training and take-up",
	[VT_ANNUAL_FUNDING] = "Funding",
	[VT_ANNUAL_NEXT_YEAR] = "Next year's priorities",
};

const char *vt_annual_count(const struct vt_annual *a, size_t n,
			    char buf[32])
{
	if (a->publish && n >= 1 && n <= VT_REPORT_SMALL_COUNT)
		return "<5";
	snprintf(buf, 32, "%zu", n);
	return buf;
}

static bool small(const struct vt_annual *a, size_t n)
{
	return a->publish && n >= 1 && n <= VT_REPORT_SMALL_COUNT;
}

/*
 * A total of counts some of which the published report hides: withheld
 * too, else the hidden one is the total less the others shown
 * (docs/disclosure.md, secondary suppression).
 */
static const char *total(const struct vt_annual *a, size_t n,
			 bool part_hidden, char buf[32])
{
	if (part_hidden && !small(a, n))
		return "not published (a part of it is below 5)";
	return vt_annual_count(a, n, buf);
}

/* A heading made for a part, kept until the report is released. */
static const char *keep(struct vt_annual *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *keep(struct vt_annual *a, const char *fmt, ...)
{
	char buf[400], *copy, **grown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	grown = realloc(a->strings, (a->nstrings + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	a->strings = grown;
	copy = strdup(buf);
	if (!copy)
		return NULL;
	a->strings[a->nstrings++] = copy;
	return copy;
}

/* A part of section 's', its id ("priority-3") unique in the report:
   the HTML's tables are known by it. */
static struct vt_report_part *add(struct vt_annual *a,
				  struct vt_annual_section *s,
				  const char *id, const char *heading)
{
	const char *unique = keep(a, "%s-%s-%zu", vt_annual_key_names[s->key],
				  id, s->body.nparts + 1);

	return heading && unique ? vt_part_add(&s->body, unique, heading)
				 : NULL;
}

static bool in_days(const struct vt_annual *a, const char *day)
{
	return day && strncmp(day, a->from, 10) >= 0 &&
		strncmp(day, a->to, 10) <= 0;
}

static bool in_quarters(const struct vt_annual *a, const char *q)
{
	return q && strcmp(q, a->quarters[0]) >= 0 &&
		strcmp(q, a->quarters[3]) <= 0;
}

static const char *agency_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *ag = code ? vt_def_find(def, VT_KIND_AGENCY,
							code) : NULL;

	return ag ? ag->name : code ? code : "";
}

static const char *theme_name(const struct vt_def *def, const char *code)
{
	const struct vt_theme *t = code ? vt_def_find(def, VT_KIND_THEME,
						      code) : NULL;

	return t ? t->name : code ? code : "";
}

/* A plan is in the year when its dates cover some of it, or it has
   none. */
/* ===== The arrangements ================================================= */

static enum vt_err arrangements(struct vt_annual *a,
				struct vt_annual_section *s)
{
	const struct vt_def *def = a->def;
	const struct vt_partnership *p = vt_def_count(def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0)
		: NULL;
	size_t i, j, n = vt_def_count(def, VT_KIND_AGENCY), k;
	size_t ng = vt_def_count(def, VT_KIND_GROUP);
	struct vt_report_part *part;
	enum vt_err result = VT_OK;
	char words[80];

	part = add(a, s, "partners", "Statutory partners and relevant agencies");
	if (!part)
		return VT_ENOMEM;
	snprintf(part->sentence, sizeof(part->sentence), "%s%s%s%s works "
		 "with %s agenc%s: the statutory partners lead it and the "
		 "relevant agencies take part.", p ? p->name : "The "
		 "partnership", p && p->area ? ", covering " : "",
		 p && p->area ? p->area : "", p && p->area ? "," : "",
		 vt_annual_count(a, n, words),
		 n == 1 ? "y" : "ies");
	if (n) {
		result = vt_part_table(part, 3, n + 1);
		snprintf(part->table.caption, sizeof(part->table.caption),
			 "The agencies of the arrangements");
		if (!result)
			result = vt_part_cell(part, 0, 0, VT_TONE_NONE,
					      "Agency");
		if (!result)
			result = vt_part_cell(part, 0, 1, VT_TONE_NONE,
					      "Sector");
		if (!result)
			result = vt_part_cell(part, 0, 2, VT_TONE_NONE,
					      "Role in the arrangements");
		for (k = 0, i = 0; !result && k < 2; k++)
			for (j = 0; !result && j < n; j++) {
				const struct vt_agency *ag = vt_def_at(def,
					VT_KIND_AGENCY, j);

				if ((ag->kind == VT_AGENCY_STATUTORY_PARTNER)
				    != (k == 0))
					continue;
				i++;
				result = vt_part_cell(part, i, 0,
						      VT_TONE_NONE, ag->name);
				vt_words_of_code(vt_sector_names[ag->sector],
						 words, sizeof(words));
				if (!result)
					result = vt_part_cell(part, i, 1,
						VT_TONE_NONE, words);
				if (!result)
					result = vt_part_cell(part, i, 2,
						VT_TONE_NONE, k == 0 ?
						"Statutory partner" :
						"Relevant agency");
			}
	}
	if (result)
		return result;
	part = add(a, s, "groups", "The groups and whom each reports to");
	if (!part)
		return VT_ENOMEM;
	if (!ng) {
		snprintf(part->sentence, sizeof(part->sentence), "No group "
			 "of the partnership is recorded.");
		return VT_OK;
	}
	result = vt_part_table(part, 4, ng + 1);
	snprintf(part->table.caption, sizeof(part->table.caption),
		 "Boards, sub-groups and panels");
	if (!result)
		result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Group");
	if (!result)
		result = vt_part_cell(part, 0, 1, VT_TONE_NONE, "Chair");
	if (!result)
		result = vt_part_cell(part, 0, 2, VT_TONE_NONE, "Meets");
	if (!result)
		result = vt_part_cell(part, 0, 3, VT_TONE_NONE, "Reports to");
	for (i = 0; !result && i < ng; i++) {
		const struct vt_group *g = vt_def_at(def, VT_KIND_GROUP, i);
		const struct vt_group *to = g->reports_to ?
			vt_def_find(def, VT_KIND_GROUP, g->reports_to) : NULL;

		vt_words_of_code(vt_cadence_names[g->cadence], words,
				 sizeof(words));
		result = vt_part_cell(part, i + 1, 0, VT_TONE_NONE, g->name);
		if (!result)
			result = vt_part_cell(part, i + 1, 1, VT_TONE_NONE,
					      g->chair ? g->chair : "");
		if (!result)
			result = vt_part_cell(part, i + 1, 2, VT_TONE_NONE,
					      words);
		if (!result)
			result = vt_part_cell(part, i + 1, 3, VT_TONE_NONE,
					      to ? to->name : "-");
	}
	return result;
}

/* ===== Plans and priorities ============================================= */

/* The pack's measure of 'm'. */
static const struct vt_report_measure *
pack_measure(const struct vt_annual *a, const struct vt_measure *m)
{
	size_t i;

	for (i = 0; i < a->pack.nmeasures; i++)
		if (a->pack.measures[i].measure == m)
			return &a->pack.measures[i];
	return NULL;
}

/* The measure's figure for each quarter of the year (a month's: the
   latest of its quarter), NaN when none. */
static enum vt_err quarter_values(const struct vt_annual *a,
				  const struct vt_report_measure *rm,
				  double v[4])
{
	struct vt_report_row *rows = NULL;
	size_t n = 0, i, q;
	enum vt_err result;

	for (q = 0; q < 4; q++)
		v[q] = NAN;
	if (!rm)
		return VT_OK;
	result = vt_report_rows(rm, &rows, &n);
	if (result)
		return result;
	for (i = 0; i < n; i++) {
		struct vt_period p;
		char id[VT_PERIOD_ID_MAX];

		if (!rows[i].point || vt_period_parse(rows[i].period, &p))
			continue;
		if (p.kind == VT_PERIOD_MONTH) {
			p.kind = VT_PERIOD_QUARTER;
			p.index = (p.index - 1) / 3 + 1;
		}
		if (p.kind != VT_PERIOD_QUARTER)
			continue;
		vt_period_format(&p, id);
		for (q = 0; q < 4; q++)
			if (!strcmp(id, a->quarters[q]))
				v[q] = rows[i].point->value;
	}
	free(rows);
	return VT_OK;
}

/* The direction of travel over the year: the first quarter's figure
   against the last's, read by the measure's direction. */
static const char *travel(const struct vt_measure *m, const double v[4])
{
	double first = NAN, last = NAN;
	size_t q;

	for (q = 0; q < 4; q++)
		if (!isnan(v[q])) {
			if (isnan(first))
				first = v[q];
			last = v[q];
		}
	if (isnan(first) || first == last)
		return isnan(first) ? "no figures" : "no change";
	if (m->direction == VT_DIRECTION_NONE)
		return last > first ? "up" : "down";
	if ((last < first) == (m->direction == VT_DIRECTION_REDUCE))
		return "improving";
	return "deteriorating";
}

static const char *const measure_cols[] = {
	"Measure", NULL, NULL, NULL, NULL, "Direction of travel", "Target",
	"England", "Neighbours"
};
/* The columns of a measures' table: the comparators' only when a
   measure of it has them. */
#define MEASURE_COLS 9
#define MEASURE_COLS_OWN 7

static bool compared(const struct vt_report_measure *rm)
{
	return rm && (!isnan(rm->status.cmp.england) ||
		      !isnan(rm->status.cmp.neighbours));
}

static enum vt_err measure_row(struct vt_annual *a,
			       struct vt_report_part *part, size_t row,
			       const struct vt_measure *m)
{
	const struct vt_report_measure *rm = pack_measure(a, m);
	char buf[32], title[300];
	double v[4];
	size_t q;
	enum vt_err result = quarter_values(a, rm, v);
	const char *dir = travel(m, v);

	snprintf(title, sizeof(title), "%s (%s)", m->title, m->code);
	if (!result)
		result = vt_part_cell(part, row, 0, VT_TONE_NONE, title);
	for (q = 0; !result && q < 4; q++)
		result = vt_part_cell(part, row, q + 1, VT_TONE_NONE,
				      vt_report_figure(&a->pack, m, v[q],
						       buf));
	if (!result)
		result = vt_part_cell(part, row, 5, !strcmp(dir, "improving")
				      ? VT_TONE_GOOD : !strcmp(dir,
				      "deteriorating") ? VT_TONE_POOR :
				      VT_TONE_NONE, dir);
	if (!result)
		result = vt_part_cell(part, row, 6, VT_TONE_NONE,
				      isnan(m->target) ? "-" :
				      vt_report_number(m->target, buf));
	if (part->table.ncols < MEASURE_COLS)
		return result;
	if (!result)
		result = vt_part_cell(part, row, 7, VT_TONE_NONE,
				      rm && !isnan(rm->status.cmp.england) ?
				      vt_report_number(rm->status.cmp.england,
						       buf) : "-");
	if (!result)
		result = vt_part_cell(part, row, 8, VT_TONE_NONE,
				      rm && !isnan(rm->status.cmp.neighbours)
				      ? vt_report_number(
				      rm->status.cmp.neighbours, buf) : "-");
	return result;
}

/* A table of 'ms' (n of them) with the year's quarters. */
static enum vt_err measures_table(struct vt_annual *a,
				  struct vt_report_part *part,
				  const struct vt_measure **ms, size_t n,
				  const char *caption)
{
	size_t c, i, ncols = MEASURE_COLS_OWN;
	enum vt_err result;

	for (i = 0; i < n; i++)
		if (compared(pack_measure(a, ms[i])))
			ncols = MEASURE_COLS;
	result = vt_part_table(part, ncols, n + 1);
	snprintf(part->table.caption, sizeof(part->table.caption), "%s",
		 caption);
	for (c = 0; !result && c < ncols; c++)
		result = vt_part_cell(part, 0, c, VT_TONE_NONE,
				      measure_cols[c] ? measure_cols[c] :
				      a->qlabels[c - 1]);
	for (i = 0; !result && i < n; i++)
		result = measure_row(a, part, i + 1, ms[i]);
	return result;
}

/* A priority's objectives, measures with their year and actions' RAG. */
static enum vt_err priority_part(struct vt_annual *a,
				 struct vt_annual_section *s,
				 const struct vt_plan *plan,
				 const struct vt_priority *pr)
{
	const struct vt_def *def = a->def;
	size_t i, n, nm = 0, rags[VT_RAG__MAX] = { 0 }, nact = 0;
	const struct vt_measure **ms;
	struct vt_report_part *part;
	enum vt_err result = VT_OK;
	char b[VT_RAG__MAX + 1][32];

	part = add(a, s, "priority", pr ? keep(a, "%s: priority %s: %s",
					    plan->title, pr->number,
					    pr->title) :
		   keep(a, "%s: measures and key actions", plan->title));
	if (!part)
		return VT_ENOMEM;
	if (pr && pr->text)
		snprintf(part->sentence, sizeof(part->sentence), "%s",
			 pr->text);
	n = vt_def_count(def, VT_KIND_OBJECTIVE);
	for (i = 0; pr && !result && i < n; i++) {
		const struct vt_objective *o = vt_def_at(def,
			VT_KIND_OBJECTIVE, i);

		if (!strcmp(o->priority, pr->code))
			result = vt_part_item(part, "Objective %s: %s",
					      o->number, o->text);
	}
	n = vt_def_count(def, VT_KIND_MEASURE);
	ms = calloc(n ? n : 1, sizeof(*ms));
	if (!ms)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE,
						       i);

		if (strcmp(m->plan, plan->code))
			continue;
		if (pr ? m->priority && !strcmp(m->priority, pr->code) :
		    !m->priority)
			ms[nm++] = m;
	}
	if (!result && nm)
		result = measures_table(a, part, ms, nm, pr ? keep(a,
			"Priority %s: its measures in %s", pr->number,
			a->year) : keep(a, "Its measures in %s", a->year));
	free(ms);
	n = vt_def_count(def, VT_KIND_ACTION);
	for (i = 0; i < n; i++) {
		const struct vt_action *ac = vt_def_at(def, VT_KIND_ACTION, i);

		int rag;

		if (strcmp(ac->plan, plan->code) || (pr ? !ac->priority ||
		    strcmp(ac->priority, pr->code) : !!ac->priority))
			continue;
		/* Rated as at the year's end, as its last quarter's pack. */
		rag = vt_report_action_rag(&a->pack, ac);
		if (rag < 0)
			continue;
		rags[rag]++;
		nact++;
	}
	if (!result && nact)
		snprintf(part->note, sizeof(part->note), "Key actions: %s "
			 "red, %s amber, %s green, %s complete; in all %s.",
			 vt_annual_count(a, rags[VT_RAG_RED], b[0]),
			 vt_annual_count(a, rags[VT_RAG_AMBER], b[1]),
			 vt_annual_count(a, rags[VT_RAG_GREEN], b[2]),
			 vt_annual_count(a, rags[VT_RAG_BLUE], b[3]),
			 total(a, nact, small(a, rags[VT_RAG_RED]) ||
			       small(a, rags[VT_RAG_AMBER]) ||
			       small(a, rags[VT_RAG_GREEN]) ||
			       small(a, rags[VT_RAG_BLUE]), b[4]));
	else if (!result && !nm && !part->nitems)
		snprintf(part->note, sizeof(part->note), "No objective, "
			 "measure or key action is recorded under it.");
	return result;
}

/* Whether anything of 'plan' is recorded under priority 'pr': an
   objective, a measure or an action. */
static bool priority_has(const struct vt_def *def, const char *plan,
			 const struct vt_priority *pr)
{
	static const enum vt_kind kinds[] = { VT_KIND_MEASURE,
					      VT_KIND_ACTION };
	size_t i, k;

	for (i = 0; i < vt_def_count(def, VT_KIND_OBJECTIVE); i++)
		if (!strcmp(((const struct vt_objective *)vt_def_at(def,
			VT_KIND_OBJECTIVE, i))->priority, pr->code))
			return true;
	for (k = 0; k < 2; k++)
		for (i = 0; i < vt_def_count(def, kinds[k]); i++) {
			const void *rec = vt_def_at(def, kinds[k], i);
			const char *in = k ? ((const struct vt_action *)rec)->plan
				: ((const struct vt_measure *)rec)->plan;
			const char *under = k ?
				((const struct vt_action *)rec)->priority :
				((const struct vt_measure *)rec)->priority;

			if (!strcmp(in, plan) && under &&
			    !strcmp(under, pr->code))
				return true;
		}
	return false;
}

/*
 * A plan's priorities, each with what is under it; then its measures and
 * actions under none.  A plan that ties nothing to a single priority (as
 * the single-agency plans do: their measures serve them all) lists its
 * priorities once, rather than each with nothing under it.
 */
static enum vt_err plan_parts(struct vt_annual *a,
			      struct vt_annual_section *s,
			      const struct vt_plan *plan)
{
	const struct vt_def *def = a->def;
	size_t i, n = vt_def_count(def, VT_KIND_PRIORITY), other = 0;
	size_t npr = 0, tied = 0;
	struct vt_report_part *part = NULL;
	enum vt_err result = VT_OK;

	for (i = 0; i < n; i++) {
		const struct vt_priority *pr = vt_def_at(def,
			VT_KIND_PRIORITY, i);

		if (strcmp(pr->plan, plan->code))
			continue;
		npr++;
		tied += priority_has(def, plan->code, pr);
	}
	for (i = 0; !result && i < n; i++) {
		const struct vt_priority *pr = vt_def_at(def,
			VT_KIND_PRIORITY, i);

		if (strcmp(pr->plan, plan->code))
			continue;
		if (tied) {
			result = priority_part(a, s, plan, pr);
			continue;
		}
		if (!part) {
			part = add(a, s, "priorities", keep(a, "%s: its "
				   "priorities", plan->title));
			if (!part)
				return VT_ENOMEM;
			snprintf(part->sentence, sizeof(part->sentence),
				 "The plan ties its measures and key actions "
				 "to no single priority: they serve all %zu, "
				 "and follow.", npr);
		}
		result = vt_part_item(part, "Priority %s: %s", pr->number,
				      pr->title);
	}
	n = vt_def_count(def, VT_KIND_MEASURE);
	for (i = 0; i < n; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE,
						       i);

		other += !strcmp(m->plan, plan->code) && !m->priority;
	}
	n = vt_def_count(def, VT_KIND_ACTION);
	for (i = 0; i < n; i++) {
		const struct vt_action *ac = vt_def_at(def, VT_KIND_ACTION, i);

		other += !strcmp(ac->plan, plan->code) && !ac->priority;
	}
	if (!result && other)
		result = priority_part(a, s, plan, NULL);
	return result;
}

static enum vt_err plans(struct vt_annual *a, struct vt_annual_section *s)
{
	size_t i, n = vt_def_count(a->def, VT_KIND_PLAN), shown = 0;
	enum vt_err result = VT_OK;

	for (i = 0; !result && i < n; i++) {
		const struct vt_plan *p = vt_def_at(a->def, VT_KIND_PLAN, i);

		/* Not a draft, and its dates covering some of the year. */
		if (!vt_plan_covers(a->def, p->code, NULL, a->from, a->to))
			continue;
		shown++;
		result = plan_parts(a, s, p);
	}
	if (!shown)
		snprintf(s->empty, sizeof(s->empty), "No plan was current in "
			 "%s.", a->year);
	return result;
}

/* ===== Impact =========================================================== */

static enum vt_err impact_measures(struct vt_annual *a,
				   struct vt_annual_section *s)
{
	size_t i, n = vt_def_count(a->def, VT_KIND_MEASURE);
	size_t up = 0, down = 0, same = 0;
	struct vt_report_part *part = add(a, s, "travel", "Measures improving "
					  "and deteriorating over the year");
	enum vt_err result = VT_OK;
	char b[3][32];

	if (!part)
		return VT_ENOMEM;
	for (i = 0; !result && i < n; i++) {
		const struct vt_measure *m = vt_def_at(a->def,
			VT_KIND_MEASURE, i);
		double v[4];
		const char *dir;

		result = quarter_values(a, pack_measure(a, m), v);
		if (result)
			break;
		dir = travel(m, v);
		if (!strcmp(dir, "improving")) {
			up++;
			result = vt_part_item(part, "Improving: %s (%s)",
					      m->title, m->code);
		} else if (!strcmp(dir, "deteriorating")) {
			down++;
			result = vt_part_item(part, "Deteriorating: %s (%s)",
					      m->title, m->code);
		} else if (strcmp(dir, "no figures")) {
			same++;
		}
	}
	snprintf(part->sentence, sizeof(part->sentence), "From %s to %s: "
		 "%s measure%s improved, %s deteriorated and %s did not "
		 "change or have no direction.", a->qlabels[0], a->qlabels[3],
		 vt_annual_count(a, up, b[0]), up == 1 ? "" : "s",
		 vt_annual_count(a, down, b[1]),
		 vt_annual_count(a, same, b[2]));
	return result;
}

static enum vt_err impact_voice(struct vt_annual *a,
				struct vt_annual_section *s)
{
	size_t i, n = vt_def_count(a->def, VT_KIND_VOICE), k = 0, people = 0;
	bool any_small = false;
	struct vt_report_part *part = add(a, s, "voice", "What children, young "
					  "people and families told us, and "
					  "what changed");
	enum vt_err result = VT_OK;
	char b[2][32];

	if (!part)
		return VT_ENOMEM;
	for (i = 0; !result && i < n; i++) {
		const struct vt_voice *v = vt_def_at(a->def, VT_KIND_VOICE, i);

		if (!in_days(a, v->date))
			continue;
		k++;
		people += (size_t)v->participants;
		any_small |= small(a, (size_t)v->participants);
		result = vt_part_item(part, "%s: %s (%s took part). What "
				      "changed: %s", v->ref, v->title,
				      vt_annual_count(a, (size_t)
						      v->participants, b[0]),
				      v->changed ? v->changed :
				      "not yet recorded");
	}
	if (!k)
		snprintf(part->sentence, sizeof(part->sentence), "No voice "
			 "report was made in %s.", a->year);
	else
		snprintf(part->sentence, sizeof(part->sentence), "Voice "
			 "reports in %s: %s; children, young people and "
			 "families taking part: %s.", a->year,
			 vt_annual_count(a, k, b[0]),
			 total(a, people, any_small, b[1]));
	return result;
}

/* The grades given in audits done in the year, by grade. */
static enum vt_err impact_grades(struct vt_annual *a,
				 struct vt_annual_section *s)
{
	const struct vt_partnership *p = vt_def_count(a->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(a->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	size_t ng = vt_audit_grade_count(p), i, j, g, given = 0;
	bool any_small = false;
	size_t n = vt_def_count(a->def, VT_KIND_AUDIT);
	size_t *counts = calloc(ng + 1, sizeof(*counts));
	struct vt_report_part *part = add(a, s, "grades", "Audit grades in "
					  "the year");
	enum vt_err result = VT_OK;
	char b[32], words[80];

	if (!counts || !part) {
		free(counts);
		return VT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const struct vt_audit *au = vt_def_at(a->def, VT_KIND_AUDIT,
						      i);

		if (!in_days(a, au->done))
			continue;
		for (j = 0; j < au->ngrades; j++)
			for (g = 0; g < ng; g++)
				if (!strcmp(au->grades[j].grade,
					    vt_audit_grade_at(p, g))) {
					counts[g]++;
					given++;
				}
	}
	if (!given) {
		snprintf(part->sentence, sizeof(part->sentence), "No audit "
			 "graded practice in %s.", a->year);
		goto out;
	}
	for (g = 0; g < ng; g++)
		any_small |= small(a, counts[g]);
	snprintf(part->sentence, sizeof(part->sentence), "Grades given in "
		 "the audits done in %s: %s.", a->year,
		 total(a, given, any_small, b));
	result = vt_part_table(part, 2, ng + 1);
	snprintf(part->table.caption, sizeof(part->table.caption), "Grades "
		 "given in audits done in %s", a->year);
	if (!result)
		result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Grade");
	if (!result)
		result = vt_part_cell(part, 0, 1, VT_TONE_NONE, "Grades given");
	for (g = 0; !result && g < ng; g++) {
		vt_words_of_code(vt_audit_grade_at(p, g), words,
				 sizeof(words));
		result = vt_part_cell(part, g + 1, 0, VT_TONE_NONE, words);
		if (!result)
			result = vt_part_cell(part, g + 1, 1, VT_TONE_NONE,
					      vt_annual_count(a, counts[g],
							      b));
	}
out:
	free(counts);
	return result;
}

static enum vt_err impact(struct vt_annual *a, struct vt_annual_section *s)
{
	enum vt_err result = impact_measures(a, s);

	if (!result)
		result = impact_voice(a, s);
	if (!result)
		result = impact_grades(a, s);
	return result;
}

/* ===== Case reviews ===================================================== */

/* A review is in the year when it was known by its end and not closed
   before its start. */
static bool review_in(const struct vt_annual *a, const struct vt_review *r)
{
	const char *closed = r->dates[VT_STAGE_CLOSED];

	return r->aware && strcmp(r->aware, a->to) <= 0 &&
		(!closed || strcmp(closed, a->from) >= 0);
}

/* A review's decision in words. */
static const char *decision_words(const char *code)
{
	static const char *const words[][2] = {
		{ "lcspr", "a local child safeguarding practice review" },
		{ "national", "a national review" },
		{ "learning", "a learning review" },
		{ "none", "no further review" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(code, words[i][0]))
			return words[i][1];
	return code;
}

static enum vt_err reviews(struct vt_annual *a, struct vt_annual_section *s)
{
	size_t i, j, n = vt_def_count(a->def, VT_KIND_REVIEW), k = 0, recs;
	size_t na = vt_def_count(a->def, VT_KIND_ACTION);
	struct vt_report_part *part;
	enum vt_err result = VT_OK;
	char b[2][32];

	for (i = 0; !result && i < n; i++) {
		const struct vt_review *r = vt_def_at(a->def, VT_KIND_REVIEW,
						      i);
		int st, last = -1;

		if (!review_in(a, r))
			continue;
		k++;
		for (st = 0; st < VT_STAGE__MAX; st++)
			if (r->dates[st])
				last = st;
		part = add(a, s, "review", keep(a, "%s", r->ref));
		if (!part)
			return VT_ENOMEM;
		vt_words_of_code(last < 0 ? "notified" :
				 vt_review_stage_names[last], b[0],
				 sizeof(b[0]));
		recs = 0;
		for (j = 0; j < na; j++) {
			const struct vt_action *ac = vt_def_at(a->def,
				VT_KIND_ACTION, j);

			if (!ac->review || strcmp(ac->review, r->ref))
				continue;
			recs++;
			result = vt_part_item(part, "Recommendation %s: %s "
					      "(%s, %s)", ac->code, ac->title,
					      agency_name(a->def, ac->agency),
					      vt_rag_names[ac->rag]);
			if (result)
				return result;
		}
		snprintf(part->sentence, sizeof(part->sentence), "Latest "
			 "stage: %s.%s%s%s %s recommendation%s.", b[0],
			 r->decision ? " Decision: " : "",
			 r->decision ? decision_words(r->decision) : "",
			 r->decision ? "." : "",
			 recs ? vt_annual_count(a, recs, b[1]) : "No",
			 recs == 1 ? "" : "s");
	}
	if (!k)
		snprintf(s->empty, sizeof(s->empty), "No case review was "
			 "open in %s.", a->year);
	else {
		part = add(a, s, "reviews", "Case reviews in the year");
		if (!part)
			return VT_ENOMEM;
		snprintf(part->sentence, sizeof(part->sentence), "%s case "
			 "review%s open in %s.", vt_annual_count(a, k, b[0]),
			 k == 1 ? " was" : "s were", a->year);
	}
	return result;
}

/* ===== Audits and section 11 ============================================ */

static enum vt_err audits(struct vt_annual *a, struct vt_annual_section *s)
{
	size_t i, n = vt_def_count(a->def, VT_KIND_AUDIT), k = 0, done = 0;
	size_t ns = vt_def_count(a->def, VT_KIND_S11), ks = 0;
	struct vt_report_part *part = add(a, s, "audits", "Multi-agency audits");
	enum vt_err result = VT_OK;
	char b[2][32], day[VT_DATE_WORDS_MAX];

	if (!part)
		return VT_ENOMEM;
	for (i = 0; !result && i < n; i++) {
		const struct vt_audit *au = vt_def_at(a->def, VT_KIND_AUDIT,
						      i);

		if (!in_quarters(a, au->planned) && !in_days(a, au->done))
			continue;
		k++;
		if (au->done)
			vt_date_words(au->done, day);
		done += in_days(a, au->done);
		result = vt_part_item(part, "%s (%s): %s", au->ref,
				      theme_name(a->def, au->theme),
				      au->done ? day : "not done");
	}
	if (!k)
		snprintf(part->sentence, sizeof(part->sentence), "No "
			 "multi-agency audit was planned or done in %s.",
			 a->year);
	else
		snprintf(part->sentence, sizeof(part->sentence), "%s audit%s "
			 "planned or done in %s, %s done in the year.",
			 vt_annual_count(a, k, b[0]), k == 1 ? "" : "s",
			 a->year, vt_annual_count(a, done, b[1]));
	part = add(a, s, "s11", "Section 11 self-assessments");
	if (!part)
		return VT_ENOMEM;
	for (i = 0; !result && i < ns; i++) {
		const struct vt_s11 *x = vt_def_at(a->def, VT_KIND_S11, i);
		int first;

		if (!x->cycle || vt_annual_year(x->cycle, &first) ||
		    first != a->first)
			continue;
		ks++;
		result = vt_part_item(part, "%s: %s%s%s",
				      agency_name(a->def, x->agency),
				      x->submitted ? "submitted" : "a draft",
				      x->challenge_outcome ? ", challenged: "
				      : "", x->challenge_outcome ?
				      x->challenge_outcome : "");
	}
	if (!ks)
		snprintf(part->sentence, sizeof(part->sentence), "No section "
			 "11 self-assessment is recorded for %s.", a->year);
	else
		snprintf(part->sentence, sizeof(part->sentence), "%s agenc%s "
			 "assessed themselves against section 11 in %s.",
			 vt_annual_count(a, ks, b[0]), ks == 1 ? "y" : "ies",
			 a->year);
	return result;
}

/* ===== Escalations ====================================================== */

static enum vt_err escalations(struct vt_annual *a,
			       struct vt_annual_section *s)
{
	size_t i, j, n = vt_def_count(a->def, VT_KIND_ESCALATION), k = 0;
	size_t nt = 0, *raised = NULL, *resolved = NULL;
	bool any_small = false;
	const char **themes = NULL;
	struct vt_report_part *part;
	enum vt_err result = VT_OK;
	char b[32];

	themes = calloc(n ? n : 1, sizeof(*themes));
	raised = calloc(n ? n : 1, sizeof(*raised));
	resolved = calloc(n ? n : 1, sizeof(*resolved));
	if (!themes || !raised || !resolved) {
		result = VT_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct vt_escalation *e = vt_def_at(a->def,
			VT_KIND_ESCALATION, i);
		const char *t = e->theme ? e->theme : "";

		if (!in_days(a, e->raised))
			continue;
		k++;
		for (j = 0; j < nt && strcmp(themes[j], t); j++)
			;
		if (j == nt)
			themes[nt++] = t;
		raised[j]++;
		resolved[j] += e->resolved != NULL;
	}
	if (!k) {
		snprintf(s->empty, sizeof(s->empty), "No escalation was "
			 "raised in %s.", a->year);
		goto out;
	}
	part = add(a, s, "causes", "Escalations by cause");
	if (!part) {
		result = VT_ENOMEM;
		goto out;
	}
	for (j = 0; j < nt; j++)
		any_small |= small(a, raised[j]);
	snprintf(part->sentence, sizeof(part->sentence), "Escalations "
		 "raised in %s between agencies about a child's care: %s.",
		 a->year, total(a, k, any_small, b));
	result = vt_part_table(part, 3, nt + 1);
	snprintf(part->table.caption, sizeof(part->table.caption),
		 "Escalations raised in %s by cause", a->year);
	if (!result)
		result = vt_part_cell(part, 0, 0, VT_TONE_NONE, "Cause");
	if (!result)
		result = vt_part_cell(part, 0, 1, VT_TONE_NONE, "Raised");
	if (!result)
		result = vt_part_cell(part, 0, 2, VT_TONE_NONE, "Resolved");
	for (j = 0; !result && j < nt; j++) {
		result = vt_part_cell(part, j + 1, 0, VT_TONE_NONE,
				      theme_name(a->def, themes[j]));
		if (!result)
			result = vt_part_cell(part, j + 1, 1, VT_TONE_NONE,
					      vt_annual_count(a, raised[j],
							      b));
		if (!result)
			result = vt_part_cell(part, j + 1, 2, VT_TONE_NONE,
					      vt_annual_count(a, resolved[j],
							      b));
	}
out:
	free(themes);
	free(raised);
	free(resolved);
	return result;
}

/* ===== Scrutiny, training, funding, next year =========================== */

static enum vt_err scrutiny(struct vt_annual *a, struct vt_annual_section *s)
{
	size_t i, j, n = vt_def_count(a->def, VT_KIND_SCRUTINY), k = 0;
	enum vt_err result = VT_OK;
	char words[2][80], b[32];

	for (i = 0; !result && i < n; i++) {
		const struct vt_scrutiny *sc = vt_def_at(a->def,
			VT_KIND_SCRUTINY, i);
		struct vt_report_part *part;
		int first;

		if (vt_annual_year(sc->year, &first) || first != a->first)
			continue;
		k++;
		part = add(a, s, "scrutiny", keep(a, "%s: %s", sc->ref,
					       theme_name(a->def, sc->theme)));
		if (!part)
			return VT_ENOMEM;
		vt_words_of_code(vt_scrutiny_method_names[sc->method],
				 words[0], sizeof(words[0]));
		vt_words_of_code(vt_scrutiny_status_names[sc->status],
				 words[1], sizeof(words[1]));
		snprintf(part->sentence, sizeof(part->sentence), "%s; %s. "
			 "%s%s%s finding%s.", words[0], words[1],
			 sc->summary ? sc->summary : "", sc->summary ? " " :
			 "", sc->nfindings ? vt_annual_count(a, sc->nfindings,
							     b) : "No",
			 sc->nfindings == 1 ? "" : "s");
		for (j = 0; !result && j < sc->nfindings; j++)
			result = vt_part_item(part, "Finding: %s (became %s "
					      "%s)", sc->findings[j].text,
					      vt_finding_becomes_names[
					      sc->findings[j].becomes],
					      sc->findings[j].challenge ?
					      sc->findings[j].challenge :
					      sc->findings[j].action ?
					      sc->findings[j].action : "");
	}
	if (!k)
		snprintf(s->empty, sizeof(s->empty), "No item of the "
			 "scrutiny plan was for %s.", a->year);
	return result;
}

static enum vt_err training(struct vt_annual *a, struct vt_annual_section *s)
{
	size_t i, n = vt_def_count(a->def, VT_KIND_MEASURE), k = 0;
	const struct vt_measure **ms = calloc(n ? n : 1, sizeof(*ms));
	struct vt_report_part *part;
	enum vt_err result;

	if (!ms)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct vt_measure *m = vt_def_at(a->def,
			VT_KIND_MEASURE, i);

		if (m->ncontributors)
			ms[k++] = m;
	}
	if (!k) {
		snprintf(s->empty, sizeof(s->empty), "No measure has figures "
			 "from several agencies in %s.", a->year);
		free(ms);
		return VT_OK;
	}
	part = add(a, s, "multi-agency", "Measures several agencies contribute "
		   "to");
	result = part ? measures_table(a, part, ms, k, "Multi-agency "
				       "measures by quarter") : VT_ENOMEM;
	free(ms);
	return result;
}

/* The year's pooled budget: contributions, then budget against spending.
   Sums of money are not counts of people: nothing to withhold. */
static enum vt_err funding(struct vt_annual *a, struct vt_annual_section *s)
{
	enum vt_err result = vt_assurance_funding(&s->body, a->def, a->year);

	if (result == VT_ENOTFOUND) {
		snprintf(s->empty, sizeof(s->empty), "No funding figures are "
			 "recorded for %s.", a->year);
		return VT_OK;
	}
	return result;
}

static enum vt_err next_year(struct vt_annual *a,
			     struct vt_annual_section *s)
{
	char from[11], to[11];
	size_t i, j, n = vt_def_count(a->def, VT_KIND_PLAN), k = 0;
	size_t np = vt_def_count(a->def, VT_KIND_PRIORITY);
	enum vt_err result = VT_OK;

	snprintf(from, sizeof(from), "%04d-%02d-01", a->first + 1, a->fy);
	snprintf(to, sizeof(to), "%04d-%02d-01", a->first + 2, a->fy);
	for (i = 0; !result && i < n; i++) {
		const struct vt_plan *p = vt_def_at(a->def, VT_KIND_PLAN, i);
		struct vt_report_part *part;

		if (!p->starts || strcmp(p->starts, from) < 0 ||
		    strcmp(p->starts, to) >= 0)
			continue;
		k++;
		part = add(a, s, "next", keep(a, "%s", p->title));
		if (!part)
			return VT_ENOMEM;
		for (j = 0; !result && j < np; j++) {
			const struct vt_priority *pr = vt_def_at(a->def,
				VT_KIND_PRIORITY, j);

			if (!strcmp(pr->plan, p->code))
				result = vt_part_item(part, "Priority %s: %s",
						      pr->number, pr->title);
		}
		if (!part->nitems)
			snprintf(part->sentence, sizeof(part->sentence), "Its "
				 "priorities are not yet set.");
	}
	if (!k)
		snprintf(s->empty, sizeof(s->empty), "No plan starting in "
			 "%d-%02d is recorded yet.", a->first + 1,
			 (a->first + 2) % 100);
	return result;
}

/* ===== The report ======================================================= */

static enum vt_err year_days(struct vt_annual *a)
{
	struct vt_period q = { .kind = VT_PERIOD_QUARTER };
	struct vt_date d;
	size_t i;

	q.year = a->first;
	q.index = (a->fy - 1) / 3 + 1;
	for (i = 0; i < 4; i++) {
		vt_period_format(&q, a->quarters[i]);
		if (vt_period_label(&q, a->fy, a->qlabels[i]))
			return VT_EINVAL;
		if (i == 0 && !vt_period_first_day(&q, a->fy, &d))
			vt_date_format(&d, a->from);
		if (i == 3 && !vt_period_last_day(&q, a->fy, &d))
			vt_date_format(&d, a->to);
		q = vt_period_next(&q);
	}
	return VT_OK;
}

/* What a section with nothing in it says. */
static const char *empty_words(struct vt_annual *a, int k)
{
	const char *w = k == VT_ANNUAL_FOREWORD ? "No foreword has been "
		"written for" : k == VT_ANNUAL_SUMMARY ? "No summary has "
		"been written for" : k == VT_ANNUAL_FUNDING ? "No funding "
		"figures are recorded for" : "Nothing is recorded for "
		"this section in";
	const char *out = keep(a, "%s %s.", w, a->year);

	return out ? out : "";
}

typedef enum vt_err (*section_fn)(struct vt_annual *,
				  struct vt_annual_section *);

static const section_fn builders[VT_ANNUAL__MAX] = {
	[VT_ANNUAL_ARRANGEMENTS] = arrangements,
	[VT_ANNUAL_PLANS] = plans,
	[VT_ANNUAL_IMPACT] = impact,
	[VT_ANNUAL_REVIEWS] = reviews,
	[VT_ANNUAL_AUDITS] = audits,
	[VT_ANNUAL_ESCALATIONS] = escalations,
	[VT_ANNUAL_SCRUTINY] = scrutiny,
	[VT_ANNUAL_TRAINING] = training,
	[VT_ANNUAL_FUNDING] = funding,
	[VT_ANNUAL_NEXT_YEAR] = next_year,
};

enum vt_err vt_annual_build(const struct vt_def *def, const char *year,
			    const char *today, bool publish,
			    struct vt_annual *out)
{
	const struct vt_partnership *p = vt_def_count(def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0)
		: NULL;
	struct vt_annual *a = out;
	enum vt_err result;
	int first;
	size_t k;

	if (vt_annual_year(year, &first))
		return VT_EINVAL;
	memset(a, 0, sizeof(*a));
	a->def = def;
	a->first = first;
	a->fy = p ? (int)p->fy_start_month : 4;
	a->publish = publish;
	a->illustrative = vt_def_illustrative(def);
	snprintf(a->year, sizeof(a->year), "%04d-%02d", first,
		 (first + 1) % 100);
	snprintf(a->today, sizeof(a->today), "%s", today);
	result = year_days(a);
	if (!result)
		result = vt_report_build(def, NULL, a->quarters[3], today,
					 publish, &a->pack);
	if (result) {
		memset(&a->pack, 0, sizeof(a->pack));
		vt_annual_release(a);
		return result;
	}
	for (k = 0; !result && k < VT_ANNUAL__MAX; k++) {
		struct vt_annual_section *s = &a->sections[k];

		s->key = (int)k;
		s->heading = headings[k];
		s->narrative = vt_narrative_latest(def, a->year,
						   vt_annual_key_names[k]);
		if (builders[k])
			result = builders[k](a, s);
		if (!s->empty[0] && !s->body.nparts)
			snprintf(s->empty, sizeof(s->empty), "%s",
				 empty_words(a, (int)k));
	}
	if (result)
		vt_annual_release(a);
	return result;
}

void vt_annual_release(struct vt_annual *a)
{
	size_t i;

	for (i = 0; i < VT_ANNUAL__MAX; i++)
		vt_assurance_release(&a->sections[i].body);
	for (i = 0; i < a->nstrings; i++)
		free(a->strings[i]);
	free(a->strings);
	vt_report_release(&a->pack);
	memset(a, 0, sizeof(*a));
}
