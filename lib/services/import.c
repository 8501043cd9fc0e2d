/* Importing a return file: check every row, then compare and write in key order. */
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/clock.h"
#include "vitals/drafts.h"
#include "vitals/period.h"
#include "vitals/robust.h"
#include "vitals/workdays.h"
#include "model/returnrow.h"
#include "services/importrows.h"
#include "store/store.h"

struct importer {
	struct vt_store *store;
	const struct vt_def *meta;
	struct vt_return_index index;
	struct vt_import_rows rows;
	const struct vt_import_options *opt;
	struct vt_diagq *dq;
	struct vt_import_summary *sum;
	struct vt_def extra;	/* returns and narratives to write */
	const char *path;	/* the file, for problems of the whole */
	char now[VT_TIMESTAMP_MAX];
};

static enum vt_err on_row(void *arg, const struct vt_return_row *row)
{
	struct importer *im = arg;
	struct vt_checked_row c;
	enum vt_err result;

	im->sum->rows++;
	result = vt_return_row_check(&im->index, row, im->dq, &c);
	if (result || c.refused)
		return result;
	if (c.skip) {
		im->sum->skipped++;
		return VT_OK;
	}
	/* Kept even after an error: duplicates are problems too. */
	return vt_import_rows_add(&im->rows, row, &c);
}

/* The latest narrative stored for a slot, or NULL. */
static const struct vt_impact *latest_impact(const struct vt_def *def,
					     const struct vt_impact *slot)
{
	const struct vt_impact *best = NULL;
	size_t i;

	for (i = 0; i < vt_def_count(def, VT_KIND_IMPACT); i++) {
		const struct vt_impact *o = vt_def_at(def, VT_KIND_IMPACT, i);

		if (strcmp(o->agency, slot->agency) ||
		    strcmp(o->period, slot->period) ||
		    strcmp(o->priority, slot->priority))
			continue;
		if (!best || o->version > best->version)
			best = o;
	}
	return best;
}

static enum vt_err on_impact(void *arg, const struct vt_impact_row *row)
{
	struct importer *im = arg;
	const struct vt_priority *pr;
	const struct vt_plan *plan;
	const struct vt_impact *old;
	struct vt_impact *rec;
	struct vt_period p;
	enum vt_err result;
	char why[400];

	if (!row->agency || !vt_def_find(im->meta, VT_KIND_AGENCY,
					 row->agency))
		return vt_diag_add(im->dq, VT_SEV_ERROR, row->place, 0, 0,
				   "agency '%s' does not exist",
				   row->agency ? row->agency : "");
	if (!row->period || vt_period_parse(row->period, &p))
		return vt_diag_add(im->dq, VT_SEV_ERROR, row->place, 0, 0,
				   "'%s' is not a period",
				   row->period ? row->period : "");
	pr = row->priority ? vt_def_find(im->meta, VT_KIND_PRIORITY,
					 row->priority) : NULL;
	if (!pr)
		return vt_diag_add(im->dq, VT_SEV_ERROR, row->place, 0, 0,
				   "priority '%s' does not exist",
				   row->priority ? row->priority : "");
	plan = vt_def_find(im->meta, VT_KIND_PLAN, pr->plan);
	if (!vt_impact_allowed(plan, row->priority, row->agency, why,
			       sizeof(why)))
		return vt_diag_add(im->dq, VT_SEV_ERROR, row->place, 0, 0,
				   "%s", why);
	if (strlen(row->text) > 20000)
		return vt_diag_add(im->dq, VT_SEV_ERROR, row->place, 0, 0,
				   "the narrative is longer than 20000 "
				   "characters");
	result = vt_def_append(&im->extra, VT_KIND_IMPACT, (void **)&rec);
	if (result)
		return result;
	rec->agency = strdup(row->agency);
	rec->period = strdup(row->period);
	rec->priority = strdup(row->priority);
	rec->text = strdup(row->text);
	if (!rec->agency || !rec->period || !rec->priority || !rec->text)
		return VT_ENOMEM;
	old = latest_impact(im->meta, rec);
	if (row->check_version && row->based_on != (old ? old->version : 0) &&
	    !(old && !strcmp(old->text, rec->text))) {
		im->sum->conflicts++;
		return vt_diag_add(im->dq, VT_SEV_ERROR, row->place, 0, 0,
				   "the narrative for priority '%s' was "
				   "changed by someone else (version %lld now; "
				   "this edit was based on %lld)", row->priority,
				   (long long)(old ? old->version : 0),
				   (long long)row->based_on);
	}
	/* An unchanged narrative is not written again; mark it so. */
	if (old && strcmp(old->text, rec->text) == 0)
		rec->version = old->version;
	return VT_OK;
}

