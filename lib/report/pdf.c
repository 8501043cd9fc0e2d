/* The pack as an A4 PDF: text set by Pango, charts drawn on the same cairo surface, pages numbered. */
#include "vitals/report.h"
#include "vitals/annual.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "report/assurance.h"
#include "report/chart.h"

#define PAGE_W 595.28	/* A4 in points */
#define PAGE_H 841.89
#define MARGIN 50.0
#define FOOT 30.0	/* room kept for the footer */
#define CHART_H 170.0

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct vt_report *r;
	double y;
	int page;
	bool failed;
	const char *foot;	/* the footer's words, else the pack's */
};

/* The lowest point text and charts may reach: the footer has the rest. */
#define BOTTOM (PAGE_H - MARGIN - FOOT)

/* Plain text set in the page's width (Pango markup is never used:
   nothing in it is read as markup). */
static PangoLayout *layout(struct pdf *p, const char *text, const char *font)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	PangoAttrList *attrs = pango_attr_list_new();

	/* Ligatures off: the text copied out of the PDF stays the text. */
	pango_attr_list_insert(attrs, pango_attr_font_features_new(
		"liga=0, clig=0, dlig=0"));
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text ? text : "", -1);
	pango_attr_list_unref(attrs);
	pango_font_description_free(fd);
	return l;
}

/* The footer of the page, then a fresh one.  Its text wraps inside the
   margins and sits above the page's edge, however long the partnership's
   marks make it.  (cairo 1.16 has no Artifact tag: the footer is content
   of the Document, read once per page.) */
static void footer(struct pdf *p)
{
	char text[240];
	PangoLayout *l;
	int w, h;

	if (p->foot)
		snprintf(text, sizeof(text), "%s  ·  page %d", p->foot,
			 p->page);
	else
		snprintf(text, sizeof(text), "Vital signs, %s%s%s  ·  page %d",
		 p->r->label, p->r->illustrative ? "  ·  Illustrative figures: "
		 "demo data, not real" : "", p->r->provisional ?
		 "  ·  Provisional figures included" : "", p->page);
	l = layout(p, text, "Sans 8");
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN / 2 - h);
	cairo_tag_begin(p->cr, "P", "");
	pango_cairo_show_layout(p->cr, l);
	cairo_tag_end(p->cr, "P");
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Make room for 'h' points, starting a page when there is not. */
static void room(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > MARGIN)
		new_page(p);
}

/* The height 'text' takes, for keeping a heading with what follows. */
static double text_h(struct pdf *p, const char *text, const char *font)
{
	PangoLayout *l = layout(p, text, font);
	int w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	return h;
}

/*
 * A block of text as structure element 'tag' ("P", "H1", ...; NULL: part
 * of the element open around it), line by line: a block longer than the
 * rest of the page goes on over the next, never under the footer.
 */
