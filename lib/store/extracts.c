/* Snapshots of record-level extracts: written whole or not at all, superseded, retained, read back. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/clock.h"
#include "vitals/extractstore.h"
#include "store/store.h"

/* Rows of a cursor read at a time. */
#define PAGE 512

struct vt_extract_load {
	struct vt_store *s;
	enum vt_extract_format format;
	char sha256[VT_SHA256_HEX + 1];
	int64_t id;
	int64_t counts[VT_CASE__MAX];
	bool bulk;		/* rows go through ops->bulk_row() */
	const char *who;
};

static struct vt_sqlval text_val(const char *s)
{
	struct vt_sqlval v = { .type = VT_SQL_TEXT, .s = s };

	return v;
}

/* An empty text is stored as NULL: absent. */
static struct vt_sqlval opt_val(const char *s)
{
	struct vt_sqlval v = { .type = *s ? VT_SQL_TEXT : VT_SQL_NULL, .s = s };

	return v;
}

static struct vt_sqlval int_val(int64_t i)
{
	struct vt_sqlval v = { .type = VT_SQL_INT, .i = i };

	return v;
}

static enum vt_err int_row(void *arg, const struct vt_sqlval *cols,
			   size_t ncols)
{
	int64_t *out = arg;

	if (ncols < 1 || cols[0].type != VT_SQL_INT)
		return VT_EDB;
	*out = cols[0].i;
	return VT_OK;
}

static enum vt_err fingerprint_row(void *arg, const struct vt_sqlval *cols,
				   size_t ncols)
{
	char *out = arg;

	if (ncols < 1 || cols[0].type != VT_SQL_TEXT)
		return VT_EDB;
	snprintf(out, VT_KEY_FINGERPRINT_HEX + 1, "%s", cols[0].s);
	return VT_OK;
}

enum vt_err vt_extract_stored_fingerprint(
	struct vt_store *s, char out[VT_KEY_FINGERPRINT_HEX + 1])
{
	out[0] = '\0';
	return s->ops->exec(s->conn, STMT_EXTRACT_FINGERPRINT, NULL, 0,
			    fingerprint_row, out);
}

/* An entry of the change log for a snapshot: no identifier, ever. */
static enum vt_err log_snapshot(struct vt_store *s, const char *who,
				const char *entity, int64_t id,
				const char *format, const char *as_at,
				const char *sha256, int64_t records,
				const int64_t *kinds, bool added)
{
	char key[32], *text = NULL;
	json_t *j;
	enum vt_err result = VT_ENOMEM;
	int i;

	snprintf(key, sizeof(key), "%" PRId64, id);
	j = json_pack("{s:s, s:s, s:s, s:I}", "format", format, "as_at",
		      as_at, "sha256", sha256, "records", (json_int_t)records);
	if (j && kinds) {
		char text_kinds[256];
		size_t at = 0;

		/* "cla-episode 4, referral 10": one field in the log's view */
		text_kinds[0] = '\0';
		for (i = 0; i < VT_CASE__MAX; i++)
			if (kinds[i] && at < sizeof(text_kinds))
				at += (size_t)snprintf(
					text_kinds + at, sizeof(text_kinds) - at,
					"%s%s %" PRId64, at ? ", " : "",
					vt_case_kind_names[i], kinds[i]);
		if (json_object_set_new(j, "kinds", json_string(text_kinds)))
			goto out;
	}
	text = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (text)
		result = vt_log_append(s, who, entity, key,
				       added ? NULL : text,
				       added ? text : NULL);
out:
	free(text);
	json_decref(j);
	return result;
}

