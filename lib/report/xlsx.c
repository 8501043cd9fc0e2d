/* The pack as a workbook: a summary, each measure's status, and the dataset with one sheet per plan. */
#include "vitals/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "vitals/xlsx.h"
#include "report/assurance.h"

static const char *const data_columns[] = { "measure", "title", "priority",
	"period", "figure", "reading", "rules", "mean", "lower_limit",
	"upper_limit", "target" };
#define NDATA (sizeof(data_columns) / sizeof(data_columns[0]))

static const char *const status_columns[] = { "measure", "title", "plan",
	"value", "previous", "change", "reading", "variation", "assurance",
	"rate_per_10k", "england", "neighbours", "gap_england",
	"gap_neighbours", "red", "amber", "green", "blue", "contradiction" };
#define NSTATUS (sizeof(status_columns) / sizeof(status_columns[0]))

struct book {
	lxw_workbook *wb;
	lxw_format *bold;
	const struct vt_report *r;
};

static void header(struct book *b, lxw_worksheet *ws,
		   const char *const *names, size_t n, lxw_row_t row)
{
	size_t i;

	for (i = 0; i < n; i++)
		worksheet_write_string(ws, row, (lxw_col_t)i, names[i],
				       b->bold);
	worksheet_freeze_panes(ws, row + 1, 1);
}

/* A number, or what the report shows instead ("<5" when published). */
static void figure(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		   lxw_col_t col, const struct vt_measure *m, double v)
{
	char buf[32];
	const char *shown;

	if (isnan(v) || isinf(v))
		return;
	shown = vt_report_figure(b->r, m, v, buf);
	if (shown[0] == '<')
		worksheet_write_string(ws, row, col, shown, NULL);
	else
		worksheet_write_number(ws, row, col, v, NULL);
}

static void number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		   double v)
{
	if (!isnan(v) && !isinf(v))
		worksheet_write_number(ws, row, col, v, NULL);
}

static void summary_sheet(struct book *b)
{
	const struct vt_report *r = b->r;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Summary");
	char line[256];
	lxw_row_t row = 0;

	worksheet_set_column(ws, 0, 0, 90, NULL);
	snprintf(line, sizeof(line), "Vital signs, %s", r->label);
	worksheet_write_string(ws, row++, 0, line, b->bold);
	if (r->illustrative)
		worksheet_write_string(ws, row++, 0, "Illustrative figures: "
				       "demo data, not real figures for any "
				       "child or area.", b->bold);
	if (r->publish)
		worksheet_write_string(ws, row++, 0, "Published: counts from "
				       "1 to 4 are shown as <5.", NULL);
	if (r->provisional)
		worksheet_write_string(ws, row++, 0, VT_REPORT_PROVISIONAL,
				       b->bold);
	snprintf(line, sizeof(line), "Measures: %zu improving, %zu "
		 "deteriorating, %zu with no significant change, %zu without "
		 "a figure", r->improving, r->deteriorating, r->no_change,
		 r->no_figure);
	worksheet_write_string(ws, row++, 0, line, NULL);
	snprintf(line, sizeof(line), "Actions: %zu: %zu green, %zu amber, "
		 "%zu red, %zu complete; %zu overdue, %zu stale, %zu "
		 "discharged (as at %s)",
		 r->actions.nrows, r->actions.by_rag[VT_RAG_GREEN],
		 r->actions.by_rag[VT_RAG_AMBER], r->actions.by_rag[VT_RAG_RED],
		 r->actions.by_rag[VT_RAG_BLUE], r->actions.overdue,
		 r->actions.stale, r->actions.discharged, r->as_at);
	worksheet_write_string(ws, row++, 0, line, NULL);
	snprintf(line, sizeof(line), "Challenges not closed: %zu; "
		 "contradictions: %zu", r->challenges.nrows,
		 r->contradictions);
	worksheet_write_string(ws, row++, 0, line, NULL);
	if (r->comparisons[0])
		worksheet_write_string(ws, row++, 0, r->comparisons, NULL);
}

