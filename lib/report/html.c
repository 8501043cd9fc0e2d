/* The pack as one self-contained, accessible HTML file with an SVG chart per measure. */
#include "vitals/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/html.h"
#include "vitals/markdown.h"
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
	".mean{stroke:#505a5f;stroke-width:1.5}"
	".limit{stroke:#505a5f;stroke-dasharray:6 4}"
	".target{stroke:#d4351c;stroke-dasharray:2 3;stroke-width:2}"
	".cmp{stroke:#4c2c92;stroke-dasharray:1 3;stroke-width:2}"
	".nb{stroke:#00703c;stroke-dasharray:6 3;stroke-width:2}"
	".line{fill:none;stroke:#0b0c0c;stroke-width:1.5}"
	".common{fill:#b1b4b6}.improvement{fill:#1d70b8}"
	".concern{fill:#f47738}.expected{fill:#ffffff;stroke:#f47738;"
	"stroke-width:2}.neutral{fill:#4c2c92}"
	"svg text{font-size:11px;fill:#0b0c0c}"
	".vt-table-scroll{overflow-x:auto}svg{max-width:100%;height:auto}";

#define W 640.0
#define H 260.0
#define LEFT 60.0
#define RIGHT 110.0
#define TOP 14.0
#define BOTTOM 36.0

/* The plot's box inside the SVG's 640 x 260 view. */
#define PLOT_W (W - LEFT - RIGHT)
#define PLOT_H (H - TOP - BOTTOM)

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

/* A self-closed SVG element written as <TAG ...></TAG>. */
#define SVG(h, tag, ...) do { vt_html_open(h, tag, __VA_ARGS__, NULL); \
		vt_html_close(h, tag); } while (0)

static void label(struct vt_html *h, double x, double y, const char *text)
{
	vt_html_element(h, "text", text, "x", num(x).s, "y", num(y).s, NULL);
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
	double x1 = vt_chart_x(c, LEFT, PLOT_W, l->from);
	double x2 = vt_chart_x(c, LEFT, PLOT_W, l->to);
	double y = vt_chart_y(c, TOP, PLOT_H, l->value);
	double y2 = vt_chart_y(c, TOP, PLOT_H, l->end);

	if (l->from == l->to) {		/* a mark at one position */
		x1 -= 8;
		x2 += 8;
	}
	SVG(h, "line", "class", line_class[l->kind], "x1", num(x1).s,
	    "x2", num(x2).s, "y1", num(y).s, "y2", num(y2).s);
	if (l->label)
		label(h, x2 + 6, vt_chart_y(c, TOP, PLOT_H, l->label_at) + 4,
		      l->label);
}

/* One point, by a shape as well as a colour. */
static void point(struct vt_html *h, double x, double y, int type)
{
	const char *cls = vt_spc_type_names[type];
	char pts[128];

	switch (type) {
	case VT_SPC_IMPROVEMENT:	/* a diamond */
		snprintf(pts, sizeof(pts), "%.1f,%.1f %.1f,%.1f %.1f,%.1f "
			 "%.1f,%.1f", x, y - 6, x + 6, y, x, y + 6, x - 6, y);
		SVG(h, "polygon", "class", cls, "points", pts);
		break;
	case VT_SPC_CONCERN:		/* a square */
	case VT_SPC_EXPECTED:
		SVG(h, "rect", "class", cls, "x", num(x - 5).s, "y",
		    num(y - 5).s, "width", "10", "height", "10");
		break;
	case VT_SPC_NEUTRAL:		/* a triangle */
		snprintf(pts, sizeof(pts), "%.1f,%.1f %.1f,%.1f %.1f,%.1f", x,
			 y - 6, x + 6, y + 5, x - 6, y + 5);
		SVG(h, "polygon", "class", cls, "points", pts);
		break;
	default:			/* a circle */
		SVG(h, "circle", "class", cls, "cx", num(x).s, "cy",
		    num(y).s, "r", "4");
	}
}

/* The points of one stretch of the line as a polyline's; NULL when
   out of memory. */
static char *polyline(const struct vt_chart *c, size_t first, size_t last)
{
	size_t size = (last - first + 1) * 24 + 1, used = 0, i;
	char *pts = malloc(size);

	if (!pts)
		return NULL;
	pts[0] = '\0';
	for (i = first; i <= last; i++)
		used += (size_t)snprintf(pts + used, size - used, "%s%.1f,%.1f",
					 i > first ? " " : "",
					 vt_chart_x(c, LEFT, PLOT_W,
						    c->points[i].i),
					 vt_chart_y(c, TOP, PLOT_H,
						    c->points[i].value));
	return pts;
}

