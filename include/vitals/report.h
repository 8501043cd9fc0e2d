/* The quarterly vital-signs pack: one report model, rendered as HTML, Markdown, XLSX or PDF. */
#ifndef VITALS_REPORT_H
#define VITALS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vitals/actions.h"
#include "vitals/challenges.h"
#include "vitals/error.h"
#include "vitals/model.h"
#include "vitals/objectives.h"
#include "vitals/period.h"
#include "vitals/returns.h"
#include "vitals/reviews.h"
#include "vitals/spc.h"
#include "vitals/status.h"

/* Counts from 1 to this are shown as "<5" in published outputs. */
#define VT_REPORT_SMALL_COUNT 4
/* What a published chart is read with in place of such a count (itself
   one of them, so it is hidden wherever the count would be). */
#define VT_REPORT_STAND_IN 2.5

/* What a provisional published pack says at its head. */
#define VT_REPORT_PROVISIONAL "Provisional: this pack includes figures " \
	"submitted by agencies but not yet approved."

/* What follows a figure, or its reading, that a provisional published
   pack shows before its return is approved. */
#define VT_REPORT_PROVISIONAL_MARK " (provisional)"

/* A bar of the assurance section's charts: what it counts, how many. */
struct vt_report_bar {
	const char *label;
	size_t count;
};

/* A clock of an open case review that is missed or at risk. */
struct vt_report_clock {
	const struct vt_review *review;
	int clock;			/* enum vt_review_clock */
	struct vt_deadline deadline;
};

/*
 * A table of an assurance part: the header row first, each cell's text,
 * and each cell's tone (VT_TONE_*), which colours a cell on screen and in
 * print but never alone: its words say the same.
 */
enum vt_report_tone {
	VT_TONE_NONE, VT_TONE_GOOD, VT_TONE_MIDDLING, VT_TONE_POOR
};
struct vt_report_table {
	char caption[200];
	size_t ncols, nrows;		/* nrows counts the header row */
	char **cells;			/* nrows * ncols, row by row */
	unsigned char *tones;		/* the same */
};

/* A bar chart of an assurance part; its bars' labels are its own. */
struct vt_report_chart {
	char title[200];
	struct vt_report_bar *bars;
	size_t nbars;
	char (*labels)[80];		/* the bars' labels point here */
};

#define VT_REPORT_PART_CHARTS 3

/* An item of a part: room for an objective as long as a plan writes it. */
#define VT_REPORT_ITEM_MAX 800

/*
 * A part of the assurance section that every renderer draws alike: a
 * heading, a sentence, items in words, bar charts and a table (ncols 0:
 * none).
 */
struct vt_report_part {
	const char *id;			/* "audits": for the HTML's ids */
	const char *heading;		/* "Multi-agency audits" */
	char sentence[800];
	char (*items)[VT_REPORT_ITEM_MAX];
	size_t nitems;
	struct vt_report_chart charts[VT_REPORT_PART_CHARTS];
	size_t ncharts;
	struct vt_report_table table;
	char note[1600];		/* after the table: its key, or "" */
};

/*
 * The assurance section: the case reviews and what they asked of the
 * partners, as on the pack's day.
 */
struct vt_report_assurance {
	size_t reviews;			/* in the register */
	size_t open_reviews;		/* not closed */
	/* Open reviews by the latest stage recorded; the first bar is
	   those with none yet. */
	struct vt_report_bar stages[VT_STAGE__MAX];
	size_t nstages;
	/* Missed first, then at risk; in the register's order. */
	struct vt_report_clock *clocks;
	size_t nclocks;
	size_t missed, at_risk;
	/* Recommendations (actions from a review) by their latest RAG. */
	size_t recommendations;
	struct vt_report_bar recs[VT_RAG__MAX];

	/* Escalations: in the register, open, and the open ones past
	   their stage's timescale or due within the at-risk days, each in
	   words ("ESC-2026-03: stage 2 (Manager to manager) past its
	   timescale (due 14 October 2026, 5 working days over)"). */
	size_t escalations, open_escalations, past_timescale, esc_at_risk;
	char (*esc_flags)[300];
	size_t nesc_flags;
	/* Causes reviewed: those raised in the pack's quarter by theme, by
	   the agency they are about (those with any) and by the stage they
	   reached; the trend of the quarterly totals in words. */
	size_t raised;
	struct vt_report_bar *by_theme, *by_about, *by_stage;
	size_t nby_theme, nby_about, nby_stage;
	char esc_trend[500];

	/* Then the audit programme, and whatever else tells the partnership
	   that its arrangements work, as parts in the order shown. */
	struct vt_report_part *parts;
	size_t nparts;
};

