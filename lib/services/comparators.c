/* Comparators and statistical neighbours into the store, all or nothing, through the change log. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/dfe.h"
#include "vitals/returns.h"
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

/* The stored comparator with the key of 'c', or NULL. */
static const struct vt_comparator *stored_as(const struct vt_def *meta,
					     const struct vt_comparator *c)
{
	size_t i, n = vt_def_count(meta, VT_KIND_COMPARATOR);

	for (i = 0; i < n; i++) {
		const struct vt_comparator *o =
			vt_def_at(meta, VT_KIND_COMPARATOR, i);

		if (!strcmp(o->measure, c->measure) &&
		    !strcmp(o->period, c->period) && !strcmp(o->area, c->area))
			return o;
	}
	return NULL;
}

/*
 * Nothing stored is lost to a later import that lacks what the earlier
 * one had (a count imported again without its population loses its
 * rates): such an import is refused, naming the first figure.
 */
static void keeps_what_is_stored(const struct vt_def *meta,
				 const struct vt_def *def, const char *path,
				 struct vt_diagq *dq)
{
	size_t i, n = vt_def_count(def, VT_KIND_COMPARATOR), lost = 0;
	const struct vt_comparator *first = NULL, *was = NULL;

	for (i = 0; i < n; i++) {
		const struct vt_comparator *c =
			vt_def_at(def, VT_KIND_COMPARATOR, i);
		const struct vt_comparator *o = stored_as(meta, c);

		if (o && !isnan(o->rate) && isnan(c->rate) && !isnan(c->value)) {
			if (!lost++) {
				first = c;
				was = o;
			}
		}
	}
	if (lost)
		vt_diag_add_field(dq, VT_SEV_ERROR, path, 0, 0, "population",
			"this import would drop %zu stored rate%s per 10,000 "
			"children (the first: %s in %s, %.1f, from %s): give "
			"the child population file as the earlier import did",
			lost, lost == 1 ? "" : "s", first->name, first->period,
			was->rate, was->source ? was->source : "an earlier "
			"import");
}

/*
 * 'req' completed from the stored definition 'meta': the partnership's
 * LA code unless given, the measure's unit and direction.  The measure,
 * or NULL with the problem in 'dq'.
 */
static const struct vt_measure *complete(const struct vt_def *meta,
					 const char *path,
					 struct vt_dfe_request *req,
					 struct vt_diagq *dq)
{
	const struct vt_partnership *p = partnership(meta);
	const struct vt_measure *m;

	if (!req->la)
		req->la = p ? p->la_code : NULL;
	if (!req->la) {
		vt_diag_add_field(dq, VT_SEV_ERROR, path, 0, 0, "la_code",
			"the partnership has no local-authority code: give "
			"its DfE code, or import its statistical neighbours "
			"first");
		return NULL;
	}
	m = vt_def_find(meta, VT_KIND_MEASURE, req->measure);
	if (!m) {
		vt_diag_add(dq, VT_SEV_ERROR, path, 0, 0, "there is no "
			    "measure '%s'", req->measure);
		return NULL;
	}
	req->unit = m->unit;
	req->direction = m->direction;
	return m;
}

enum vt_err vt_comparators_import(struct vt_store *s, const char *path,
				  const struct vt_dfe_request *given,
				  const char *who, int dry_run,
				  struct vt_diagq *dq,
				  struct vt_load_summary *sum)
{
	struct vt_dfe_request req = *given;
	struct vt_def meta, def;
	struct vt_check ck;
	enum vt_err result;

	memset(sum, 0, sizeof(*sum));
	vt_def_init(&meta);
	vt_def_init(&def);
	result = vt_store_read_meta(s, &meta);
	if (result)
		return result;
	if (complete(&meta, path, &req, dq))
		result = vt_dfe_comparators(path, &req, &def, dq);
	if (!result && !dq->errors)
		keeps_what_is_stored(&meta, &def, path, dq);
	ck = (struct vt_check){ NULL, dq, file_place, (void *)path };
	if (!result && !dq->errors)
		result = vt_store_load_def(s, &def, &ck, who, dry_run, sum);
	if (!result && dq->errors)
		result = VT_EINVAL;
	vt_def_release(&def);
	vt_def_release(&meta);
	return result;
}

