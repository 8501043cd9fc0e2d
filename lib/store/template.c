/* Return forms: the agency's measures for a period, as a workbook or CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "vitals/clock.h"
#include "vitals/period.h"
#include "vitals/returns.h"
#include "store/store.h"

#define CONTEXT_PERIODS 4
#define TEMPLATE_VERSION "1"

/* The latest figure for one measure, breakdown and period. */
struct context_value {
	char key[200];		/* measure/breakdown/period */
	char text[32];
	bool illustrative;
};

struct context {
	struct context_value *items;
	size_t n;
	bool illustrative;
};

static enum vt_err context_row(void *arg, const struct vt_sqlval *cols,
			       size_t ncols)
{
	struct context *c = arg;
	struct context_value *v;
	char key[200];

	if (ncols < 6)
		return VT_EDB;
	snprintf(key, sizeof(key), "%s/%s/%s", cols[0].s, cols[1].s,
		 cols[2].s);
	/* Versions come oldest first: a later one replaces the slot. */
	if (c->n && strcmp(c->items[c->n - 1].key, key) == 0) {
		v = &c->items[c->n - 1];
	} else {
		v = realloc(c->items, (c->n + 1) * sizeof(*v));
		if (!v)
			return VT_ENOMEM;
		c->items = v;
		v = &v[c->n++];
	}
	snprintf(v->key, sizeof(v->key), "%s", key);
	if (cols[4].type == VT_SQL_TEXT)
		snprintf(v->text, sizeof(v->text), "%s", cols[4].s);
	else if (cols[3].type != VT_SQL_NULL)
		snprintf(v->text, sizeof(v->text), "%.15g", cols[3].d);
	else
		v->text[0] = '\0';
	v->illustrative = cols[5].i != 0;
	return VT_OK;
}

static const char *context_text(struct context *c, const char *measure,
				const char *breakdown, const char *period)
{
	char key[200];
	size_t i;

	snprintf(key, sizeof(key), "%s/%s/%s", measure, breakdown, period);
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->items[i].key, key) == 0) {
			c->illustrative |= c->items[i].illustrative;
			return c->items[i].text;
		}
	}
	return "";
}

/* The agency's measures of the period's frequency, in definition order. */
static bool measure_fits(const struct vt_measure *m, const char *agency,
			 const struct vt_period *p)
{
	static const int kind_of[VT_FREQUENCY__MAX] = {
		[VT_FREQUENCY_MONTHLY] = VT_PERIOD_MONTH,
		[VT_FREQUENCY_QUARTERLY] = VT_PERIOD_QUARTER,
		[VT_FREQUENCY_ANNUAL] = VT_PERIOD_YEAR,
	};

	return strcmp(m->agency, agency) == 0 &&
	       kind_of[m->frequency] == (int)p->kind;
}

/* ------------------------------------------------------------------ */
/* CSV: long form, one row per figure expected */

static enum vt_err write_csv(const struct vt_def *meta, const char *agency,
			     const struct vt_period *p, const char *path)
{
	char id[VT_PERIOD_ID_MAX];
	FILE *f = fopen(path, "wb");
	size_t i, j;
	int ok;

	if (!f)
		return VT_EIO;
	vt_period_format(p, id);
	ok = fputs("agency,measure,period,breakdown,value,numerator,"
		   "denominator,note\r\n", f) >= 0;
	for (i = 0; i < vt_def_count(meta, VT_KIND_MEASURE) && ok; i++) {
		const struct vt_measure *m =
			vt_def_at(meta, VT_KIND_MEASURE, i);

		if (!measure_fits(m, agency, p))
			continue;
		/* Codes are letters, digits, '-', '_', '.': no quoting. */
		for (j = 0; j <= m->nbreakdowns && ok; j++)
			ok = fprintf(f, "%s,%s,%s,%s,,,,\r\n", agency, m->code,
				     id, j ? m->breakdowns[j - 1].code : "") > 0;
	}
	ok = (fclose(f) == 0) && ok;
	return ok ? VT_OK : VT_EIO;
}

/* ------------------------------------------------------------------ */
/* Workbook */

struct formats {
	lxw_format *title, *header, *locked, *input, *wrap, *note;
};

