/* Loading a definition: check it, then add, replace or version each record. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/clock.h"
#include "model/field.h"
#include "store/store.h"

struct loader {
	struct vt_store *store;
	struct vt_check *ck;
	const struct vt_def *base;
	const struct vt_def *def;
	const char *who;
	struct vt_load_summary *sum;
	/* values written so far: later values of the same key follow them */
	struct vt_value *written;	/* shallow copies */
	size_t nwritten;
	char now[VT_TIMESTAMP_MAX];
};

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Canonical text of a record, optionally without some members. */
static enum vt_err canonical(enum vt_kind kind, const void *rec,
			     const char *const *drop, char **out)
{
	json_t *j = NULL;
	enum vt_err result;

	*out = NULL;
	if (!rec)
		return VT_OK;
	result = vt_record_to_json(kind, rec, &j);
	if (result)
		return result;
	for (; drop && *drop; drop++)
		json_object_del(j, *drop);
	*out = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(j);
	return *out ? VT_OK : VT_ENOMEM;
}

/* Write one record, log it and count it as added or changed. */
static enum vt_err write_and_log(struct loader *l, enum vt_kind kind,
				 const void *rec, const void *old,
				 const char *before, const char *after)
{
	enum vt_err result;
	char *key = vt_record_key(kind, rec);

	if (!key)
		return VT_ENOMEM;
	result = vt_store_write_record(l->store, kind, rec,
				       old != NULL && kind != VT_KIND_VALUE);
	if (!result)
		result = vt_log_append(l->store, l->who,
				       vt_entity_of(kind)->name, key, before,
				       after);
	if (!result && old)
		l->sum->changed[kind]++;
	else if (!result)
		l->sum->added[kind]++;
	free(key);
	return result;
}

/* ------------------------------------------------------------------ */
/* Values: versions, never overwritten */

static int same_slot(const struct vt_value *a, const struct vt_value *b)
{
	return str_eq(a->measure, b->measure) && str_eq(a->period, b->period) &&
	       str_eq(a->breakdown, b->breakdown);
}

/* The latest version stored or written so far for v's slot, or NULL. */
static const struct vt_value *latest_version(struct loader *l,
					     const struct vt_value *v,
					     int64_t version)
{
	const struct vt_value *best = NULL;
	size_t i, n = vt_def_count(l->base, VT_KIND_VALUE);

	for (i = 0; i < n + l->nwritten; i++) {
		const struct vt_value *o = i < n ?
			vt_def_at(l->base, VT_KIND_VALUE, i) :
			&l->written[i - n];

		if (!same_slot(o, v))
			continue;
		if (version ? o->version == version
			    : (!best || o->version > best->version))
			best = o;
	}
	return best;
}

static enum vt_err remember(struct loader *l, const struct vt_value *v)
{
	struct vt_value *w = realloc(l->written,
				     (l->nwritten + 1) * sizeof(*w));

	if (!w)
		return VT_ENOMEM;
	l->written = w;
	l->written[l->nwritten++] = *v;
	return VT_OK;
}

static enum vt_err apply_value(struct loader *l, size_t index,
			       const struct vt_value *v)
{
	static const char *const content_only[] = { "version", "by", "at",
						    NULL };
	const struct vt_value *old;
	struct vt_value w = *v;
	char *before = NULL, *after = NULL, *mine = NULL;
	enum vt_err result;

	old = latest_version(l, v, v->version);
	if (v->version && old) {
		/*
		 * An explicit version that exists must be that version; who
		 * and when count only where the file gives them.
		 */
		const char *drop[3] = { NULL, NULL, NULL };
		size_t ndrop = 0;

		if (!v->by)
			drop[ndrop++] = "by";
		if (!v->at)
			drop[ndrop++] = "at";
		result = canonical(VT_KIND_VALUE, old, drop, &before);
		if (!result)
			result = canonical(VT_KIND_VALUE, v, drop, &after);
		if (!result && strcmp(before, after) != 0) {
			char path[64], *key = vt_record_key(VT_KIND_VALUE, v);

			snprintf(path, sizeof(path), "values[%zu]", index);
			result = key ? vt_check_error(l->ck, path,
				"value '%s' differs from the stored version "
				"%lld; a version is never rewritten (leave "
				"out 'version' to add a new one)", key,
				(long long)v->version) : VT_ENOMEM;
			free(key);
		} else if (!result) {
			l->sum->unchanged[VT_KIND_VALUE]++;
		}
		goto out;
	}
	if (!v->version) {
		result = canonical(VT_KIND_VALUE, old, content_only, &before);
		if (!result)
			result = canonical(VT_KIND_VALUE, v, content_only,
					   &mine);
		if (result)
			goto out;
		if (old && strcmp(before, mine) == 0) {
			l->sum->unchanged[VT_KIND_VALUE]++;
			goto out;
		}
		w.version = old ? old->version + 1 : 1;
		if (!w.by)
			w.by = (char *)l->who;
		if (!w.at)
			w.at = l->now;
	}
	free(before);
	before = NULL;
	result = canonical(VT_KIND_VALUE, old, NULL, &before);
	if (!result)
		result = canonical(VT_KIND_VALUE, &w, NULL, &after);
	if (!result)
		result = write_and_log(l, VT_KIND_VALUE, &w, old, before,
				       after);
	/* Later values of this slot compare with this version. */
	if (!result)
		result = remember(l, &w);
out:
	free(before);
	free(after);
	free(mine);
	return result;
}

