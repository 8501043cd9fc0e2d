/* The pack as one self-contained, accessible HTML file with an SVG chart per measure. */
#include "vitals/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/html.h"
#include "vitals/markdown.h"
#include "report/assurance.h"
#include "report/chart.h"

/* No request leaves the file: styles inline, charts drawn in SVG. */
static const char style[] =
	"body{font-family:sans-serif;max-width:60rem;margin:0 auto;"
	"padding:1rem;color:#0b0c0c;line-height:1.4}"
	"table{border-collapse:collapse;margin:.5rem 0 1rem}"
	"th,td{border:1px solid #b1b4b6;padding:.25rem .5rem;"
	"text-align:left}"
	".notice{border-left:.4rem solid #d4351c;padding:.5rem 1rem;"
	"background:#f3f2f1}"
	"figure{margin:1rem 0}"
	/* The chart's colours are 3:1 or more against white (WCAG
	   1.4.11); its text is 12 px at any width (see chart()). */
	".vt-svg{display:block;box-sizing:border-box;width:100%;"
	"padding:0 96px 0 56px;overflow:visible}"
	".grid{stroke:#b1b4b6;stroke-width:1}"
	".mean{stroke:#505a5f;stroke-width:1.5}"
	".limit{stroke:#505a5f;stroke-dasharray:6 4}"
	".target{stroke:#d4351c;stroke-dasharray:2 3;stroke-width:2}"
	".cmp{stroke:#4c2c92;stroke-dasharray:1 3;stroke-width:2}"
	".nb{stroke:#00703c;stroke-dasharray:6 3;stroke-width:2}"
	".line{stroke:#0b0c0c;stroke-width:1.5;fill:none}"
	".common{fill:#6f777b}.improvement{fill:#1d70b8}"
	".concern{fill:#d05b00}.expected{fill:#ffffff;stroke:#d05b00;"
	"stroke-width:2}.neutral{fill:#4c2c92}"
	"svg text{font-size:12px;fill:#0b0c0c}.vt-axis{font-weight:bold}"
	"@media (max-width:40em){.vt-wide{display:none}}"
	".vt-table-scroll{overflow-x:auto}"
	/* A cell's tone, as GOV.UK's tags colour green, yellow and red. */
	".vt-tone-good{background:#cce2d8}.vt-tone-middling{background:#fff7bf}"
	".vt-tone-poor{background:#f4cdc6}"
	".vt-bars{display:block;width:100%;max-width:40em}.vt-bar{fill:#1d70b8}";

/*
 * The chart reflows rather than shrinks, so that its text is never
 * smaller than 12 CSS px, on a 320 px phone as on a desktop: the SVG has
 * no viewBox (a user unit is a CSS px, and nothing is scaled) and is as
 * wide as its box.  The stylesheet pads it by LEFT and RIGHT (.vt-svg,
 * here and in tools/vitals.scss); x is a percentage of the width between
 * (the plot), y a number of pixels.  The y axis's labels sit in the left
 * padding, the lines' labels in the right, drawn there by 'overflow:
 * visible'; a shape at a percentage is a nested <svg> at it, drawn about
 * its origin.  One SVG, so one role="img" at any width; on a narrow
 * screen (below 40em) the period labels of the wide step only are
 * hidden (.vt-wide), so that those left do not collide.
 */
#define LEFT 56.0		/* .vt-svg's left padding */
#define RIGHT 96.0		/* and its right */
#define PLOT_TOP 44.0
#define PLOT_H 200.0
#define KEY_TOP (PLOT_TOP + PLOT_H + 58)	/* the legend's first row */
#define KEY_ROW 22.0
#define CHAR_W 7.0		/* a 12 px character, wide ones included */
#define NARROW_W (288 - LEFT - RIGHT)	/* the plot on a 320 px screen */
#define WIDE_W (580 - LEFT - RIGHT)	/* and just above 40em, the breakpoint */

/* Coordinates as attribute values: numbers, escaped like any value. */
struct num {
	char s[24];
};

static struct num num(double v)
{
	struct num n;

	snprintf(n.s, sizeof(n.s), "%.1f", v);
	return n;
}

/* Position 'i' as a percentage of the plot's width. */
static struct num pct(const struct vt_chart *c, size_t i)
{
	struct num n;

	snprintf(n.s, sizeof(n.s), "%.2f%%", vt_chart_x(c, 0, 100, i));
	return n;
}

/* A self-closed SVG element written as <TAG ...></TAG>. */
#define SVG(h, tag, ...) do { vt_html_open(h, tag, __VA_ARGS__, NULL); \
		vt_html_close(h, tag); } while (0)

/* A text at 'x' (a number or a percentage), anchored at its start, its
   "middle" or its "end". */
static void label(struct vt_html *h, const char *x, double y,
		  const char *anchor, const char *cls, const char *text)
{
	vt_html_element(h, "text", text, "x", x, "y", num(y).s,
			"text-anchor", anchor, "class", cls, NULL);
}

