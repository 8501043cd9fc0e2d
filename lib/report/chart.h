/* One chart model for a measure, drawn alike by the SVG and the PDF renderers (internal). */
#ifndef VT_REPORT_CHART_H
#define VT_REPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/error.h"
#include "vitals/report.h"

/* What a horizontal line of the chart is. */
enum vt_chart_line_kind {
	VT_CHART_MEAN,
	VT_CHART_LIMIT,
	VT_CHART_TARGET,
	VT_CHART_COMPARATOR,	/* England */
	VT_CHART_NEIGHBOURS,	/* the statistical neighbours' mean */
	VT_CHART_LINE__MAX
};

/* A line from 'value' at position 'from' to 'end' at 'to' (a level when
   they are equal; a mark at one position when 'from' is 'to'), labelled
   at its right end when 'label' is not NULL. */
struct vt_chart_line {
	enum vt_chart_line_kind kind;
	double value;
	size_t from, to;
	const char *label;
	double end;
	double label_at;	/* where its label sits: 'end', moved off
				   another label at the same position */
};

/* What the legend names, when the chart shows it. */
enum vt_chart_key {
	VT_CHART_KEY_FIGURES,		/* the line and a common-cause point */
	VT_CHART_KEY_MEAN,
	VT_CHART_KEY_LIMITS,
	VT_CHART_KEY_TARGET,
	VT_CHART_KEY_ENGLAND,
	VT_CHART_KEY_NEIGHBOURS,
	VT_CHART_KEY_CONCERN,
	VT_CHART_KEY_EXPECTED,
	VT_CHART_KEY_IMPROVEMENT,
	VT_CHART_KEY_NEUTRAL,
	VT_CHART_KEY_PROVISIONAL,	/* a ring: not yet approved */
	VT_CHART_KEY__MAX
};
extern const char *const vt_chart_key_names[VT_CHART_KEY__MAX];

#define VT_CHART_TICKS_MAX 12

/* A point that may be shown: its position, value and SPC type. */
struct vt_chart_point {
	size_t i;
	double value;
	int type;			/* enum vt_spc_type */
	bool provisional;		/* its return is not yet approved */
};

/*
 * Everything a renderer draws for one measure, in the figures' own
 * units: x is a position 0 .. n-1, y a value between 'lo' and 'hi'.
 * Hidden counts of a published pack are never among the points, and
 * break the line: 'runs' are the stretches of the line between them.
 */
struct vt_chart {
	size_t n;			/* positions on the x axis */
	double lo, hi;			/* the y scale: its first and last
					   ticks */
	double ticks[VT_CHART_TICKS_MAX];	/* values labelled on the y
						   axis, gridlines at each */
	size_t nticks;
	double step;			/* between two ticks */
	unsigned keys;			/* (1 << enum vt_chart_key) of each
					   thing drawn */
	struct vt_chart_line *lines;
	size_t nlines;
	struct vt_chart_point *points;
	size_t npoints;
	struct { size_t first, last; } *runs;	/* indices into points */
	size_t nruns;
};

/* The chart of 'rm' in the pack 'r'; VT_ENOMEM when out of memory. */
VT_MUST_USE
enum vt_err vt_chart_build(const struct vt_report *r,
			   const struct vt_report_measure *rm,
			   struct vt_chart *out);

void vt_chart_release(struct vt_chart *c);

/* The label of position 'i' on the x axis: "2024-25 Q3". */
void vt_chart_x_label(const struct vt_report *r,
		      const struct vt_report_measure *rm, size_t i,
		      char out[VT_PERIOD_LABEL_MAX]);

/*
 * At most 'most' ticks a step of 1, 2, 2.5 or 5 x 10^n apart, the first
 * at or below 'lo' and the last at or above 'hi', into 'ticks'; their
 * step into '*step'.  Returns how many (2 at least).
 */
size_t vt_chart_nice_ticks(double lo, double hi, size_t most,
			   double ticks[VT_CHART_TICKS_MAX], double *step);

/* A tick's value as the y axis shows it: as many decimals as the step
   needs and no more, thousands grouped ("1,250", "2.5", "0"). */
void vt_chart_tick_label(const struct vt_chart *c, double v, char out[32]);

/* The smallest k such that labels at every k-th of 'n' positions
   across 'width', each 'label_w' wide, do not touch. */
size_t vt_chart_label_step(size_t n, double width, double label_w);

/* The y axis's title: the measure's unit in words ("Rate per 10,000
   children"). */
const char *vt_chart_y_title(const struct vt_measure *m);

/* "Higher is better", "Lower is better", or NULL for a measure without
   a direction. */
const char *vt_chart_direction(const struct vt_measure *m);

/* The device coordinates of position 'i' and value 'v' in a box of
   width 'w' and height 'h' whose top left is (x0, y0). */
double vt_chart_x(const struct vt_chart *c, double x0, double w, size_t i);
double vt_chart_y(const struct vt_chart *c, double y0, double h, double v);

#endif