/* ------------------------------------------------------------------ */
/* Other records: replaced as a whole, except the history of actions */

static int update_eq(const struct vt_action_update *a,
		     const struct vt_action_update *b)
{
	return str_eq(a->date, b->date) && a->rag == b->rag &&
	       str_eq(a->note, b->note) && str_eq(a->evidence, b->evidence) &&
	       str_eq(a->by, b->by);
}

/*
 * An action's updates are history: the stored ones stay, in order, and
 * the file's new ones follow.  The merged list borrows every string.
 */
static enum vt_err merge_updates(const struct vt_action *old,
				 const struct vt_action *a,
				 struct vt_action_update **out, size_t *n)
{
	struct vt_action_update *u;
	size_t i, j, k = 0;

	u = calloc(old->nupdates + a->nupdates + 1, sizeof(*u));
	if (!u)
		return VT_ENOMEM;
	for (i = 0; i < old->nupdates; i++)
		u[k++] = old->updates[i];
	for (i = 0; i < a->nupdates; i++) {
		for (j = 0; j < old->nupdates; j++)
			if (update_eq(&a->updates[i], &old->updates[j]))
				break;
		if (j == old->nupdates)
			u[k++] = a->updates[i];
	}
	*out = u;
	*n = k;
	return VT_OK;
}

static enum vt_err apply_record(struct loader *l, enum vt_kind kind,
				const void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	const void *old = vt_def_find(l->base, kind,
				      *vt_field_text((void *)rec, &e->fields[0]));
	struct vt_action merged;
	struct vt_action_update *updates = NULL;
	char *before = NULL, *after = NULL;
	enum vt_err result = VT_OK;

	if (kind == VT_KIND_ACTION && old) {
		merged = *(const struct vt_action *)rec;
		result = merge_updates(old, rec, &updates, &merged.nupdates);
		merged.updates = updates;
		rec = &merged;
	}
	if (!result)
		result = canonical(kind, old, NULL, &before);
	if (!result)
		result = canonical(kind, rec, NULL, &after);
	if (result)
		goto out;
	if (old && strcmp(before, after) == 0) {
		l->sum->unchanged[kind]++;
		goto out;
	}
	result = write_and_log(l, kind, rec, old, before, after);
out:
	free(updates);
	free(before);
	free(after);
	return result;
}

static enum vt_err apply_all(struct loader *l)
{
	enum vt_err result = VT_OK;
	size_t k, i;

	for (k = 0; k < VT_KIND_TOPLEVEL && !result; k++) {
		for (i = 0; i < vt_def_count(l->def, k) && !result; i++) {
			void *rec = vt_def_at(l->def, k, i);

			if (k == VT_KIND_VALUE)
				result = apply_value(l, i, rec);
			else
				result = apply_record(l, k, rec);
		}
	}
	return result;
}

enum vt_err vt_store_load_def(struct vt_store *s, const struct vt_def *def,
			      struct vt_check *ck, const char *who,
			      int dry_run, struct vt_load_summary *sum)
{
	struct vt_def base;
	struct loader l;
	enum vt_err result;

	memset(sum, 0, sizeof(*sum));
	vt_def_init(&base);
	result = s->ops->begin(s->conn);
	if (result)
		return result;
	/* Read inside the write transaction: nobody can change it meanwhile. */
	result = vt_store_read_def(s, &base);
	if (result)
		goto out;
	ck->base = &base;
	result = vt_def_check(def, ck);
	if (!result && ck->dq->errors)
		result = VT_EINVAL;
	if (result)
		goto out;
	memset(&l, 0, sizeof(l));
	l.store = s;
	l.ck = ck;
	l.base = &base;
	l.def = def;
	l.who = who;
	l.sum = sum;
	vt_clock_now(l.now);
	result = apply_all(&l);
	free(l.written);
	if (!result && ck->dq->errors)
		result = VT_EINVAL;
	if (!result && !dry_run)
		result = s->ops->commit(s->conn);
out:
	if (result || dry_run)
		s->ops->rollback(s->conn);
	ck->base = NULL;
	vt_def_release(&base);
	return result;
}