/* What is drawn next is drawn about the point at 'x' (a percentage),
   'dx' pixels to its right, until at_end(). */
static void at(struct vt_html *h, const char *x, double dx)
{
	char t[48];

	vt_html_open(h, "svg", "x", x, "overflow", "visible", NULL);
	if (dx) {
		snprintf(t, sizeof(t), "translate(%.1f 0)", dx);
		vt_html_open(h, "g", "transform", t, NULL);
	}
}

static void at_end(struct vt_html *h, double dx)
{
	if (dx)
		vt_html_close(h, "g");
	vt_html_close(h, "svg");
}

/* The CSS class of each kind of line. */
static const char *const line_class[VT_CHART_LINE__MAX] = {
	[VT_CHART_MEAN] = "mean",
	[VT_CHART_LIMIT] = "limit",
	[VT_CHART_TARGET] = "target",
	[VT_CHART_COMPARATOR] = "cmp",
	[VT_CHART_NEIGHBOURS] = "nb",
};

static void hline(struct vt_html *h, const struct vt_chart *c,
		  const struct vt_chart_line *l)
{
	double y = vt_chart_y(c, PLOT_TOP, PLOT_H, l->value);
	double y2 = vt_chart_y(c, PLOT_TOP, PLOT_H, l->end);

	if (l->from == l->to) {		/* a mark at one position */
		at(h, pct(c, l->from).s, 0);
		SVG(h, "line", "class", line_class[l->kind], "x1", "-8",
		    "x2", "8", "y1", num(y).s, "y2", num(y2).s);
		at_end(h, 0);
	} else {
		SVG(h, "line", "class", line_class[l->kind], "x1",
		    pct(c, l->from).s, "x2", pct(c, l->to).s, "y1", num(y).s,
		    "y2", num(y2).s);
	}
	if (l->label) {
		at(h, pct(c, l->to).s, 0);
		label(h, l->from == l->to ? "14" : "6",
		      vt_chart_y(c, PLOT_TOP, PLOT_H, l->label_at) + 4, NULL,
		      NULL, l->label);
		at_end(h, 0);
	}
}

/* One point about (0, y), by a shape as well as a colour; 'key' marks
   the legend's, which is not a figure. */
static void point(struct vt_html *h, double y, int type, bool key)
{
	char cls[40], pts[128];

	snprintf(cls, sizeof(cls), "%s%s", key ? "key " : "",
		 vt_spc_type_names[type]);
	switch (type) {
	case VT_SPC_IMPROVEMENT:	/* a diamond */
		snprintf(pts, sizeof(pts), "0,%.1f 6.5,%.1f 0,%.1f -6.5,%.1f",
			 y - 6.5, y, y + 6.5, y);
		SVG(h, "polygon", "class", cls, "points", pts);
		break;
	case VT_SPC_CONCERN:		/* a square */
	case VT_SPC_EXPECTED:
		SVG(h, "rect", "class", cls, "x", "-5", "y", num(y - 5).s,
		    "width", "10", "height", "10");
		break;
	case VT_SPC_NEUTRAL:		/* a triangle */
		snprintf(pts, sizeof(pts), "0,%.1f 6.5,%.1f -6.5,%.1f",
			 y - 6.5, y + 5, y + 5);
		SVG(h, "polygon", "class", cls, "points", pts);
		break;
	default:			/* a circle */
		SVG(h, "circle", "class", cls, "cx", "0", "cy", num(y).s,
		    "r", "4");
	}
}

/* The legend's entry 'k': a sample of the line or the shape, then its
   name, at the left of a row's first or second half. */
static void key(struct vt_html *h, enum vt_chart_key k, size_t slot)
{
	static const char *const cls[] = {
		[VT_CHART_KEY_MEAN] = "key mean",
		[VT_CHART_KEY_LIMITS] = "key limit",
		[VT_CHART_KEY_TARGET] = "key target",
		[VT_CHART_KEY_ENGLAND] = "key cmp",
		[VT_CHART_KEY_NEIGHBOURS] = "key nb",
	};
	static const int type[] = {
		[VT_CHART_KEY_CONCERN] = VT_SPC_CONCERN,
		[VT_CHART_KEY_EXPECTED] = VT_SPC_EXPECTED,
		[VT_CHART_KEY_IMPROVEMENT] = VT_SPC_IMPROVEMENT,
		[VT_CHART_KEY_NEUTRAL] = VT_SPC_NEUTRAL,
	};
	double y = KEY_TOP + KEY_ROW * (double)(slot / 2);

	/* The first half starts at the SVG's left edge, the second at its
	   middle: 50% of the plot and half the padding less the left. */
	at(h, slot % 2 ? "50%" : "0", slot % 2 ? (RIGHT - LEFT) / 2 : -LEFT);
	switch (k) {
	case VT_CHART_KEY_FIGURES:
		SVG(h, "line", "class", "key line", "x1", "0", "x2", "28",
		    "y1", num(y - 4).s, "y2", num(y - 4).s);
		at(h, "14", 0);
		point(h, y - 4, VT_SPC_COMMON, true);
		at_end(h, 0);
		break;
	case VT_CHART_KEY_MEAN:
	case VT_CHART_KEY_LIMITS:
	case VT_CHART_KEY_TARGET:
	case VT_CHART_KEY_ENGLAND:
	case VT_CHART_KEY_NEIGHBOURS:
		SVG(h, "line", "class", cls[k], "x1", "0", "x2", "28",
		    "y1", num(y - 4).s, "y2", num(y - 4).s);
		break;
	case VT_CHART_KEY_PROVISIONAL:
		at(h, "14", 0);
		SVG(h, "circle", "class", "key prov", "cx", "0",
		    "cy", num(y - 4).s, "r", "8");
		at_end(h, 0);
		break;
	default:
		at(h, "14", 0);
		point(h, y - 4, type[k], true);
		at_end(h, 0);
	}
	label(h, "34", y, NULL, NULL, vt_chart_key_names[k]);
	at_end(h, slot % 2 ? (RIGHT - LEFT) / 2 : -LEFT);
}

