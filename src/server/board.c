/* The board's summary of a pack: the Making Data Count table of every measure, worst first, and the red list. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/spc.h"
#include "vitals/strparse.h"
#include "server/server.h"

/*
 * Each icon has its own shape as well as its colour and always sits
 * beside its words, so that no reader depends on colour (WCAG 1.4.1):
 * a triangle for concern, a circle for improvement, a square for
 * common-cause variation.
 */
static void variation_cell(struct vt_html *h, const struct vt_measure_status *st)
{
	static const struct {
		const char *words, *cls, *shape;
	} kinds[VT_SPC__MAX] = {
		[VT_SPC_COMMON] = { "Common cause",
				    "vt-icon--common",
				    "<rect x=\"3\" y=\"3\" width=\"14\" "
				    "height=\"14\"/>" },
		[VT_SPC_IMPROVEMENT] = { "Improving",
					 "vt-icon--improvement",
					 "<circle cx=\"10\" cy=\"10\" "
					 "r=\"8\"/>" },
		[VT_SPC_CONCERN] = { "Concern",
				     "vt-icon--concern",
				     "<path d=\"M10 1 19 18 1 18Z\"/>" },
		[VT_SPC_EXPECTED] = { "Concern, in an expected rise", "vt-icon--expected",
				      "<path d=\"M10 2 18 17 2 17Z\"/>" },
		[VT_SPC_NEUTRAL] = { "Special cause (no better direction)",
				     "vt-icon--neutral",
				     "<path d=\"M10 1 19 10 10 19 1 10Z\"/>" },
	};
	int v = st->variation;

	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	if (!st->points || v < 0 || v >= VT_SPC__MAX) {
		vt_html_text(h, "No figure");
	} else {
		vt_html_open(h, "svg", "class", kinds[v].cls, "width", "20",
			     "height", "20", "viewBox", "0 0 20 20",
			     "aria-hidden", "true", "focusable", "false", NULL);
		vt_html_literal(h, kinds[v].shape);
		vt_html_close(h, "svg");
		vt_html_textf(h, " %s", kinds[v].words);
	}
	if (st->contradiction) {
		vt_html_literal(h, " ");
		vt_html_element(h, "strong", "Contradicted: every linked action "
				"is green or complete", "class",
				"govuk-tag govuk-tag--red", NULL);
	}
	vt_html_literal(h, "</td>");
}

static void assurance_cell(struct vt_html *h, int assurance)
{
	static const char *const words[VT_ASSURANCE__MAX] = {
		[VT_ASSURANCE_NONE] = "No target",
		[VT_ASSURANCE_PASS] = "Will meet the target",
		[VT_ASSURANCE_FAIL] = "Will miss the target",
		[VT_ASSURANCE_HIT_OR_MISS] = "Hit or miss",
	};
	static const char *const tags[VT_ASSURANCE__MAX] = {
		[VT_ASSURANCE_NONE] = "govuk-tag govuk-tag--grey",
		[VT_ASSURANCE_PASS] = "govuk-tag govuk-tag--blue",
		[VT_ASSURANCE_FAIL] = "govuk-tag govuk-tag--orange",
		[VT_ASSURANCE_HIT_OR_MISS] = "govuk-tag govuk-tag--grey",
	};
	int a = assurance >= 0 && assurance < VT_ASSURANCE__MAX ? assurance
								 : 0;

	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	vt_html_element(h, "strong", words[a], "class", tags[a], NULL);
	vt_html_literal(h, "</td>");
}

#define SPARK_POINTS 12

/* The last figures as a small line, with their range in words for
   those who cannot see it. */