/* One measure as the pack shows it. */
struct vt_report_measure {
	const struct vt_measure *measure;
	/* with its figures up to the period and their chart */
	struct vt_measure_status status;
	const struct vt_action **actions; /* linked, borrowed */
	size_t nactions;
	char reading[700];		/* the chart in words */
	/* Published with a count from 1 to 4 in its series: its mean,
	   limits, and any change, rate or gap that involves a hidden count
	   are withheld (NaN), so that none can be solved for
	   (docs/disclosure.md). */
	bool masked;
	/* In a provisional published pack (the report's 'provisional'), the
	   latest figure's return is submitted, not yet approved: its reading
	   says so, and so does each writer wherever it shows the figure. */
	bool provisional;
	bool *provisional_points;	/* the same for each point of the
					   series; NULL when none is */
};

/* A plan's measures under one of its priorities (or none). */
struct vt_report_section {
	const struct vt_plan *plan;
	const struct vt_priority *priority;	/* NULL: not under one */
	size_t *measures;		/* indexes into the report's */
	size_t nmeasures;
	const struct vt_impact **impact; /* the period's latest, borrowed */
	size_t nimpact;
	/* The priority's objectives, each with its measures (indexes into
	   the report's) and actions; and the priority's actions that serve
	   none of them.  Empty without a priority. */
	struct vt_objective_item *objectives;
	size_t nobjectives;
	const struct vt_action **other_actions;
	size_t nother_actions;
};

struct vt_report {
	const struct vt_def *def;
	char period[16];
	char label[VT_PERIOD_LABEL_MAX];	/* "2026-27 Q2" */
	char today[11];
	bool illustrative;		/* demo figures are in it */
	bool publish;			/* disclosure control applies */
	bool provisional;		/* published with submitted figures not
					   yet approved (publish_submitted) */
	/* Whom the measures are compared with: the neighbours' set and its
	   councils by name, the population estimates; "" when no measure
	   has comparators. */
	char comparisons[1200];
	/* The summary page */
	size_t improving, deteriorating, no_change, no_figure;
	size_t contradictions;
	struct vt_action_report actions;
	struct vt_challenge_report challenges;	/* those not closed */
	struct vt_report_assurance assurance;
	const struct vt_status_report *returns;	/* borrowed; may be NULL */
	size_t returns_missing, returns_late;
	struct vt_report_measure *measures;	/* definition order */
	size_t nmeasures;
	struct vt_report_section *sections;
	size_t nsections;
	/* The period's first and last days; the day its actions are rated
	   at: its last day once it has ended, else 'today'. */
	char from[11], to[11], as_at[11];
	/* The comparators and the figures by measure, for the status, the
	   charts and the agencies' parts. */
	struct vt_cmp_index cmps;
	struct vt_value_index values;
};

/*
 * The rating of action 'a' in the pack (enum vt_rag): as at the pack's
 * day, -1 when the pack leaves it out (not begun by then, or its plan
 * not covering the period).
 */
int vt_report_action_rag(const struct vt_report *r, const struct vt_action *a);

/* Whether 'a' was discharged by the pack's day. */
bool vt_report_discharged(const struct vt_report *r, const struct vt_action *a);

/* Whether plan 'p' is in the pack: not a draft, and its dates cover some
   of the period. */
bool vt_report_plan_shown(const struct vt_report *r, const struct vt_plan *p);

/*
 * The pack for 'period' as on 'today', from everything in 'def' and the
 * returns status of the period ('returns', NULL when not known).  The
 * report borrows from both.  VT_EINVAL for a period or day that is not
 * one.
 */
VT_MUST_USE
enum vt_err vt_report_build(const struct vt_def *def,
			    const struct vt_status_report *returns,
			    const char *period, const char *today,
			    bool publish, struct vt_report *out);
void vt_report_release(struct vt_report *r);

/*
 * A figure as the report prints it: "-" when absent, "<5" for a count
 * from 1 to 4 when published, else up to four significant digits (whole
 * numbers as they are).
 */
/* Whether the report hides the figure 'v' of 'm': a count from 1 to 4
   in a published report. */
bool vt_report_hidden(const struct vt_report *r, const struct vt_measure *m,
		      double v);

const char *vt_report_figure(const struct vt_report *r,
			     const struct vt_measure *m, double v,
			     char buf[32]);

/* What a section with nothing under its heading says instead. */
#define VT_REPORT_SECTION_EMPTY "Nothing is recorded under this " \
	"priority alone: no measure, objective or action, and no impact " \
	"narrative this quarter."
/* Whether section 's' has nothing to show under its heading. */
bool vt_report_section_empty(const struct vt_report_section *s);

/* An objective's linked measure 'rm' in a few words: "CODE: FIGURE
   (reading)", its figure as the report shows it; into 'buf'. */