static void chart(struct vt_html *h, const struct vt_report *r,
		  const struct vt_report_measure *rm, size_t id)
{
	const struct vt_measure *m = rm->measure;
	const char *direction = vt_chart_direction(m);
	struct vt_chart c;
	char a[32], tid[32], did[32], both[80], height[24];
	size_t i, nkeys = 0, longest = 0, wide, narrow;

	if (vt_chart_build(r, rm, &c)) {
		h->failed = true;
		return;
	}
	for (i = 0; i < VT_CHART_KEY__MAX; i++)
		nkeys += (c.keys >> i) & 1;
	snprintf(tid, sizeof(tid), "chart-%zu-title", id);
	snprintf(did, sizeof(did), "chart-%zu-desc", id);
	snprintf(both, sizeof(both), "%s %s", tid, did);
	snprintf(height, sizeof(height), "%.0f",
		 KEY_TOP + KEY_ROW * (double)((nkeys + 1) / 2) - 8);
	vt_html_open(h, "figure", NULL);
	vt_html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg",
		     "class", "vt-svg", "width", "100%", "height", height,
		     "overflow", "visible", "role", "img", "aria-labelledby",
		     both, NULL);
	vt_html_open(h, "title", "id", tid, NULL);
	vt_html_textf(h, "XmR chart of %s: %s", m->code, m->title);
	vt_html_close(h, "title");
	vt_html_open(h, "desc", "id", did, NULL);
	vt_html_text(h, rm->reading);
	/* What the chart shows above its plot, in words too. */
	vt_html_textf(h, " %s.", vt_chart_y_title(m));
	if (direction)
		vt_html_textf(h, " %s.", direction);
	vt_html_text(h, " The figures are in the table below the chart.");
	vt_html_close(h, "desc");
	/* Above the plot: which way is good, then what the y axis counts,
	   each a line of its own, however narrow. */
	if (direction) {
		at(h, "100%", RIGHT);
		label(h, "0", PLOT_TOP - 30, "end", "vt-axis", direction);
		at_end(h, RIGHT);
	}
	label(h, num(-LEFT).s, PLOT_TOP - 14, NULL, "vt-axis",
	      vt_chart_y_title(m));
	/* A gridline at every tick, labelled at its left. */
	for (i = 0; i < c.nticks; i++) {
		double y = vt_chart_y(&c, PLOT_TOP, PLOT_H, c.ticks[i]);

		SVG(h, "line", "class", "grid", "x1", "0", "x2", "100%",
		    "y1", num(y).s, "y2", num(y).s);
		vt_chart_tick_label(&c, c.ticks[i], a);
		label(h, "-6", y + 4, "end", NULL, a);
	}
	for (i = 0; i < c.nlines; i++)
		hline(h, &c, &c.lines[i]);
	for (i = 0; i < c.nruns; i++) {
		size_t k;

		/* One point is no line; a hidden count breaks it. */
		for (k = c.runs[i].first; k < c.runs[i].last; k++)
			SVG(h, "line", "class", "line",
			    "x1", pct(&c, c.points[k].i).s,
			    "x2", pct(&c, c.points[k + 1].i).s,
			    "y1", num(vt_chart_y(&c, PLOT_TOP, PLOT_H,
						 c.points[k].value)).s,
			    "y2", num(vt_chart_y(&c, PLOT_TOP, PLOT_H,
						 c.points[k + 1].value)).s);
	}
	for (i = 0; i < c.npoints; i++) {
		at(h, pct(&c, c.points[i].i).s, 0);
		point(h, vt_chart_y(&c, PLOT_TOP, PLOT_H, c.points[i].value),
		      c.points[i].type, false);
		if (c.points[i].provisional)
			SVG(h, "circle", "class", "prov", "cx", "0", "cy",
			    num(vt_chart_y(&c, PLOT_TOP, PLOT_H,
					   c.points[i].value)).s, "r", "8");
		at_end(h, 0);
	}
	/* Period labels far enough apart not to touch at 40em and wider;
	   of those, the narrow step's only below it. */
	for (i = 0; i < c.n; i++) {
		char x[VT_PERIOD_LABEL_MAX];

		vt_chart_x_label(r, rm, i, x);
		if (strlen(x) > longest)
			longest = strlen(x);
	}
	wide = vt_chart_label_step(c.n, WIDE_W, CHAR_W * (double)longest + 12);
	narrow = vt_chart_label_step(c.n, NARROW_W,
				     CHAR_W * (double)longest + 12);
	narrow = (narrow + wide - 1) / wide * wide;
	for (i = 0; i < c.n; i += wide) {
		char x[VT_PERIOD_LABEL_MAX];

		vt_chart_x_label(r, rm, i, x);
		label(h, pct(&c, i).s, PLOT_TOP + PLOT_H + 18, "middle",
		      i % narrow ? "vt-wide" : NULL, x);
	}
	label(h, "50%", PLOT_TOP + PLOT_H + 38, "middle", "vt-axis", "Period");
	for (i = 0, nkeys = 0; i < VT_CHART_KEY__MAX; i++)
		if (c.keys & (1u << i))
			key(h, (enum vt_chart_key)i, nkeys++);
	vt_html_close(h, "svg");
	vt_html_element(h, "figcaption", rm->reading, NULL);
	vt_html_close(h, "figure");
	vt_chart_release(&c);
}

