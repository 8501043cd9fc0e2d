/* A whole partnership definition in memory: one growable table per kind. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/model.h"
#include "model/field.h"

void vt_def_init(struct vt_def *def)
{
	memset(def, 0, sizeof(*def));
}

void vt_def_release(struct vt_def *def)
{
	size_t k, i;

	for (k = 0; k < VT_KIND_TOPLEVEL; k++) {
		struct vt_table *t = &def->tables[k];
		size_t size = vt_entity_of(k)->size;

		for (i = 0; i < t->n; i++)
			vt_record_release(k, (char *)t->items + i * size);
		free(t->items);
		free(t->flawed);
	}
	vt_def_init(def);
}

size_t vt_def_count(const struct vt_def *def, enum vt_kind kind)
{
	if ((unsigned)kind >= VT_KIND_TOPLEVEL)
		return 0;
	return def->tables[kind].n;
}

bool vt_def_is_empty(const struct vt_def *def)
{
	size_t k;

	for (k = 0; k < VT_KIND_TOPLEVEL; k++)
		if (def->tables[k].n)
			return false;
	return true;
}

bool vt_def_illustrative(const struct vt_def *def)
{
	const struct vt_value *v = def->tables[VT_KIND_VALUE].items;
	size_t i;

	for (i = 0; i < def->tables[VT_KIND_VALUE].n; i++)
		if (v[i].illustrative)
			return true;
	return false;
}

void *vt_def_at(const struct vt_def *def, enum vt_kind kind, size_t i)
{
	if ((unsigned)kind >= VT_KIND_TOPLEVEL || i >= def->tables[kind].n)
		return NULL;
	return (char *)def->tables[kind].items + i * vt_entity_of(kind)->size;
}

void vt_record_defaults(enum vt_kind kind, void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];

		if (f->type == VT_FT_REAL)
			*vt_field_real(rec, f) = NAN;
		else if (f->type == VT_FT_ENUM)
			*vt_field_enum(rec, f) = f->def;
		else if (f->type == VT_FT_INT)
			*vt_field_int(rec, f) = f->def;
	}
}

void vt_def_keep(struct vt_def *def, enum vt_kind kind,
		 bool (*keep)(const void *rec, void *arg), void *arg)
{
	struct vt_table *t;
	size_t size, i, n = 0;

	if ((unsigned)kind >= VT_KIND_TOPLEVEL)
		return;
	t = &def->tables[kind];
	size = vt_entity_of(kind)->size;
	for (i = 0; i < t->n; i++) {
		char *rec = (char *)t->items + i * size;

		if (!keep(rec, arg)) {
			vt_record_release(kind, rec);
			continue;
		}
		if (n != i)
			memcpy((char *)t->items + n * size, rec, size);
		n++;
	}
	t->n = n;
	free(t->flawed);
	t->flawed = NULL;
}

enum vt_err vt_def_append(struct vt_def *def, enum vt_kind kind, void **rec)
{
	struct vt_table *t;
	size_t size;
	void *item;

	if ((unsigned)kind >= VT_KIND_TOPLEVEL)
		return VT_EINVAL;
	t = &def->tables[kind];
	size = vt_entity_of(kind)->size;
	if (t->n == t->alloc) {
		size_t alloc = t->alloc ? t->alloc * 2 : 16;
		void *items = realloc(t->items, alloc * size);

		if (!items)
			return VT_ENOMEM;
		t->items = items;
		if (t->flawed) {
			unsigned char *flawed = realloc(t->flawed, alloc);

			if (!flawed)
				return VT_ENOMEM;
			memset(flawed + t->alloc, 0, alloc - t->alloc);
			t->flawed = flawed;
		}
		t->alloc = alloc;
	}
	item = (char *)t->items + t->n * size;
	memset(item, 0, size);
	vt_record_defaults(kind, item);
	t->n++;
	*rec = item;
	return VT_OK;
}

enum vt_err vt_def_mark_flawed(struct vt_def *def, enum vt_kind kind,
			       size_t i)
{
	struct vt_table *t;

	if ((unsigned)kind >= VT_KIND_TOPLEVEL || i >= def->tables[kind].n)
		return VT_EINVAL;
	t = &def->tables[kind];
	if (!t->flawed) {
		t->flawed = calloc(t->alloc, 1);
		if (!t->flawed)
			return VT_ENOMEM;
	}
	t->flawed[i] = 1;
	return VT_OK;
}

bool vt_def_flawed(const struct vt_def *def, enum vt_kind kind, size_t i)
{
	if ((unsigned)kind >= VT_KIND_TOPLEVEL || i >= def->tables[kind].n ||
	    !def->tables[kind].flawed)
		return false;
	return def->tables[kind].flawed[i] != 0;
}

void *vt_def_find(const struct vt_def *def, enum vt_kind kind,
		  const char *code)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, n = vt_def_count(def, kind);

	if (!def || !code || !e)
		return NULL;
	for (i = 0; i < n; i++) {
		void *rec = vt_def_at(def, kind, i);
		const char *key = *vt_field_text(rec, &e->fields[0]);

		if (key && strcmp(key, code) == 0)
			return rec;
	}
	return NULL;
}

void *vt_def_find_like(const struct vt_def *def, enum vt_kind kind,
		       const void *rec)
{
	size_t i, n = vt_def_count(def, kind);

	for (i = 0; i < n; i++) {
		void *o = vt_def_at(def, kind, i);

		if (vt_record_same_key(kind, o, rec, false))
			return o;
	}
	return NULL;
}
