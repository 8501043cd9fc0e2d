/* Loading a definition: check it, then add, replace or version each record. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
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
	/*
	 * Versions written so far of the kind being loaded (shallow copies):
	 * a later record of the same slot follows them.
	 */
	char *written;
	size_t nwritten;
	/*
	 * The records of the kind being loaded, stored ('base', numbered
	 * first) and written so far, by a hash of their key's text fields:
	 * finding a record's stored form costs the same at any size.
	 */
	struct {
		enum vt_kind kind;
		bool built;
		size_t *cells;	/* 1 + record number; 0 is empty */
		size_t cap, used;
	} ix;
	char now[VT_TIMESTAMP_MAX];
};

/* FNV-1a over the key's text fields (its integers, a version, left out). */
static uint64_t key_hash(enum vt_kind kind, const void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];
		const unsigned char *c;

		if (!(f->flags & VT_FF_KEY) || f->type == VT_FT_INT)
			continue;
		c = (const unsigned char *)*vt_field_text((void *)rec, f);
		for (; c && *c; c++)
			h = (h ^ *c) * 1099511628211ULL;
		h = (h ^ (c ? 0x1f : 0x1e)) * 1099511628211ULL;
	}
	return h;
}

/* Record number i of the index: the stored ones, then those written. */
static const void *ix_record(struct loader *l, size_t i)
{
	size_t n = vt_def_count(l->base, l->ix.kind);

	return i < n ? vt_def_at(l->base, l->ix.kind, i) :
		l->written + (i - n) * vt_entity_of(l->ix.kind)->size;
}

static void ix_place(size_t *cells, size_t cap, uint64_t h, size_t cell)
{
	size_t at = (size_t)h & (cap - 1);

	while (cells[at])
		at = (at + 1) & (cap - 1);
	cells[at] = cell;
}

static enum vt_err ix_put(struct loader *l, size_t i)
{
	if ((l->ix.used + 1) * 2 > l->ix.cap) {
		size_t cap = l->ix.cap ? l->ix.cap * 2 : 64, j;
		size_t *cells = calloc(cap, sizeof(*cells));

		if (!cells)
			return VT_ENOMEM;
		for (j = 0; j < l->ix.cap; j++)
			if (l->ix.cells[j])
				ix_place(cells, cap, key_hash(l->ix.kind,
					 ix_record(l, l->ix.cells[j] - 1)),
					 l->ix.cells[j]);
		free(l->ix.cells);
		l->ix.cells = cells;
		l->ix.cap = cap;
	}
	ix_place(l->ix.cells, l->ix.cap,
		 key_hash(l->ix.kind, ix_record(l, i)), i + 1);
	l->ix.used++;
	return VT_OK;
}

/* The index of 'kind', made from the stored records at its first use. */
static enum vt_err ix_build(struct loader *l, enum vt_kind kind)
{
	size_t i, n = vt_def_count(l->base, kind);
	enum vt_err result = VT_OK;

	if (l->ix.built && l->ix.kind == kind)
		return VT_OK;
	free(l->ix.cells);
	memset(&l->ix, 0, sizeof(l->ix));
	l->ix.kind = kind;
	for (i = 0; i < n + l->nwritten && !result; i++)
		result = ix_put(l, i);
	l->ix.built = !result;
	return result;
}

/*
 * Each record of the index with the key of 'rec' (its slot, version
 * aside, when 'slot'), in turn: *at starts at SIZE_MAX, NULL at the end.
 */
static const void *ix_next(struct loader *l, const void *rec, bool slot,
			   size_t *at)
{
	size_t mask = l->ix.cap - 1;

	if (!l->ix.cap)
		return NULL;
	*at = *at == SIZE_MAX ? (size_t)key_hash(l->ix.kind, rec) & mask :
		(*at + 1) & mask;
	for (; l->ix.cells[*at]; *at = (*at + 1) & mask) {
		const void *o = ix_record(l, l->ix.cells[*at] - 1);

		if (vt_record_same_key(l->ix.kind, o, rec, slot))
			return o;
	}
	return NULL;
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
				       old != NULL && !vt_kind_versioned(kind));
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
/* Values and impact statements: versions, never overwritten */