struct neighbouring {
	const char *la;
	const char *name;	/* of the set */
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
	    json_object_set_new(j, "neighbours", list) ||
	    json_object_set_new(j, "neighbour_set", json_string(nb->name))) {
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

/* A set named after its file when not named: "SN_2025.csv" is
   "SN_2025". */
static void name_of_file(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	char *dot;
	size_t i;

	snprintf(out, size, "%s", base ? base + 1 : path);
	dot = strrchr(out, '.');
	if (dot && dot != out)
		*dot = '\0';
	for (i = 0; out[i]; i++)
		if (!isalnum((unsigned char)out[i]) && !strchr("._-", out[i]))
			out[i] = '-';
}

enum vt_err vt_neighbours_import(struct vt_store *s, const char *path,
				 const char *la, const char *name,
				 const char *who, struct vt_diagq *dq,
				 char *neighbours, size_t size)
{
	struct neighbouring nb = { la, name, NULL, 0 };
	char why[512] = "", code[80], file_name[65];
	enum vt_err result;
	size_t i, used = 0;

	if (!name || !*name) {
		name_of_file(path, file_name, sizeof(file_name));
		nb.name = file_name;
	}

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

/* ------------------------------------------------------------------ */
/* The partnership's own published figures, as history */

struct own_rows {
	const struct vt_def *def;	/* the file's comparators */
	const struct vt_measure *m;
	const char *la, *path;
};

/* The LA's own row as a return row of the measure, in its unit: a
   rate for a rate, else the figure as published. */
static enum vt_err emit_own(void *arg, const struct vt_return_reader_fns *fns,
			    void *fnarg, struct vt_diagq *dq)
{
	const struct own_rows *o = arg;
	size_t i, n = vt_def_count(o->def, VT_KIND_COMPARATOR), found = 0;
	enum vt_err result = VT_OK;

	for (i = 0; i < n && !result; i++) {
		const struct vt_comparator *c =
			vt_def_at(o->def, VT_KIND_COMPARATOR, i);
		struct vt_return_row row;
		double v = o->m->unit == VT_UNIT_RATE10K ? c->rate : c->value;
		char text[32];

		if (c->level != VT_LEVEL_LOCAL_AUTHORITY ||
		    strcmp(c->area, o->la))
			continue;
		if (c->suppressed)
			snprintf(text, sizeof(text), "%s", c->suppressed);
		else if (!isnan(v))
			snprintf(text, sizeof(text), "%.10g", v);
		else
			continue;	/* no rate without the population */
		memset(&row, 0, sizeof(row));
		row.cell[VT_RCOL_AGENCY] = o->m->agency;
		row.cell[VT_RCOL_MEASURE] = o->m->code;
		row.cell[VT_RCOL_PERIOD] = c->period;
		row.cell[VT_RCOL_VALUE] = text;
		row.source = o->path;
		found++;
		result = fns->row(fnarg, &row);
	}
	if (!result && !found)
		vt_diag_add(dq, VT_SEV_ERROR, o->path, 0, 0, "no figure of "
			    "local authority '%s' to take as the measure's "
			    "history", o->la);
	return result;
}

enum vt_err vt_comparators_own_history(struct vt_store *s, const char *path,
				       const struct vt_dfe_request *given,
				       const char *who, int dry_run,
				       struct vt_diagq *dq,
				       struct vt_import_summary *sum)
{
	struct vt_dfe_request req = *given;
	struct vt_import_options opt = {
		.dry_run = dry_run != 0, .separator = ',', .who = who,
		.history = true };
	struct own_rows own = { NULL, NULL, NULL, path };
	struct vt_return_source src = { path, emit_own, &own };
	struct vt_def meta, def;
	enum vt_err result;

	memset(sum, 0, sizeof(*sum));
	vt_def_init(&meta);
	vt_def_init(&def);
	result = vt_store_read_meta(s, &meta);
	if (result)
		return result;
	if ((own.m = complete(&meta, path, &req, dq)))
		result = vt_dfe_comparators(path, &req, &def, dq);
	own.def = &def;
	own.la = req.la;
	if (!result && !dq->errors)
		result = vt_returns_import_from(s, &src, &opt, dq, sum);
	if (!result && dq->errors)
		result = VT_EINVAL;
	vt_def_release(&def);
	vt_def_release(&meta);
	return result;
}