static void status_sheet(struct book *b)
{
	const struct vt_report *r = b->r;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Status");
	char reading[64];
	size_t i;
	int k;

	header(b, ws, status_columns, NSTATUS, 0);
	for (i = 0; i < r->nmeasures; i++) {
		const struct vt_measure_status *s = &r->measures[i].status;
		const struct vt_measure *m = s->measure;
		lxw_row_t row = (lxw_row_t)(i + 1);

		worksheet_write_string(ws, row, 0, m->code, NULL);
		worksheet_write_string(ws, row, 1, m->title, NULL);
		worksheet_write_string(ws, row, 2, m->plan, NULL);
		figure(b, ws, row, 3, m, s->value);
		figure(b, ws, row, 4, m, s->previous);
		number(ws, row, 5, s->change);
		/* The figure stays a number: its mark goes with its reading. */
		snprintf(reading, sizeof(reading), "%s%s", s->reading,
			 r->measures[i].provisional ?
			 VT_REPORT_PROVISIONAL_MARK : "");
		worksheet_write_string(ws, row, 6, reading, NULL);
		worksheet_write_string(ws, row, 7,
				       vt_spc_type_names[s->variation], NULL);
		worksheet_write_string(ws, row, 8,
				       vt_assurance_names[s->assurance], NULL);
		number(ws, row, 9, s->rate);
		number(ws, row, 10, s->cmp.england);
		number(ws, row, 11, s->cmp.neighbours);
		number(ws, row, 12, s->gap_england);
		number(ws, row, 13, s->gap_neighbours);
		for (k = 0; k < VT_RAG__MAX; k++)
			worksheet_write_number(ws, row, (lxw_col_t)(14 + k),
					       (double)s->actions[k], NULL);
		worksheet_write_string(ws, row, 18, s->contradiction ? "yes"
				       : "no", NULL);
	}
}

static void plan_sheet(struct book *b, const struct vt_plan *p)
{
	const struct vt_report *r = b->r;
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	struct vt_report_row *rows;
	char name[32], rules[64], type[64];
	size_t i, j, n;
	int bit;

	vt_xlsx_safe_sheet_name(p->code, name);
	ws = workbook_add_worksheet(b->wb, name);
	if (!ws)
		return;
	header(b, ws, data_columns, NDATA, 0);
	for (i = 0; i < r->nmeasures; i++) {
		const struct vt_report_measure *rm = &r->measures[i];
		const struct vt_measure *m = rm->measure;

		if (strcmp(m->plan, p->code) || vt_report_rows(rm, &rows, &n))
			continue;
		for (j = 0; j < n; j++, row++) {
			const struct vt_spc_point *pt = rows[j].point;

			worksheet_write_string(ws, row, 0, m->code, NULL);
			worksheet_write_string(ws, row, 1, m->title, NULL);
			if (m->priority)
				worksheet_write_string(ws, row, 2, m->priority,
						       NULL);
			worksheet_write_string(ws, row, 3, rows[j].period,
					       NULL);
			if (!pt) {	/* withheld: the code, as text */
				worksheet_write_string(ws, row, 4,
						       rows[j].code, NULL);
				worksheet_write_string(ws, row, 5, "withheld",
						       NULL);
				continue;
			}
			rules[0] = '\0';
			for (bit = 0; bit < VT_SPC_RULES; bit++)
				if (pt->rules & (1u << bit))
					snprintf(rules + strlen(rules),
						 sizeof(rules) - strlen(rules),
						 "%s%s", rules[0] ? " " : "",
						 vt_spc_rule_names[bit]);
			figure(b, ws, row, 4, m, pt->value);
			snprintf(type, sizeof(type), "%s%s",
				 vt_spc_type_names[pt->type],
				 rows[j].provisional ?
				 VT_REPORT_PROVISIONAL_MARK : "");
			worksheet_write_string(ws, row, 5, type, NULL);
			worksheet_write_string(ws, row, 6, rules, NULL);
			number(ws, row, 7, pt->segment->mean);
			number(ws, row, 8, pt->segment->lcl);
			number(ws, row, 9, pt->segment->ucl);
			number(ws, row, 10, m->target);
		}
		free(rows);
	}
}

static lxw_row_t bar_rows(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			  const char *title, const struct vt_report_bar *bar,
			  size_t n)
{
	size_t i;

	worksheet_write_string(ws, row, 0, title, b->bold);
	worksheet_write_string(ws, row++, 1, "Count", b->bold);
	for (i = 0; i < n; i++, row++) {
		worksheet_write_string(ws, row, 0, bar[i].label, NULL);
		worksheet_write_number(ws, row, 1, (double)bar[i].count, NULL);
	}
	return row + 1;
}