static int64_t version_of(enum vt_kind kind, const void *rec)
{
	return *vt_field_int((void *)rec, vt_field_named(kind, "version"));
}

/*
 * With 'version' 0, the latest version stored or written so far of rec's
 * slot; otherwise that version.  NULL when there is none.
 */
static enum vt_err find_version(struct loader *l, enum vt_kind kind,
				const void *rec, int64_t version,
				const void **found)
{
	size_t at = SIZE_MAX;
	const void *o, *best = NULL;
	enum vt_err result = ix_build(l, kind);

	*found = NULL;
	if (result)
		return result;
	while ((o = ix_next(l, rec, true, &at)))
		if (version ? version_of(kind, o) == version
			    : (!best || version_of(kind, o) >
					version_of(kind, best)))
			best = o;
	*found = best;
	return VT_OK;
}

static enum vt_err remember(struct loader *l, enum vt_kind kind,
			    const void *rec)
{
	size_t size = vt_entity_of(kind)->size;
	char *w = realloc(l->written, (l->nwritten + 1) * size);

	if (!w)
		return VT_ENOMEM;
	l->written = w;
	memcpy(w + l->nwritten++ * size, rec, size);
	if (l->ix.built && l->ix.kind == kind)
		return ix_put(l, vt_def_count(l->base, kind) + l->nwritten - 1);
	return ix_build(l, kind);
}

/* An explicit version that exists must be that version. */
static enum vt_err check_same_version(struct loader *l, enum vt_kind kind,
				      size_t index, const void *rec,
				      const void *old)
{
	const char *drop[3] = { NULL, NULL, NULL };
	char *before = NULL, *after = NULL, path[64], *key;
	size_t ndrop = 0;
	enum vt_err result;

	/* Who and when count only where the file gives them. */
	if (!*vt_field_text((void *)rec, vt_field_named(kind, "by")))
		drop[ndrop++] = "by";
	if (!*vt_field_text((void *)rec, vt_field_named(kind, "at")))
		drop[ndrop++] = "at";
	result = canonical(kind, old, drop, &before);
	if (!result)
		result = canonical(kind, rec, drop, &after);
	if (!result && strcmp(before, after) == 0) {
		l->sum->unchanged[kind]++;
	} else if (!result) {
		key = vt_record_key(kind, rec);
		snprintf(path, sizeof(path), "%s[%zu]",
			 vt_entity_of(kind)->plural, index);
		result = key ? vt_check_error(l->ck, path,
			"%s '%s' differs from the stored version; a version "
			"is never rewritten (leave out 'version' to add a new "
			"one)", vt_entity_of(kind)->name, key) : VT_ENOMEM;
		free(key);
	}
	free(before);
	free(after);
	return result;
}

static enum vt_err apply_versioned(struct loader *l, enum vt_kind kind,
				   size_t index, const void *rec)
{
	static const char *const content_only[] = { "version", "by", "at",
						    NULL };
	const struct vt_entity *e = vt_entity_of(kind);
	int64_t version = version_of(kind, rec);
	const void *old;
	char *before = NULL, *after = NULL, *mine = NULL, *w;
	enum vt_err result = find_version(l, kind, rec, version, &old);

	if (result)
		return result;
	if (version && old)
		return check_same_version(l, kind, index, rec, old);
	w = malloc(e->size);
	if (!w)
		return VT_ENOMEM;
	memcpy(w, rec, e->size);
	if (!version) {
		/* The same content as the latest version is nothing new. */
		result = canonical(kind, old, content_only, &before);
		if (!result)
			result = canonical(kind, rec, content_only, &mine);
		if (result)
			goto out;
		if (old && strcmp(before, mine) == 0) {
			l->sum->unchanged[kind]++;
			goto out;
		}
		*vt_field_int(w, vt_field_named(kind, "version")) =
			old ? version_of(kind, old) + 1 : 1;
		if (!*vt_field_text(w, vt_field_named(kind, "by")))
			*vt_field_text(w, vt_field_named(kind, "by")) =
				(char *)l->who;
		if (!*vt_field_text(w, vt_field_named(kind, "at")))
			*vt_field_text(w, vt_field_named(kind, "at")) = l->now;
	}
	free(before);
	before = NULL;
	result = canonical(kind, old, NULL, &before);
	if (!result)
		result = canonical(kind, w, NULL, &after);
	if (!result)
		result = write_and_log(l, kind, w, old, before, after);
	/* Later records of this slot compare with this version. */
	if (!result)
		result = remember(l, kind, w);
out:
	free(w);
	free(before);
	free(after);
	free(mine);
	return result;
}

