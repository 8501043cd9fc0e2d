/* Return files in: CSV long form, the Vitals template workbook, long-form workbooks. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vitals/csv.h"
#include "vitals/returns.h"
#include "vitals/strparse.h"
#include "vitals/xlsx.h"

/* The template's own sheets and the columns it shows only for context. */
#define SHEET_META "Vitals"
#define SHEET_RETURN "Return"
#define SHEET_IMPACT "Impact"

#define PLACE_MAX 512

/* The column a header names, or -1; 'context' columns are -2 (ignored). */
static int header_column(const char *text, bool template)
{
	char name[64];
	size_t n = 0, i;

	while (*text == ' ' || *text == '\t')
		text++;
	for (; *text && n < sizeof(name) - 1; text++)
		name[n++] = (char)tolower((unsigned char)*text);
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	name[n] = '\0';
	for (i = 0; vt_rcol_names[i]; i++)
		if (strcmp(name, vt_rcol_names[i]) == 0)
			return (int)i;
	if (template && (strcmp(name, "title") == 0 ||
			 strcmp(name, "unit") == 0 ||
			 strncmp(name, "prev ", 5) == 0 || n == 0))
		return -2;
	return -1;
}

/* Codes and periods are compared exactly; spaces around them are noise. */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static bool is_code_column(size_t col)
{
	return col == VT_RCOL_AGENCY || col == VT_RCOL_MEASURE ||
	       col == VT_RCOL_PERIOD || col == VT_RCOL_BREAKDOWN;
}

static const char *column_list(void)
{
	return "agency, measure, period, value, numerator, denominator, "
	       "breakdown, note";
}


/* ------------------------------------------------------------------ */
/* CSV */

static enum vt_err read_csv(const char *path, FILE *f, char separator,
			    const struct vt_return_reader_fns *fns, void *arg,
			    struct vt_diagq *dq)
{
	struct vt_csv_options opt = { .separator = separator };
	struct vt_csv_record rec;
	struct vt_csv *csv = NULL;
	struct vt_return_row row;
	int map[VT_RCOL__MAX];
	size_t header_fields = 0, i;
	enum vt_err result;
	bool header = true;

	result = vt_csv_open(f, &opt, &csv);
	if (result)
		return result;
	for (;;) {
		result = vt_csv_next(csv, &rec);
		if (result == VT_ENOTFOUND) {
			result = VT_OK;
			break;
		}
		if (result) {
			result = vt_diag_add(dq, VT_SEV_ERROR, path,
					     vt_csv_error_line(csv),
					     vt_csv_error_column(csv), "%s",
					     vt_csv_error(csv));
			break;
		}
		if (header) {
			header = false;
			header_fields = rec.nfields;
			for (i = 0; i < VT_RCOL__MAX; i++)
				map[i] = -1;
			for (i = 0; i < rec.nfields && i < 1024; i++) {
				int c = header_column(rec.fields[i], false);

				if (c == -1) {
					bool semi = rec.nfields == 1 &&
						    separator != ';' &&
						    strchr(rec.fields[i], ';');

					result = vt_diag_add_field(dq,
						VT_SEV_ERROR, path, rec.line,
						rec.columns[i], semi ?
						"separator" : NULL,
						"column '%s' is not one of %s%s",
						rec.fields[i], column_list(),
						semi ? "; the header looks "
						"';'-separated: save the file "
						"with commas, or give ';' as "
						"its separator" : "");
					if (!result && semi)
						goto out;
				} else if (map[c] >= 0) {
					result = vt_diag_add(dq, VT_SEV_ERROR,
						path, rec.line, rec.columns[i],
						"column '%s' is given twice",
						vt_rcol_names[c]);
				} else {
					map[c] = (int)i;
				}
				if (result)
					goto out;
			}
			for (i = 0; i <= VT_RCOL_VALUE; i++) {
				if (i == VT_RCOL_BREAKDOWN || map[i] >= 0)
					continue;
				result = vt_diag_add(dq, VT_SEV_ERROR, path,
					rec.line, 0, "the header has no '%s' "
					"column (a return needs agency, "
					"measure, period and value)",
					vt_rcol_names[i]);
				if (result)
					goto out;
			}
			if (dq->errors)
				break;
			continue;
		}
		if (rec.nfields > header_fields) {
			result = vt_diag_add(dq, VT_SEV_ERROR, path, rec.line,
				rec.columns[header_fields], "row has %zu "
				"fields; the header has %zu", rec.nfields,
				header_fields);
			if (result)
				break;
			continue;
		}
		memset(&row, 0, sizeof(row));
		row.source = path;
		row.line = rec.line;
		for (i = 0; i < VT_RCOL__MAX; i++) {
			size_t at = (size_t)map[i];

			if (map[i] >= 0 && at < rec.nfields)
				row.col[i] = rec.columns[at];
			if (map[i] < 0 || at >= rec.nfields)
				continue;
			if (is_code_column(i))
				rec.fields[at] = trim(rec.fields[at]);
			if (rec.fields[at][0] == '\0')
				continue;
			row.cell[i] = rec.fields[at];
		}
		result = fns->row(arg, &row);
		if (result)
			break;
	}
	if (!result && header)
		result = vt_diag_add(dq, VT_SEV_ERROR, path, 1, 0,
				     "the file is empty: a return needs a "
				     "header row naming agency, measure, "
				     "period and value");
out:
	vt_csv_close(csv);
	return result;
}