static void figures_table(struct vt_html *h, const struct vt_report *r,
			  const struct vt_report_measure *rm)
{
	struct vt_report_row *rows;
	char a[32], label[VT_PERIOD_LABEL_MAX], region[200];
	size_t i, n;

	if (vt_report_rows(rm, &rows, &n)) {
		h->failed = true;
		return;
	}
	/* Wider than a phone with its rules: it scrolls in its own region,
	   not the page. */
	snprintf(region, sizeof(region), "Figures of %s", rm->measure->code);
	vt_html_open(h, "div", "class", "vt-table-scroll", "role", "region",
		     "aria-label", region, "tabindex", "0", NULL);
	vt_html_open(h, "table", NULL);
	vt_html_open(h, "caption", NULL);
	vt_html_textf(h, "Figures of %s", rm->measure->code);
	vt_html_close(h, "caption");
	vt_html_literal(h, "<thead><tr><th scope=\"col\">Period</th>"
			  "<th scope=\"col\">Figure</th>"
			  "<th scope=\"col\">Reading</th>"
			  "<th scope=\"col\">Rules</th></tr></thead><tbody>");
	for (i = 0; i < n; i++) {
		const struct vt_spc_point *p = rows[i].point;
		int b;

		vt_html_literal(h, "<tr>");
		vt_html_element(h, "th", vt_report_label(r, rows[i].period,
							label),
				"scope", "row", NULL);
		if (!p) {	/* withheld: its code, never a number */
			vt_html_element(h, "td", rows[i].code, NULL);
			vt_html_literal(h, "<td>withheld</td><td></td></tr>");
			continue;
		}
		vt_html_literal(h, "<td>");
		vt_html_text(h, vt_report_figure(r, rm->measure, p->value, a));
		if (rows[i].provisional)
			vt_html_text(h, VT_REPORT_PROVISIONAL_MARK);
		vt_html_literal(h, "</td>");
		vt_html_element(h, "td", vt_spc_type_names[p->type], NULL);
		vt_html_literal(h, "<td>");
		for (b = 0; b < VT_SPC_RULES; b++)
			if (p->rules & (1u << b))
				vt_html_textf(h, "%s ", vt_spc_rule_names[b]);
		vt_html_literal(h, "</td></tr>");
	}
	vt_html_literal(h, "</tbody></table></div>");
	free(rows);
}

static void measure(struct vt_html *h, const struct vt_report *r,
		    const struct vt_report_measure *rm, size_t id,
		    const char *heading)
{
	size_t i;

	vt_html_open(h, "section", NULL);
	vt_html_open(h, heading, NULL);
	vt_html_textf(h, "%s: %s", rm->measure->code, rm->measure->title);
	vt_html_close(h, heading);
	if (rm->status.spc.n) {
		chart(h, r, rm, id);
		figures_table(h, r, rm);
	} else {
		vt_html_element(h, "p", rm->reading, NULL);
	}
	if (rm->nactions) {
		vt_html_element(h, "p", "Actions meant to move it:", NULL);
		vt_html_open(h, "ul", NULL);
		for (i = 0; i < rm->nactions; i++) {
			const struct vt_action *ac = rm->actions[i];
			int rag = vt_report_action_rag(r, ac);

			vt_html_open(h, "li", NULL);
			vt_html_textf(h, "%s (%s%s%s): %s", ac->code,
				      vt_rag_names[rag < 0 ? ac->rag : rag],
				      vt_report_discharged(r, ac) ?
				      ", discharged on " : "",
				      vt_report_discharged(r, ac) ?
				      ac->discharged : "", ac->title);
			vt_html_close(h, "li");
		}
		vt_html_close(h, "ul");
	}
	vt_html_close(h, "section");
}