/* ------------------------------------------------------------------ */
/* Other records: replaced as a whole, except their history */

#define MAX_FIELDS 32	/* more than any entity has (test_model checks) */

static bool item_eq(enum vt_kind kind, const void *a, const void *b)
{
	json_t *x = NULL, *y = NULL;
	bool eq;

	if (vt_record_to_json(kind, a, &x) || vt_record_to_json(kind, b, &y))
		eq = false;	/* out of memory: keep both */
	else
		eq = json_equal(x, y);
	json_decref(x);
	json_decref(y);
	return eq;
}

/*
 * A history list (an action's updates, a challenge's responses): the
 * stored items stay, in order, and the file's new ones follow.  'merged'
 * is a shallow copy of 'rec' whose history lists borrow every item; the
 * arrays made go to 'lists' (one per field of the kind) to be freed.
 */
static enum vt_err merge_history(enum vt_kind kind, const void *old,
				 const void *rec, void *merged, char **lists)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, j, k, n, nold, nnew;

	memcpy(merged, rec, e->size);
	for (i = 0; i < e->nfields && i < MAX_FIELDS; i++) {
		const struct vt_field *f = &e->fields[i];
		const struct vt_entity *c = vt_entity_of(f->child);
		const char *was, *now;
		char *items;

		if (f->type != VT_FT_LIST || !(f->flags & VT_FF_HISTORY))
			continue;
		was = *vt_field_list((void *)old, f);
		now = *vt_field_list((void *)rec, f);
		nold = *vt_field_count((void *)old, f);
		nnew = *vt_field_count((void *)rec, f);
		items = calloc(nold + nnew + 1, c->size);
		if (!items)
			return VT_ENOMEM;
		lists[i] = items;
		if (nold)	/* none stored: 'was' may be NULL */
			memcpy(items, was, nold * c->size);
		n = nold;
		for (j = 0; j < nnew; j++) {
			for (k = 0; k < nold; k++)
				if (item_eq(f->child, now + j * c->size,
					    was + k * c->size))
					break;
			if (k == nold)
				memcpy(items + n++ * c->size,
				       now + j * c->size, c->size);
		}
		*vt_field_list(merged, f) = items;
		*vt_field_count(merged, f) = n;
	}
	return VT_OK;
}

/*
 * A field set by a command rather than the file (a partnership's LA
 * code and neighbours): when the file leaves it out, the stored one
 * stays, borrowed into 'merged', and the summary says so.
 */
static void keep_stored(struct loader *l, enum vt_kind kind, const void *old,
			void *merged)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];
		bool absent, stored;

		if (!(f->flags & VT_FF_KEEP))
			continue;
		if (f->type == VT_FT_LIST) {
			absent = *vt_field_count(merged, f) == 0;
			stored = *vt_field_count((void *)old, f) != 0;
		} else if (f->type == VT_FT_TEXT) {
			absent = *vt_field_text(merged, f) == NULL;
			stored = *vt_field_text((void *)old, f) != NULL;
		} else {
			continue;
		}
		if (!absent || !stored)
			continue;
		if (f->type == VT_FT_LIST) {
			*vt_field_list(merged, f) =
				*vt_field_list((void *)old, f);
			*vt_field_count(merged, f) =
				*vt_field_count((void *)old, f);
		} else {
			*vt_field_text(merged, f) =
				*vt_field_text((void *)old, f);
		}
		if (l->sum->nkept < sizeof(l->sum->kept) /
				    sizeof(l->sum->kept[0])) {
			l->sum->kept_kind[l->sum->nkept] = kind;
			l->sum->kept[l->sum->nkept++] = f->name;
		}
	}
}

