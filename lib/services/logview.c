/* The change log as a list: its filters, the latest entries newest first, each entry as JSON. */
#include "vitals/logview.h"

#include <stdlib.h>
#include <string.h>

#include "vitals/model.h"

/* What the log records besides the partnership's records. */
static const char *const events[] = { "import", "restore", NULL };

const char *vt_log_entity_name(size_t i)
{
	size_t nevents = sizeof(events) / sizeof(events[0]) - 1;

	if (i < VT_KIND__MAX)
		return vt_entity_of((enum vt_kind)i)->name;
	return i - VT_KIND__MAX < nevents ? events[i - VT_KIND__MAX] : NULL;
}

static bool logged_entity(const char *name)
{
	const char *e;
	size_t i;

	for (i = 0; (e = vt_log_entity_name(i)); i++)
		if (!strcmp(e, name))
			return true;
	return false;
}

enum vt_err vt_log_filter_read(const struct vt_query *q,
			       struct vt_log_filter *f, struct vt_diagq *dq)
{
	f->entity = vt_query_text(q, "entity");
	f->key = vt_query_text(q, "key");
	if (f->entity && !logged_entity(f->entity)) {
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "entity",
				  "the change log records no '%.40s': a kind "
				  "of record such as measure, value or action, "
				  "or an import or restore", f->entity);
		return VT_EINVAL;
	}
	return VT_OK;
}

bool vt_log_filter_match(const struct vt_log_filter *f,
			 const struct vt_log_entry *e)
{
	return !f || ((!f->entity || !strcmp(f->entity, e->entity)) &&
		      (!f->key || !strcmp(f->key, e->key)));
}

/* The latest entries kept as a ring while the log is walked. */
struct ring {
	const struct vt_log_filter *f;
	struct vt_log_entry *slots;
	size_t limit, next;
	struct vt_log_list *out;
};

static void entry_free(struct vt_log_entry *e)
{
	free((char *)e->at);
	free((char *)e->who);
	free((char *)e->entity);
	free((char *)e->key);
	free((char *)e->before);
	free((char *)e->after);
	memset(e, 0, sizeof(*e));
}

static char *copy(const char *s)
{
	return s ? strdup(s) : NULL;
}

static enum vt_err keep(void *arg, const struct vt_log_entry *e)
{
	struct ring *r = arg;
	struct vt_log_entry *slot = &r->slots[r->next];

	if (!vt_log_filter_match(r->f, e))
		return VT_OK;
	r->out->matched++;
	entry_free(slot);
	slot->id = e->id;
	slot->at = copy(e->at);
	slot->who = copy(e->who);
	slot->entity = copy(e->entity);
	slot->key = copy(e->key);
	slot->before = copy(e->before);
	slot->after = copy(e->after);
	r->next = (r->next + 1) % r->limit;
	if ((e->at && !slot->at) || (e->who && !slot->who) ||
	    (e->entity && !slot->entity) || (e->key && !slot->key) ||
	    (e->before && !slot->before) || (e->after && !slot->after))
		return VT_ENOMEM;
	return VT_OK;
}

enum vt_err vt_log_latest(struct vt_store *s, const struct vt_log_filter *f,
			  size_t limit, struct vt_log_list *out)
{
	struct ring r = { f, NULL, limit ? limit : 1, 0, out };
	size_t i, kept;
	enum vt_err result;

	memset(out, 0, sizeof(*out));
	r.slots = calloc(r.limit, sizeof(*r.slots));
	if (!r.slots)
		return VT_ENOMEM;
	result = vt_store_log_each(s, keep, &r);
	kept = out->matched < r.limit ? out->matched : r.limit;
	if (result || !limit) {
		for (i = 0; i < r.limit; i++)
			entry_free(&r.slots[i]);
		free(r.slots);
		out->matched = result ? 0 : out->matched;
		return result;
	}
	/* Newest first: the ring's slots from the last written back. */
	out->entries = calloc(kept + 1, sizeof(*out->entries));
	if (!out->entries) {
		for (i = 0; i < r.limit; i++)
			entry_free(&r.slots[i]);
		free(r.slots);
		out->matched = 0;
		return VT_ENOMEM;
	}
	for (i = 0; i < kept; i++)
		out->entries[i] = r.slots[(r.next + r.limit - 1 - i) % r.limit];
	out->n = kept;
	free(r.slots);
	return VT_OK;
}

void vt_log_list_release(struct vt_log_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		entry_free(&l->entries[i]);
	free(l->entries);
	memset(l, 0, sizeof(*l));
}

/* A stored record's JSON as an object again, or null. */
static json_t *record(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	return j ? j : json_null();
}

json_t *vt_log_entry_json(const struct vt_log_entry *e)
{
	return json_pack("{s:I, s:s, s:s?, s:s, s:s, s:s, s:o, s:o}", "id",
			 (json_int_t)e->id, "at", e->at, "who", e->who,
			 "entity", e->entity, "key", e->key, "change",
			 e->before ? "changed" : "added", "before",
			 record(e->before), "after", record(e->after));
}