enum vt_err vt_extract_begin(struct vt_store *s,
			     enum vt_extract_format format, const char *source,
			     const char *sha256, const char *fingerprint,
			     const char *who,
			     char stored[VT_KEY_FINGERPRINT_HEX + 1],
			     int64_t *same, struct vt_extract_load **out)
{
	struct vt_extract_load *l;
	char now[VT_TIMESTAMP_MAX];
	struct vt_sqlval p[11];
	int64_t found = 0;
	enum vt_err result;

	if ((unsigned)format >= VT_EXTRACT__MAX ||
	    strlen(sha256) != VT_SHA256_HEX ||
	    strlen(fingerprint) != VT_KEY_FINGERPRINT_HEX)
		return VT_EINVAL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return VT_ENOMEM;
	l->s = s;
	l->format = format;
	l->who = who;
	memcpy(l->sha256, sha256, sizeof(l->sha256));
	result = s->ops->begin(s->conn);
	if (result) {
		free(l);
		return result;
	}
	result = vt_extract_stored_fingerprint(s, stored);
	if (!result && stored[0] && strcmp(stored, fingerprint))
		result = VT_ECONFLICT;
	p[0] = text_val(vt_extract_format_names[format]);
	p[1] = text_val(sha256);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_BY_SHA, p, 2,
				      int_row, &found);
	if (!result && found) {
		*same = found;
		result = VT_EINVAL;
	}
	vt_clock_now(now);
	p[1] = text_val(source);
	/* The dates and the count are the reader's, set at the end. */
	p[2] = text_val("");
	p[3] = text_val("");
	p[4] = text_val("");
	p[5] = text_val("");
	p[6] = text_val(sha256);
	p[7] = text_val(fingerprint);
	p[8] = int_val(0);
	p[9] = text_val(who);
	p[10] = text_val(now);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_INSERT, p, 11,
				      int_row, &l->id);
	if (!result && !l->id)
		result = VT_EDB;
	if (!result && s->ops->bulk_begin) {
		result = s->ops->bulk_begin(s->conn, STMT_CASE_RECORD_INSERT);
		l->bulk = !result;
	}
	if (result) {
		s->ops->rollback(s->conn);
		free(l);
		return result;
	}
	*out = l;
	return VT_OK;
}

enum vt_err vt_extract_add(void *load, const struct vt_case_record *r)
{
	struct vt_extract_load *l = load;
	struct vt_sqlval p[11];

	if ((unsigned)r->kind >= VT_CASE__MAX || !r->child[0])
		return VT_EINVAL;
	p[0] = int_val(l->id);
	p[1] = text_val(vt_case_kind_names[r->kind]);
	p[2] = text_val(r->child);
	p[3] = opt_val(r->birth_month);
	p[4] = opt_val(r->start);
	p[5] = opt_val(r->end);
	p[6] = opt_val(r->category);
	p[7] = opt_val(r->initial_category);
	p[8] = opt_val(r->source);
	p[9] = opt_val(r->reason);
	p[10] = int_val(r->no_further_action ? 1 : 0);
	l->counts[r->kind]++;
	if (l->bulk)
		return l->s->ops->bulk_row(l->s->conn, p, 11);
	return l->s->ops->exec(l->s->conn, STMT_CASE_RECORD_INSERT, p, 11,
			       NULL, NULL);
}

const int64_t *vt_extract_counts(const struct vt_extract_load *load)
{
	return load->counts;
}

void vt_extract_abandon(struct vt_extract_load *l)
{
	if (!l)
		return;
	if (l->bulk)
		(void)l->s->ops->bulk_end(l->s->conn, false);
	l->s->ops->rollback(l->s->conn);
	free(l);
}

/* The snapshots to delete, gathered before any is (one statement at a
   time on the connection). */
struct expired {
	struct expired *next;
	int64_t id, records;
	char format[16], as_at[11], sha256[VT_SHA256_HEX + 1];
};