/* ------------------------------------------------------------------ */
/* Workbooks: cells arrive one at a time; a row is emitted when it ends */

enum sheet_mode { MODE_LONG, MODE_RETURN, MODE_IMPACT, MODE_META };

struct sheet_reader {
	const char *path;
	const char *sheet;
	enum sheet_mode mode;
	const struct vt_return_reader_fns *fns;
	void *arg;
	struct vt_diagq *dq;
	/* header: which spreadsheet column holds which return column */
	bool have_header;
	long header_row;
	long colmap[VT_RCOL__MAX];	/* 0: absent */
	long impact_priority_col, impact_text_col;
	/* the row being gathered */
	long row;
	char *cells[VT_RCOL__MAX];
	/* from the metadata sheet */
	char *meta_agency, *meta_period, *meta_template;
	char meta_agency_place[PLACE_MAX], meta_period_place[PLACE_MAX];
};

static void clear_row(struct sheet_reader *r)
{
	size_t i;

	for (i = 0; i < VT_RCOL__MAX; i++) {
		free(r->cells[i]);
		r->cells[i] = NULL;
	}
}

static void place_of(const struct sheet_reader *r, long row, long col,
		     char *out, size_t size)
{
	char letters[8];

	vt_column_letters(col, letters);
	snprintf(out, size, "%s:%s!%s%ld", r->path, r->sheet, letters, row);
}

static enum vt_err emit_row(struct sheet_reader *r)
{
	char row_place[PLACE_MAX];
	struct vt_return_row row;
	size_t i;
	bool any = false;
	enum vt_err result = VT_OK;

	for (i = 0; i < VT_RCOL__MAX; i++)
		any = any || r->cells[i];
	if (!r->have_header || r->row == r->header_row || !any)
		goto out;
	if (r->mode == MODE_IMPACT) {
		struct vt_impact_row imp = {
			.agency = r->meta_agency, .period = r->meta_period,
			.priority = r->cells[VT_RCOL_MEASURE],
			.text = r->cells[VT_RCOL_NOTE] };

		if (!imp.text)
			goto out;
		place_of(r, r->row, r->impact_text_col, row_place,
			 sizeof(row_place));
		imp.place = row_place;
		result = r->fns->impact ? r->fns->impact(r->arg, &imp) : VT_OK;
		goto out;
	}
	memset(&row, 0, sizeof(row));
	row.source = r->path;
	row.sheet = r->sheet;
	row.line = r->row;
	for (i = 0; i < VT_RCOL__MAX; i++) {
		row.col[i] = r->colmap[i];
		row.cell[i] = r->cells[i];
	}
	if (r->mode == MODE_RETURN) {
		/* The template names its agency and period once. */
		row.cell[VT_RCOL_AGENCY] = r->meta_agency;
		row.fixed_place[VT_RCOL_AGENCY] = r->meta_agency_place;
		row.cell[VT_RCOL_PERIOD] = r->meta_period;
		row.fixed_place[VT_RCOL_PERIOD] = r->meta_period_place;
	}
	result = r->fns->row(r->arg, &row);
out:
	clear_row(r);
	return result;
}

/* A header cell: which return column this spreadsheet column holds. */
static enum vt_err header_cell(struct sheet_reader *r,
			       const struct vt_xlsx_cell *c)
{
	char place[PLACE_MAX];
	int col;

	if (r->mode == MODE_IMPACT) {
		if (strcmp(c->text, "priority") == 0)
			r->impact_priority_col = c->col;
		else if (strcmp(c->text, "narrative") == 0)
			r->impact_text_col = c->col;
		return VT_OK;
	}
	col = header_column(c->text, r->mode == MODE_RETURN);
	if (col == -2)
		return VT_OK;
	place_of(r, c->row, c->col, place, sizeof(place));
	if (col == -1)
		return vt_diag_add(r->dq, VT_SEV_ERROR, place, 0, 0,
				   "column '%s' is not one of %s", c->text,
				   column_list());
	if (r->colmap[col])
		return vt_diag_add(r->dq, VT_SEV_ERROR, place, 0, 0,
				   "column '%s' is given twice",
				   vt_rcol_names[col]);
	r->colmap[col] = c->col;
	return VT_OK;
}