void vt_report_html_measure(struct vt_html *h, const struct vt_report *r,
			    size_t i)
{
	/* Under the page's h1: its own heading comes next. */
	if (i < r->nmeasures)
		measure(h, r, &r->measures[i], i, "h2");
}

void vt_report_html_summary(struct vt_html *h, const struct vt_report *r)
{
	const struct vt_action_report *a = &r->actions;
	size_t i;

	vt_html_element(h, "h2", "Summary", NULL);
	vt_html_open(h, "ul", NULL);
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Measures for %s: %zu improving, %zu deteriorating, "
		      "%zu with no significant change, %zu without a figure",
		      r->label, r->improving, r->deteriorating, r->no_change,
		      r->no_figure);
	vt_html_close(h, "li");
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Actions: %zu: %zu green, %zu amber, %zu red, %zu "
		      "complete; %zu overdue, %zu stale, %zu discharged "
		      "(as at %s)", a->nrows,
		      a->by_rag[VT_RAG_GREEN], a->by_rag[VT_RAG_AMBER],
		      a->by_rag[VT_RAG_RED], a->by_rag[VT_RAG_BLUE],
		      a->overdue, a->stale, a->discharged, r->as_at);
	vt_html_close(h, "li");
	if (r->returns) {
		vt_html_open(h, "li", NULL);
		vt_html_textf(h, "Returns for %s: %zu of %zu not in, %zu late",
			      r->label, r->returns_missing,
			      r->returns->nagencies, r->returns_late);
		vt_html_close(h, "li");
	}
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Challenges not closed: %zu", r->challenges.nrows);
	vt_html_close(h, "li");
	vt_html_open(h, "li", NULL);
	vt_html_textf(h, "Contradictions (every linked action green or "
		      "complete while the measure shows concern): %zu",
		      r->contradictions);
	for (i = 0; i < r->nmeasures; i++)
		if (r->measures[i].status.contradiction)
			vt_html_textf(h, " %s", r->measures[i].measure->code);
	vt_html_close(h, "li");
	vt_html_close(h, "ul");
	if (!a->by_rag[VT_RAG_RED])
		return;
	vt_html_element(h, "h3", "Red list", NULL);
	/* Wider than a phone: it scrolls in its own region, not the page. */
	vt_html_literal(h, "<div class=\"vt-table-scroll\" role=\"region\" "
			   "aria-label=\"Red list\" tabindex=\"0\">"
			   "<table><thead><tr><th scope=\"col\">Ref</th>"
			  "<th scope=\"col\">Action</th>"
			  "<th scope=\"col\">Agency</th>"
			  "<th scope=\"col\">Owner</th>"
			  "<th scope=\"col\">Due</th>"
			  "<th scope=\"col\">Last note</th></tr></thead>"
			  "<tbody>");
	for (i = 0; i < a->nrows; i++) {
		const struct vt_action_row *row = &a->rows[i];

		if (row->rag != VT_RAG_RED)
			continue;
		vt_html_literal(h, "<tr>");
		vt_html_element(h, "th", row->action->code, "scope", "row",
				NULL);
		vt_html_open(h, "td", NULL);
		vt_html_text(h, row->action->title);
		if (row->action->illustrative)
			vt_html_literal(h, " <strong class=\"vt-illustrative\">"
					   "Illustrative</strong>");
		vt_html_close(h, "td");
		vt_html_element(h, "td", row->action->agency, NULL);
		vt_html_element(h, "td", row->action->owner ?
				row->action->owner : "-", NULL);
		vt_html_element(h, "td", row->action->due ? row->action->due
				: "-", NULL);
		vt_html_open(h, "td", NULL);
		vt_html_text(h, row->last && row->last->note ?
			     row->last->note : "-");
		if (row->last && row->last->illustrative)
			vt_html_literal(h, " <strong class=\"vt-illustrative\">"
					   "Illustrative</strong>");
		vt_html_close(h, "td");
		vt_html_literal(h, "</tr>");
	}
	vt_html_literal(h, "</tbody></table></div>");
}

/* Rows of a bar chart: each bar's words on a line of their own, then the
   bar, so that the chart reflows to a phone's width without shrinking
   its text. */
#define BAR_ROW 42.0
#define BAR_TEXT 14.0
#define BAR_TOP 19.0
#define BAR_H 12.0

/*
 * A horizontal bar chart of 'bars', titled 'title', with its text
 * alternative ("title: label count, ...") as its description.
 */