static enum vt_err expired_row(void *arg, const struct vt_sqlval *cols,
			       size_t ncols)
{
	struct expired **list = arg, *e;

	if (ncols < 5 || cols[0].type != VT_SQL_INT ||
	    cols[1].type != VT_SQL_TEXT || cols[2].type != VT_SQL_TEXT ||
	    cols[3].type != VT_SQL_TEXT || cols[4].type != VT_SQL_INT)
		return VT_EDB;
	e = calloc(1, sizeof(*e));
	if (!e)
		return VT_ENOMEM;
	e->id = cols[0].i;
	e->records = cols[4].i;
	snprintf(e->format, sizeof(e->format), "%s", cols[1].s);
	snprintf(e->as_at, sizeof(e->as_at), "%s", cols[2].s);
	snprintf(e->sha256, sizeof(e->sha256), "%s", cols[3].s);
	/* In the order read: the oldest deleted first. */
	while (*list)
		list = &(*list)->next;
	*list = e;
	return VT_OK;
}

enum vt_err vt_extract_retention(struct vt_store *s, int64_t *keep)
{
	int64_t n = 0;
	enum vt_err result = s->ops->exec(s->conn, STMT_EXTRACT_RETENTION_GET,
					  NULL, 0, int_row, &n);

	if (!result)
		*keep = n > 0 ? n : VT_EXTRACT_RETAIN_DEFAULT;
	return result;
}

/* Delete, whole and logged, the snapshots past the retention (in the
   caller's transaction). */
static enum vt_err expire(struct vt_store *s, const char *who,
			  size_t *deleted)
{
	struct expired *list = NULL, *e;
	struct vt_sqlval p[1];
	int64_t keep = 0;
	enum vt_err result;

	*deleted = 0;
	result = vt_extract_retention(s, &keep);
	p[0] = int_val(keep);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_EXPIRED, p, 1,
				      expired_row, &list);
	for (e = list; !result && e; e = e->next) {
		p[0] = int_val(e->id);
		result = s->ops->exec(s->conn, STMT_CASE_RECORD_DELETE, p, 1,
				      NULL, NULL);
		if (!result)
			result = s->ops->exec(s->conn,
					      STMT_EXTRACT_UNSUPERSEDE, p, 1,
					      NULL, NULL);
		if (!result)
			result = s->ops->exec(s->conn, STMT_EXTRACT_DELETE, p,
					      1, NULL, NULL);
		if (!result)
			result = log_snapshot(s, who, "extract", e->id,
					      e->format, e->as_at, e->sha256,
					      e->records, NULL, false);
		if (!result)
			(*deleted)++;
	}
	while (list) {
		e = list->next;
		free(list);
		list = e;
	}
	return result;
}

enum vt_err vt_extract_finish(struct vt_extract_load *l,
			      const struct vt_extract_meta *meta, int64_t *id,
			      size_t *deleted)
{
	struct vt_store *s = l->s;
	struct vt_sqlval p[6];
	int64_t records = 0;
	enum vt_err result = VT_OK;
	size_t gone = 0;
	int i;

	for (i = 0; i < VT_CASE__MAX; i++)
		records += l->counts[i];
	if (l->bulk) {
		l->bulk = false;
		result = s->ops->bulk_end(s->conn, true);
	}
	p[0] = int_val(l->id);
	p[1] = text_val(meta->as_at);
	p[2] = text_val(meta->from);
	p[3] = text_val(meta->to);
	p[4] = text_val(meta->la);
	p[5] = int_val(records);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_FINISH, p, 6,
				      NULL, NULL);
	/* id, format, as at, from, to */
	p[1] = text_val(vt_extract_format_names[l->format]);
	p[2] = text_val(meta->as_at);
	p[3] = text_val(meta->from);
	p[4] = text_val(meta->to);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_SUPERSEDE_OLDER, p,
				      5, NULL, NULL);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_SUPERSEDE_NEW, p,
				      5, NULL, NULL);
	if (!result)
		result = log_snapshot(s, l->who, "extract", l->id,
				      vt_extract_format_names[l->format],
				      meta->as_at, l->sha256, records,
				      l->counts, true);
	if (!result)
		result = expire(s, l->who, &gone);
	if (!result)
		result = s->ops->commit(s->conn);
	if (result) {
		s->ops->rollback(s->conn);
	} else {
		*id = l->id;
		*deleted = gone;
	}
	free(l);
	return result;
}

