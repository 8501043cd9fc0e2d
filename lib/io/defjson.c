/* Definition files: JSON text to records with FILE:LINE diagnostics, and back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/defjson.h"
#include "vitals/derive.h"
#include "vitals/jsonpos.h"

#define FORMAT_VERSION 1

void vt_defsrc_release(struct vt_defsrc *src)
{
	if (!src)
		return;
	free(src->name);
	free(src->text);
	memset(src, 0, sizeof(*src));
}

/* struct vt_check's 'place': the line of a path in the file's text. */
static void place_in_source(void *ctx, const char *path, const char **source,
			    long *line)
{
	struct vt_defsrc *src = ctx;
	char at[512];
	long l = 0;

	*source = src->name;
	*line = 0;
	/*
	 * A rule about a member that is absent ("needs its 'agency'") has no
	 * line of its own: the record that lacks it is the place.
	 */
	snprintf(at, sizeof(at), "%s", path);
	for (;;) {
		char *cut;

		if (vt_jsonpos_line(src->text, src->len, at, &l) == VT_OK) {
			*line = l;
			return;
		}
		cut = strrchr(at, '.');
		if (!cut || strrchr(at, '[') > cut)
			cut = strrchr(at, '[');
		if (!cut)
			return;
		*cut = '\0';
	}
}

void vt_defsrc_check(struct vt_defsrc *src, struct vt_diagq *dq,
		     struct vt_check *ck)
{
	memset(ck, 0, sizeof(*ck));
	ck->dq = dq;
	ck->place = place_in_source;
	ck->ctx = src;
}

/*
 * A derived measure's "derive" is read as the engine reads it (its
 * records, filters and codes, an aggregate that gives the measure's
 * unit), and its figures are computed, never returned by contributors.
 */
static enum vt_err derive_rules(struct vt_check *ck, const char *path,
				const struct vt_measure *m)
{
	struct vt_derive_spec spec;
	const char *const *codes;
	char why[256], where[128], at[256];
	size_t i, k;

	if (!m->derive)
		return VT_OK;
	if (m->ncontributors) {
		snprintf(at, sizeof(at), "%s.derive", path);
		return vt_check_error(ck, at, "measure '%s': derive: a "
				      "derived measure is computed from case "
				      "records; it cannot have contributors",
				      m->code);
	}
	if (vt_derive_parse(m->derive, m->unit, &spec, why, sizeof(why),
			    where, sizeof(where))) {
		snprintf(at, sizeof(at), "%s.%s", path, where);
		return vt_check_error(ck, at, "measure '%s': %s", m->code,
				      why);
	}
	/* The breakdowns listed are ones the derive computes. */
	codes = vt_derive_breakdown_codes(&spec);
	for (i = 0; i < m->nbreakdowns; i++) {
		for (k = 0; codes && codes[k]; k++)
			if (!strcmp(codes[k], m->breakdowns[i].code))
				break;
		if (codes && codes[k])
			continue;
		snprintf(at, sizeof(at), "%s.breakdowns[%zu]", path, i);
		return vt_check_error(ck, at, "measure '%s': breakdowns[%zu]: "
				      "'%s' is not a breakdown its derive "
				      "computes (%s)", m->code, i,
				      m->breakdowns[i].code,
				      spec.breakdown == VT_DERIVE_BY_AGE_BAND ?
				      "under-11, 11-and-over" :
				      spec.breakdown == VT_DERIVE_BY_CATEGORY ?
				      "the codes of its records' category" :
				      "none: it has no breakdowns");
	}
	return VT_OK;
}

static enum vt_err read_list(json_t *root, enum vt_kind kind,
			     struct vt_check *ck, struct vt_def *def)
{
	const struct vt_entity *e = vt_entity_of(kind);
	json_t *arr = json_object_get(root, e->plural);
	size_t i;
	enum vt_err result = VT_OK;

	if (!arr)
		return VT_OK;
	if (kind == VT_KIND_PARTNERSHIP) {
		size_t errors = ck->dq->errors;
		void *rec;

		result = vt_def_append(def, kind, &rec);
		if (!result)
			result = vt_record_from_json(kind, arr, e->plural, ck,
						     rec);
		if (!result && ck->dq->errors > errors)
			result = vt_def_mark_flawed(def, kind, 0);
		return result;
	}
	if (!json_is_array(arr))
		return vt_check_error(ck, e->plural, "'%s' must be an array",
				      e->plural);
	for (i = 0; i < json_array_size(arr) && !result; i++) {
		size_t errors = ck->dq->errors;
		char path[96];
		void *rec;

		snprintf(path, sizeof(path), "%s[%zu]", e->plural, i);
		result = vt_def_append(def, kind, &rec);
		if (!result)
			result = vt_record_from_json(kind,
						     json_array_get(arr, i),
						     path, ck, rec);
		if (!result && kind == VT_KIND_MEASURE &&
		    ck->dq->errors == errors)
			result = derive_rules(ck, path, rec);
		if (!result && ck->dq->errors > errors)
			result = vt_def_mark_flawed(def, kind, i);
	}
	return result;
}

static enum vt_err read_root(json_t *root, struct vt_check *ck,
			     struct vt_def *def)
{
	const char *member;
	json_t *j, *version;
	size_t k;
	enum vt_err result = VT_OK;

