/* Records driven by their field tables: release, identity, canonical JSON. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/buf.h"
#include "vitals/model.h"
#include "vitals/strparse.h"
#include "model/field.h"

void vt_record_release(enum vt_kind kind, void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, j;

	if (!rec || !e)
		return;
	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];

		if (vt_field_is_text(f)) {
			free(*vt_field_text(rec, f));
			*vt_field_text(rec, f) = NULL;
		} else if (f->type == VT_FT_LIST) {
			const struct vt_entity *c = vt_entity_of(f->child);
			char *items = *vt_field_list(rec, f);
			size_t n = *vt_field_count(rec, f);

			for (j = 0; j < n; j++)
				vt_record_release(f->child, items + j * c->size);
			free(items);
			*vt_field_list(rec, f) = NULL;
			*vt_field_count(rec, f) = 0;
		}
	}
}

char *vt_record_key(enum vt_kind kind, const void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	struct vt_buf b = VT_BUF_INIT(4096);
	size_t i;
	int first = 1;

	for (i = 0; e && i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];
		enum vt_err result = VT_OK;

		if (!(f->flags & VT_FF_KEY))
			continue;
		if (f->type == VT_FT_INT) {
			/* 0: a version not yet given is no part of a name. */
			if (*vt_field_int((void *)rec, f) != 0)
				result = vt_buf_addf(&b, "#%lld", (long long)
					*vt_field_int((void *)rec, f));
		} else if (*vt_field_text((void *)rec, f)) {
			if (!first)
				result = vt_buf_addc(&b, '/');
			if (!result)
				result = vt_buf_adds(&b, *vt_field_text((void *)rec, f));
		}
		first = 0;
		if (result) {
			vt_buf_release(&b);
			return NULL;
		}
	}
	return vt_buf_detach(&b);
}

/* Whole numbers print as integers so that exports stay stable and tidy. */
json_t *vt_json_number(double v)
{
	if (isnan(v) || isinf(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *field_json(const void *rec, const struct vt_field *f)
{
	switch (f->type) {
	case VT_FT_TEXT:
	case VT_FT_DATE:
	case VT_FT_PERIOD:
	case VT_FT_REF: {
		const char *s = *vt_field_text((void *)rec, f);
		json_t *j;

		if (!s || !(f->flags & VT_FF_JSON))
			return s ? json_string(s) : NULL;
		/* Text a file gave as an object goes back as one. */
		j = json_loads(s, JSON_DECODE_ANY, NULL);
		return j ? j : json_string(s);
	}
	case VT_FT_INT:
		if ((f->flags & VT_FF_QUIET) &&
		    *vt_field_int((void *)rec, f) == f->def)
			return NULL;
		return json_integer((json_int_t)*vt_field_int((void *)rec, f));
	case VT_FT_REAL: {
		double v = *vt_field_real((void *)rec, f);

		return isnan(v) ? NULL : vt_json_number(v);
	}
	case VT_FT_BOOL:
		return *vt_field_bool((void *)rec, f) ? json_true() : NULL;
	case VT_FT_ENUM: {
		int v = *vt_field_enum((void *)rec, f);

		/* A setting most records leave alone stays out of files. */
		if ((f->flags & VT_FF_QUIET) && v == f->def)
			return NULL;
		return json_string(f->names[v]);
	}
	default:
		return NULL;
	}
}

static enum vt_err list_json(const void *rec, const struct vt_field *f,
			     json_t **out)
{
	const struct vt_entity *c = vt_entity_of(f->child);
	const char *items = *vt_field_list((void *)rec, f);
	size_t n = *vt_field_count((void *)rec, f), i;
	json_t *arr;

	*out = NULL;
	if (n == 0)
		return VT_OK;
	arr = json_array();
	if (!arr)
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const void *item = items + i * c->size;
		json_t *j = NULL;
		enum vt_err result;

		if (f->flags & VT_FF_SCALAR) {
			j = field_json(item, &c->fields[0]);
			result = j ? VT_OK : VT_ENOMEM;
		} else {
			result = vt_record_to_json(f->child, item, &j);
		}
		if (result || json_array_append_new(arr, j)) {
			json_decref(arr);
			return result ? result : VT_ENOMEM;
		}
	}
	*out = arr;
	return VT_OK;
}

enum vt_err vt_record_to_json(enum vt_kind kind, const void *rec, json_t **out)
{
	const struct vt_entity *e = vt_entity_of(kind);
	json_t *obj = json_object();
	size_t i;

	if (!obj)
		return VT_ENOMEM;
	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];
		json_t *j = NULL;
		enum vt_err result = VT_OK;

		if (f->type == VT_FT_LIST)
			result = list_json(rec, f, &j);
		else
			j = field_json(rec, f);
		if (result)
			goto fail;
		if (j && json_object_set_new(obj, f->name, j))
			goto fail;
	}
	*out = obj;
	return VT_OK;
fail:
	json_decref(obj);
	return VT_ENOMEM;
}

const struct vt_field *vt_field_named(enum vt_kind kind, const char *name)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i;

	for (i = 0; e && i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return &e->fields[i];
	return NULL;
}

bool vt_kind_versioned(enum vt_kind kind)
{
	const struct vt_field *f = vt_field_named(kind, "version");

	return f && (f->flags & VT_FF_KEY);
}

bool vt_record_same_key(enum vt_kind kind, const void *a, const void *b,
			bool slot)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];

		if (!(f->flags & VT_FF_KEY))
			continue;
		if (f->type == VT_FT_INT) {
			if (!slot && *vt_field_int((void *)a, f) !=
				     *vt_field_int((void *)b, f))
				return false;
			continue;
		}
		{
			const char *x = *vt_field_text((void *)a, f);
			const char *y = *vt_field_text((void *)b, f);

			if (!x || !y ? x != y : strcmp(x, y) != 0)
				return false;
		}
	}
	return true;
}

double vt_unit_max(int unit)
{
	switch (unit) {
	case VT_UNIT_COUNT: return 1e9;
	case VT_UNIT_PERCENT: return 100;
	case VT_UNIT_RATE10K: return 1e5;
	case VT_UNIT_DAYS: return 36500;
	default: return 1e12;
	}
}