static void chart(struct vt_html *h, const struct vt_report *r,
		  const struct vt_report_measure *rm, size_t id)
{
	const struct vt_measure *m = rm->measure;
	struct vt_chart c;
	char a[32], tid[32], did[32], both[80];
	size_t i;

	if (vt_chart_build(r, rm, &c)) {
		h->failed = true;
		return;
	}
	snprintf(tid, sizeof(tid), "chart-%zu-title", id);
	snprintf(did, sizeof(did), "chart-%zu-desc", id);
	snprintf(both, sizeof(both), "%s %s", tid, did);
	vt_html_open(h, "figure", NULL);
	vt_html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg",
		     "viewBox", "0 0 640 260", "width", "640", "height", "260",
		     "role", "img", "aria-labelledby", both, NULL);
	vt_html_open(h, "title", "id", tid, NULL);
	vt_html_textf(h, "XmR chart of %s: %s", m->code, m->title);
	vt_html_close(h, "title");
	vt_html_open(h, "desc", "id", did, NULL);
	vt_html_text(h, rm->reading);
	vt_html_text(h, " The figures are in the table below the chart.");
	vt_html_close(h, "desc");
	for (i = 0; i < 3; i++)
		label(h, 4, vt_chart_y(&c, TOP, PLOT_H, c.ticks[i]) + 4,
		      vt_report_figure(r, m, round(c.ticks[i] * 10) / 10, a));
	for (i = 0; i < c.nlines; i++)
		hline(h, &c, &c.lines[i]);
	for (i = 0; i < c.nruns; i++) {
		char *pts;

		if (c.runs[i].first == c.runs[i].last)
			continue;	/* one point: no line to draw */
		pts = polyline(&c, c.runs[i].first, c.runs[i].last);
		if (!pts)
			h->failed = true;
		else
			SVG(h, "polyline", "class", "line", "points", pts);
		free(pts);
	}
	for (i = 0; i < c.npoints; i++)
		point(h, vt_chart_x(&c, LEFT, PLOT_W, c.points[i].i),
		      vt_chart_y(&c, TOP, PLOT_H, c.points[i].value),
		      c.points[i].type);
	for (i = 0; i < c.n; i += c.label_step) {
		char x[VT_PERIOD_LABEL_MAX];

		vt_chart_x_label(r, rm, i, x);
		label(h, vt_chart_x(&c, LEFT, PLOT_W, i) - 24, 250, x);
	}
	vt_html_close(h, "svg");
	vt_html_element(h, "figcaption", rm->reading, NULL);
	vt_html_close(h, "figure");
	vt_chart_release(&c);
}

static void figures_table(struct vt_html *h, const struct vt_report *r,
			  const struct vt_report_measure *rm)
{
	struct vt_report_row *rows;
	char a[32], label[VT_PERIOD_LABEL_MAX];
	size_t i, n;

	if (vt_report_rows(rm, &rows, &n)) {
		h->failed = true;
		return;
	}
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
	vt_html_literal(h, "</tbody></table>");
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
			vt_html_open(h, "li", NULL);
			vt_html_textf(h, "%s (%s): %s", rm->actions[i]->code,
				      vt_rag_names[rm->actions[i]->rag],
				      rm->actions[i]->title);
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
		      "complete; %zu overdue, %zu stale", a->nrows,
		      a->by_rag[VT_RAG_GREEN], a->by_rag[VT_RAG_AMBER],
		      a->by_rag[VT_RAG_RED], a->by_rag[VT_RAG_BLUE],
		      a->overdue, a->stale);
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

		if (row->action->rag != VT_RAG_RED)
			continue;
		vt_html_literal(h, "<tr>");
		vt_html_element(h, "th", row->action->code, "scope", "row",
				NULL);
		vt_html_element(h, "td", row->action->title, NULL);
		vt_html_element(h, "td", row->action->agency, NULL);
		vt_html_element(h, "td", row->action->owner ?
				row->action->owner : "-", NULL);
		vt_html_element(h, "td", row->action->due ? row->action->due
				: "-", NULL);
		vt_html_element(h, "td", row->last && row->last->note ?
				row->last->note : "-", NULL);
		vt_html_literal(h, "</tr>");
	}
	vt_html_literal(h, "</tbody></table></div>");
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
		for (j = 0; j < s->nimpact; j++)
			impact(&h, s->impact[j]);
	}
	vt_html_literal(&h, "</main></body></html>\n");
	return vt_html_finish(&h);
}