static void bars(struct vt_html *h, const char *id, const char *title,
		 const struct vt_report_bar *bar, size_t n)
{
	char tid[48], did[48], both[100], height[24], words[1024], w[24];
	size_t i, most = 0;

	snprintf(tid, sizeof(tid), "%s-title", id);
	snprintf(did, sizeof(did), "%s-desc", id);
	snprintf(both, sizeof(both), "%s %s", tid, did);
	snprintf(height, sizeof(height), "%.0f", BAR_ROW * (double)n);
	vt_assurance_bars_words(title, bar, n, words, sizeof(words));
	for (i = 0; i < n; i++)
		if (bar[i].count > most)
			most = bar[i].count;
	vt_html_open(h, "figure", "class", "vt-figure", NULL);
	vt_html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg",
		     "class", "vt-bars", "width", "100%", "height", height,
		     "role", "img", "aria-labelledby", both, NULL);
	vt_html_element(h, "title", title, "id", tid, NULL);
	vt_html_element(h, "desc", words, "id", did, NULL);
	for (i = 0; i < n; i++) {
		char text[160];
		double y = BAR_ROW * (double)i;

		snprintf(text, sizeof(text), "%s: %zu", bar[i].label,
			 bar[i].count);
		label(h, "0", y + BAR_TEXT, "start", "vt-bar-label", text);
		/* Counted against the longest, and at least a sliver, so that
		   a bar of one is seen beside one of forty. */
		snprintf(w, sizeof(w), "%.1f%%", !bar[i].count ? 0.0 :
			 1.0 + 99.0 * (double)bar[i].count / (double)most);
		SVG(h, "rect", "x", "0", "y", num(y + BAR_TOP).s, "width", w,
		    "height", num(BAR_H).s, "class", "vt-bar");
	}
	/* Its words are in the chart itself and its description: a caption
	   would say them a third time. */
	vt_html_close(h, "svg");
	vt_html_close(h, "figure");
}

static void reviews_html(struct vt_html *h, const struct vt_report *r)
{
	const struct vt_report_assurance *a = &r->assurance;
	size_t i;

	vt_html_element(h, "h3", "Case reviews", "class", "govuk-heading-s",
			NULL);
	if (!a->reviews) {
		vt_html_element(h, "p", "No case reviews are in the register.",
				"class", "govuk-body", NULL);
		return;
	}
	vt_html_open(h, "p", "class", "govuk-body", NULL);
	vt_html_textf(h, "%zu in the register, %zu open. Clocks of open "
		      "reviews: %zu missed, %zu due within %d working days.",
		      a->reviews, a->open_reviews, a->missed, a->at_risk,
		      VT_DEADLINE_AT_RISK_DAYS);
	vt_html_close(h, "p");
	if (a->open_reviews)
		bars(h, "reviews-by-stage", "Open case reviews by stage reached",
		     a->stages, a->nstages);
	if (a->nclocks) {
		vt_html_element(h, "h4", "Clocks missed or at risk", "class",
				"govuk-heading-s", NULL);
		vt_html_open(h, "ul", "class", "govuk-list govuk-list--bullet",
			     NULL);
		for (i = 0; i < a->nclocks; i++) {
			char words[300];

			vt_assurance_clock_words(&a->clocks[i], words,
						 sizeof(words));
			vt_html_element(h, "li", words, NULL);
		}
		vt_html_close(h, "ul");
	}
	vt_html_element(h, "h4", "Recommendations", "class",
			"govuk-heading-s", NULL);
	if (!a->recommendations) {
		vt_html_element(h, "p", "No recommendations from case reviews "
				"are being tracked.", "class", "govuk-body",
				NULL);
		return;
	}
	vt_html_open(h, "p", "class", "govuk-body", NULL);
	vt_html_textf(h, "%zu recommendation%s from case reviews, tracked as "
		      "actions.", a->recommendations,
		      a->recommendations == 1 ? "" : "s");
	vt_html_close(h, "p");
	bars(h, "recommendations-by-rag", "Recommendations by RAG rating",
	     a->recs, VT_RAG__MAX);
}

