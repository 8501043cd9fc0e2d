/* The tidy dataset: one row per measure, period and breakdown with its comparators, as CSV or a workbook, for an analyst's own tools. */
#include "vitals/report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "vitals/compare.h"
#include "vitals/csv.h"

static const char *const tidy_columns[] = {
	"measure", "title", "plan", "agency", "unit", "breakdown", "period",
	"label", "period_start", "period_end", "value", "suppressed",
	"numerator", "denominator", "status", "illustrative", "england",
	"region", "neighbours_mean", "neighbours_n", "rank", "of"
};
#define NTIDY (sizeof(tidy_columns) / sizeof(tidy_columns[0]))

/* One cell: text, a number (NaN: empty) or nothing. */
struct cell {
	const char *text;
	double number;
	bool is_number;
};

struct sink {
	FILE *csv;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_row_t row;
	bool failed;
};

static void put_row(struct sink *k, const struct cell *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char num[32] = "";

		if (k->csv) {
			if (c[i].is_number && !isnan(c[i].number))
				snprintf(num, sizeof(num), "%.15g",
					 c[i].number);
			if (vt_csv_put(k->csv, c[i].is_number ? (num[0] ? num
					: NULL) : c[i].text,
				       i + 1 < n ? ',' : '\n'))
				k->failed = true;
		} else if (c[i].is_number && !isnan(c[i].number)) {
			worksheet_write_number(k->ws, k->row, (lxw_col_t)i,
					       c[i].number, NULL);
		} else if (!c[i].is_number && c[i].text) {
			worksheet_write_string(k->ws, k->row, (lxw_col_t)i,
					       c[i].text, NULL);
		}
	}
	k->row++;
}

static int by_place(const void *a, const void *b)
{
	const struct vt_value *x = *(const struct vt_value *const *)a;
	const struct vt_value *y = *(const struct vt_value *const *)b;
	struct vt_period p, q;
	int c;

	if (!vt_period_parse(x->period, &p) && !vt_period_parse(y->period, &q)
	    && (c = vt_period_compare(&p, &q)))
		return c;
	if ((c = strcmp(x->period, y->period)))
		return c;
	if ((c = strcmp(x->breakdown ? x->breakdown : "",
			y->breakdown ? y->breakdown : "")))
		return c;
	return x->version < y->version ? -1 : x->version > y->version;
}

static bool same_place(const struct vt_value *a, const struct vt_value *b)
{
	return !strcmp(a->period, b->period) &&
	       !strcmp(a->breakdown ? a->breakdown : "",
		       b->breakdown ? b->breakdown : "");
}

static void day_of(const char *id, int fy, bool last, char out[11])
{
	struct vt_period p;
	struct vt_date d;

	out[0] = '\0';
	if (!vt_period_parse(id, &p) &&
	    !(last ? vt_period_last_day(&p, fy, &d)
		   : vt_period_first_day(&p, fy, &d)))
		vt_date_format(&d, out);
}

/* The measure's rows: the latest version of each figure. */
static enum vt_err measure_rows(const struct vt_def *def,
				const struct vt_measure *m,
				const struct vt_value **v, size_t n,
				struct sink *k)
{
	int fy = vt_def_fy_start(def);
	struct vt_cmp_series cs;
	enum vt_err result;
	size_t i;

	qsort(v, n, sizeof(*v), by_place);
	result = vt_cmp_series(def, m, NULL, &cs);
	if (result)
		return result;
	for (i = 0; i < n; i++) {
		const struct vt_value *x = v[i];
		const struct vt_comparison *c = NULL;
		char label[VT_PERIOD_LABEL_MAX], from[11], to[11];
		long at;

		if (i + 1 < n && same_place(x, v[i + 1]))
			continue;	/* an older version */
		if (!x->breakdown &&
		    (at = vt_cmp_series_on(def, &cs, x->period)) >= 0)
			c = &cs.points[at].cmp;
		vt_period_label_of(x->period, fy, label);
		day_of(x->period, fy, false, from);
		day_of(x->period, fy, true, to);
		{
			const struct cell row[NTIDY] = {
				{ m->code, 0, false }, { m->title, 0, false },
				{ m->plan, 0, false }, { m->agency, 0, false },
				{ vt_unit_names[m->unit], 0, false },
				{ x->breakdown, 0, false },
				{ x->period, 0, false }, { label, 0, false },
				{ from, 0, false }, { to, 0, false },
				{ NULL, x->value, true },
				{ x->suppressed, 0, false },
				{ NULL, x->numerator, true },
				{ NULL, x->denominator, true },
				{ vt_status_names[x->status], 0, false },
				{ x->illustrative ? "yes" : "no", 0, false },
				{ NULL, c ? c->england : NAN, true },
				{ NULL, c ? c->region : NAN, true },
				{ NULL, c ? c->neighbours : NAN, true },
				{ NULL, c ? (double)c->neighbours_used : NAN,
				  true },
				{ NULL, c && c->rank ? (double)c->rank : NAN,
				  true },
				{ NULL, c && c->rank ? (double)c->of : NAN,
				  true },
			};

			put_row(k, row, NTIDY);
		}
	}
	vt_cmp_series_release(&cs);
	return VT_OK;
}

static enum vt_err all_rows(const struct vt_def *def, struct sink *k)
{
	size_t nv = vt_def_count(def, VT_KIND_VALUE), i, j, n;
	const struct vt_value **v = calloc(nv + 1, sizeof(*v));
	struct cell head[NTIDY];
	enum vt_err result = VT_OK;

	if (!v)
		return VT_ENOMEM;
	for (i = 0; i < NTIDY; i++)
		head[i] = (struct cell){ tidy_columns[i], 0, false };
	put_row(k, head, NTIDY);
	for (i = 0; i < vt_def_count(def, VT_KIND_MEASURE) && !result; i++) {
		const struct vt_measure *m = vt_def_at(def, VT_KIND_MEASURE, i);

		for (j = n = 0; j < nv; j++) {
			const struct vt_value *x = vt_def_at(def,
							     VT_KIND_VALUE, j);

			if (!strcmp(x->measure, m->code))
				v[n++] = x;
		}
		result = measure_rows(def, m, v, n, k);
	}
	free(v);
	return result;
}

enum vt_err vt_tidy_write(const struct vt_def *def, const char *path)
{
	const char *dot = strrchr(path, '.');
	struct sink k = { 0 };
	char tmp[4096];
	enum vt_err result;

	if (!dot || (strcmp(dot, ".csv") && strcmp(dot, ".xlsx")))
		return VT_EINVAL;
	/* Written beside the file, then renamed: never half a file. */
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp%s", path, dot) >=
	    sizeof(tmp))
		return VT_EINVAL;
	if (!strcmp(dot, ".csv")) {
		k.csv = fopen(tmp, "wb");
		if (!k.csv)
			return VT_EIO;
	} else {
		k.wb = workbook_new(tmp);
		k.ws = k.wb ? workbook_add_worksheet(k.wb, "data") : NULL;
		if (!k.ws) {
			if (k.wb)
				workbook_close(k.wb);
			remove(tmp);
			return VT_EIO;
		}
	}
	result = all_rows(def, &k);
	if (k.csv && fclose(k.csv))
		k.failed = true;
	if (k.wb) {
		worksheet_freeze_panes(k.ws, 1, 1);
		if (workbook_close(k.wb) != LXW_NO_ERROR)
			k.failed = true;
	}
	if (!result && k.failed)
		result = VT_EIO;
	if (!result && rename(tmp, path))
		result = VT_EIO;
	if (result)
		remove(tmp);
	return result;
}