static void make_formats(lxw_workbook *wb, struct formats *fm)
{
	fm->title = workbook_add_format(wb);
	format_set_bold(fm->title);
	format_set_font_size(fm->title, 14);
	fm->header = workbook_add_format(wb);
	format_set_bold(fm->header);
	format_set_bottom(fm->header, LXW_BORDER_THIN);
	format_set_bg_color(fm->header, 0xDDDDDD);
	fm->locked = workbook_add_format(wb);
	format_set_font_color(fm->locked, 0x505050);
	fm->input = workbook_add_format(wb);
	format_set_unlocked(fm->input);
	format_set_bg_color(fm->input, 0xFFF2CC);
	format_set_border(fm->input, LXW_BORDER_THIN);
	fm->wrap = workbook_add_format(wb);
	format_set_unlocked(fm->wrap);
	format_set_text_wrap(fm->wrap);
	format_set_bg_color(fm->wrap, 0xFFF2CC);
	format_set_border(fm->wrap, LXW_BORDER_THIN);
	fm->note = workbook_add_format(wb);
	format_set_italic(fm->note);
}

/*
 * The value cell accepts a number of the measure's kind or a DfE
 * suppression code, which a plain number validation would refuse.
 */
static void validate_value(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			   const struct vt_measure *m)
{
	char cell[16], formula[400], colname[4];
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	lxw_col_to_name(colname, col, 0);
	snprintf(cell, sizeof(cell), "%s%u", colname, (unsigned)row + 1);
	{
		char cond[200];

		if (m->unit == VT_UNIT_PERCENT)
			snprintf(cond, sizeof(cond), "AND(%s>=0,%s<=100)",
				 cell, cell);
		else if (m->unit == VT_UNIT_COUNT)
			snprintf(cond, sizeof(cond), "AND(%s>=0,%s=INT(%s))",
				 cell, cell, cell);
		else if (m->unit == VT_UNIT_CURRENCY)
			snprintf(cond, sizeof(cond), "TRUE");
		else
			snprintf(cond, sizeof(cond), "%s>=0", cell);
		snprintf(formula, sizeof(formula),
			 "=OR(AND(ISNUMBER(%s),%s),%s=\"c\",%s=\"x\",%s=\"z\","
			 "%s=\"u\",%s=\"k\")", cell, cond, cell, cell, cell,
			 cell, cell);
	}
	dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
	dv.value_formula = formula;
	dv.error_title = "Not a figure";
	dv.error_message = m->unit == VT_UNIT_PERCENT ?
		"Give a percentage from 0 to 100, or a suppression code: "
		"c, x, z, u or k." :
		m->unit == VT_UNIT_COUNT ?
		"Give a whole number of 0 or more, or a suppression code: "
		"c, x, z, u or k." :
		"Give a number, or a suppression code: c, x, z, u or k.";
	worksheet_data_validation_cell(ws, row, col, &dv);
}

struct sheet_ctx {
	const struct vt_def *meta;
	const char *agency;
	const struct vt_period *period;
	struct vt_period prev[CONTEXT_PERIODS];
	struct context *ctx;
	struct formats *fm;
};

enum { COL_MEASURE, COL_BREAKDOWN, COL_TITLE, COL_UNIT, COL_PREV,
       COL_VALUE = COL_PREV + CONTEXT_PERIODS, COL_NUMERATOR,
       COL_DENOMINATOR, COL_NOTE };

#define HEADER_ROW 4