	if (!json_is_object(root))
		return vt_check_error(ck, "", "a definition is a JSON object");
	version = json_object_get(root, "vitals");
	if (!json_is_integer(version) ||
	    json_integer_value(version) != FORMAT_VERSION)
		result = vt_check_error(ck, version ? "vitals" : "",
			"'vitals' must be %d (the format version)",
			FORMAT_VERSION);
	json_object_foreach(root, member, j) {
		if (result)
			return result;
		if (strcmp(member, "vitals") == 0)
			continue;
		for (k = 0; k < VT_KIND_TOPLEVEL; k++)
			if (strcmp(member, vt_entity_of(k)->plural) == 0)
				break;
		if (k == VT_KIND_TOPLEVEL)
			result = vt_check_error(ck, member,
				"unknown member '%s' (expected partnership, "
				"agencies, groups, plans, priorities, "
				"objectives, measures, values, actions or "
				"users)", member);
	}
	for (k = 0; k < VT_KIND_TOPLEVEL && !result; k++)
		result = read_list(root, k, ck, def);
	return result;
}

enum vt_err vt_defjson_read_mem(const char *name, const char *text,
				size_t len, struct vt_defsrc *src,
				struct vt_def *def, struct vt_diagq *dq)
{
	struct vt_check ck;
	json_error_t err;
	json_t *root;
	enum vt_err result;

	/* A byte order mark, as Windows editors save "UTF-8": not JSON, but
	   no reason to refuse the file (the CSV readers skip it too). */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	memset(src, 0, sizeof(*src));
	src->name = strdup(name);
	src->text = malloc(len + 1);
	if (!src->name || !src->text) {
		vt_defsrc_release(src);
		return VT_ENOMEM;
	}
	memcpy(src->text, text, len);
	src->text[len] = '\0';
	src->len = len;
	if (len > VT_DEFJSON_MAX_BYTES)
		return VT_ETOOBIG;
	/* Duplicate members would silently lose one of the two values. */
	root = json_loadb(src->text, len, JSON_REJECT_DUPLICATES, &err);
	if (!root)
		return vt_diag_add(dq, VT_SEV_ERROR, name, err.line,
				   err.column > 0 ? err.column : 0, "%s",
				   err.text);
	vt_defsrc_check(src, dq, &ck);
	result = read_root(root, &ck, def);
	json_decref(root);
	return result;
}

enum vt_err vt_defjson_read_file(const char *path, struct vt_defsrc *src,
				 struct vt_def *def, struct vt_diagq *dq)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, alloc = 0;
	enum vt_err result = VT_OK;

	if (!f)
		return VT_EIO;
	for (;;) {
		size_t got;

		if (len == alloc) {
			char *t;

			alloc = alloc ? alloc * 2 : 65536;
			t = realloc(text, alloc);
			if (!t) {
				result = VT_ENOMEM;
				break;
			}
			text = t;
		}
		got = fread(text + len, 1, alloc - len, f);
		len += got;
		if (len > VT_DEFJSON_MAX_BYTES) {
			result = VT_ETOOBIG;
			break;
		}
		if (got == 0) {
			if (ferror(f))
				result = VT_EIO;
			break;
		}
	}
	fclose(f);
	if (!result)
		result = vt_defjson_read_mem(path, text ? text : "", len, src,
					     def, dq);
	free(text);
	return result;
}

enum vt_err vt_defjson_dump(const struct vt_def *def, char **out)
{
	json_t *root = json_object();
	enum vt_err result = VT_OK;
	size_t k, i;
	char *text, *with_newline;

	if (!root || json_object_set_new(root, "vitals",
					 json_integer(FORMAT_VERSION))) {
		json_decref(root);
		return VT_ENOMEM;
	}
	for (k = 0; k < VT_KIND_TOPLEVEL && !result; k++) {
		const char *plural = vt_entity_of(k)->plural;
		size_t n = vt_def_count(def, k);
		json_t *arr;

		if (n == 0)
			continue;
		if (k == VT_KIND_PARTNERSHIP) {
			json_t *p = NULL;

			result = vt_record_to_json(k, vt_def_at(def, k, 0), &p);
			if (!result && json_object_set_new(root, plural, p))
				result = VT_ENOMEM;
			continue;
		}
		arr = json_array();
		if (!arr || json_object_set_new(root, plural, arr)) {
			result = VT_ENOMEM;
			break;
		}
		for (i = 0; i < n && !result; i++) {
			json_t *j = NULL;

			result = vt_record_to_json(k, vt_def_at(def, k, i), &j);
			if (!result && json_array_append_new(arr, j))
				result = VT_ENOMEM;
		}
	}
	text = result ? NULL : json_dumps(root, JSON_INDENT(2) |
					  JSON_REAL_PRECISION(15));
	json_decref(root);
	if (result)
		return result;
	if (!text)
		return VT_ENOMEM;
	with_newline = realloc(text, strlen(text) + 2);
	if (!with_newline) {
		free(text);
		return VT_ENOMEM;
	}
	memcpy(with_newline + strlen(with_newline), "\n", 2);
	*out = with_newline;
	return VT_OK;
}
