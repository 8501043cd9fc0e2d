/* Comparators and statistical neighbours into the store, all or nothing, through the change log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/dfe.h"
#include "store/store.h"

static void file_place(void *ctx, const char *path, const char **source,
		       long *line)
{
	(void)path;
	*source = ctx;
	*line = 0;
}

static const struct vt_partnership *partnership(const struct vt_def *def)
{
	return vt_def_count(def, VT_KIND_PARTNERSHIP)
		       ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
}

enum vt_err vt_comparators_import(struct vt_store *s, const char *path,
				  const struct vt_dfe_request *given,
				  const char *who, int dry_run,
				  struct vt_diagq *dq,
				  struct vt_load_summary *sum)
{
	struct vt_dfe_request req = *given;
	const struct vt_partnership *p;
	const struct vt_measure *m;
	const char **neighbours = NULL;
	struct vt_def meta, def;
	struct vt_check ck;
	enum vt_err result;
	size_t i;

	memset(sum, 0, sizeof(*sum));
	vt_def_init(&meta);
	vt_def_init(&def);
	result = vt_store_read_meta(s, &meta);
	if (result)
		return result;
	p = partnership(&meta);
	if (!req.la)
		req.la = p ? p->la_code : NULL;
	if (!req.la)
		result = vt_diag_add_field(dq, VT_SEV_ERROR, path, 0, 0,
			"la_code", "the partnership has no local-authority "
			"code: give its DfE code, or import its statistical "
			"neighbours first");
	else if (!(m = vt_def_find(&meta, VT_KIND_MEASURE, req.measure)))
		result = vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "there is "
				     "no measure '%s'", req.measure);
	else
		req.unit = m->unit;
	if (!result && !dq->errors && !req.nneighbours && p &&
	    p->nneighbours) {
		neighbours = calloc(p->nneighbours, sizeof(*neighbours));
		if (!neighbours)
			result = VT_ENOMEM;
		for (i = 0; neighbours && i < p->nneighbours; i++)
			neighbours[i] = p->neighbours[i].la;
		req.neighbours = neighbours;
		req.nneighbours = p->nneighbours;
	}
	if (!result && !dq->errors)
		result = vt_dfe_comparators(path, &req, &def, dq);
	ck = (struct vt_check){ NULL, dq, file_place, (void *)path };
	if (!result && !dq->errors)
		result = vt_store_load_def(s, &def, &ck, who, dry_run, sum);
	if (!result && dq->errors)
		result = VT_EINVAL;
	free(neighbours);
	vt_def_release(&def);
	vt_def_release(&meta);
	return result;
}

struct neighbouring {
	const char *la;
	char **codes;
	size_t n;
};

/* The stored partnership with its LA code and neighbours set. */
static enum vt_err build_neighbours(void *arg, const struct vt_def *meta,
				    struct vt_def *change,
				    struct vt_check *ck, char *why,
				    size_t whysize)
{
	struct neighbouring *nb = arg;
	const struct vt_partnership *old = partnership(meta);
	struct vt_partnership *rec;
	json_t *j = NULL, *list;
	enum vt_err result;
	size_t i;

	if (!old) {
		snprintf(why, whysize, "there is no partnership yet: load its "
			 "definition first");
		return VT_ENOTFOUND;
	}
	if (vt_record_to_json(VT_KIND_PARTNERSHIP, old, &j))
		return VT_ENOMEM;
	list = json_array();
	for (i = 0; list && i < nb->n; i++)
		if (json_array_append_new(list, json_string(nb->codes[i])))
			break;
	if (!list || i < nb->n ||
	    json_object_set_new(j, "la_code", json_string(nb->la)) ||
	    json_object_set_new(j, "neighbours", list)) {
		json_decref(j);
		return VT_ENOMEM;
	}
	result = vt_def_append(change, VT_KIND_PARTNERSHIP, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_PARTNERSHIP, j,
					     "partnership", ck, rec);
	json_decref(j);
	return result;
}

/* The stored LA code, into 'out'; false when there is none. */
static bool stored_la(struct vt_store *s, char *out, size_t size)
{
	const struct vt_partnership *p;
	struct vt_def meta;
	bool found = false;

	vt_def_init(&meta);
	if (!vt_store_read_meta(s, &meta) && (p = partnership(&meta)) &&
	    p->la_code) {
		snprintf(out, size, "%s", p->la_code);
		found = true;
	}
	vt_def_release(&meta);
	return found;
}

enum vt_err vt_neighbours_import(struct vt_store *s, const char *path,
				 const char *la, const char *who,
				 struct vt_diagq *dq, char *neighbours,
				 size_t size)
{
	struct neighbouring nb = { la, NULL, 0 };
	char why[512] = "", code[80];
	enum vt_err result;
	size_t i, used = 0;

	if (!la) {
		if (!stored_la(s, code, sizeof(code))) {
			vt_diag_add_field(dq, VT_SEV_ERROR, path, 0, 0,
					  "la_code", "which local authority? "
					  "give its DfE code (936, say)");
			return VT_ENOTFOUND;
		}
		nb.la = code;
	}
	result = vt_dfe_neighbours(path, nb.la, &nb.codes, &nb.n, dq);
	if (!result)
		result = vt_store_change(s, build_neighbours, &nb, who, why,
					 sizeof(why));
	if ((result == VT_EINVAL || result == VT_ENOTFOUND) && why[0])
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "%s", why);
	neighbours[0] = '\0';
	for (i = 0; i < nb.n; i++) {
		if (!result && used < size)
			used += (size_t)snprintf(neighbours + used, size - used,
						 "%s%s", i ? "," : "",
						 nb.codes[i]);
		free(nb.codes[i]);
	}
	free(nb.codes);
	return result;
}