static void para(struct pdf *p, const char *tag, const char *text,
		 const char *font, double after)
{
	PangoLayout *l = layout(p, text, font);
	PangoLayoutIter *it;
	double y0;
	int w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	room(p, fmin(h, 40));	/* at least a line or three here */
	y0 = p->y;
	if (tag)
		cairo_tag_begin(p->cr, tag, "");
	it = pango_layout_get_iter(l);
	do {
		PangoRectangle line;
		double top, base;

		pango_layout_iter_get_line_extents(it, NULL, &line);
		top = (double)line.y / PANGO_SCALE;
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		if (y0 + top + (double)line.height / PANGO_SCALE > BOTTOM &&
		    y0 + top > MARGIN) {
			new_page(p);
			y0 = MARGIN - top;
		}
		cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
		cairo_move_to(p->cr, MARGIN + (double)line.x / PANGO_SCALE,
			      y0 + base);
		pango_cairo_show_layout_line(p->cr,
			pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (tag)
		cairo_tag_end(p->cr, tag);
	p->y = y0 + h + after;
	g_object_unref(l);
}

static void paraf(struct pdf *p, const char *tag, const char *font,
		  double after, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void paraf(struct pdf *p, const char *tag, const char *font,
		  double after, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	para(p, tag, buf, font, after);
}

/* A heading kept on one page with the first 'keep' points of what
   follows it: never a heading alone at the foot of a page. */
static void heading(struct pdf *p, const char *tag, const char *text,
		    const char *font, double after, double keep)
{
	room(p, text_h(p, text, font) + after + keep);
	para(p, tag, text, font, after);
}

/* ------------------------------------------------------------------ */
/* Charts */

/* The plot's box on the page. */
struct frame {
	double x0, y0, w, h;
};

#define KEY_ROW 14.0	/* a row of the legend under the plot */
#define KEY_COLS 3

static double fx(const struct vt_chart *c, const struct frame *f, size_t i)
{
	return vt_chart_x(c, f->x0, f->w, i);
}

static double fy(const struct vt_chart *c, const struct frame *f, double v)
{
	return vt_chart_y(c, f->y0, f->h, v);
}

/* Each kind of line's colour and dashes: solid for a mean, dashed for
   a limit, dotted in red for a target, dotted in purple for England,
   dashed in green for the neighbours, as in the HTML; every colour 3:1
   or more against white. */
static void line_style(struct pdf *p, enum vt_chart_line_kind kind)
{
	static const double dashed[] = { 4, 3 }, dotted[] = { 1, 2 };
	static const double rgb[VT_CHART_LINE__MAX][3] = {
		[VT_CHART_MEAN] = { .31, .35, .37 },
		[VT_CHART_LIMIT] = { .31, .35, .37 },
		[VT_CHART_TARGET] = { .83, .21, .11 },
		[VT_CHART_COMPARATOR] = { .30, .17, .57 },
		[VT_CHART_NEIGHBOURS] = { .0, .44, .24 },
	};

	cairo_set_source_rgb(p->cr, rgb[kind][0], rgb[kind][1],
			     rgb[kind][2]);
	cairo_set_line_width(p->cr, kind == VT_CHART_TARGET ||
				    kind == VT_CHART_COMPARATOR ||
				    kind == VT_CHART_NEIGHBOURS ? 1.5 : 1);
	if (kind == VT_CHART_LIMIT || kind == VT_CHART_NEIGHBOURS)
		cairo_set_dash(p->cr, dashed, 2, 0);
	else if (kind != VT_CHART_MEAN)
		cairo_set_dash(p->cr, dotted, 2, 0);
}

static void level(struct pdf *p, const struct vt_chart *c,
		  const struct frame *f, const struct vt_chart_line *l)
{
	line_style(p, l->kind);
	/* A mark at one position is a short level. */
	cairo_move_to(p->cr, fx(c, f, l->from) - (l->from == l->to ? 6 : 0),
		      fy(c, f, l->value));
	cairo_line_to(p->cr, fx(c, f, l->to) + (l->from == l->to ? 6 : 0),
		      fy(c, f, l->end));
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
}

/* Points by shape as well as colour, as in the HTML; the colours 3:1 or
   more against white (the common-cause grey, the concern orange). */
static void mark(struct pdf *p, double x, double y, int type)
{
	cairo_t *cr = p->cr;

	switch (type) {
	case VT_SPC_IMPROVEMENT:	/* a diamond */
		cairo_set_source_rgb(cr, 0.11, 0.44, 0.72);
		cairo_move_to(cr, x, y - 4.5);
		cairo_line_to(cr, x + 4.5, y);
		cairo_line_to(cr, x, y + 4.5);
		cairo_line_to(cr, x - 4.5, y);
		cairo_close_path(cr);
		cairo_fill(cr);
		break;
	case VT_SPC_CONCERN:		/* a square, hollow when expected */
	case VT_SPC_EXPECTED:
		cairo_set_source_rgb(cr, 0.82, 0.36, 0);
		cairo_rectangle(cr, x - 3.5, y - 3.5, 7, 7);
		if (type == VT_SPC_EXPECTED) {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0.82, 0.36, 0);
			cairo_set_line_width(cr, 1.2);
			cairo_stroke(cr);
		} else {
			cairo_fill(cr);
		}
		break;
	case VT_SPC_NEUTRAL:		/* a triangle */
		cairo_set_source_rgb(cr, 0.3, 0.17, 0.57);
		cairo_move_to(cr, x, y - 4.5);
		cairo_line_to(cr, x + 4.5, y + 3.5);
		cairo_line_to(cr, x - 4.5, y + 3.5);
		cairo_close_path(cr);
		cairo_fill(cr);
		break;
	default:			/* a circle */
		cairo_set_source_rgb(cr, 0.44, 0.47, 0.48);
		cairo_arc(cr, x, y, 3, 0, 2 * G_PI);
		cairo_fill(cr);
	}
}

/* The ring around a provisional point: dashed, so it reads apart from
   every point's own shape. */
static void ring(struct pdf *p, double x, double y)
{
	static const double dash[] = { 2, 1.5 };

	cairo_new_sub_path(p->cr);
	cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
	cairo_set_line_width(p->cr, 1);
	cairo_set_dash(p->cr, dash, 2, 0);
	cairo_arc(p->cr, x, y, 6, 0, 2 * G_PI);
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
}

/* A chart's text, its top at 'y', starting at 'x' (align < 0), centred
   on it (0) or ending at it (> 0); its width, or with no 'x' only
   measured. */
static double chart_text(struct pdf *p, double x, double y, const char *text,
			 int align, bool bold, bool draw)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(
		bold ? "Sans Bold 8" : "Sans 8");
	int w, h;

	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	if (draw) {
		cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
		cairo_move_to(p->cr, align < 0 ? x : align == 0 ? x - w / 2.0
			      : x - w, y);
		pango_cairo_show_layout(p->cr, l);
	}
	pango_font_description_free(fd);
	g_object_unref(l);
	return w;
}

/* The legend's entry 'k' at (x, y): a sample of the line or the shape,
   then its name. */
static void key(struct pdf *p, enum vt_chart_key k, double x, double y)
{
	static const enum vt_chart_line_kind kind[] = {
		[VT_CHART_KEY_MEAN] = VT_CHART_MEAN,
		[VT_CHART_KEY_LIMITS] = VT_CHART_LIMIT,
		[VT_CHART_KEY_TARGET] = VT_CHART_TARGET,
		[VT_CHART_KEY_ENGLAND] = VT_CHART_COMPARATOR,
		[VT_CHART_KEY_NEIGHBOURS] = VT_CHART_NEIGHBOURS,
	};
	static const int type[] = {
		[VT_CHART_KEY_CONCERN] = VT_SPC_CONCERN,
		[VT_CHART_KEY_EXPECTED] = VT_SPC_EXPECTED,
		[VT_CHART_KEY_IMPROVEMENT] = VT_SPC_IMPROVEMENT,
		[VT_CHART_KEY_NEUTRAL] = VT_SPC_NEUTRAL,
	};
	double mid = y + 5.5;

	switch (k) {
	case VT_CHART_KEY_FIGURES:
		cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
		cairo_set_line_width(p->cr, 1.2);
		cairo_move_to(p->cr, x, mid);
		cairo_line_to(p->cr, x + 20, mid);
		cairo_stroke(p->cr);
		mark(p, x + 10, mid, VT_SPC_COMMON);
		break;
	case VT_CHART_KEY_MEAN:
	case VT_CHART_KEY_LIMITS:
	case VT_CHART_KEY_TARGET:
	case VT_CHART_KEY_ENGLAND:
	case VT_CHART_KEY_NEIGHBOURS:
		line_style(p, kind[k]);
		cairo_move_to(p->cr, x, mid);
		cairo_line_to(p->cr, x + 20, mid);
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
		break;
	case VT_CHART_KEY_PROVISIONAL:
		ring(p, x + 10, mid);
		break;
	default:
		mark(p, x + 10, mid, type[k]);
	}
	chart_text(p, x + 25, y, vt_chart_key_names[k], -1, false, true);
}

/*
 * Above the plot, the unit of the y axis and which way is good; a
 * gridline at each tick, labelled; "Period" under the periods' labels,
 * of which every k-th so that none touch; the legend under it all, of
 * what is drawn only.
 */
static void chart(struct pdf *p, const struct vt_report_measure *rm)
{
	const struct vt_measure *m = rm->measure;
	const char *direction = vt_chart_direction(m);
	struct frame f = { MARGIN + 40, 0, PAGE_W - 2 * MARGIN - 110,
			   CHART_H - 40 };
	struct vt_chart c;
	char a[32];
	double widest = 0, height;
	size_t i, k, step, nkeys = 0;

	if (!rm->status.spc.n || vt_chart_build(p->r, rm, &c))
		return;
	for (i = 0; i < VT_CHART_KEY__MAX; i++)
		nkeys += (c.keys >> i) & 1;
	/* The titles, the plot, its labels, the legend's rows. */
	height = 22 + f.h + 38 + KEY_ROW * (double)((nkeys + KEY_COLS - 1) /
						     KEY_COLS) + 4;
	room(p, height);
	chart_text(p, MARGIN, p->y, vt_chart_y_title(m), -1, true, true);
	if (direction)
		chart_text(p, PAGE_W - MARGIN, p->y, direction, 1, true, true);
	f.y0 = p->y + 22;
	cairo_set_source_rgb(p->cr, 0.69, 0.71, 0.71);
	cairo_set_line_width(p->cr, 0.5);
	for (i = 0; i < c.nticks; i++) {
		cairo_move_to(p->cr, f.x0, fy(&c, &f, c.ticks[i]));
		cairo_line_to(p->cr, f.x0 + f.w, fy(&c, &f, c.ticks[i]));
	}
	cairo_stroke(p->cr);
	for (i = 0; i < c.nticks; i++) {
		vt_chart_tick_label(&c, c.ticks[i], a);
		chart_text(p, f.x0 - 4, fy(&c, &f, c.ticks[i]) - 5.5, a, 1,
			   false, true);
	}
	for (i = 0; i < c.nlines; i++) {
		level(p, &c, &f, &c.lines[i]);
		if (c.lines[i].label)
			chart_text(p, fx(&c, &f, c.lines[i].to) + 8,
				   fy(&c, &f, c.lines[i].label_at) - 5.5,
				   c.lines[i].label, -1, false, true);
	}
	/* A hidden count is a gap in the line, never a point at its value. */
	cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
	cairo_set_line_width(p->cr, 1.2);
	for (i = 0; i < c.nruns; i++) {
		for (k = c.runs[i].first; k <= c.runs[i].last; k++)
			(k == c.runs[i].first ? cairo_move_to : cairo_line_to)(
				p->cr, fx(&c, &f, c.points[k].i),
				fy(&c, &f, c.points[k].value));
		cairo_stroke(p->cr);
	}
	for (i = 0; i < c.npoints; i++) {
		mark(p, fx(&c, &f, c.points[i].i),
		     fy(&c, &f, c.points[i].value), c.points[i].type);
		if (c.points[i].provisional)
			ring(p, fx(&c, &f, c.points[i].i),
			     fy(&c, &f, c.points[i].value));
	}
	for (i = 0; i < c.n; i++) {
		char x[VT_PERIOD_LABEL_MAX];
		double w;

		vt_chart_x_label(p->r, rm, i, x);
		w = chart_text(p, 0, 0, x, 0, false, false);
		if (w > widest)
			widest = w;
	}
	step = vt_chart_label_step(c.n, f.w, widest + 8);
	for (i = 0; i < c.n; i += step) {
		char x[VT_PERIOD_LABEL_MAX];

		vt_chart_x_label(p->r, rm, i, x);
		chart_text(p, fx(&c, &f, i), f.y0 + f.h + 6, x, 0, false,
			   true);
	}
	chart_text(p, f.x0 + f.w / 2, f.y0 + f.h + 20, "Period", 0, true,
		   true);
	for (i = 0, k = 0; i < VT_CHART_KEY__MAX; i++) {
		if (!(c.keys & (1u << i)))
			continue;
		key(p, (enum vt_chart_key)i, MARGIN + (double)(k % KEY_COLS) *
		    (PAGE_W - 2 * MARGIN) / KEY_COLS,
		    f.y0 + f.h + 38 + KEY_ROW * (double)(k / KEY_COLS));
		k++;
	}
	vt_chart_release(&c);
	p->y += height;
}

/* ------------------------------------------------------------------ */

static void summary(struct pdf *p)
{
	const struct vt_report *r = p->r;
	const struct vt_action_report *a = &r->actions;
	size_t i;

	heading(p, "H2", "Summary", "Sans Bold 14", 6, 30);
	paraf(p, "P", "Sans 10", 3, "Measures for %s: %zu improving, %zu "
	      "deteriorating, %zu with no significant change, %zu without a "
	      "figure.", r->label, r->improving, r->deteriorating,
	      r->no_change, r->no_figure);
	paraf(p, "P", "Sans 10", 3, "Actions: %zu: %zu green, %zu amber, %zu "
	      "red, %zu complete; %zu overdue, %zu stale, %zu discharged "
	      "(as at %s).", a->nrows,
	      a->by_rag[VT_RAG_GREEN], a->by_rag[VT_RAG_AMBER],
	      a->by_rag[VT_RAG_RED], a->by_rag[VT_RAG_BLUE], a->overdue,
	      a->stale, a->discharged, r->as_at);
	if (r->returns)
		paraf(p, "P", "Sans 10", 3, "Returns for %s: %zu of %zu not "
		      "in, %zu late.", r->label, r->returns_missing,
		      r->returns->nagencies, r->returns_late);
	paraf(p, "P", "Sans 10", 3, "Challenges not closed: %zu. "
	      "Contradictions: %zu.", r->challenges.nrows, r->contradictions);
	if (!a->by_rag[VT_RAG_RED])
		return;
	heading(p, "H3", "Red list", "Sans Bold 12", 4, 30);
	for (i = 0; i < a->nrows; i++) {
		const struct vt_action_row *row = &a->rows[i];

		if (row->rag != VT_RAG_RED)
			continue;
		paraf(p, "P", "Sans 9", 3, "%s  %s%s (%s; %s; due %s)%s%s%s",
		      row->action->code, row->action->title,
		      row->action->illustrative ? " [Illustrative]" : "",
		      row->action->agency, row->action->owner ?
		      row->action->owner : "no owner", row->action->due ?
		      row->action->due : "none", row->last &&
		      row->last->note ? ": " : "", row->last &&
		      row->last->note ? row->last->note : "",
		      row->last && row->last->illustrative ?
		      " [Illustrative]" : "");
	}
}

#define BAR_LABEL_W 170.0	/* the bars' labels, left of them */
#define BAR_ROW_H 16.0

/* A horizontal bar chart, tagged as a figure with its words as caption. */
static void bars(struct pdf *p, const char *title,
		 const struct vt_report_bar *bar, size_t n)
{
	double width = PAGE_W - 2 * MARGIN - BAR_LABEL_W - 40;
	char words[1024], count[24];
	size_t i, most = 0;

	vt_assurance_bars_words(title, bar, n, words, sizeof(words));
	for (i = 0; i < n; i++)
		if (bar[i].count > most)
			most = bar[i].count;
	room(p, text_h(p, words, "Sans 9") + BAR_ROW_H * (double)n + 8);
	cairo_tag_begin(p->cr, "Figure", "");
	para(p, "Caption", words, "Sans 9", 4);
	for (i = 0; i < n; i++) {
		double y = p->y + BAR_ROW_H * (double)i;
		double w = !bar[i].count ? 0 : width * (0.01 + 0.99 *
			(double)bar[i].count / (double)most);

		chart_text(p, MARGIN, y + 2, bar[i].label, -1, false, true);
		cairo_set_source_rgb(p->cr, 0.11, 0.44, 0.72);
		cairo_rectangle(p->cr, MARGIN + BAR_LABEL_W, y + 3, w, 10);
		cairo_fill(p->cr);
		snprintf(count, sizeof(count), "%zu", bar[i].count);
		chart_text(p, MARGIN + BAR_LABEL_W + w + 4, y + 2, count, -1,
			   true, true);
	}
	cairo_tag_end(p->cr, "Figure");
	p->y += BAR_ROW_H * (double)n + 8;
}

/* The escalations: those flagged, the causes of the pack's quarter. */
static void escalations(struct pdf *p)
{
	const struct vt_report_assurance *a = &p->r->assurance;
	const char *label = p->r->label;
	char title[120];
	size_t i;

	heading(p, "H3", "Escalations", "Sans Bold 12", 4, 30);
	if (!a->escalations) {
		para(p, "P", "No escalations are in the register.", "Sans 10",
		     3);
		return;
	}
	paraf(p, "P", "Sans 10", 3, "%zu in the register, %zu open: %zu past "
	      "their stage's timescale, %zu due within %d working days. %zu "
	      "raised in %s.", a->escalations, a->open_escalations,
	      a->past_timescale, a->esc_at_risk, VT_DEADLINE_AT_RISK_DAYS,
	      a->raised, label);
	for (i = 0; i < a->nesc_flags; i++)
		para(p, "P", a->esc_flags[i], "Sans 9", 2);
	heading(p, "H4", "Causes", "Sans Bold 10", 3, 20);
	para(p, "P", a->esc_trend, "Sans 9", 3);
	if (!a->raised)
		return;
	snprintf(title, sizeof(title), "Escalations raised in %s by theme",
		 label);
	bars(p, title, a->by_theme, a->nby_theme);
	snprintf(title, sizeof(title), "Escalations raised in %s by the "
		 "agency they are about", label);
	bars(p, title, a->by_about, a->nby_about);
	snprintf(title, sizeof(title), "Escalations raised in %s by the stage "
		 "they reached", label);
	bars(p, title, a->by_stage, a->nby_stage);
}

/* The case reviews: by stage, their clocks, recommendations. */
static void reviews(struct pdf *p)
{
	const struct vt_report_assurance *a = &p->r->assurance;
	size_t i;

	heading(p, "H3", "Case reviews", "Sans Bold 12", 4, 30);
	if (!a->reviews) {
		para(p, "P", "No case reviews are in the register.", "Sans 10",
		     3);
		return;
	}
	paraf(p, "P", "Sans 10", 3, "%zu in the register, %zu open. Clocks "
	      "of open reviews: %zu missed, %zu due within %d working days.",
	      a->reviews, a->open_reviews, a->missed, a->at_risk,
	      VT_DEADLINE_AT_RISK_DAYS);
	if (a->open_reviews)
		bars(p, "Open case reviews by stage reached", a->stages,
		     a->nstages);
	if (a->nclocks)
		heading(p, "H4", "Clocks missed or at risk", "Sans Bold 10", 3,
			20);
	for (i = 0; i < a->nclocks; i++) {
		char words[300];

		vt_assurance_clock_words(&a->clocks[i], words, sizeof(words));
		para(p, "P", words, "Sans 9", 2);
	}
	heading(p, "H4", "Recommendations", "Sans Bold 10", 3, 20);
	if (!a->recommendations) {
		para(p, "P", "No recommendations from case reviews are being "
		     "tracked.", "Sans 10", 3);
		return;
	}
	paraf(p, "P", "Sans 10", 3, "%zu recommendation%s from case reviews, "
	      "tracked as actions.", a->recommendations,
	      a->recommendations == 1 ? "" : "s");
	bars(p, "Recommendations by RAG rating", a->recs, VT_RAG__MAX);
}

/* A cell's text at (x, y) wrapped to 'w'; its height. */
static double cell_text(struct pdf *p, double x, double y, double w,
			const char *text, const char *font, bool draw)
{
	PangoLayout *l = layout(p, text, font);
	int pw, ph;

	pango_layout_set_width(l, (int)((w - 6) * PANGO_SCALE));
	/* Whole words in a narrow column: a figure's heading never split. */
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_get_pixel_size(l, &pw, &ph);
	if (draw) {
		cairo_set_source_rgb(p->cr, 0.04, 0.05, 0.05);
		cairo_move_to(p->cr, x + 3, y + 2);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return ph + 4;
}

/* A table row: its height, drawn when 'draw', each cell tagged. */
static double table_row(struct pdf *p, const struct vt_report_table *t,
			size_t row, const double *x, const double *w, bool draw)
{
	/* GOV.UK's tag colours, as the web's. */
	static const double tone_rgb[][3] = {
		{ 1, 1, 1 }, { 0.80, 0.89, 0.85 }, { 1.0, 0.97, 0.75 },
		{ 0.96, 0.80, 0.78 } };
	double h = 0, ch;
	size_t col;

	for (col = 0; col < t->ncols; col++) {
		ch = cell_text(p, x[col], p->y, w[col],
			       vt_part_cell_text(t, row, col), row == 0 ||
			       col == 0 ? "Sans Bold 8" : "Sans 8", false);
		h = fmax(h, ch);
	}
	if (!draw)
		return h;
	cairo_tag_begin(p->cr, "TR", "");
	for (col = 0; col < t->ncols; col++) {
		unsigned tone = t->tones[row * t->ncols + col];
		const char *tag = row == 0 || col == 0 ? "TH" : "TD";

		if (tone && tone < 4) {
			cairo_set_source_rgb(p->cr, tone_rgb[tone][0],
					     tone_rgb[tone][1],
					     tone_rgb[tone][2]);
			cairo_rectangle(p->cr, x[col], p->y, w[col], h);
			cairo_fill(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0.69, 0.71, 0.71);
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x[col], p->y, w[col], h);
		cairo_stroke(p->cr);
		cairo_tag_begin(p->cr, tag, "");
		cell_text(p, x[col], p->y, w[col],
			  vt_part_cell_text(t, row, col), row == 0 ||
			  col == 0 ? "Sans Bold 8" : "Sans 8", true);
		cairo_tag_end(p->cr, tag);
	}
	cairo_tag_end(p->cr, "TR");
	return h;
}

/* A part's table across the page, its first column the widest, its
   header row again at the top of a page it runs on to. */
static void part_table(struct pdf *p, const struct vt_report_table *t)
{
	double width = PAGE_W - 2 * MARGIN, x[32], w[32], h;
	size_t col, row, ncols = t->ncols < 32 ? t->ncols : 32;

	if (ncols < 2)
		return;
	w[0] = width * (ncols > 6 ? 0.25 : 0.28);
	for (col = 1; col < ncols; col++)
		w[col] = (width - w[0]) / (double)(ncols - 1);
	for (col = 0, x[0] = MARGIN; col + 1 < ncols; col++)
		x[col + 1] = x[col] + w[col];
	/* The caption kept with the header row and a row, in the Table. */
	room(p, text_h(p, t->caption, "Sans Bold 9") + 3 +
	     2 * table_row(p, t, 0, x, w, false));
	cairo_tag_begin(p->cr, "Table", "");
	para(p, "Caption", t->caption, "Sans Bold 9", 3);
	p->y += table_row(p, t, 0, x, w, true);
	for (row = 1; row < t->nrows; row++) {
		h = table_row(p, t, row, x, w, false);
		if (p->y + h > BOTTOM) {
			new_page(p);
			p->y += table_row(p, t, 0, x, w, true);
		}
		p->y += table_row(p, t, row, x, w, true);
	}
	cairo_tag_end(p->cr, "Table");
	p->y += 8;
}

/* A part of the assurance section, drawn as every renderer draws it. */
static void part(struct pdf *p, const struct vt_report_part *part)
{
	size_t i;

	heading(p, "H3", part->heading, "Sans Bold 12", 4, 30);
	para(p, "P", part->sentence, "Sans 10", 3);
	for (i = 0; i < part->nitems; i++)
		para(p, "P", part->items[i], "Sans 9", 2);
	for (i = 0; i < part->ncharts; i++)
		bars(p, part->charts[i].title, part->charts[i].bars,
		     part->charts[i].nbars);
	if (part->table.ncols)
		part_table(p, &part->table);
	if (part->note[0])
		para(p, "P", part->note, "Sans 8", 4);
}

static void assurance(struct pdf *p)
{
	size_t i;

	room(p, 120);
	heading(p, "H2", "Assurance", "Sans Bold 14", 6, 30);
	reviews(p);
	escalations(p);
	for (i = 0; i < p->r->assurance.nparts; i++)
		part(p, &p->r->assurance.parts[i]);
}

/* Text for a cairo tag attribute: a quote or backslash escaped. */
static void attr_text(char *out, size_t size, const char *text)
{
	size_t used = 0;

	for (; *text && used + 2 < size; text++) {
		if (*text == '\'' || *text == '\\')
			out[used++] = '\\';
		out[used++] = *text;
	}
	out[used] = '\0';
}

/* An entry of the document outline for what starts at the page's 'y'
   now; its id, for entries under it. */
static int outline(struct pdf *p, int parent, const char *text)
{
	char at[64];

	snprintf(at, sizeof(at), "page=%d pos=[%.1f %.1f]", p->page, MARGIN,
		 p->y);
	return cairo_pdf_surface_add_outline(p->surface, parent, text, at,
					     0);
}

static const char *const MEASURE_FONT = "Sans Bold 10";

/* The height of a measure's heading, reading and chart: kept together. */
static double measure_h(struct pdf *p, const struct vt_report_measure *rm)
{
	char title[1024];

	snprintf(title, sizeof(title), "%s: %s", rm->measure->code,
		 rm->measure->title);
	return text_h(p, title, MEASURE_FONT) + 3 +
	       text_h(p, rm->reading, "Sans 9") + 4 +
	       (rm->status.spc.n ? CHART_H : 0);
}

/*
 * A measure: its heading (a named destination, "pack.pdf#csc-m1", and an
 * entry of the outline under its priority), then its chart as a Figure.
 * cairo 1.16 reads no attributes of structure tags (cairo-tag-attributes.c
 * parses those of links and destinations only), so a Figure cannot carry
 * /Alt: its text alternative is its Caption instead, the chart's reading
 * in words, set just above the drawing inside the Figure.
 */
static void measure(struct pdf *p, const struct vt_report_measure *rm,
		    int parent)
{
	char title[1024], name[128], dest[160];
	bool charted = rm->status.spc.n > 0;
	size_t i, used = 0;
	char line[1024];

	snprintf(title, sizeof(title), "%s: %s", rm->measure->code,
		 rm->measure->title);
	/* With its chart on one page, when the three fit on one. */
	room(p, fmin(measure_h(p, rm), BOTTOM - MARGIN));
	attr_text(name, sizeof(name), rm->measure->code);
	snprintf(dest, sizeof(dest), "name='%s' x=%.1f y=%.1f", name, MARGIN,
		 p->y);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, dest);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	outline(p, parent, title);
	para(p, "H4", title, MEASURE_FONT, 3);
	if (charted) {
		cairo_tag_begin(p->cr, "Figure", "");
		para(p, "Caption", rm->reading, "Sans 9", 4);
		chart(p, rm);
		cairo_tag_end(p->cr, "Figure");
	} else {
		para(p, "P", rm->reading, "Sans 9", 4);
	}
	line[0] = '\0';
	for (i = 0; i < rm->nactions && used < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used,
					 "%s%s (%s%s%s)", i ? "; " : "Actions: ",
					 rm->actions[i]->code,
					 vt_rag_names[vt_report_action_rag(p->r,
						      rm->actions[i])],
					 vt_report_discharged(p->r,
						rm->actions[i]) ?
					 ", discharged on " : "",
					 vt_report_discharged(p->r,
						rm->actions[i]) ?
					 rm->actions[i]->discharged : "");
	if (rm->nactions)
		para(p, "P", line, "Sans 9", 4);
	p->y += 6;
}

/* What must stay on a page with a section's heading: its first measure,
   or the first lines of its first narrative, or the line saying it has
   neither. */
static double first_h(struct pdf *p, const struct vt_report_section *s)
{
	if (s->nmeasures)
		return measure_h(p, &p->r->measures[s->measures[0]]);
	return s->nimpact || s->nobjectives ? 50 : 15;
}

/* A list of what serves an objective, "Measures: a; b", into 'out'. */
static void objective_line(struct pdf *p, const struct vt_objective_item *it,
			   char *out, size_t size)
{
	size_t i, used = 0;
	char buf[160];

	out[0] = '\0';
	if (!it->nmeasures && !it->nactions) {
		snprintf(out, size, "%s", VT_OBJECTIVE_NONE);
		return;
	}
	for (i = 0; i < it->nmeasures && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
			i ? "; " : "Measures: ",
			vt_report_objective_measure(p->r,
				&p->r->measures[it->measures[i]], buf,
				sizeof(buf)));
	for (i = 0; i < it->nactions && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s (%s)",
			i ? "; " : used ? ". Actions: " : "Actions: ",
			it->actions[i]->code,
			vt_rag_names[vt_report_action_rag(p->r, it->actions[i])]);
}

/* A priority's objectives, each with what serves it, and its other
   actions. */
static void objectives(struct pdf *p, const struct vt_report_section *s)
{
	char line[2048];
	size_t i, used = 0;

	if (s->nobjectives)
		heading(p, "H4", "Objectives", "Sans Bold 10", 3, 30);
	for (i = 0; i < s->nobjectives; i++) {
		const struct vt_objective_item *it = &s->objectives[i];

		paraf(p, "P", "Sans Bold 9", 1, "%s %s",
		      it->objective->number, it->objective->text);
		objective_line(p, it, line, sizeof(line));
		para(p, "P", line, "Sans 9", 4);
	}
	line[0] = '\0';
	for (i = 0; i < s->nother_actions && used < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used,
			"%s%s (%s)", i ? "; " : s->nobjectives ?
			"Other actions under this priority: " :
			"Actions under this priority: ",
			s->other_actions[i]->code,
			vt_rag_names[vt_report_action_rag(p->r, s->other_actions[i])]);
	if (s->nother_actions)
		para(p, "P", line, "Sans 9", 4);
}

/* A priority (or the plan's other measures): its heading, measures and
   narratives, with an outline entry under its plan's. */
static void section(struct pdf *p, const struct vt_report_section *s,
		    int plan_entry)
{
	char title[1024];
	int entry;
	size_t j;

	if (s->priority)
		snprintf(title, sizeof(title), "Priority %s: %s",
			 s->priority->number, s->priority->title);
	else
		snprintf(title, sizeof(title), "Other measures");
	room(p, text_h(p, title, "Sans Bold 12") + 6 + first_h(p, s));
	entry = outline(p, plan_entry, title);
	para(p, "H3", title, "Sans Bold 12", 6);
	for (j = 0; j < s->nmeasures; j++)
		measure(p, &p->r->measures[s->measures[j]], entry);
	objectives(p, s);
	for (j = 0; j < s->nimpact; j++) {
		char head[160];

		snprintf(head, sizeof(head), "Impact: %s",
			 s->impact[j]->agency);
		heading(p, "H4", head, "Sans Bold 10", 3,
			fmin(text_h(p, s->impact[j]->text, "Sans 9"), 40));
		para(p, "P", s->impact[j]->text, "Sans 9", 6);
	}
	/* A priority with nothing for the period says so: its heading never
	   stands alone. */
	if (vt_report_section_empty(s))
		para(p, "P", VT_REPORT_SECTION_EMPTY, "Sans 9", 6);
	p->y += 6;
}

/* The document's title and author, as a reader's window and list show. */
static void metadata(struct pdf *p, const char *partnership)
{
	char title[600];

	snprintf(title, sizeof(title), "Vital signs: %s, %s%s", partnership,
		 p->r->label, p->r->provisional ? " (provisional)" : "");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
				       title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR,
				       partnership);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT,
		"The quarterly vital-signs pack: each measure's reading, "
		"chart, comparisons and actions, and the agencies' impact "
		"narratives");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
				       "Vitals");
}

