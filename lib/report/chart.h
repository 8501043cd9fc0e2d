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

/* A point that may be shown: its position, value and SPC type. */
struct vt_chart_point {
	size_t i;
	double value;
	int type;			/* enum vt_spc_type */
};

/*
 * Everything a renderer draws for one measure, in the figures' own
 * units: x is a position 0 .. n-1, y a value between 'lo' and 'hi'.
 * Hidden counts of a published pack are never among the points, and
 * break the line: 'runs' are the stretches of the line between them.
 */
struct vt_chart {
	size_t n;			/* positions on the x axis */
	double lo, hi;			/* the y scale, margins included */
	double ticks[3];		/* values labelled on the y axis */
	struct vt_chart_line *lines;
	size_t nlines;
	struct vt_chart_point *points;
	size_t npoints;
	struct { size_t first, last; } *runs;	/* indices into points */
	size_t nruns;
	size_t label_step;		/* every this many positions a period
					   label on the x axis */
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

/* The device coordinates of position 'i' and value 'v' in a box of
   width 'w' and height 'h' whose top left is (x0, y0). */
double vt_chart_x(const struct vt_chart *c, double x0, double w, size_t i);
double vt_chart_y(const struct vt_chart *c, double y0, double h, double v);

#endif