static enum vt_err apply_record(struct loader *l, enum vt_kind kind,
				const void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	const void *old = NULL;
	char *lists[MAX_FIELDS] = { NULL }, *before = NULL, *after = NULL;
	void *merged = NULL;
	size_t i = SIZE_MAX;
	enum vt_err result = ix_build(l, kind);

	if (!result)
		old = ix_next(l, rec, false, &i);
	if (!result && old) {
		merged = malloc(e->size);
		result = merged ? merge_history(kind, old, rec, merged, lists)
				: VT_ENOMEM;
		if (!result)
			keep_stored(l, kind, old, merged);
		rec = merged;
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
	for (i = 0; i < MAX_FIELDS; i++)
		free(lists[i]);
	free(merged);
	free(before);
	free(after);
	return result;
}

static enum vt_err apply_all(struct loader *l)
{
	enum vt_err result = VT_OK;
	size_t k, i;

	for (k = 0; k < VT_KIND_TOPLEVEL && !result; k++) {
		l->nwritten = 0;
		for (i = 0; i < vt_def_count(l->def, k) && !result; i++) {
			void *rec = vt_def_at(l->def, k, i);

			if (vt_kind_versioned(k))
				result = apply_versioned(l, k, i, rec);
			else
				result = apply_record(l, k, rec);
		}
	}
	return result;
}

enum vt_err vt_store_apply_def(struct vt_store *s, const struct vt_def *def,
			       const struct vt_def *base, struct vt_check *ck,
			       const char *who, struct vt_load_summary *sum)
{
	struct loader l;
	enum vt_err result;

	memset(&l, 0, sizeof(l));
	l.store = s;
	l.ck = ck;
	l.base = base;
	l.def = def;
	l.who = who;
	l.sum = sum;
	vt_clock_now(l.now);
	result = apply_all(&l);
	free(l.written);
	free(l.ix.cells);
	if (!result && ck->dq->errors)
		result = VT_EINVAL;
	return result;
}

enum vt_err vt_store_load_def(struct vt_store *s, const struct vt_def *def,
			      struct vt_check *ck, const char *who,
			      int dry_run, struct vt_load_summary *sum)
{
	struct vt_def base;
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
	result = vt_store_apply_def(s, def, &base, ck, who, sum);
	if (!result && !dry_run)
		result = s->ops->commit(s->conn);
out:
	if (result || dry_run)
		s->ops->rollback(s->conn);
	ck->base = NULL;
	vt_def_release(&base);
	return result;
}

void vt_store_place_path(void *ctx, const char *path, const char **source,
			 long *line)
{
	(void)ctx;
	*source = path;
	*line = 0;
}

enum vt_err vt_store_change(struct vt_store *s, vt_change_fn build,
			    void *arg, const char *who, char *why,
			    size_t whysize)
{
	struct vt_load_summary sum;
	struct vt_def meta, change;
	struct vt_diagq dq;
	struct vt_check ck;
	enum vt_err result;

	vt_def_init(&meta);
	vt_def_init(&change);
	vt_diagq_init(&dq);
	ck = (struct vt_check){ &meta, &dq, vt_store_place_path, NULL };
	result = s->ops->begin(s->conn);
	if (result)
		return result;
	result = vt_store_read_meta(s, &meta);
	if (!result)
		result = build(arg, &meta, &change, &ck, why, whysize);
	memset(&sum, 0, sizeof(sum));
	if (!result && !dq.errors)
		result = vt_store_apply_def(s, &change, &meta, &ck, who, &sum);
	/* A note too long, say: the model's words are the reason. */
	if (dq.errors && (!result || result == VT_EINVAL)) {
		snprintf(why, whysize, "%s", dq.items[0].message);
		result = VT_EINVAL;
	}
	if (!result)
		result = s->ops->commit(s->conn);
	if (result)
		s->ops->rollback(s->conn);
	vt_diagq_release(&dq);
	vt_def_release(&change);
	vt_def_release(&meta);
	return result;
}