/* A cell of a part's table: a whole number as a number, for sums. */
static void table_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       const char *text, lxw_format *format)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (*text && !*end && n >= 0)
		worksheet_write_number(ws, row, col, (double)n, format);
	else
		worksheet_write_string(ws, row, col, text, format);
}

/* A part of the assurance section: its heading, sentence, items, charts
   as rows and its table; the row after it. */
static lxw_row_t part_rows(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			   const struct vt_report_part *part)
{
	const struct vt_report_table *t = &part->table;
	size_t i, r, c;

	worksheet_write_string(ws, row++, 0, part->heading, b->bold);
	worksheet_write_string(ws, row++, 0, part->sentence, NULL);
	for (i = 0; i < part->nitems; i++)
		worksheet_write_string(ws, row++, 0, part->items[i], NULL);
	row++;
	for (i = 0; i < part->ncharts; i++)
		row = bar_rows(b, ws, row, part->charts[i].title,
			       part->charts[i].bars, part->charts[i].nbars);
	if (part->note[0])
		worksheet_write_string(ws, row++, 0, part->note, NULL);
	if (!t->ncols)
		return row;
	worksheet_write_string(ws, row++, 0, t->caption, b->bold);
	for (r = 0; r < t->nrows; r++, row++)
		for (c = 0; c < t->ncols; c++)
			table_cell(ws, row, (lxw_col_t)c,
				   vt_part_cell_text(t, r, c),
				   r == 0 || c == 0 ? b->bold : NULL);
	return row + 1;
}

/* The assurance section: reviews by stage, the clocks missed or at risk
   (one row each, for filtering), recommendations by RAG. */
static void assurance_sheet(struct book *b)
{
	const struct vt_report_assurance *a = &b->r->assurance;
	static const char *const clock_columns[] = {
		"review", "clock", "started", "due", "state",
		"working days left (not done)",
	};
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Assurance");
	lxw_row_t row = 0;
	char title[120];
	size_t i;

	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, 5, 18, NULL);
	row = bar_rows(b, ws, row, "Open case reviews by stage reached",
		       a->stages, a->nstages);
	for (i = 0; i < 6; i++)
		worksheet_write_string(ws, row, (lxw_col_t)i,
				       clock_columns[i], b->bold);
	row++;
	for (i = 0; i < a->nclocks; i++, row++) {
		const struct vt_report_clock *c = &a->clocks[i];

		worksheet_write_string(ws, row, 0, c->review->ref, NULL);
		worksheet_write_string(ws, row, 1,
				       vt_review_clock_labels[c->clock], NULL);
		worksheet_write_string(ws, row, 2, c->deadline.start, NULL);
		worksheet_write_string(ws, row, 3, c->deadline.due, NULL);
		worksheet_write_string(ws, row, 4, c->deadline.state ==
				       VT_DEADLINE_MISSED ? "missed" :
				       "at risk", NULL);
		if (c->deadline.has_left)
			worksheet_write_number(ws, row, 5,
				(double)c->deadline.working_days_left, NULL);
	}
	row = bar_rows(b, ws, row + 1, "Recommendations by RAG rating",
		       a->recs, VT_RAG__MAX);
	worksheet_write_string(ws, row++, 0, "Escalations past their stage's "
			       "timescale or due soon", b->bold);
	for (i = 0; i < a->nesc_flags; i++)
		worksheet_write_string(ws, row++, 0, a->esc_flags[i], NULL);
	worksheet_write_string(ws, ++row, 0, a->esc_trend, NULL);
	row += 2;
	snprintf(title, sizeof(title), "Escalations raised in %s by theme",
		 b->r->label);
	row = bar_rows(b, ws, row, title, a->by_theme, a->nby_theme);
	snprintf(title, sizeof(title), "Escalations raised in %s by the "
		 "agency they are about", b->r->label);
	row = bar_rows(b, ws, row, title, a->by_about, a->nby_about);
	snprintf(title, sizeof(title), "Escalations raised in %s by the stage "
		 "they reached", b->r->label);
	row = bar_rows(b, ws, row, title, a->by_stage, a->nby_stage);
	for (i = 0; i < a->nparts; i++)
		row = part_rows(b, ws, row + 1, &a->parts[i]);
}

/* A priority's objective in one row: what serves it, or that nothing
   does. */