static void sparkline_cell(struct vt_html *h, const struct vt_report *rep,
			   const struct vt_report_measure *rm)
{
	const struct vt_spc *spc = &rm->status.spc;
	size_t n = spc->n < SPARK_POINTS ? spc->n : SPARK_POINTS;
	size_t first = spc->n - n, i;
	double lo = INFINITY, hi = -INFINITY;
	char words[160], a[32], b[32], label[VT_PERIOD_LABEL_MAX];

	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	if (n < 2 || rm->masked) {
		vt_html_text(h, n < 2 ? "Too few figures" : "Withheld");
		vt_html_literal(h, "</td>");
		return;
	}
	for (i = first; i < spc->n; i++) {
		lo = fmin(lo, spc->points[i].value);
		hi = fmax(hi, spc->points[i].value);
	}
	snprintf(words, sizeof(words), "The last %zu figures, from %s in %s "
		 "to %s", n,
		 vt_report_figure(rep, rm->measure, spc->points[first].value, a),
		 vt_report_label(rep, rm->status.series.periods[first], label),
		 vt_report_figure(rep, rm->measure,
				  spc->points[spc->n - 1].value, b));
	vt_html_open(h, "svg", "class", "vt-spark", "width", "96", "height",
		     "24", "viewBox", "0 0 96 24", "role", "img",
		     "aria-label", words, NULL);
	vt_html_literal(h, "<polyline points=\"");
	for (i = first; i < spc->n; i++) {
		double x = 2 + 92.0 * (double)(i - first) / (double)(n - 1);
		double y = hi > lo ? 22 - 20 * (spc->points[i].value - lo) /
					  (hi - lo)
				   : 12;

		vt_html_textf(h, "%.1f,%.1f ", x, y);
	}
	vt_html_literal(h, "\"/></svg></td>");
}

/* A difference with its sign, or "-" when there is none to give (a
   change that would disclose a small count is NaN already). */
static const char *signed_figure(double v, char buf[40])
{
	char f[32];

	if (isnan(v))
		return "-";
	vt_report_number(fabs(v), f);
	snprintf(buf, 40, "%s%s", v > 0 ? "+" : v < 0 ? "\u2212" : "", f);
	return buf;
}

/* Worst first: concern not expected, or actions that say all is well
   while the measure says otherwise. */
static bool needs_attention(const struct vt_report_measure *rm)
{
	return rm->status.variation == VT_SPC_CONCERN ||
	       rm->status.contradiction;
}

static void measure_row(struct vt_html *h, const struct vt_report *rep,
			const struct vt_report_measure *rm)
{
	const struct vt_measure_status *st = &rm->status;
	const struct vt_measure *m = rm->measure;
	char href[160], buf[40], label[VT_PERIOD_LABEL_MAX];

	snprintf(href, sizeof(href), "/measures/%s", m->code);
	vt_html_literal(h, "<tr class=\"govuk-table__row\"><th scope=\"row\" "
			   "class=\"govuk-table__header\">");
	vt_html_element(h, "a", m->title, "class", "govuk-link", "href", href,
			NULL);
	vt_html_open(h, "span", "class", "govuk-hint vt-hint", NULL);
	vt_html_textf(h, "%s, %s", m->code,
		      m->direction == VT_DIRECTION_REDUCE ? "lower is better"
		      : m->direction == VT_DIRECTION_INCREASE
		      ? "higher is better" : "no better direction");
	vt_html_literal(h, "</span></th>");
	variation_cell(h, st);
	assurance_cell(h, st->assurance);
	sparkline_cell(h, rep, rm);
	vt_html_literal(h, "<td class=\"govuk-table__cell\">");
	vt_html_text(h, vt_report_figure(rep, m, st->value, buf));
	if (rm->provisional) {
		vt_html_literal(h, " ");
		vt_html_element(h, "strong", "Provisional", "class",
				"govuk-tag govuk-tag--yellow", NULL);
	}
	if (!isnan(st->value)) {
		vt_html_open(h, "span", "class", "govuk-hint vt-hint", NULL);
		vt_html_text(h, vt_report_label(rep, st->figure_period, label));
		vt_html_literal(h, "</span>");
	}
	vt_html_literal(h, "</td>");
	vt_html_element(h, "td", signed_figure(st->change, buf),
			"class", "govuk-table__cell", NULL);
	vt_html_element(h, "td", isnan(m->target) ? "-"
			: vt_report_figure(rep, m, m->target, buf),
			"class", "govuk-table__cell", NULL);
	vt_html_element(h, "td", signed_figure(st->gap_england, buf),
			"class", "govuk-table__cell", NULL);
	vt_html_element(h, "td", signed_figure(st->gap_neighbours,
					       buf),
			"class", "govuk-table__cell", NULL);
	vt_html_literal(h, "</tr>");
}