static struct vt_import_return *summary_return(struct vt_import_summary *sum,
					       const char *agency,
					       const char *period)
{
	struct vt_import_return *r;
	size_t i;

	for (i = 0; i < sum->nreturns; i++)
		if (!strcmp(sum->returns[i].agency, agency) &&
		    !strcmp(sum->returns[i].period, period))
			return &sum->returns[i];
	r = realloc(sum->returns, (sum->nreturns + 1) * sizeof(*r));
	if (!r)
		return NULL;
	sum->returns = r;
	r = &r[sum->nreturns++];
	memset(r, 0, sizeof(*r));
	r->agency = strdup(agency);
	r->period = strdup(period);
	return r->agency && r->period ? r : NULL;
}

static enum vt_err dup_or_null(char **to, const char *from)
{
	*to = from ? strdup(from) : NULL;
	return from && !*to ? VT_ENOMEM : VT_OK;
}

/* A return opened early stays so: its submission came through it. */
static enum vt_err keep_early(struct vt_return *rec,
			      const struct vt_return *old)
{
	enum vt_err result;

	if (!old || !old->opened_early_at)
		return VT_OK;
	result = dup_or_null(&rec->opened_early_by, old->opened_early_by);
	if (!result)
		result = dup_or_null(&rec->opened_early_at,
				     old->opened_early_at);
	if (!result)
		result = dup_or_null(&rec->opened_early_reason,
				     old->opened_early_reason);
	return result;
}

/*
 * Each return the file touched becomes "submitted": newly (also when its
 * figures were already stored by a definition file), again after being
 * returned, or with changed figures.  A re-import that changes nothing
 * in a submitted return leaves it alone.  A correction keeps the first
 * submission time, so that lateness is judged on when the return came;
 * a resubmission after being returned is a new submission.
 */
static enum vt_err mark_submitted(struct importer *im)
{
	const struct vt_partnership *p =
		vt_def_at(im->meta, VT_KIND_PARTNERSHIP, 0);
	size_t i, j;

	for (i = 0; i < vt_def_count(&im->extra, VT_KIND_IMPACT); i++) {
		const struct vt_impact *imp =
			vt_def_at(&im->extra, VT_KIND_IMPACT, i);
		struct vt_import_return *r =
			summary_return(im->sum, imp->agency, imp->period);

		if (!r)
			return VT_ENOMEM;
		if (!imp->version)
			r->impact++;
	}
	for (i = 0; i < im->sum->nreturns; i++) {
		const struct vt_import_return *r = &im->sum->returns[i];
		const struct vt_return *old = NULL;
		struct vt_return *rec;
		char due[11];
		enum vt_err result;

		for (j = 0; j < vt_def_count(im->meta, VT_KIND_RETURN); j++) {
			const struct vt_return *o =
				vt_def_at(im->meta, VT_KIND_RETURN, j);

			if (!strcmp(o->agency, r->agency) &&
			    !strcmp(o->period, r->period))
				old = o;
		}
		if (im->opt->history && old && !old->history) {
			vt_diag_add(im->dq, VT_SEV_ERROR, im->path, 0, 0,
				    "agency '%s' has made its return for %s "
				    "(%s): history is for periods never "
				    "returned; import these figures as a "
				    "return", r->agency, r->period,
				    vt_return_status_names[old->status]);
			continue;
		}
		if (old && (old->status == VT_RETURN_SUBMITTED ||
			    old->history) &&
		    !r->added && !r->changed && !r->impact)
			continue;
		result = vt_def_append(&im->extra, VT_KIND_RETURN,
				       (void **)&rec);
		if (result)
			return result;
		rec->agency = strdup(r->agency);
		rec->period = strdup(r->period);
		rec->status = im->opt->history ? VT_RETURN_APPROVED
					       : VT_RETURN_SUBMITTED;
		rec->history = im->opt->history;
		if (im->opt->history) {
			rec->approved_by = strdup(im->opt->who);
			rec->approved_at = strdup(im->now);
			if (!rec->approved_by || !rec->approved_at)
				return VT_ENOMEM;
		}
		rec->submitted_by = strdup(im->opt->who);
		rec->submitted_at = strdup(old && old->submitted_at &&
					   old->status == VT_RETURN_SUBMITTED ?
					   old->submitted_at : im->now);
		if (old && old->reason)
			rec->reason = strdup(old->reason);
		result = keep_early(rec, old);
		if (result)
			return result;
		if (p && vt_return_due_date(p, r->period, due) == VT_OK)
			rec->due = strdup(due);
		if (!rec->agency || !rec->period || !rec->submitted_by ||
		    !rec->submitted_at || (p && !rec->due))
			return VT_ENOMEM;
	}
	return VT_OK;
}