static void objective_row(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			  const struct vt_report_section *s,
			  const struct vt_objective_item *it)
{
	char measures[2048], actions[2048], buf[160];
	size_t i, mu = 0, au = 0;

	measures[0] = actions[0] = '\0';
	for (i = 0; i < it->nmeasures && mu < sizeof(measures); i++)
		mu += (size_t)snprintf(measures + mu, sizeof(measures) - mu,
			"%s%s", i ? "; " : "",
			vt_report_objective_measure(b->r,
				&b->r->measures[it->measures[i]], buf,
				sizeof(buf)));
	for (i = 0; i < it->nactions && au < sizeof(actions); i++)
		au += (size_t)snprintf(actions + au, sizeof(actions) - au,
			"%s%s (%s)", i ? "; " : "", it->actions[i]->code,
			vt_rag_names[vt_report_action_rag(b->r, it->actions[i])]);
	worksheet_write_string(ws, row, 0, s->plan->code, NULL);
	worksheet_write_string(ws, row, 1, s->priority->number, NULL);
	worksheet_write_string(ws, row, 2, it->objective->number, NULL);
	worksheet_write_string(ws, row, 3, it->objective->text, NULL);
	worksheet_write_string(ws, row, 4, measures, NULL);
	worksheet_write_string(ws, row, 5, actions, NULL);
	if (!it->nmeasures && !it->nactions)
		worksheet_write_string(ws, row, 6, VT_OBJECTIVE_NONE, NULL);
}

/*
 * Each priority's objectives, one row each, with its measures' readings
 * and its actions' RAG; a priority without objectives says what it has
 * (its actions), or that it has nothing, in a row of its own.
 */
static void objectives_sheet(struct book *b)
{
	static const char *const columns[] = { "plan", "priority",
		"objective", "text", "measures", "actions", "note" };
	const struct vt_report *r = b->r;
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Objectives");
	lxw_row_t row = 1;
	size_t i, j;

	if (!ws)
		return;
	header(b, ws, columns, sizeof(columns) / sizeof(columns[0]), 0);
	worksheet_set_column(ws, 3, 3, 60, NULL);
	worksheet_set_column(ws, 4, 5, 40, NULL);
	for (i = 0; i < r->nsections; i++) {
		const struct vt_report_section *s = &r->sections[i];
		char line[2048];
		size_t used = 0;

		if (!s->priority)
			continue;
		for (j = 0; j < s->nobjectives; j++)
			objective_row(b, ws, row++, s, &s->objectives[j]);
		if (s->nobjectives && !s->nother_actions)
			continue;
		line[0] = '\0';
		for (j = 0; j < s->nother_actions && used < sizeof(line); j++)
			used += (size_t)snprintf(line + used,
				sizeof(line) - used, "%s%s (%s)",
				j ? "; " : "", s->other_actions[j]->code,
				vt_rag_names[vt_report_action_rag(b->r, s->other_actions[j])]);
		worksheet_write_string(ws, row, 0, s->plan->code, NULL);
		worksheet_write_string(ws, row, 1, s->priority->number, NULL);
		if (s->nother_actions)
			worksheet_write_string(ws, row, 5, line, NULL);
		worksheet_write_string(ws, row++, 6, s->nother_actions ?
			(s->nobjectives ? "other actions under this priority"
					: "actions under this priority, which "
					  "has no objectives") :
			s->nmeasures ? "no objectives under this priority" :
			VT_REPORT_SECTION_EMPTY, NULL);
	}
}

enum vt_err vt_report_xlsx(const struct vt_report *r, const char *path)
{
	struct book b = { NULL, NULL, r };
	size_t i;

	b.wb = workbook_new(path);
	if (!b.wb)
		return VT_EIO;
	b.bold = workbook_add_format(b.wb);
	format_set_bold(b.bold);
	summary_sheet(&b);
	status_sheet(&b);
	assurance_sheet(&b);
	for (i = 0; i < vt_def_count(r->def, VT_KIND_PLAN); i++)
		if (vt_report_plan_shown(r, vt_def_at(r->def, VT_KIND_PLAN,
						      i)))
			plan_sheet(&b, vt_def_at(r->def, VT_KIND_PLAN, i));
	objectives_sheet(&b);
	return workbook_close(b.wb) == LXW_NO_ERROR ? VT_OK : VT_EIO;
}