static void group_row(struct vt_html *h, const char *words)
{
	vt_html_literal(h, "<tr class=\"govuk-table__row vt-group\">");
	vt_html_element(h, "th", words, "scope", "colgroup", "colspan", "9",
			"class", "govuk-table__header", NULL);
	vt_html_literal(h, "</tr>");
}

/* A table in a region that scrolls on a phone, its caption for screen
   readers (the heading above says it), its header row of 'columns'. */
static void table_open(struct vt_html *h, const char *id, const char *cls,
		       const char *caption, const char *const *columns)
{
	vt_html_open(h, "div", "class", "vt-table-scroll", "role", "region",
		     "aria-label", caption, "tabindex", "0", NULL);
	vt_html_open(h, "table", "class", cls, "id", id, NULL);
	vt_html_element(h, "caption", caption, "class", "govuk-table__caption "
			"govuk-visually-hidden", NULL);
	vt_html_literal(h, "<thead class=\"govuk-table__head\"><tr class=\""
			   "govuk-table__row\">");
	for (; *columns; columns++)
		vt_html_element(h, "th", *columns, "scope", "col", "class",
				"govuk-table__header", NULL);
	vt_html_literal(h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

static void measures_table(struct vt_html *h, const struct vt_report *rep)
{
	static const char *const columns[] = {
		"Measure", "Variation", "Assurance", "Trend", "Latest",
		"Change", "Target", "Gap to England", "Gap to neighbours",
		NULL };
	char words[300];
	size_t i, j;
	bool any = false;

	vt_html_element(h, "h2", "Measures", "class", "govuk-heading-m",
			NULL);
	vt_html_element(h, "p", "Measures of concern and those their actions "
			"contradict come first, then every measure by "
			"priority. Gaps are our figure less the comparator's.",
			"class", "govuk-body", NULL);
	table_open(h, "board", "govuk-table vt-board", "Measures", columns);
	for (i = 0; i < rep->nmeasures; i++) {
		if (!needs_attention(&rep->measures[i]))
			continue;
		if (!any)
			group_row(h, "Needs attention");
		any = true;
		measure_row(h, rep, &rep->measures[i]);
	}
	for (i = 0; i < rep->nsections; i++) {
		const struct vt_report_section *s = &rep->sections[i];
		bool headed = false;

		for (j = 0; j < s->nmeasures; j++) {
			const struct vt_report_measure *rm =
				&rep->measures[s->measures[j]];

			if (needs_attention(rm))
				continue;
			if (!headed) {
				if (s->priority)
					snprintf(words, sizeof(words),
						 "Priority %s: %s",
						 s->priority->number,
						 s->priority->title);
				else
					snprintf(words, sizeof(words),
						 "%s: other measures",
						 s->plan->title);
				group_row(h, words);
				headed = true;
			}
			measure_row(h, rep, rm);
		}
	}
	vt_html_literal(h, "</tbody></table></div>");
}

static void counts(struct vt_html *h, const struct vt_report *rep)
{
	const struct vt_action_report *a = &rep->actions;
	char as_at[VT_DATE_WORDS_MAX];

	vt_html_element(h, "h2", "Summary", "class", "govuk-heading-m", NULL);
	vt_html_literal(h, "<ul class=\"govuk-list govuk-list--bullet\">");
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Measures: %zu improving, %zu deteriorating, %zu "
		      "with no significant change, %zu without a figure",
		      rep->improving, rep->deteriorating, rep->no_change,
		      rep->no_figure);
	vt_html_close(h, "li");
	vt_date_words(rep->as_at, as_at);
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Actions: %zu red, %zu amber, %zu green, %zu "
		      "complete; %zu overdue, %zu without an update for %ld "
		      "days, %zu discharged (as at %s)",
		      a->by_rag[VT_RAG_RED], a->by_rag[VT_RAG_AMBER],
		      a->by_rag[VT_RAG_GREEN], a->by_rag[VT_RAG_BLUE],
		      a->overdue, a->stale, a->stale_days, a->discharged,
		      as_at);
	vt_html_close(h, "li");
	if (rep->returns) {
		vt_html_open(h, "li", NULL);
		vt_html_textf(h, "Returns: %zu of %zu not in, %zu late",
			      rep->returns_missing, rep->returns->nagencies,
			      rep->returns_late);
		vt_html_close(h, "li");
	}
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Challenges still open: %zu", rep->challenges.nrows);
	vt_html_close(h, "li");
	vt_html_literal(h, "</ul>");
}