enum vt_err vt_report_pdf(const struct vt_report *r, const char *path)
{
	const struct vt_partnership *pp = vt_def_count(r->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(r->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	const char *name = pp ? pp->name : "the partnership";
	struct pdf p = { NULL, NULL, r, MARGIN, 1, false, NULL };
	const struct vt_plan *plan = NULL;
	int plan_entry = CAIRO_PDF_OUTLINE_ROOT;
	cairo_status_t st;
	size_t i;

	p.surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p.surface);
		return VT_EIO;
	}
	p.cr = cairo_create(p.surface);
	metadata(&p, name);
	/* Tagged: headings, paragraphs and figures in reading order. */
	cairo_tag_begin(p.cr, "Document", "");
	paraf(&p, "H1", "Sans Bold 18", 6, "Vital signs: %s, %s", name,
	      r->label);
	if (r->illustrative)
		para(&p, "P", "Illustrative figures: demo data, not real "
		     "figures for any child or area.", "Sans Bold 10", 6);
	if (r->publish)
		para(&p, "P", "Published: counts from 1 to 4 are shown as "
		     "<5.", "Sans 10", 6);
	if (r->provisional)
		para(&p, "P", VT_REPORT_PROVISIONAL, "Sans Bold 10", 6);
	summary(&p);
	assurance(&p);
	if (r->comparisons[0])
		para(&p, "P", r->comparisons, "Sans 9", 6);
	/*
	 * Each plan starts a page, and each priority with measures: one page
	 * or more each.  A priority with narratives only, or nothing, follows
	 * on the page, so that no page holds a heading and little else.
	 */
	for (i = 0; i < r->nsections; i++) {
		const struct vt_report_section *s = &r->sections[i];

		if ((s->plan != plan || s->nmeasures) && p.y > MARGIN)
			new_page(&p);
		if (s->plan != plan) {
			plan = s->plan;
			plan_entry = outline(&p, CAIRO_PDF_OUTLINE_ROOT,
					     plan->title);
			para(&p, "H2", plan->title, "Sans Bold 14", 4);
		}
		section(&p, s, plan_entry);
	}
	footer(&p);
	cairo_tag_end(p.cr, "Document");
	cairo_show_page(p.cr);
	p.failed = cairo_status(p.cr) != CAIRO_STATUS_SUCCESS;
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	return st == CAIRO_STATUS_SUCCESS && !p.failed ? VT_OK : VT_EIO;
}