enum vt_err vt_extract_retain(struct vt_store *s, int64_t keep,
			      const char *who, size_t *deleted)
{
	struct vt_sqlval p[1] = { int_val(keep) };
	char text[64], before[64];
	int64_t old = 0;
	size_t gone = 0;
	enum vt_err result;

	if (keep < 1)
		return VT_EINVAL;
	result = s->ops->begin(s->conn);
	if (result)
		return result;
	result = vt_extract_retention(s, &old);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_RETENTION_SET, p, 1,
				      NULL, NULL);
	snprintf(before, sizeof(before), "{\"keep\":%" PRId64 "}", old);
	snprintf(text, sizeof(text), "{\"keep\":%" PRId64 "}", keep);
	if (!result)
		result = vt_log_append(s, who, "extract retention", "keep",
				       before, text);
	if (!result)
		result = expire(s, who, &gone);
	if (!result)
		result = s->ops->commit(s->conn);
	if (result) {
		s->ops->rollback(s->conn);
		return result;
	}
	*deleted = gone;
	return VT_OK;
}

/* Listing: the snapshots, then each one's counts by kind. */
struct listed {
	struct listed *next;
	struct vt_extract_info info;
	char *text;		/* the info's strings, one block */
};

struct listing {
	struct listed *head, **tail;
};

static enum vt_err list_row(void *arg, const struct vt_sqlval *cols,
			    size_t ncols)
{
	struct listing *ls = arg;
	struct listed *e;
	const char **dest[11];
	size_t i, len = 0, at = 0;

	if (ncols < 13 || cols[0].type != VT_SQL_INT ||
	    cols[9].type != VT_SQL_INT)
		return VT_EDB;
	for (i = 1; i < 12; i++) {
		if (i == 9)
			continue;
		if (cols[i].type != VT_SQL_TEXT)
			return VT_EDB;
		len += strlen(cols[i].s) + 1;
	}
	e = calloc(1, sizeof(*e));
	if (e)
		e->text = malloc(len);
	if (!e || !e->text) {
		free(e);
		return VT_ENOMEM;
	}
	dest[0] = &e->info.format;
	dest[1] = &e->info.source;
	dest[2] = &e->info.as_at;
	dest[3] = &e->info.from;
	dest[4] = &e->info.to;
	dest[5] = &e->info.la;
	dest[6] = &e->info.sha256;
	dest[7] = &e->info.key_fingerprint;
	dest[8] = &e->info.loaded_by;
	dest[9] = &e->info.loaded_at;
	for (i = 1; i < 12; i++) {
		size_t n;
		const char **d;

		if (i == 9)
			continue;
		d = dest[i < 9 ? i - 1 : i - 2];
		n = strlen(cols[i].s) + 1;
		memcpy(e->text + at, cols[i].s, n);
		*d = e->text + at;
		at += n;
	}
	e->info.id = cols[0].i;
	e->info.records = cols[9].i;
	e->info.superseded_by = cols[12].type == VT_SQL_INT ? cols[12].i : 0;
	*ls->tail = e;
	ls->tail = &e->next;
	return VT_OK;
}

static enum vt_err kinds_row(void *arg, const struct vt_sqlval *cols,
			     size_t ncols)
{
	struct listing *ls = arg;
	struct listed *e;
	int k;

	if (ncols < 3 || cols[0].type != VT_SQL_INT ||
	    cols[1].type != VT_SQL_TEXT || cols[2].type != VT_SQL_INT)
		return VT_EDB;
	for (k = 0; k < VT_CASE__MAX; k++)
		if (!strcmp(cols[1].s, vt_case_kind_names[k]))
			break;
	if (k == VT_CASE__MAX)
		return VT_EDB;
	for (e = ls->head; e; e = e->next)
		if (e->info.id == cols[0].i)
			e->info.kinds[k] = cols[2].i;
	return VT_OK;
}