static void escalations_html(struct vt_html *h, const struct vt_report *r)
{
	const struct vt_report_assurance *a = &r->assurance;
	char title[120];
	size_t i;

	vt_html_element(h, "h3", "Escalations", "class", "govuk-heading-s",
			NULL);
	if (!a->escalations) {
		vt_html_element(h, "p", "No escalations are in the register.",
				"class", "govuk-body", NULL);
		return;
	}
	vt_html_open(h, "p", "class", "govuk-body", NULL);
	vt_html_textf(h, "%zu in the register, %zu open: %zu past their "
		      "stage's timescale, %zu due within %d working days. "
		      "%zu raised in %s.", a->escalations, a->open_escalations,
		      a->past_timescale, a->esc_at_risk,
		      VT_DEADLINE_AT_RISK_DAYS, a->raised, r->label);
	vt_html_close(h, "p");
	if (a->nesc_flags) {
		vt_html_open(h, "ul", "class", "govuk-list govuk-list--bullet",
			     NULL);
		for (i = 0; i < a->nesc_flags; i++)
			vt_html_element(h, "li", a->esc_flags[i], NULL);
		vt_html_close(h, "ul");
	}
	vt_html_element(h, "h4", "Causes", "class", "govuk-heading-s", NULL);
	vt_html_element(h, "p", a->esc_trend, "class", "govuk-body", NULL);
	if (!a->raised)
		return;
	snprintf(title, sizeof(title), "Escalations raised in %s by theme",
		 r->label);
	bars(h, "escalations-by-theme", title, a->by_theme, a->nby_theme);
	snprintf(title, sizeof(title), "Escalations raised in %s by the "
		 "agency they are about", r->label);
	bars(h, "escalations-by-agency", title, a->by_about, a->nby_about);
	snprintf(title, sizeof(title), "Escalations raised in %s by the stage "
		 "they reached", r->label);
	bars(h, "escalations-by-stage", title, a->by_stage, a->nby_stage);
}

/* A part's table, in a region of its own that scrolls when wider than
   a phone; a cell's tone is a class, its words the same as its colour. */
static void part_table_html(struct vt_html *h,
			    const struct vt_report_part *part)
{
	static const char *const tones[] = {
		NULL, "vt-tone-good", "vt-tone-middling", "vt-tone-poor" };
	const struct vt_report_table *t = &part->table;
	size_t row, col;

	vt_html_open(h, "div", "class", "vt-table-scroll", "role", "region",
		     "aria-label", t->caption, "tabindex", "0", NULL);
	vt_html_open(h, "table", "class", "govuk-table", "id", part->id, NULL);
	vt_html_element(h, "caption", t->caption, "class", "govuk-table__"
			"caption govuk-table__caption--s", NULL);
	vt_html_literal(h, "<thead><tr class=\"govuk-table__row\">");
	for (col = 0; col < t->ncols; col++)
		vt_html_element(h, "th", vt_part_cell_text(t, 0, col), "scope",
				"col", "class", "govuk-table__header", NULL);
	vt_html_literal(h, "</tr></thead><tbody>");
	for (row = 1; row < t->nrows; row++) {
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", vt_part_cell_text(t, row, 0), "scope",
				"row", "class", "govuk-table__header", NULL);
		for (col = 1; col < t->ncols; col++) {
			unsigned tone = t->tones[row * t->ncols + col];
			char cls[64];

			snprintf(cls, sizeof(cls), "govuk-table__cell%s%s",
				 tone && tone < 4 ? " " : "",
				 tone && tone < 4 ? tones[tone] : "");
			vt_html_element(h, "td", vt_part_cell_text(t, row, col),
					"class", cls, NULL);
		}
		vt_html_literal(h, "</tr>");
	}
	vt_html_literal(h, "</tbody></table></div>");
}

static void part_html(struct vt_html *h, const struct vt_report_part *part)
{
	char id[64];
	size_t i;

	vt_html_element(h, "h3", part->heading, "class", "govuk-heading-s",
			NULL);
	vt_html_element(h, "p", part->sentence, "class", "govuk-body", NULL);
	if (part->nitems) {
		vt_html_open(h, "ul", "class", "govuk-list govuk-list--bullet",
			     NULL);
		for (i = 0; i < part->nitems; i++)
			vt_html_element(h, "li", part->items[i], NULL);
		vt_html_close(h, "ul");
	}
	for (i = 0; i < part->ncharts; i++) {
		snprintf(id, sizeof(id), "%s-chart-%zu", part->id, i + 1);
		bars(h, id, part->charts[i].title, part->charts[i].bars,
		     part->charts[i].nbars);
	}
	if (part->table.ncols)
		part_table_html(h, part);
	if (part->note[0])
		vt_html_element(h, "p", part->note, "class", "govuk-body-s",
				NULL);
}

void vt_report_html_part(struct vt_html *h, const struct vt_report_part *part)
{
	part_html(h, part);
}

const char *vt_report_html_style(void)
{
	return style;
}

void vt_report_html_assurance(struct vt_html *h, const struct vt_report *r)
{
	size_t i;

	vt_html_element(h, "h2", "Assurance", "class", "govuk-heading-m",
			NULL);
	reviews_html(h, r);
	escalations_html(h, r);
	for (i = 0; i < r->assurance.nparts; i++)
		part_html(h, &r->assurance.parts[i]);
}

static void impact(struct vt_html *h, const struct vt_impact *im)
{
	char *safe = NULL;

	vt_html_open(h, "h4", NULL);
	vt_html_textf(h, "Impact: %s", im->agency);
	vt_html_close(h, "h4");
	if (vt_markdown_html(im->text, &safe)) {
		vt_html_element(h, "p", im->text, NULL);
		return;
	}
	vt_html_trusted(h, safe);
	free(safe);
}