/* ------------------------------------------------------------------ */
/* The annual report: its sections, each with its narrative as
   paragraphs and the pack's parts drawn as the pack draws them. */

/* A narrative's Markdown as paragraphs (a blank line ends one; a line
   opening with '#' is a heading); marks of emphasis left as typed. */
static void annual_narrative(struct pdf *p, const char *md)
{
	char *copy = strdup(md), *line, *next;

	for (line = copy; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#') {
			while (*line == '#' || *line == ' ')
				line++;
			heading(p, "H3", line, "Sans Bold 11", 3, 30);
		} else if (*line) {
			para(p, "P", line, "Sans 10", 4);
		}
	}
	free(copy);
}

enum vt_err vt_annual_pdf(const struct vt_annual *a, const char *path)
{
	const struct vt_partnership *pp = vt_def_count(a->def,
		VT_KIND_PARTNERSHIP) ? vt_def_at(a->def, VT_KIND_PARTNERSHIP,
						 0) : NULL;
	const char *name = pp ? pp->name : "the partnership";
	struct pdf p = { NULL, NULL, &a->pack, MARGIN, 1, false, NULL };
	char foot[200], title[300];
	cairo_status_t st;
	size_t k, i;

	snprintf(foot, sizeof(foot), "Annual report %s%s", a->year,
		 a->illustrative ? "  ·  Illustrative figures: demo data, "
		 "not real" : "");
	snprintf(title, sizeof(title), "Annual report %s: %s", a->year,
		 name);
	p.foot = foot;
	p.surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p.surface);
		return VT_EIO;
	}
	p.cr = cairo_create(p.surface);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE,
				       title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_AUTHOR,
				       name);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR,
				       "Vitals");
	cairo_tag_begin(p.cr, "Document", "");
	para(&p, "H1", title, "Sans Bold 18", 6);
	if (a->illustrative)
		para(&p, "P", VT_ANNUAL_ILLUSTRATIVE, "Sans Bold 10", 6);
	if (a->publish)
		para(&p, "P", VT_ANNUAL_PUBLISHED, "Sans 10", 6);
	for (k = 0; k < VT_ANNUAL__MAX; k++) {
		const struct vt_annual_section *s = &a->sections[k];

		outline(&p, CAIRO_PDF_OUTLINE_ROOT, s->heading);
		heading(&p, "H2", s->heading, "Sans Bold 14", 4, 40);
		if (s->narrative)
			annual_narrative(&p, s->narrative->text);
		if (s->empty[0] && (!s->narrative ||
				    s->key > VT_ANNUAL_SUMMARY))
			para(&p, "P", s->empty, "Sans 10", 6);
		for (i = 0; i < s->body.nparts; i++)
			part(&p, &s->body.parts[i]);
	}
	footer(&p);
	cairo_tag_end(p.cr, "Document");
	cairo_show_page(p.cr);
	p.failed = cairo_status(p.cr) != CAIRO_STATUS_SUCCESS;
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	return st == CAIRO_STATUS_SUCCESS && !p.failed ? VT_OK : VT_EIO;
}
