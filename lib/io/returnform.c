/* Return forms written out: the workbook agencies fill in, or long-form CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "vitals/model.h"
#include "io/returnform.h"

#define TEMPLATE_VERSION "1"

enum vt_err vt_return_form_csv(const struct vt_return_form *f,
			       const char *path)
{
	FILE *out = fopen(path, "wb");
	size_t i;
	int ok;

	if (!out)
		return VT_EIO;
	ok = fputs("agency,measure,period,breakdown,value,numerator,"
		   "denominator,note\r\n", out) >= 0;
	/* Codes are letters, digits, '-', '_', '.': nothing to quote. */
	for (i = 0; i < f->nrows && ok; i++)
		ok = fprintf(out, "%s,%s,%s,%s,,,,\r\n", f->agency,
			     f->rows[i].measure, f->period,
			     f->rows[i].breakdown) > 0;
	ok = (fclose(out) == 0) && ok;
	return ok ? VT_OK : VT_EIO;
}

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
			   int unit)
{
	char cell[16], formula[400], colname[4];
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	lxw_col_to_name(colname, col, 0);
	snprintf(cell, sizeof(cell), "%s%u", colname, (unsigned)row + 1);
	{
		char cond[200];

		if (unit == VT_UNIT_PERCENT)
			snprintf(cond, sizeof(cond), "AND(%s>=0,%s<=100)",
				 cell, cell);
		else if (unit == VT_UNIT_COUNT)
			snprintf(cond, sizeof(cond), "AND(%s>=0,%s=INT(%s))",
				 cell, cell, cell);
		else if (unit == VT_UNIT_CURRENCY)
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
	dv.error_message = unit == VT_UNIT_PERCENT ?
		"Give a percentage from 0 to 100, or a suppression code: "
		"c, x, z, u or k." :
		unit == VT_UNIT_COUNT ?
		"Give a whole number of 0 or more, or a suppression code: "
		"c, x, z, u or k." :
		"Give a number, or a suppression code: c, x, z, u or k.";
	worksheet_data_validation_cell(ws, row, col, &dv);
}

enum { COL_MEASURE, COL_BREAKDOWN, COL_TITLE, COL_UNIT, COL_PREV,
       COL_VALUE = COL_PREV + VT_FORM_CONTEXT, COL_NUMERATOR,
       COL_DENOMINATOR, COL_NOTE };

#define HEADER_ROW 4

static void return_header(lxw_worksheet *ws, const struct vt_return_form *f,
			  const struct formats *fm)
{
	static const struct {
		int col;
		const char *name;
	} fixed[] = {
		{ COL_MEASURE, "measure" }, { COL_BREAKDOWN, "breakdown" },
		{ COL_TITLE, "title" }, { COL_UNIT, "unit" },
		{ COL_VALUE, "value" }, { COL_NUMERATOR, "numerator" },
		{ COL_DENOMINATOR, "denominator" }, { COL_NOTE, "note" },
	};
	char head[32];
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		worksheet_write_string(ws, HEADER_ROW, (lxw_col_t)fixed[i].col,
				       fixed[i].name, fm->header);
	/* "prev 2024Q2": the reader knows these columns are context only. */
	for (i = 0; i < VT_FORM_CONTEXT; i++) {
		snprintf(head, sizeof(head), "prev %s", f->context_periods[i]);
		worksheet_write_string(ws, HEADER_ROW,
				       (lxw_col_t)(COL_PREV + i), head,
				       fm->header);
	}
}

static void context_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			 const char *text, const struct formats *fm)
{
	double d;
	char *end;

	d = strtod(text, &end);
	if (*text && !*end)
		worksheet_write_number(ws, row, col, d, fm->locked);
	else
		worksheet_write_string(ws, row, col, text, fm->locked);
}