static void return_rows(lxw_worksheet *ws, struct sheet_ctx *sc)
{
	char id[VT_PERIOD_ID_MAX], head[32];
	lxw_row_t row = HEADER_ROW;
	size_t i, j;
	int k;

	worksheet_write_string(ws, row, COL_MEASURE, "measure",
			       sc->fm->header);
	worksheet_write_string(ws, row, COL_BREAKDOWN, "breakdown",
			       sc->fm->header);
	worksheet_write_string(ws, row, COL_TITLE, "title", sc->fm->header);
	worksheet_write_string(ws, row, COL_UNIT, "unit", sc->fm->header);
	for (k = 0; k < CONTEXT_PERIODS; k++) {
		vt_period_format(&sc->prev[k], id);
		snprintf(head, sizeof(head), "prev %s", id);
		worksheet_write_string(ws, row, (lxw_col_t)(COL_PREV + k),
				       head, sc->fm->header);
	}
	worksheet_write_string(ws, row, COL_VALUE, "value", sc->fm->header);
	worksheet_write_string(ws, row, COL_NUMERATOR, "numerator",
			       sc->fm->header);
	worksheet_write_string(ws, row, COL_DENOMINATOR, "denominator",
			       sc->fm->header);
	worksheet_write_string(ws, row, COL_NOTE, "note", sc->fm->header);
	for (i = 0; i < vt_def_count(sc->meta, VT_KIND_MEASURE); i++) {
		const struct vt_measure *m =
			vt_def_at(sc->meta, VT_KIND_MEASURE, i);

		if (!measure_fits(m, sc->agency, sc->period))
			continue;
		for (j = 0; j <= m->nbreakdowns; j++) {
			const char *bd = j ? m->breakdowns[j - 1].code : "";

			row++;
			worksheet_write_string(ws, row, COL_MEASURE, m->code,
					       sc->fm->locked);
			worksheet_write_string(ws, row, COL_BREAKDOWN, bd,
					       sc->fm->locked);
			worksheet_write_string(ws, row, COL_TITLE,
				j ? m->breakdowns[j - 1].title : m->title,
				sc->fm->locked);
			worksheet_write_string(ws, row, COL_UNIT,
					       vt_unit_names[m->unit],
					       sc->fm->locked);
			for (k = 0; k < CONTEXT_PERIODS; k++) {
				const char *t;
				double d;
				char *end;

				vt_period_format(&sc->prev[k], id);
				t = context_text(sc->ctx, m->code, bd, id);
				d = strtod(t, &end);
				if (*t && !*end)
					worksheet_write_number(ws, row,
						(lxw_col_t)(COL_PREV + k), d,
						sc->fm->locked);
				else
					worksheet_write_string(ws, row,
						(lxw_col_t)(COL_PREV + k), t,
						sc->fm->locked);
			}
			worksheet_write_blank(ws, row, COL_VALUE,
					      sc->fm->input);
			validate_value(ws, row, COL_VALUE, m);
			worksheet_write_blank(ws, row, COL_NUMERATOR,
					      m->numerator ? sc->fm->input :
					      sc->fm->locked);
			worksheet_write_blank(ws, row, COL_DENOMINATOR,
					      m->denominator ? sc->fm->input :
					      sc->fm->locked);
			worksheet_write_blank(ws, row, COL_NOTE, sc->fm->wrap);
		}
	}
	worksheet_set_column(ws, COL_MEASURE, COL_BREAKDOWN, 14, NULL);
	worksheet_set_column(ws, COL_TITLE, COL_TITLE, 60, NULL);
	worksheet_set_column(ws, COL_PREV, COL_DENOMINATOR, 12, NULL);
	worksheet_set_column(ws, COL_NOTE, COL_NOTE, 40, NULL);
	worksheet_freeze_panes(ws, HEADER_ROW + 1, COL_TITLE + 1);
}

/* Priorities of the plans the agency reports in, one narrative each. */
static void impact_rows(lxw_worksheet *ws, struct sheet_ctx *sc)
{
	lxw_row_t row = 2;
	size_t i, j;

	worksheet_write_string(ws, 0, 0, "Impact: what difference is this "
			       "making for children? (Markdown allowed)",
			       sc->fm->title);
	worksheet_write_string(ws, row, 0, "priority", sc->fm->header);
	worksheet_write_string(ws, row, 1, "title", sc->fm->header);
	worksheet_write_string(ws, row, 2, "narrative", sc->fm->header);
	for (i = 0; i < vt_def_count(sc->meta, VT_KIND_PRIORITY); i++) {
		const struct vt_priority *pr =
			vt_def_at(sc->meta, VT_KIND_PRIORITY, i);
		const struct vt_plan *plan =
			vt_def_find(sc->meta, VT_KIND_PLAN, pr->plan);
		bool relevant = plan && plan->agency &&
				strcmp(plan->agency, sc->agency) == 0;

		for (j = 0; !relevant &&
			    j < vt_def_count(sc->meta, VT_KIND_MEASURE); j++) {
			const struct vt_measure *m =
				vt_def_at(sc->meta, VT_KIND_MEASURE, j);

			relevant = !strcmp(m->plan, pr->plan) &&
				   measure_fits(m, sc->agency, sc->period);
		}
		if (!relevant)
			continue;
		row++;
		worksheet_write_string(ws, row, 0, pr->code, sc->fm->locked);
		worksheet_write_string(ws, row, 1, pr->title, sc->fm->locked);
		worksheet_write_blank(ws, row, 2, sc->fm->wrap);
		worksheet_set_row(ws, row, 60, NULL);
	}
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 50, NULL);
	worksheet_set_column(ws, 2, 2, 90, NULL);
	worksheet_protect(ws, NULL, NULL);
}