/*
 * A section's objectives, a list each with what serves it, then the
 * priority's other actions; or what an empty section says.
 */
void vt_report_html_objectives(struct vt_html *h, const struct vt_report *r,
			       const struct vt_report_section *s)
{
	char buf[160];
	size_t i, j;

	if (vt_report_section_empty(s))
		vt_html_element(h, "p", VT_REPORT_SECTION_EMPTY, NULL);
	if (s->nobjectives) {
		vt_html_element(h, "h4", "Objectives", NULL);
		vt_html_open(h, "ul", "class", "objectives", NULL);
	}
	for (i = 0; i < s->nobjectives; i++) {
		const struct vt_objective_item *it = &s->objectives[i];

		vt_html_open(h, "li", NULL);
		vt_html_open(h, "strong", NULL);
		vt_html_text(h, it->objective->number);
		vt_html_close(h, "strong");
		vt_html_textf(h, " %s", it->objective->text);
		if (!it->nmeasures && !it->nactions) {
			vt_html_open(h, "p", NULL);
			vt_html_element(h, "em", VT_OBJECTIVE_NONE, NULL);
			vt_html_close(h, "p");
		}
		if (it->nmeasures) {
			vt_html_open(h, "p", NULL);
			vt_html_text(h, "Measures: ");
			for (j = 0; j < it->nmeasures; j++)
				vt_html_textf(h, "%s%s", j ? "; " : "",
					vt_report_objective_measure(r,
					&r->measures[it->measures[j]], buf,
					sizeof(buf)));
			vt_html_close(h, "p");
		}
		if (it->nactions) {
			vt_html_open(h, "p", NULL);
			vt_html_text(h, "Actions: ");
			for (j = 0; j < it->nactions; j++)
				vt_html_textf(h, "%s%s (%s)", j ? "; " : "",
					      it->actions[j]->code,
					      vt_rag_names[
						vt_report_action_rag(r, it->actions[j])]);
			vt_html_close(h, "p");
		}
		vt_html_close(h, "li");
	}
	if (s->nobjectives)
		vt_html_close(h, "ul");
	if (s->nother_actions) {
		vt_html_open(h, "p", NULL);
		vt_html_text(h, s->nobjectives ?
			     "Other actions under this priority: " :
			     "Actions under this priority: ");
		for (i = 0; i < s->nother_actions; i++)
			vt_html_textf(h, "%s%s (%s)", i ? "; " : "",
				      s->other_actions[i]->code,
				      vt_rag_names[vt_report_action_rag(r, s->other_actions[i])]);
		vt_html_close(h, "p");
	}
}

enum vt_err vt_report_html(const struct vt_report *r, FILE *out)
{
	const struct vt_partnership *p = vt_def_count(r->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(r->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	char title[300];
	struct vt_html h;
	size_t i, j;

	snprintf(title, sizeof(title), "Vital signs: %s, %s",
		 p ? p->name : "the partnership", r->label);
	vt_html_init(&h, out);
	vt_html_literal(&h, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
			   "<meta charset=\"utf-8\">"
			   "<meta name=\"viewport\" content=\"width=device-"
			   "width, initial-scale=1\">");
	vt_html_element(&h, "title", title, NULL);
	vt_html_literal(&h, "<style>");
	vt_html_literal(&h, style);
	vt_html_literal(&h, "</style></head><body><main>");
	vt_html_element(&h, "h1", title, NULL);
	if (r->illustrative)
		vt_html_element(&h, "p", "Illustrative figures: demo data, "
				"not real figures for any child or area.",
				"class", "notice", NULL);
	if (r->publish)
		vt_html_element(&h, "p", "Published: counts from 1 to 4 are "
				"shown as <5; DfE suppression codes are kept.",
				NULL);
	if (r->provisional)
		vt_html_element(&h, "p", VT_REPORT_PROVISIONAL, "class",
				"notice", NULL);
	vt_report_html_summary(&h, r);
	vt_report_html_assurance(&h, r);
	if (r->comparisons[0])
		vt_html_element(&h, "p", r->comparisons, NULL);
	for (i = 0; i < r->nsections; i++) {
		const struct vt_report_section *s = &r->sections[i];

		if (i == 0 || s->plan != r->sections[i - 1].plan)
			vt_html_element(&h, "h2", s->plan->title, NULL);
		vt_html_open(&h, "h3", NULL);
		if (s->priority)
			vt_html_textf(&h, "Priority %s: %s",
				      s->priority->number,
				      s->priority->title);
		else
			vt_html_text(&h, "Other measures");
		vt_html_close(&h, "h3");
		for (j = 0; j < s->nmeasures; j++)
			measure(&h, r, &r->measures[s->measures[j]],
				s->measures[j], "h4");
		vt_report_html_objectives(&h, r, s);
		for (j = 0; j < s->nimpact; j++)
			impact(&h, s->impact[j]);
	}
	vt_html_literal(&h, "</main></body></html>\n");
	return vt_html_finish(&h);
}