static void red_list(struct vt_html *h, const struct vt_report *rep)
{
	static const char *const columns[] = {
		"Action", "Agency and owner", "Due", "Latest update", NULL };
	const struct vt_action_report *a = &rep->actions;
	char href[160], words[VT_DATE_WORDS_MAX];
	size_t i;

	if (!a->by_rag[VT_RAG_RED])
		return;
	vt_html_element(h, "h2", "Red list", "class", "govuk-heading-m", NULL);
	table_open(h, "red-list", "govuk-table", "Red list", columns);
	for (i = 0; i < a->nrows; i++) {
		const struct vt_action_row *row = &a->rows[i];
		const struct vt_action *ac = row->action;
		const struct vt_agency *ag = vt_def_find(rep->def,
							 VT_KIND_AGENCY,
							 ac->agency);

		if (row->rag != VT_RAG_RED)
			continue;
		snprintf(href, sizeof(href), "/actions/%s", ac->code);
		vt_html_literal(h, "<tr class=\"govuk-table__row\"><th scope="
				   "\"row\" class=\"govuk-table__header\">");
		vt_html_element(h, "strong", "Red", "class",
				"govuk-tag govuk-tag--red", NULL);
		vt_html_literal(h, " ");
		vt_html_element(h, "a", ac->title, "class", "govuk-link",
				"href", href, NULL);
		vt_html_element(h, "span", ac->code, "class",
				"govuk-hint vt-hint", NULL);
		vt_html_literal(h, "</th><td class=\"govuk-table__cell\">");
		vt_html_text(h, ag ? ag->name : ac->agency);
		if (ac->owner)
			vt_html_element(h, "span", ac->owner, "class",
					"govuk-hint vt-hint", NULL);
		vt_html_literal(h, "</td>");
		if (ac->due)
			vt_date_words(ac->due, words);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		vt_html_text(h, ac->due ? words : "No date set");
		if (row->overdue) {
			vt_html_literal(h, " ");
			vt_html_element(h, "strong", "Overdue", "class",
					"govuk-tag govuk-tag--orange", NULL);
		}
		vt_html_close(h, "td");
		vt_html_element(h, "td", row->last && row->last->note ?
				row->last->note : "None yet", "class",
				"govuk-table__cell", NULL);
		vt_html_literal(h, "</tr>");
	}
	vt_html_literal(h, "</tbody></table></div>");
}

/* Each measure's published chart, for readers who cannot open the
   measure pages: the board sees what it is asked to judge. */
static void charts(struct vt_html *h, const struct vt_report *rep)
{
	size_t i;

	vt_html_element(h, "h2", "Charts", "class", "govuk-heading-m", NULL);
	/* Each in a region of its own: the chart reflows, its table of
	   figures may scroll sideways inside it on a phone. */
	for (i = 0; i < rep->nmeasures; i++) {
		vt_html_open(h, "div", "class", "vt-chart vt-table-scroll",
			     "role", "region", "aria-label",
			     rep->measures[i].measure->title, "tabindex", "0",
			     NULL);
		vt_report_html_measure(h, rep, i);
		vt_html_close(h, "div");
	}
}

void board_summary(struct vt_html *h, const struct vt_report *rep,
		   bool with_charts)
{
	if (rep->provisional)
		vt_html_element(h, "p", VT_REPORT_PROVISIONAL, "class",
				"govuk-inset-text", "id", "provisional", NULL);
	counts(h, rep);
	measures_table(h, rep);
	red_list(h, rep);
	vt_report_html_assurance(h, rep);
	if (with_charts)
		charts(h, rep);
}
