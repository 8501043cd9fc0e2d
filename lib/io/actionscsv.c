/* Reading an action tracker from CSV: every cell checked against the definition, each row as a definition's action. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/csv.h"
#include "vitals/strparse.h"

/* The tracker's columns (DESIGN.md section 9), in their usual order. */
enum { C_REF, C_PLAN, C_AGENCY, C_TITLE, C_OWNER, C_PRIORITY, C_DUE, C_RAG,
       C_UPDATED, C_NOTE, C_MEASURES, C__MAX };

static const char *const column_names[C__MAX] = {
	"ref", "plan", "agency", "title", "owner", "priority", "due", "rag",
	"updated", "note", "measures"
};

struct reader {
	const char *path;
	const struct vt_def *meta;
	const char *today;
	struct vt_diagq *dq;
	int map[C__MAX];		/* field of each column, or -1 */
	json_t *actions;		/* the records to load, as JSON */
	long *lines;			/* the line of each */
	size_t n;
};

static int column_of(const char *name)
{
	char low[32];
	size_t i, n = 0;

	while (*name == ' ')
		name++;
	for (; *name && n < sizeof(low) - 1; name++)
		low[n++] = (char)tolower((unsigned char)*name);
	while (n && low[n - 1] == ' ')
		n--;
	low[n] = '\0';
	for (i = 0; i < C__MAX; i++)
		if (!strcmp(low, column_names[i]))
			return (int)i;
	return -1;
}

static enum vt_err header(struct reader *r, const struct vt_csv_record *rec)
{
	enum vt_err result = VT_OK;
	size_t i;

	for (i = 0; i < C__MAX; i++)
		r->map[i] = -1;
	for (i = 0; i < rec->nfields && !result; i++) {
		int c = column_of(rec->fields[i]);

		if (c < 0)
			result = vt_diag_add(r->dq, VT_SEV_ERROR, r->path,
				rec->line, rec->columns[i], "column '%s' is not "
				"one of ref, plan, agency, title, owner, "
				"priority, due, rag, updated, note, measures",
				rec->fields[i]);
		else if (r->map[c] >= 0)
			result = vt_diag_add(r->dq, VT_SEV_ERROR, r->path,
				rec->line, rec->columns[i], "column '%s' is "
				"given twice", column_names[c]);
		else
			r->map[c] = (int)i;
	}
	if (!result && (r->map[C_REF] < 0 || r->map[C_RAG] < 0))
		result = vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec->line,
				     0, "the header needs 'ref' and 'rag' "
				     "columns");
	return result;
}

/* A cell, trimmed; NULL when the column is absent or the cell empty. */
static char *cell(const struct reader *r, const struct vt_csv_record *rec,
		  int c)
{
	char *s, *end;

	if (r->map[c] < 0 || (size_t)r->map[c] >= rec->nfields)
		return NULL;
	s = rec->fields[r->map[c]];
	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return *s ? s : NULL;
}

static long col_of(const struct reader *r, const struct vt_csv_record *rec,
		   int c)
{
	return r->map[c] >= 0 && (size_t)r->map[c] < rec->nfields ?
	       rec->columns[r->map[c]] : 0;
}

#define BAD(c, ...) vt_diag_add(r->dq, VT_SEV_ERROR, r->path, rec->line, \
				col_of(r, rec, c), __VA_ARGS__)

/* A code that must name a record of 'kind'; false after reporting it. */
static bool exists(struct reader *r, const struct vt_csv_record *rec, int c,
		   enum vt_kind kind, const char *code, enum vt_err *result)
{
	if (vt_def_find(r->meta, kind, code))
		return true;
	*result = BAD(c, "%s '%s' does not exist", vt_entity_of(kind)->name,
		      code);
	return false;
}

static enum vt_err set_text(json_t *obj, const char *key, const char *v)
{
	return json_object_set_new(obj, key, v ? json_string(v) : json_null())
	       ? VT_ENOMEM : VT_OK;
}

/*
 * The measures cell: codes separated by ';' (or spaces), each a measure
 * that exists.
 */