const char *vt_report_objective_measure(const struct vt_report *r,
					const struct vt_report_measure *rm,
					char *buf, size_t size);

/* 'v' as the report writes numbers (whole, or 4 significant figures),
   never hidden: a change or a gap is not a count of children. */
const char *vt_report_number(double v, char buf[32]);

/* A row of a measure's table: a charted point, or a withheld figure. */
struct vt_report_row {
	const char *period;
	const struct vt_spc_point *point;	/* NULL for a withheld one */
	const char *code;			/* its DfE code, else NULL */
	bool provisional;	/* its return not yet approved: shown with
				   VT_REPORT_PROVISIONAL_MARK */
};

/*
 * The tidy dataset at 'path' (.csv or .xlsx): one row per measure, period
 * and breakdown, the latest version of each figure, with its label, first
 * and last day, numerator, denominator, status, and for the whole
 * measure the comparators of that period (England, region, neighbours'
 * mean, rank).  Written to a temporary file and renamed.  VT_EINVAL for
 * another kind of file, VT_EIO when it cannot be written.
 */
VT_MUST_USE
enum vt_err vt_tidy_write(const struct vt_def *def, const char *path);

/* Period 'id' as the pack shows it, "2024-25 Q3", into 'out'. */
const char *vt_report_label(const struct vt_report *r, const char *id,
			    char out[VT_PERIOD_LABEL_MAX]);

/* The measure's rows in period order, into a new array of '*n'. */
VT_MUST_USE
enum vt_err vt_report_rows(const struct vt_report_measure *rm,
			   struct vt_report_row **out, size_t *n);

/* The summary part of the HTML pack (h2 "Summary", its list, the red
   list), for pages that show it on its own. */
struct vt_html;
void vt_report_html_summary(struct vt_html *h, const struct vt_report *r);

/* The assurance section as the HTML pack shows it: h2 "Assurance", the
   reviews by stage and recommendations by RAG as charts with their text
   alternatives and tables, the missed and at-risk clocks. */
void vt_report_html_assurance(struct vt_html *h, const struct vt_report *r);
/* Section 's''s objectives with what serves each, its other actions, or
   what an empty section says: as the pack writes them under a priority. */
void vt_report_html_objectives(struct vt_html *h, const struct vt_report *r,
			       const struct vt_report_section *s);

/* A part as the HTML pack shows it: h3, sentence, items, charts with
   their text alternatives, its table scrolling in a region of its own,
   its note; GOV.UK's classes, so that a page of the site shows it too. */
void vt_report_html_part(struct vt_html *h, const struct vt_report_part *part);

/* The HTML pack's style sheet (inline in its one file). */
const char *vt_report_html_style(void);

/* Measure 'i' of the pack as the HTML pack shows it: heading, SVG chart
   with its text alternative, the figures' table, linked actions. */
void vt_report_html_measure(struct vt_html *h, const struct vt_report *r,
			    size_t i);

/* The renderers: each writes the whole pack to 'out'. */
VT_MUST_USE
enum vt_err vt_report_markdown(const struct vt_report *r, FILE *out);
/*
 * The partnership funding parts of the annual report for financial year
 * 'year' alone, as Markdown on 'out' (vitals funding show --markdown).
 * VT_ENOTFOUND when there is no budget for the year.
 */
VT_MUST_USE
enum vt_err vt_report_funding_markdown(const struct vt_def *def,
				       const char *year, FILE *out);
VT_MUST_USE
enum vt_err vt_report_html(const struct vt_report *r, FILE *out);
VT_MUST_USE
enum vt_err vt_report_xlsx(const struct vt_report *r, const char *path);
/* A4, pages numbered, tagged (headings, paragraphs, figures with their
   readings as captions), with an outline of plans, priorities and
   measures; each plan and each priority with measures starts a page. */
VT_MUST_USE
enum vt_err vt_report_pdf(const struct vt_report *r, const char *path);

/* The pack's file formats: extension, words for a reader, media type. */
enum vt_report_format {
	VT_REPORT_HTML, VT_REPORT_PDF, VT_REPORT_XLSX, VT_REPORT_MARKDOWN,
	VT_REPORT__MAX
};
struct vt_report_format_info {
	const char *ext, *label, *type;
};
extern const struct vt_report_format_info vt_report_formats[VT_REPORT__MAX];

/* The format whose extension is 'ext' ("html", "pdf", "xlsx", "md"), or
   -1. */
int vt_report_format_of(const char *ext);

/*
 * The pack in 'format' written to 'path' through a temporary name beside
 * it, then renamed: a reader never sees half a file, and a failed write
 * leaves what was there.
 */
VT_MUST_USE
enum vt_err vt_report_write(const struct vt_report *r,
			    enum vt_report_format format, const char *path);

#endif