/* The header is the first row naming a 'measure' (or 'priority') column. */
static bool is_header_row_start(const struct sheet_reader *r,
				const struct vt_xlsx_cell *c)
{
	int col;

	if (c->type != VT_XLSX_TEXT)
		return false;
	if (r->mode == MODE_IMPACT)
		return strcmp(c->text, "priority") == 0;
	col = header_column(c->text, false);
	return col == VT_RCOL_MEASURE || col == VT_RCOL_AGENCY;
}

/* Once the header row has ended: are the columns a return needs there? */
static enum vt_err header_complete(struct sheet_reader *r)
{
	char place[PLACE_MAX];
	size_t i;
	enum vt_err result = VT_OK;

	r->have_header = true;
	if (r->mode == MODE_IMPACT)
		return VT_OK;
	for (i = 0; i <= VT_RCOL_VALUE && !result; i++) {
		if (i == VT_RCOL_BREAKDOWN || r->colmap[i])
			continue;
		if (r->mode == MODE_RETURN &&
		    (i == VT_RCOL_AGENCY || i == VT_RCOL_PERIOD))
			continue;
		place_of(r, r->header_row, 1, place, sizeof(place));
		result = vt_diag_add(r->dq, VT_SEV_ERROR, place, 0, 0,
				     "the header has no '%s' column",
				     vt_rcol_names[i]);
	}
	return result;
}

/*
 * A month written "2024-07" in a CSV becomes a date when a spreadsheet
 * opens it; the first of a month in the period column means that month.
 */
static const char *cell_text(int col, const struct vt_xlsx_cell *c,
			     char *buf, size_t size)
{
	if (c->type == VT_XLSX_DATE && col == VT_RCOL_PERIOD &&
	    strlen(c->text) == 10 && strcmp(c->text + 7, "-01") == 0) {
		snprintf(buf, size, "%.7s", c->text);
		return buf;
	}
	return c->text;
}

static enum vt_err set_cell(char **slot, const char *text)
{
	free(*slot);
	*slot = strdup(text);
	return *slot ? VT_OK : VT_ENOMEM;
}

/* The hidden sheet: labels in column A, values in column B. */
static enum vt_err meta_cell(struct sheet_reader *r,
			     const struct vt_xlsx_cell *c)
{
	if (c->col == 1)
		return set_cell(&r->cells[0], c->text);
	if (c->col != 2 || !r->cells[0])
		return VT_OK;
	if (strcmp(r->cells[0], "agency") == 0) {
		place_of(r, c->row, c->col, r->meta_agency_place, PLACE_MAX);
		return set_cell(&r->meta_agency, c->text);
	}
	if (strcmp(r->cells[0], "period") == 0) {
		place_of(r, c->row, c->col, r->meta_period_place, PLACE_MAX);
		return set_cell(&r->meta_period, c->text);
	}
	if (strcmp(r->cells[0], "template") == 0)
		return set_cell(&r->meta_template, c->text);
	return VT_OK;
}

static enum vt_err sheet_cell(void *arg, const struct vt_xlsx_cell *c)
{
	struct sheet_reader *r = arg;
	char buf[16];
	enum vt_err result = VT_OK;
	size_t i;

	if (r->mode == MODE_META)
		return meta_cell(r, c);
	if (c->row != r->row) {
		if (r->header_row && !r->have_header)
			result = header_complete(r);
		if (!result && r->have_header && r->row)
			result = emit_row(r);
		r->row = c->row;
		if (result)
			return result;
	}
	if (!r->have_header) {
		if (!r->header_row && is_header_row_start(r, c))
			r->header_row = c->row;
		if (r->header_row == c->row && c->type == VT_XLSX_TEXT)
			return header_cell(r, c);
		return VT_OK;
	}
	if (r->mode == MODE_IMPACT) {
		if (c->col == r->impact_priority_col)
			return set_cell(&r->cells[VT_RCOL_MEASURE], c->text);
		if (c->col == r->impact_text_col)
			return set_cell(&r->cells[VT_RCOL_NOTE], c->text);
		return VT_OK;
	}
	for (i = 0; i < VT_RCOL__MAX && !result; i++) {
		if (r->colmap[i] != c->col)
			continue;
		result = set_cell(&r->cells[i], cell_text((int)i, c, buf,
							  sizeof(buf)));
		if (!result && is_code_column(i)) {
			char *t = trim(r->cells[i]);

			memmove(r->cells[i], t, strlen(t) + 1);
			if (!*r->cells[i]) {
				free(r->cells[i]);
				r->cells[i] = NULL;
			}
		}
	}
	return result;
}