static void return_rows(lxw_worksheet *ws, const struct vt_return_form *f,
			const struct formats *fm)
{
	size_t i, k;

	return_header(ws, f, fm);
	for (i = 0; i < f->nrows; i++) {
		const struct vt_form_row *r = &f->rows[i];
		lxw_row_t row = (lxw_row_t)(HEADER_ROW + 1 + i);

		worksheet_write_string(ws, row, COL_MEASURE, r->measure,
				       fm->locked);
		worksheet_write_string(ws, row, COL_BREAKDOWN, r->breakdown,
				       fm->locked);
		worksheet_write_string(ws, row, COL_TITLE, r->title,
				       fm->locked);
		worksheet_write_string(ws, row, COL_UNIT, vt_unit_names[r->unit],
				       fm->locked);
		for (k = 0; k < VT_FORM_CONTEXT; k++)
			context_cell(ws, row, (lxw_col_t)(COL_PREV + k),
				     r->context[k], fm);
		worksheet_write_blank(ws, row, COL_VALUE, fm->input);
		validate_value(ws, row, COL_VALUE, r->unit);
		worksheet_write_blank(ws, row, COL_NUMERATOR,
				      r->ratio ? fm->input : fm->locked);
		worksheet_write_blank(ws, row, COL_DENOMINATOR,
				      r->ratio ? fm->input : fm->locked);
		worksheet_write_blank(ws, row, COL_NOTE, fm->wrap);
	}
	worksheet_set_column(ws, COL_MEASURE, COL_BREAKDOWN, 14, NULL);
	worksheet_set_column(ws, COL_TITLE, COL_TITLE, 60, NULL);
	worksheet_set_column(ws, COL_PREV, COL_DENOMINATOR, 12, NULL);
	worksheet_set_column(ws, COL_NOTE, COL_NOTE, 40, NULL);
	worksheet_freeze_panes(ws, HEADER_ROW + 1, COL_TITLE + 1);
}

static void impact_rows(lxw_worksheet *ws, const struct vt_return_form *f,
			const struct formats *fm)
{
	size_t i;

	worksheet_write_string(ws, 0, 0, "Impact: what difference is this "
			       "making for children? (Markdown allowed)",
			       fm->title);
	worksheet_write_string(ws, 2, 0, "priority", fm->header);
	worksheet_write_string(ws, 2, 1, "title", fm->header);
	worksheet_write_string(ws, 2, 2, "narrative", fm->header);
	for (i = 0; i < f->npriorities; i++) {
		lxw_row_t row = (lxw_row_t)(3 + i);

		worksheet_write_string(ws, row, 0, f->priorities[i].code,
				       fm->locked);
		worksheet_write_string(ws, row, 1, f->priorities[i].title,
				       fm->locked);
		worksheet_write_blank(ws, row, 2, fm->wrap);
		worksheet_set_row(ws, row, 60, NULL);
	}
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 1, 50, NULL);
	worksheet_set_column(ws, 2, 2, 90, NULL);
	worksheet_protect(ws, NULL, NULL);
}

/* The hidden sheet that tells the importer whose return this is. */
static void meta_sheet(lxw_worksheet *ws, const struct vt_return_form *f)
{
	const char *const rows[][2] = {
		{ "template", "vitals-return" },
		{ "version", TEMPLATE_VERSION },
		{ "agency", f->agency },
		{ "period", f->period },
		{ "generated", f->generated },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		worksheet_write_string(ws, (lxw_row_t)i, 0, rows[i][0], NULL);
		worksheet_write_string(ws, (lxw_row_t)i, 1, rows[i][1], NULL);
	}
	worksheet_protect(ws, NULL, NULL);
	worksheet_hide(ws);
}

enum vt_err vt_return_form_xlsx(const struct vt_return_form *f,
				const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ret, *imp, *meta;
	struct formats fm;
	char text[400];

	if (!wb)
		return VT_EIO;
	make_formats(wb, &fm);
	ret = workbook_add_worksheet(wb, "Return");
	imp = workbook_add_worksheet(wb, "Impact");
	meta = workbook_add_worksheet(wb, "Vitals");
	snprintf(text, sizeof(text), "Return of %s for %s (%s)",
		 f->agency_name, f->label, f->period);
	worksheet_write_string(ret, 0, 0, text, fm.title);
	snprintf(text, sizeof(text), "Due %s. Fill in the yellow cells: a "
		 "number, or a suppression code (c, x, z, u, k). Leave a row "
		 "empty if you have no figure.", f->due);
	worksheet_write_string(ret, 1, 0, text, fm.note);
	if (f->illustrative)
		worksheet_write_string(ret, 2, 0, "Figures for earlier periods "
				       "are illustrative, not real data.",
				       fm.note);
	return_rows(ret, f, &fm);
	worksheet_protect(ret, NULL, NULL);
	impact_rows(imp, f, &fm);
	meta_sheet(meta, f);
	worksheet_activate(ret);
	return workbook_close(wb) == LXW_NO_ERROR ? VT_OK : VT_EIO;
}