/* Unchanged narratives were only read to be counted: leave them out. */
static void drop_unchanged_impacts(struct vt_def *extra)
{
	struct vt_table *t = &extra->tables[VT_KIND_IMPACT];
	struct vt_impact *items = t->items;
	size_t i, kept = 0;

	for (i = 0; i < t->n; i++) {
		if (items[i].version) {
			vt_record_release(VT_KIND_IMPACT, &items[i]);
			continue;
		}
		items[kept++] = items[i];
	}
	t->n = kept;
}

/*
 * The returns an import touched ("police/2026Q3"), and its warnings: the
 * count, and the first few as the file gave them, so that whoever
 * approves can still check them after the import has gone.
 */
static enum vt_err log_details(const struct importer *im, json_t *j)
{
	json_t *returns = json_array(), *warned = json_array();
	char key[160], line[700];
	size_t i;
	int bad = !returns || !warned;

	for (i = 0; !bad && i < im->sum->nreturns; i++) {
		snprintf(key, sizeof(key), "%s/%s", im->sum->returns[i].agency,
			 im->sum->returns[i].period);
		bad = json_array_append_new(returns, json_string(key));
	}
	for (i = 0; !bad && i < im->dq->n &&
	     json_array_size(warned) < VT_IMPORT_LOGGED_WARNINGS; i++) {
		const struct vt_diag *d = &im->dq->items[i];
		/* The file's name, as the entry's key: no directory (a
		   sheet's name cannot hold a '/'). */
		const char *src = d->source && strrchr(d->source, '/') ?
				  strrchr(d->source, '/') + 1 : d->source;

		if (d->severity != VT_SEV_WARNING)
			continue;
		if (src && d->row > 0)
			snprintf(line, sizeof(line), "%s:%ld: %s", src,
				 d->row, d->message ? d->message : "");
		else if (src)
			snprintf(line, sizeof(line), "%s: %s", src,
				 d->message ? d->message : "");
		else
			snprintf(line, sizeof(line), "%s", d->message ?
				 d->message : "");
		bad = json_array_append_new(warned, json_string(line));
	}
	if (!bad)
		bad = json_object_set_new(j, "returns", returns);
	else
		json_decref(returns);
	if (!bad && im->sum->warnings)
		bad = json_object_set_new(j, "warnings",
				json_integer((json_int_t)im->sum->warnings)) ||
		      json_object_set_new(j, "warned", warned);
	else
		json_decref(warned);
	return bad ? VT_ENOMEM : VT_OK;
}

static enum vt_err log_import(struct importer *im, const char *name)
{
	char *copy = strdup(name), *after;
	json_t *j;
	enum vt_err result;

	if (!copy)
		return VT_ENOMEM;
	j = json_pack("{s:s, s:I, s:I, s:I, s:I}", "file", basename(copy),
		      "rows", (json_int_t)im->sum->rows,
		      "added", (json_int_t)im->sum->added,
		      "changed", (json_int_t)im->sum->changed,
		      "unchanged", (json_int_t)im->sum->unchanged);
	/* Past figures say so in the log: they were not returned today. */
	if (j && im->opt->history &&
	    json_object_set_new(j, "history", json_true())) {
		json_decref(j);
		j = NULL;
	}
	if (j && log_details(im, j)) {
		json_decref(j);
		j = NULL;
	}
	after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	result = after ? vt_log_append(im->store, im->opt->who, "import",
				       basename(copy), NULL, after)
		       : VT_ENOMEM;
	free(after);
	json_decref(j);
	free(copy);
	return result;
}

/* After the figures: record the submissions, the narratives and the import. */
static enum vt_err record_import(struct importer *im, const char *path)
{
	struct vt_load_summary lsum;
	struct vt_check ck = { im->meta, im->dq, vt_store_place_path, NULL };
	enum vt_err result;

	result = mark_submitted(im);
	if (!result) {
		drop_unchanged_impacts(&im->extra);
		memset(&lsum, 0, sizeof(lsum));
		result = vt_store_apply_def(im->store, &im->extra, im->meta,
					    &ck, im->opt->who, &lsum);
	}
	if (!result)
		result = log_import(im, path);
	return result;
}

/* The file reader as a source. */
struct file_source {
	const char *path;
	char separator;
};

static enum vt_err read_file(void *arg, const struct vt_return_reader_fns *fns,
			     void *fnarg, struct vt_diagq *dq)
{
	const struct file_source *f = arg;

	return vt_return_file_read(f->path, f->separator, fns, fnarg, dq);
}

enum vt_err vt_returns_import(struct vt_store *s, const char *path,
			      const struct vt_import_options *opt,
			      struct vt_diagq *dq,
			      struct vt_import_summary *sum)
{
	struct file_source f = { path, opt->separator };
	struct vt_return_source src = { path, read_file, &f };