static enum vt_err read_sheet(struct sheet_reader *r, struct vt_xlsx *x,
			      const char *sheet, enum sheet_mode mode)
{
	enum vt_err result;

	r->sheet = sheet;
	r->mode = mode;
	r->row = 0;
	r->header_row = 0;
	r->have_header = false;
	r->impact_priority_col = r->impact_text_col = 0;
	memset(r->colmap, 0, sizeof(r->colmap));
	result = vt_xlsx_read_sheet(x, sheet, sheet_cell, r);
	if (!result && mode != MODE_META) {
		if (r->header_row && !r->have_header)
			result = header_complete(r);
		if (!result && r->have_header && r->row)
			result = emit_row(r);
		if (!result && !r->header_row && mode != MODE_IMPACT)
			result = vt_diag_add(r->dq, VT_SEV_ERROR, r->path, 0,
				0, "sheet '%s' has no header row (a row "
				"naming the columns %s)", sheet,
				column_list());
	}
	clear_row(r);
	return result;
}

static bool has_sheet(const struct vt_xlsx *x, const char *name)
{
	size_t i;

	for (i = 0; i < vt_xlsx_sheet_count(x); i++)
		if (strcmp(vt_xlsx_sheet_name(x, i), name) == 0)
			return true;
	return false;
}

static enum vt_err read_xlsx(const char *path,
			     const struct vt_return_reader_fns *fns,
			     void *arg, struct vt_diagq *dq)
{
	struct sheet_reader r;
	struct vt_xlsx *x = NULL;
	enum vt_err result;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.fns = fns;
	r.arg = arg;
	r.dq = dq;
	result = vt_xlsx_open_file(path, &x);
	if (result == VT_EINVAL) {
		result = vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "%s",
				     vt_xlsx_error(x));
		goto out;
	}
	if (result)
		goto out;
	if (has_sheet(x, SHEET_META)) {
		/* The Vitals template: agency and period from its metadata. */
		result = read_sheet(&r, x, SHEET_META, MODE_META);
		if (!result && (!r.meta_template || !r.meta_agency ||
				!r.meta_period ||
				strcmp(r.meta_template, "vitals-return")))
			result = vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0,
				"sheet '%s' does not identify a Vitals return "
				"(template, agency, period)", SHEET_META);
		if (!result && !dq->errors)
			result = read_sheet(&r, x, SHEET_RETURN, MODE_RETURN);
		if (!result && !dq->errors && has_sheet(x, SHEET_IMPACT))
			result = read_sheet(&r, x, SHEET_IMPACT, MODE_IMPACT);
		goto out;
	}
	/* Any other workbook: the first visible sheet in long form. */
	for (i = 0; i < vt_xlsx_sheet_count(x); i++)
		if (!vt_xlsx_sheet_hidden(x, i))
			break;
	if (i == vt_xlsx_sheet_count(x)) {
		result = vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0,
				     "the workbook has no visible sheet");
		goto out;
	}
	result = read_sheet(&r, x, vt_xlsx_sheet_name(x, i), MODE_LONG);
out:
	/* A workbook refused by the reader itself (a sheet that is not
	   XML, one missing) says why, template or not: never "0 problems". */
	if ((result == VT_EINVAL || result == VT_ENOTFOUND) && !dq->errors &&
	    x)
		result = vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "%s",
				     *vt_xlsx_error(x) ? vt_xlsx_error(x) :
				     "the workbook cannot be read as a Vitals "
				     "return");
	free(r.meta_agency);
	free(r.meta_period);
	free(r.meta_template);
	vt_xlsx_close(x);
	return result;
}

/* ------------------------------------------------------------------ */

/*
 * Workbooks are zip files; anything else is read as CSV.  A pipe (a
 * return streamed from another program) cannot be rewound after a look
 * at its first bytes, nor read as a zip: it is read as CSV.
 */
enum vt_err vt_return_file_read(const char *path, char separator,
				const struct vt_return_reader_fns *fns,
				void *arg, struct vt_diagq *dq)
{
	unsigned char magic[4] = { 0 };
	FILE *f = fopen(path, "rb");
	struct stat st;
	enum vt_err result;
	size_t got = 0;

	if (!f)
		return VT_EIO;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
		got = fread(magic, 1, sizeof(magic), f);
	if ((got == 4 && memcmp(magic, "PK\3\4", 4) == 0) ||
	    (got == 4 && memcmp(magic, "\xd0\xcf\x11\xe0", 4) == 0)) {
		fclose(f);
		return read_xlsx(path, fns, arg, dq);
	}
	if (got)
		rewind(f);
	result = read_csv(path, f, separator ? separator : ',', fns, arg, dq);
	fclose(f);
	return result;
}
