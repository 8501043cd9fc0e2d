/* The action tracker as a workbook: a sheet per plan, RAG coloured, and the updates. */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "vitals/actions.h"
#include "vitals/xlsx.h"

/* The columns of each plan's sheet: those of 'vitals actions list --csv'. */
static const char *const columns[] = { "ref", "plan", "agency", "title",
	"owner", "due", "rag", "updated", "overdue", "stale", "slips",
	"last_note", "illustrative", "last_note_illustrative" };
static const double widths[] = { 12, 16, 12, 60, 30, 11, 8, 11, 8, 6, 6,
				 60, 12, 12 };
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static const char *const update_columns[] = { "ref", "date", "rag", "note",
	"evidence", "by", "illustrative" };
#define NUPDATE_COLUMNS (sizeof(update_columns) / sizeof(update_columns[0]))

/* The fill of each rating, as trackers colour them. */
static const lxw_color_t rag_colours[VT_RAG__MAX] = {
	[VT_RAG_RED] = 0xF4A6A6, [VT_RAG_AMBER] = 0xFFD966,
	[VT_RAG_GREEN] = 0xA9D08E, [VT_RAG_BLUE] = 0x9BC2E6,
};

struct book {
	lxw_workbook *wb;
	lxw_format *header, *wrap, *rag[VT_RAG__MAX];
};

void vt_xlsx_safe_sheet_name(const char *code, char out[32])
{
	size_t i;

	snprintf(out, 32, "%s", code);
	for (i = 0; out[i]; i++)
		if (strchr("[]:*?/\\", out[i]))
			out[i] = '_';
}

static void header_row(struct book *b, lxw_worksheet *ws,
		       const char *const *names, const double *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, names[i],
				       b->header);
		if (w)
			worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
					     w[i], NULL);
	}
	worksheet_freeze_panes(ws, 1, 1);
}

static void text(lxw_worksheet *ws, lxw_row_t row, size_t col, const char *s,
		 lxw_format *f)
{
	if (s)
		worksheet_write_string(ws, row, (lxw_col_t)col, s, f);
}

static void action_row(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		       const struct vt_action_row *r)
{
	const struct vt_action *a = r->action;
	const char *cells[NCOLUMNS] = { a->code, a->plan, a->agency, a->title,
		a->owner, a->due, vt_rag_names[a->rag],
		r->last ? r->last->date : NULL, r->overdue ? "yes" : "no",
		r->stale ? "yes" : "no", NULL,
		r->last ? r->last->note : NULL, a->illustrative ? "yes" : "no",
		r->last && r->last->illustrative ? "yes" : "no" };
	size_t i;

	for (i = 0; i < NCOLUMNS; i++)
		text(ws, row, i, cells[i], i == 6 ? b->rag[a->rag] :
		     i == 3 || i == 11 ? b->wrap : NULL);
	worksheet_write_number(ws, row, 10, (double)r->slips, NULL);
}

/* One sheet per plan with actions in the report, in the plans' order. */
static void plan_sheets(struct book *b, const struct vt_def *def,
			const struct vt_action_report *rep)
{
	size_t p, i;

	for (p = 0; p < vt_def_count(def, VT_KIND_PLAN); p++) {
		const struct vt_plan *plan = vt_def_at(def, VT_KIND_PLAN, p);
		lxw_worksheet *ws = NULL;
		lxw_row_t row = 1;
		char name[32];

		for (i = 0; i < rep->nrows; i++) {
			if (strcmp(rep->rows[i].action->plan, plan->code))
				continue;
			if (!ws) {
				vt_xlsx_safe_sheet_name(plan->code, name);
				ws = workbook_add_worksheet(b->wb, name);
				header_row(b, ws, columns, widths, NCOLUMNS);
			}
			action_row(b, ws, row++, &rep->rows[i]);
		}
		if (ws)
			worksheet_autofilter(ws, 0, 0, row - 1,
					     NCOLUMNS - 1);
	}
}

/* Every update of the actions in the report: the tracker's history. */
static void updates_sheet(struct book *b, const struct vt_action_report *rep)
{
	static const double w[NUPDATE_COLUMNS] = { 12, 11, 8, 70, 40, 24,
						   12 };
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Updates");
	lxw_row_t row = 1;
	size_t i, j;

	header_row(b, ws, update_columns, w, NUPDATE_COLUMNS);
	for (i = 0; i < rep->nrows; i++) {
		const struct vt_action *a = rep->rows[i].action;

		for (j = 0; j < a->nupdates; j++, row++) {
			const struct vt_action_update *u = &a->updates[j];

			text(ws, row, 0, a->code, NULL);
			text(ws, row, 1, u->date, NULL);
			text(ws, row, 2, vt_rag_names[u->rag], b->rag[u->rag]);
			text(ws, row, 3, u->note, b->wrap);
			text(ws, row, 4, u->evidence, NULL);
			text(ws, row, 5, u->by, NULL);
			text(ws, row, 6, u->illustrative ? "yes" : "no", NULL);
		}
	}
}

enum vt_err vt_actions_xlsx(const char *path, const struct vt_def *def,
			    const struct vt_action_report *rep)
{
	struct book b;
	int i;

	memset(&b, 0, sizeof(b));
	b.wb = workbook_new(path);
	if (!b.wb)
		return VT_EIO;
	b.header = workbook_add_format(b.wb);
	format_set_bold(b.header);
	format_set_bottom(b.header, LXW_BORDER_THIN);
	format_set_bg_color(b.header, 0xDDDDDD);
	b.wrap = workbook_add_format(b.wb);
	format_set_text_wrap(b.wrap);
	for (i = 0; i < VT_RAG__MAX; i++) {
		b.rag[i] = workbook_add_format(b.wb);
		format_set_bg_color(b.rag[i], rag_colours[i]);
	}
	plan_sheets(&b, def, rep);
	updates_sheet(&b, rep);
	return workbook_close(b.wb) == LXW_NO_ERROR ? VT_OK : VT_EIO;
}