static enum vt_err write_xlsx(struct sheet_ctx *sc, const char *path,
			      const char *agency_name, const char *label,
			      const char *due)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ret, *imp, *meta;
	struct formats fm;
	char title[400], id[VT_PERIOD_ID_MAX], now[VT_TIMESTAMP_MAX];

	if (!wb)
		return VT_EIO;
	make_formats(wb, &fm);
	sc->fm = &fm;
	vt_period_format(sc->period, id);
	ret = workbook_add_worksheet(wb, "Return");
	imp = workbook_add_worksheet(wb, "Impact");
	meta = workbook_add_worksheet(wb, "Vitals");
	snprintf(title, sizeof(title), "Return of %s for %s (%s)",
		 agency_name, label, id);
	worksheet_write_string(ret, 0, 0, title, fm.title);
	snprintf(title, sizeof(title), "Due %s. Fill in the yellow cells: a "
		 "number, or a suppression code (c, x, z, u, k). Leave a row "
		 "empty if you have no figure.", due);
	worksheet_write_string(ret, 1, 0, title, fm.note);
	return_rows(ret, sc);
	if (sc->ctx->illustrative)
		worksheet_write_string(ret, 2, 0, "Figures for earlier periods "
				       "are illustrative, not real data.",
				       fm.note);
	worksheet_protect(ret, NULL, NULL);
	impact_rows(imp, sc);
	vt_clock_now(now);
	worksheet_write_string(meta, 0, 0, "template", NULL);
	worksheet_write_string(meta, 0, 1, "vitals-return", NULL);
	worksheet_write_string(meta, 1, 0, "version", NULL);
	worksheet_write_string(meta, 1, 1, TEMPLATE_VERSION, NULL);
	worksheet_write_string(meta, 2, 0, "agency", NULL);
	worksheet_write_string(meta, 2, 1, sc->agency, NULL);
	worksheet_write_string(meta, 3, 0, "period", NULL);
	worksheet_write_string(meta, 3, 1, id, NULL);
	worksheet_write_string(meta, 4, 0, "generated", NULL);
	worksheet_write_string(meta, 4, 1, now, NULL);
	worksheet_protect(meta, NULL, NULL);
	worksheet_hide(meta);
	worksheet_activate(ret);
	return workbook_close(wb) == LXW_NO_ERROR ? VT_OK : VT_EIO;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

enum vt_err vt_return_template(struct vt_store *s, const char *agency,
			       const char *period, const char *path,
			       char *why, size_t whysize)
{
	struct context ctx = { NULL, 0, false };
	struct sheet_ctx sc;
	struct vt_sqlval range[2];
	const struct vt_agency *ag;
	const struct vt_partnership *p;
	struct vt_period per;
	struct vt_def meta;
	char from[VT_PERIOD_ID_MAX], to[VT_PERIOD_ID_MAX];
	char label[VT_PERIOD_LABEL_MAX] = "", due[11] = "";
	enum vt_err result;
	int k;

	vt_def_init(&meta);
	if (vt_period_parse(period, &per)) {
		snprintf(why, whysize, "'%s' is not a period (2024, 2024Q3 or "
			 "2024-07)", period);
		return VT_EINVAL;
	}
	if (!ends_with(path, ".xlsx") && !ends_with(path, ".csv")) {
		snprintf(why, whysize, "'%s': the form is written as .xlsx or "
			 ".csv", path);
		return VT_EINVAL;
	}
	result = vt_store_read_meta(s, &meta);
	if (result)
		goto out;
	ag = vt_def_find(&meta, VT_KIND_AGENCY, agency);
	if (!ag) {
		snprintf(why, whysize, "agency '%s' does not exist", agency);
		result = VT_EINVAL;
		goto out;
	}
	if (ends_with(path, ".csv")) {
		result = write_csv(&meta, agency, &per, path);
		goto out;
	}
	p = vt_def_at(&meta, VT_KIND_PARTNERSHIP, 0);
	if (p) {
		vt_period_label(&per, (int)p->fy_start_month, label);
		vt_return_due_date(p, period, due);
	}
	memset(&sc, 0, sizeof(sc));
	sc.meta = &meta;
	sc.agency = agency;
	sc.period = &per;
	sc.ctx = &ctx;
	sc.prev[CONTEXT_PERIODS - 1] = vt_period_prev(&per);
	for (k = CONTEXT_PERIODS - 2; k >= 0; k--)
		sc.prev[k] = vt_period_prev(&sc.prev[k + 1]);
	vt_period_format(&sc.prev[0], from);
	vt_period_format(&sc.prev[CONTEXT_PERIODS - 1], to);
	range[0] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = from };
	range[1] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = to };
	result = s->ops->exec(s->conn, STMT_VALUE_RANGE, range, 2,
			      context_row, &ctx);
	if (!result)
		result = write_xlsx(&sc, path, ag->name, label[0] ? label :
				    period, due);
out:
	free(ctx.items);
	vt_def_release(&meta);
	return result;
}