static enum vt_err measures(struct reader *r, const struct vt_csv_record *rec,
			    char *text, json_t *obj)
{
	json_t *list = json_array();
	enum vt_err result = VT_OK;
	char *save = NULL, *code;

	if (!list)
		return VT_ENOMEM;
	for (code = strtok_r(text, "; ", &save); code && !result;
	     code = strtok_r(NULL, "; ", &save))
		if (exists(r, rec, C_MEASURES, VT_KIND_MEASURE, code, &result))
			result = json_array_append_new(list, json_string(code))
				 ? VT_ENOMEM : VT_OK;
	if (result) {
		json_decref(list);
		return result;
	}
	return json_object_set_new(obj, "measures", list) ? VT_ENOMEM : VT_OK;
}

/* The update a row records, when its rating or note is news. */
static enum vt_err row_update(struct reader *r, const struct vt_csv_record *rec,
			      const struct vt_action *old, int rag,
			      json_t *obj, bool *bad)
{
	const struct vt_action_update *last = vt_action_latest(old);
	const char *updated = cell(r, rec, C_UPDATED);
	const char *note = cell(r, rec, C_NOTE);
	char date[11];
	json_t *list, *u;

	if (updated && vt_action_date(updated, date)) {
		*bad = true;
		return BAD(C_UPDATED, "'%s' is not a date (YYYY-MM-DD or "
			   "DD/MM/YYYY)", updated);
	}
	if (!updated)
		snprintf(date, sizeof(date), "%s", r->today);
	/* Nothing new: the same rating, and no note or the same one. */
	if (old && old->rag == rag && (!note || (last && last->note &&
						 !strcmp(last->note, note))))
		return VT_OK;
	if (!old && !note && !updated)
		return VT_OK;
	*bad = true;
	if (rag == VT_RAG_RED && vt_text_blank(note))
		return BAD(C_RAG, "a rating of red needs a note saying what "
			   "is wrong");
	if (rag == VT_RAG_BLUE && vt_text_blank(note))
		return BAD(C_RAG, "complete (blue) needs a note giving the "
			   "evidence, or saying why there is none");
	if (strcmp(date, r->today) > 0)
		return BAD(C_UPDATED, "the update is dated %s, after today "
			   "(%s)", date, r->today);
	if (last && strcmp(date, last->date) < 0)
		return BAD(C_UPDATED, "the update is dated %s, before the "
			   "update of %s already recorded; updates are "
			   "history and come in order", date, last->date);
	*bad = false;
	list = json_object_get(obj, "updates");
	if (!list) {
		list = json_array();
		if (!list || json_object_set_new(obj, "updates", list))
			return VT_ENOMEM;
	}
	u = json_pack("{s:s, s:s, s:s?}", "date", date, "rag",
		      vt_rag_names[rag], "note", note);
	return !u || json_array_append_new(list, u) ? VT_ENOMEM : VT_OK;
}

static enum vt_err row(struct reader *r, const struct vt_csv_record *rec)
{
	static const int texts[] = { C_PLAN, C_AGENCY, C_TITLE, C_OWNER,
				     C_PRIORITY };
	/* What each names, or -1 for plain text. */
	static const int refs[] = { VT_KIND_PLAN, VT_KIND_AGENCY, -1, -1,
				    VT_KIND_PRIORITY };
	const char *ref = cell(r, rec, C_REF), *rag_text = cell(r, rec, C_RAG);
	const struct vt_action *old;
	enum vt_err result = VT_OK;
	json_t *obj = NULL;
	bool bad = false;
	size_t i;
	int rag;

