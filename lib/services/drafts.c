/* Drafts of returns: a form's fields kept as typed, one per return, outside the change log. */
#include "vitals/drafts.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/store.h"

static struct vt_sqlval text(const char *s)
{
	return (struct vt_sqlval){ s ? VT_SQL_TEXT : VT_SQL_NULL, 0, 0, s };
}

/*
 * The fields as one JSON object, name to text.  Not a definition record:
 * a draft is never checked, versioned or logged, so it needs no field
 * table, and a figure typed wrong is kept wrong until it is corrected.
 */
static enum vt_err fields_json(const struct vt_draft_field *fields,
			       size_t n, char **out)
{
	json_t *obj = json_object(), *v;
	enum vt_err result = VT_OK;
	size_t i;

	if (!obj)
		return VT_ENOMEM;
	for (i = 0; i < n && !result; i++) {
		/* jansson refuses what is not UTF-8: the text is not kept
		   as typed then, so the draft is refused, not mangled. */
		v = json_string(fields[i].value ? fields[i].value : "");
		if (!v || !fields[i].name)
			result = VT_EINVAL;
		/* Steals 'v', even when it fails (a name not UTF-8). */
		else if (json_object_set_new(obj, fields[i].name, v))
			result = VT_EINVAL;
		if (result && v && !fields[i].name)
			json_decref(v);
	}
	if (!result) {
		*out = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (!*out)
			result = VT_ENOMEM;
	}
	json_decref(obj);
	return result;
}

enum vt_err vt_draft_save(struct vt_store *s, const char *agency,
			  const char *period,
			  const struct vt_draft_field *fields, size_t n,
			  const char *who, const char *at)
{
	struct vt_sqlval p[5];
	enum vt_err result;
	char *json = NULL;

	if (!agency || !period || !who || !at)
		return VT_EINVAL;
	result = fields_json(fields, n, &json);
	if (result)
		return result;
	if (strlen(json) > VT_DRAFT_MAX) {
		free(json);
		return VT_ETOOBIG;
	}
	p[0] = text(agency);
	p[1] = text(period);
	p[2] = text(json);
	p[3] = text(who);
	p[4] = text(at);
	result = s->ops->exec(s->conn, STMT_DRAFT_SAVE, p, 5, NULL, NULL);
	free(json);
	return result;
}

/* The stored row, its fields read back from their JSON. */
static enum vt_err draft_row(void *arg, const struct vt_sqlval *cols,
			     size_t ncols)
{
	struct vt_draft *d = arg;
	const char *name;
	json_t *obj, *v;
	size_t n = 0;

	if (ncols < 3 || cols[0].type != VT_SQL_TEXT ||
	    cols[1].type != VT_SQL_TEXT || cols[2].type != VT_SQL_TEXT)
		return VT_EDB;
	obj = json_loads(cols[0].s, 0, NULL);
	if (!json_is_object(obj)) {
		json_decref(obj);
		return VT_EDB;
	}
	d->fields = calloc(json_object_size(obj) + 1, sizeof(*d->fields));
	d->saved_by = strdup(cols[1].s);
	d->saved_at = strdup(cols[2].s);
	if (!d->fields || !d->saved_by || !d->saved_at) {
		json_decref(obj);
		return VT_ENOMEM;
	}
	json_object_foreach(obj, name, v) {
		struct vt_draft_field *f = &d->fields[n];

		if (!json_is_string(v))
			continue;
		f->name = strdup(name);
		f->value = strdup(json_string_value(v));
		n++;
		d->nfields = n;
		if (!f->name || !f->value) {
			json_decref(obj);
			return VT_ENOMEM;
		}
	}
	json_decref(obj);
	return VT_OK;
}

enum vt_err vt_draft_get(struct vt_store *s, const char *agency,
			 const char *period, struct vt_draft *out)
{
	struct vt_sqlval p[2] = { text(agency), text(period) };
	struct vt_draft d;
	enum vt_err result;

	memset(&d, 0, sizeof(d));
	result = s->ops->exec(s->conn, STMT_DRAFT_GET, p, 2, draft_row, &d);
	if (!result && !d.saved_at)
		result = VT_ENOTFOUND;
	if (result) {
		vt_draft_release(&d);
		return result;
	}
	*out = d;
	return VT_OK;
}

enum vt_err vt_draft_delete(struct vt_store *s, const char *agency,
			    const char *period)
{
	struct vt_sqlval p[2] = { text(agency), text(period) };

	return s->ops->exec(s->conn, STMT_DRAFT_DELETE, p, 2, NULL, NULL);
}

void vt_draft_release(struct vt_draft *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nfields; i++) {
		free(d->fields[i].name);
		free(d->fields[i].value);
	}
	free(d->fields);
	free(d->saved_by);
	free(d->saved_at);
	memset(d, 0, sizeof(*d));
}