enum vt_err vt_extract_each(struct vt_store *s, vt_extract_fn fn, void *arg)
{
	struct listing ls = { NULL, &ls.head };
	struct listed *e;
	enum vt_err result;

	result = s->ops->exec(s->conn, STMT_EXTRACT_LIST, NULL, 0, list_row,
			      &ls);
	if (!result)
		result = s->ops->exec(s->conn, STMT_EXTRACT_KINDS, NULL, 0,
				      kinds_row, &ls);
	for (e = ls.head; !result && e; e = e->next)
		result = fn(arg, &e->info);
	while (ls.head) {
		e = ls.head->next;
		free(ls.head->text);
		free(ls.head);
		ls.head = e;
	}
	return result;
}

/* Reading back, a page at a time. */
struct reading {
	enum vt_case_kind kind;
	vt_case_fn fn;
	void *arg;
	size_t rows;
	vt_case_from_fn from;	/* instead of 'fn': with the snapshot */
};

static void copy_code(char *dest, size_t size, const struct vt_sqlval *v)
{
	snprintf(dest, size, "%s", v->type == VT_SQL_TEXT ? v->s : "");
}

static enum vt_err record_row(void *arg, const struct vt_sqlval *cols,
			      size_t ncols)
{
	struct reading *rd = arg;
	struct vt_case_record r;

	rd->rows++;
	if (ncols < 10 || cols[0].type != VT_SQL_TEXT ||
	    cols[8].type != VT_SQL_INT)
		return VT_EDB;
	memset(&r, 0, sizeof(r));
	r.kind = rd->kind;
	copy_code(r.child, sizeof(r.child), &cols[0]);
	copy_code(r.birth_month, sizeof(r.birth_month), &cols[1]);
	copy_code(r.start, sizeof(r.start), &cols[2]);
	copy_code(r.end, sizeof(r.end), &cols[3]);
	copy_code(r.category, sizeof(r.category), &cols[4]);
	copy_code(r.initial_category, sizeof(r.initial_category), &cols[5]);
	copy_code(r.source, sizeof(r.source), &cols[6]);
	copy_code(r.reason, sizeof(r.reason), &cols[7]);
	r.no_further_action = cols[8].i != 0;
	if (rd->from)
		return rd->from(rd->arg, &r, cols[9].type == VT_SQL_INT ?
						 cols[9].i : 0);
	return rd->fn(rd->arg, &r);
}

static enum vt_err records_each(struct vt_store *s, struct reading rd)
{
	struct vt_sqlval p[1];
	enum vt_err result;

	if ((unsigned)rd.kind >= VT_CASE__MAX)
		return VT_EINVAL;
	p[0] = text_val(vt_case_kind_names[rd.kind]);
	if (!s->ops->cursor_open)
		return s->ops->exec(s->conn, STMT_CASE_RECORD_CURRENT, p, 1,
				    record_row, &rd);
	/* PostgreSQL's cursors live in a transaction: outside one, the
	   rows are read in one go instead. */
	result = s->ops->cursor_open(s->conn, STMT_CASE_RECORD_CURRENT, p, 1);
	if (result == VT_EDB)
		return s->ops->exec(s->conn, STMT_CASE_RECORD_CURRENT, p, 1,
				    record_row, &rd);
	if (result)
		return result;
	do {
		rd.rows = 0;
		result = s->ops->cursor_next(s->conn, PAGE, record_row, &rd);
	} while (!result && rd.rows == PAGE);
	s->ops->cursor_close(s->conn);
	return result;
}

enum vt_err vt_extract_records_each(struct vt_store *s, enum vt_case_kind kind,
				    vt_case_fn fn, void *arg)
{
	struct reading rd = { kind, fn, arg, 0, NULL };

	return records_each(s, rd);
}

enum vt_err vt_extract_records_each_from(struct vt_store *s,
					 enum vt_case_kind kind,
					 vt_case_from_fn fn, void *arg)
{
	struct reading rd = { kind, NULL, arg, 0, fn };

	return records_each(s, rd);
}