	return vt_returns_import_from(s, &src, opt, dq, sum);
}

/* The returns written were sent: what was typed towards them is done. */
static enum vt_err drop_drafts(struct vt_store *s,
			       const struct vt_import_summary *sum)
{
	enum vt_err result = VT_OK;
	size_t i;

	for (i = 0; i < sum->nreturns && !result; i++)
		result = vt_draft_delete(s, sum->returns[i].agency,
					 sum->returns[i].period);
	return result;
}

enum vt_err vt_returns_import_from(struct vt_store *s,
				   const struct vt_return_source *src,
				   const struct vt_import_options *opt,
				   struct vt_diagq *dq,
				   struct vt_import_summary *sum)
{
	static const struct vt_return_reader_fns fns = { on_row, on_impact };
	struct importer im;
	struct vt_def meta;
	enum vt_err result;

	memset(sum, 0, sizeof(*sum));
	memset(&im, 0, sizeof(im));
	vt_def_init(&meta);
	vt_def_init(&im.extra);
	im.store = s;
	im.meta = &meta;
	im.opt = opt;
	im.dq = dq;
	im.sum = sum;
	im.path = src->name;
	vt_clock_now(im.now);
	/* Every figure's measure is checked against the definition read here. */
	result = s->ops->begin_checked ? s->ops->begin_checked(s->conn)
				       : s->ops->begin(s->conn);
	if (result)
		return result;
	result = vt_store_read_import_meta(s, &meta);
	if (!result)
		result = vt_return_index_build(&meta, &im.index);
	if (!result && opt->history)
		vt_return_index_unlock_history(&im.index);
	if (!result)
		result = vt_import_rows_init(&im.rows, s, &im.index, dq);
	if (!result)
		result = src->read(src->arg, &fns, &im, dq);
	/* Figures given twice are looked for even after other errors. */
	if (!result)
		result = vt_import_rows_apply(&im.rows, !dq->errors,
					      opt->dry_run, opt->history,
					      opt->who, im.now, sum);
	if (!result && dq->errors)
		result = VT_EINVAL;
	/* A file with no figure and no narrative has nothing to record. */
	if (!result && (sum->rows > sum->skipped ||
			vt_def_count(&im.extra, VT_KIND_IMPACT)))
		result = record_import(&im, src->name);
	if (!result && dq->errors)
		result = VT_EINVAL;
	if (!result && !opt->dry_run && opt->drop_drafts)
		result = drop_drafts(s, sum);
	if (!result && !opt->dry_run)
		result = s->ops->commit(s->conn);
	if (result || opt->dry_run)
		s->ops->rollback(s->conn);
	vt_import_rows_release(&im.rows);
	vt_return_index_release(&im.index);
	vt_def_release(&im.extra);
	vt_def_release(&meta);
	return result;
}

void vt_import_summary_release(struct vt_import_summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nreturns; i++) {
		free(sum->returns[i].agency);
		free(sum->returns[i].period);
	}
	for (i = 0; i < sum->nchanges; i++) {
		free(sum->changes[i].agency);
		free(sum->changes[i].measure);
		free(sum->changes[i].period);
		free(sum->changes[i].breakdown);
		free(sum->changes[i].before);
		free(sum->changes[i].after);
	}
	free(sum->returns);
	free(sum->changes);
	memset(sum, 0, sizeof(*sum));
}

enum vt_err vt_return_due_date(const struct vt_partnership *p,
			       const char *period, char out[11])
{
	struct vt_period per;
	struct vt_date last, due;
	enum vt_err result;

	result = vt_period_parse(period, &per);
	if (!result)
		result = vt_period_last_day(&per, (int)p->fy_start_month,
					    &last);
	if (result)
		return result;
	vt_add_working_days(&last, (int)p->return_due_days, &due);
	vt_date_format(&due, out);
	return VT_OK;
}

enum vt_err vt_returns_latest_due(const struct vt_partnership *p,
				  const char *today,
				  char out[VT_PERIOD_ID_MAX])
{
	char id[VT_PERIOD_ID_MAX], due[11];
	struct vt_period q;
	int i;

	if (vt_period_being_returned(today, id) || vt_period_parse(id, &q))
		return VT_EINVAL;
	/* Returns fall due at most 120 working days (under half a year)
	   after a quarter ends: a year back is always enough. */
	for (i = 0; i < 4; i++, q = vt_period_prev(&q)) {
		vt_period_format(&q, id);
		if (vt_return_due_date(p, id, due))
			return VT_EINVAL;
		if (strcmp(due, today) < 0) {
			memcpy(out, id, VT_PERIOD_ID_MAX);
			return VT_OK;
		}
	}
	return VT_EINVAL;
}
