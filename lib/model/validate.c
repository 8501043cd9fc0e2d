/* Validation of records read from JSON: each field checked by its table. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/buf.h"
#include "vitals/model.h"
#include "vitals/period.h"
#include "vitals/strparse.h"
#include "model/field.h"

enum vt_err vt_check_error(struct vt_check *ck, const char *path,
			   const char *fmt, ...)
{
	const char *source = NULL;
	long line = 0;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ck->place)
		ck->place(ck->ctx, path, &source, &line);
	return vt_diag_add(ck->dq, VT_SEV_ERROR, source, line, 0, "%s", msg);
}

static bool code_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isalnum(c) && c != '-' && c != '_' && c != '.')
			return false;
	}
	return true;
}

/* "reduce, increase, none": what a refused enum would have accepted. */
static void enum_choices(const char *const *names, char *out, size_t size)
{
	size_t used = 0, i;

	out[0] = '\0';
	for (i = 0; names[i] && used < size; i++) {
		int n = snprintf(out + used, size - used, "%s%s",
				 i ? ", " : "", names[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static int enum_index(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* "measure 'POL-M1'": how messages name the record they are about. */
static void record_label(const struct vt_entity *e, json_t *obj, char *out,
			 size_t size)
{
	json_t *key = json_object_get(obj, e->fields[0].name);
	json_t *cycle = json_object_get(obj, "cycle");

	/* A self-assessment is its agency's for a cycle: both name it. */
	if (e->kind == VT_KIND_S11 && json_is_string(key) &&
	    json_is_string(cycle))
		snprintf(out, size, "%s '%s/%s'", e->name,
			 json_string_value(key), json_string_value(cycle));
	else if (json_is_string(key))
		snprintf(out, size, "%s '%s'", e->name, json_string_value(key));
	else
		snprintf(out, size, "%s", e->name);
}

/* Characters, not bytes: a cap in a message must mean what users count. */
static size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static enum vt_err text_field(const struct vt_field *f, json_t *j,
			      const char *label, const char *path,
			      struct vt_check *ck, void *rec)
{
	const char *s;

	if (f->flags & VT_FF_JSON) {
		char *text;

		/* Kept as compact text in the members' order: a file
		   written back gives the same object. */
		if (!json_is_object(j))
			return vt_check_error(ck, path,
				"%s: '%s' must be an object", label, f->name);
		text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
				  JSON_REAL_PRECISION(15));
		if (!text)
			return VT_ENOMEM;
		*vt_field_text(rec, f) = strdup(text);
		free(text);
		return *vt_field_text(rec, f) ? VT_OK : VT_ENOMEM;
	}
	if (!json_is_string(j))
		return vt_check_error(ck, path, "%s: '%s' must be a string",
				      label, f->name);
	s = json_string_value(j);
	if (f->max && (int64_t)utf8_length(s) > f->max)
		return vt_check_error(ck, path,
			"%s: '%s' is longer than %lld characters", label,
			f->name, (long long)f->max);
	if ((f->flags & VT_FF_CODE) && !code_valid(s))
		return vt_check_error(ck, path,
			"%s: %s '%s' is not a code (1-64 letters, digits, "
			"'-', '_' or '.')", label, f->name, s);
	if (f->type == VT_FT_DATE) {
		struct vt_date d;

		if (vt_parse_date(s, &d))
			return vt_check_error(ck, path,
				"%s: %s '%s' is not a date (YYYY-MM-DD)",
				label, f->name, s);
	} else if (f->type == VT_FT_PERIOD) {
		struct vt_period p;

		if (vt_period_parse(s, &p))
			return vt_check_error(ck, path,
				"%s: %s '%s' is not a period (2024, 2024Q3 "
				"or 2024-07)", label, f->name, s);
	} else if (f->type == VT_FT_TEXT && !(f->flags & VT_FF_CODE) &&
		   (f->flags & VT_FF_REQUIRED) && s[0] == '\0') {
		return vt_check_error(ck, path, "%s: '%s' is empty", label,
				      f->name);
	}
	*vt_field_text(rec, f) = strdup(s);
	return *vt_field_text(rec, f) ? VT_OK : VT_ENOMEM;
}

static enum vt_err record_from_json(enum vt_kind kind, json_t *obj,
				    const char *path, const char *parent,
				    struct vt_check *ck, void *rec);

static enum vt_err list_field(const struct vt_field *f, json_t *j,
			      const char *label, const char *path,
			      struct vt_check *ck, void *rec)
{
	const struct vt_entity *c = vt_entity_of(f->child);
	size_t n, i;
	char *items;
	enum vt_err result = VT_OK;

	if (!json_is_array(j))
		return vt_check_error(ck, path, "%s: '%s' must be an array",
				      label, f->name);
	n = json_array_size(j);
	if (n == 0)
		return VT_OK;
	items = calloc(n, c->size);
	if (!items)
		return VT_ENOMEM;
	*vt_field_list(rec, f) = items;
	*vt_field_count(rec, f) = n;
	for (i = 0; i < n && !result; i++) {
		void *item = items + i * c->size;
		json_t *elem = json_array_get(j, i);
		char sub[512];

		vt_record_defaults(f->child, item);
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		if (f->flags & VT_FF_SCALAR)
			result = text_field(&c->fields[0], elem, label, sub,
					    ck, item);
		else
			result = record_from_json(f->child, elem, sub, label,
						  ck, item);
	}
	return result;
}

static enum vt_err one_field(const struct vt_field *f, json_t *j,
			     const char *label, const char *path,
			     struct vt_check *ck, void *rec)
{
	char choices[256];
	int idx;

	switch (f->type) {
	case VT_FT_TEXT:
	case VT_FT_DATE:
	case VT_FT_PERIOD:
	case VT_FT_REF:
		return text_field(f, j, label, path, ck, rec);
	case VT_FT_INT:
		if (!json_is_integer(j))
			return vt_check_error(ck, path,
				"%s: '%s' must be a whole number", label,
				f->name);
		if (f->min < f->max && (json_integer_value(j) < f->min ||
					json_integer_value(j) > f->max))
			return vt_check_error(ck, path,
				"%s: %s %lld is outside %lld..%lld", label,
				f->name, (long long)json_integer_value(j),
				(long long)f->min, (long long)f->max);
		*vt_field_int(rec, f) = json_integer_value(j);
		return VT_OK;
	case VT_FT_REAL:
		if (!json_is_number(j) || !isfinite(json_number_value(j)))
			return vt_check_error(ck, path,
				"%s: '%s' must be a number", label, f->name);
		*vt_field_real(rec, f) = json_number_value(j);
		return VT_OK;
	case VT_FT_BOOL:
		if (!json_is_boolean(j))
			return vt_check_error(ck, path,
				"%s: '%s' must be true or false", label,
				f->name);
		*vt_field_bool(rec, f) = json_is_true(j);
		return VT_OK;
	case VT_FT_ENUM:
		enum_choices(f->names, choices, sizeof(choices));
		if (!json_is_string(j))
			return vt_check_error(ck, path,
				"%s: '%s' must be one of %s", label, f->name,
				choices);
		idx = enum_index(f->names, json_string_value(j));
		if (idx < 0)
			return vt_check_error(ck, path,
				"%s: %s '%s' is not one of %s", label, f->name,
				json_string_value(j), choices);
		*vt_field_enum(rec, f) = idx;
		return VT_OK;
	case VT_FT_LIST:
		return list_field(f, j, label, path, ck, rec);
	default:
		return VT_EINVAL;
	}
}

enum vt_err vt_record_from_json(enum vt_kind kind, json_t *obj,
				const char *path, struct vt_check *ck,
				void *rec)
{
	return record_from_json(kind, obj, path, NULL, ck, rec);
}

/*
 * 'parent': the label of the record a list element belongs to, so that
 * "action 'a1' updates[2]: 'date' is required" says where to look.
 */
static enum vt_err record_from_json(enum vt_kind kind, json_t *obj,
				    const char *path, const char *parent,
				    struct vt_check *ck, void *rec)
{
	const struct vt_entity *e = vt_entity_of(kind);
	char label[320], sub[512];
	const char *member;
	json_t *j;
	size_t i;
	enum vt_err result = VT_OK;

	if (parent) {
		const char *element = strrchr(path, '.');

		snprintf(label, sizeof(label), "%s %s", parent,
			 element ? element + 1 : path);
	} else {
		record_label(e, obj, label, sizeof(label));
	}
	if (!json_is_object(obj))
		return vt_check_error(ck, path, "%s must be an object",
				      label);
	json_object_foreach(obj, member, j) {
		for (i = 0; i < e->nfields; i++)
			if (strcmp(e->fields[i].name, member) == 0)
				break;
		if (i < e->nfields)
			continue;
		snprintf(sub, sizeof(sub), "%s.%s", path, member);
		result = vt_check_error(ck, sub, "%s: unknown member '%s'",
					label, member);
		if (result)
			return result;
	}
	for (i = 0; i < e->nfields && !result; i++) {
		const struct vt_field *f = &e->fields[i];

		j = json_object_get(obj, f->name);
		snprintf(sub, sizeof(sub), "%s.%s", path, f->name);
		if (!j || json_is_null(j)) {
			if (f->flags & VT_FF_REQUIRED)
				result = vt_check_error(ck, path,
					"%s: '%s' is required", label,
					f->name);
			continue;
		}
		result = one_field(f, j, label, sub, ck, rec);
	}
	return result;
}