	if (!ref)
		return BAD(C_REF, "the ref is empty");
	for (i = 0; i < r->n; i++)
		if (!strcmp(json_string_value(json_object_get(
			json_array_get(r->actions, i), "code")), ref))
			return BAD(C_REF, "action '%s' is given twice (also "
				   "at %s:%ld)", ref, r->path, r->lines[i]);
	rag = vt_rag_parse(rag_text);
	if (rag < 0)
		return BAD(C_RAG, "'%s' is not a RAG rating (red, amber, green, "
			   "blue or R, A, G, B)", rag_text ? rag_text : "");
	old = vt_def_find(r->meta, VT_KIND_ACTION, ref);
	if (old && vt_record_to_json(VT_KIND_ACTION, old, &obj))
		return VT_ENOMEM;
	if (!old)
		obj = json_pack("{s:s}", "code", ref);
	if (!obj)
		return VT_ENOMEM;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]) && !result; i++) {
		const char *v = cell(r, rec, texts[i]);

		if (r->map[texts[i]] < 0)
			continue;	/* not in the file: kept as stored */
		if (!v && i < 3) {
			result = BAD(texts[i], "the %s is empty",
				     column_names[texts[i]]);
			bad = true;
		} else if (v && refs[i] >= 0 &&
			   !exists(r, rec, texts[i], (enum vt_kind)refs[i], v,
				   &result)) {
			bad = true;
		} else {
			result = set_text(obj, column_names[texts[i]], v);
		}
	}
	if (!result && !bad && r->map[C_DUE] >= 0) {
		const char *due = cell(r, rec, C_DUE);
		char iso[11];

		if (due && vt_action_date(due, iso)) {
			result = BAD(C_DUE, "'%s' is not a date (YYYY-MM-DD or "
				     "DD/MM/YYYY)", due);
			bad = true;
		} else {
			result = set_text(obj, "due", due ? iso : NULL);
		}
	}
	if (!result && !bad && r->map[C_MEASURES] >= 0) {
		char *m = cell(r, rec, C_MEASURES), none[1] = "";
		size_t before = r->dq->errors;

		result = measures(r, rec, m ? m : none, obj);
		bad = r->dq->errors > before;
	}
	if (!result && !bad && !old)
		for (i = 0; i < 3 && !result; i++)
			if (!json_object_get(obj, column_names[texts[i]])) {
				result = BAD(C_REF, "new action '%s' needs a %s",
					     ref, column_names[texts[i]]);
				bad = true;
			}
	if (!result && !bad)
		result = row_update(r, rec, old, rag, obj, &bad);
	if (!result && !bad)
		result = set_text(obj, "rag", vt_rag_names[rag]);
	if (!result && !bad) {
		long *lines = realloc(r->lines, (r->n + 1) * sizeof(*lines));

		if (!lines || json_array_append(r->actions, obj))
			result = VT_ENOMEM;
		if (lines) {
			r->lines = lines;
			r->lines[r->n++] = rec->line;
		}
	}
	json_decref(obj);
	return result;
}

static enum vt_err read_file(struct reader *r)
{
	struct vt_csv_options opt = { 0 };
	struct vt_csv_record rec;
	struct vt_csv *csv = NULL;
	enum vt_err result;
	bool first = true;
	FILE *f = fopen(r->path, "rb");

	if (!f)
		return VT_EIO;
	result = vt_csv_open(f, &opt, &csv);
	while (!result) {
		result = vt_csv_next(csv, &rec);
		if (result == VT_ENOTFOUND) {
			result = VT_OK;
			break;
		}
		if (result) {
			result = vt_diag_add(r->dq, VT_SEV_ERROR, r->path,
					     vt_csv_error_line(csv),
					     vt_csv_error_column(csv), "%s",
					     vt_csv_error(csv));
			break;
		}
		if (first) {
			first = false;
			result = header(r, &rec);
			if (r->dq->errors)
				break;
		} else if (rec.nfields == 1 && !*rec.fields[0]) {
			continue;	/* an empty line */
		} else {
			result = row(r, &rec);
		}
	}
	if (first && !result)
		result = vt_diag_add(r->dq, VT_SEV_ERROR, r->path, 0, 0,
				     "the file is empty: it needs a header "
				     "row");
	vt_csv_close(csv);
	fclose(f);
	return result;
}

enum vt_err vt_actions_csv_read(const char *path, const struct vt_def *meta,
				const char *today, struct vt_actions_csv *out,
				struct vt_diagq *dq)
{
	struct reader r;
	enum vt_err result;

	memset(&r, 0, sizeof(r));
	memset(out, 0, sizeof(*out));
	r.path = path;
	r.meta = meta;
	r.today = today;
	r.dq = dq;
	r.actions = json_array();
	result = r.actions ? read_file(&r) : VT_ENOMEM;
	out->actions = r.actions;
	out->lines = r.lines;
	out->n = r.n;
	out->path = path;
	return result;
}

void vt_actions_csv_release(struct vt_actions_csv *c)
{
	json_decref(c->actions);
	free(c->lines);
	memset(c, 0, sizeof(*c));
}
