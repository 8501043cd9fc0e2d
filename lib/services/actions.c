/* Recording a monthly update of one action: its rules, then one write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/actions.h"
#include "vitals/strparse.h"
#include "store/store.h"

/* A note of only spaces says nothing, so it counts as none. */
static bool empty(const char *s)
{
	return vt_text_blank(s);
}

/* The rules of one update; the reason goes to 'why'. */
static enum vt_err check_change(const struct vt_action *a,
				const struct vt_action_change *c,
				const char *date, const char *today,
				char *why, size_t whysize)
{
	size_t i;

	if ((unsigned)c->rag >= VT_RAG__MAX) {
		snprintf(why, whysize, "an update needs a RAG rating");
		return VT_EINVAL;
	}
	if (c->rag == VT_RAG_RED && empty(c->note)) {
		snprintf(why, whysize, "rating '%s' red needs a note saying "
			 "what is wrong", a->code);
		return VT_EINVAL;
	}
	if (c->rag == VT_RAG_BLUE && empty(c->evidence) && empty(c->note)) {
		snprintf(why, whysize, "marking '%s' complete (blue) needs "
			 "evidence, or a note saying why there is none",
			 a->code);
		return VT_EINVAL;
	}
	if (strcmp(date, today) > 0) {
		snprintf(why, whysize, "the update is dated %s, after today "
			 "(%s)", date, today);
		return VT_EINVAL;
	}
	for (i = 0; i < a->nupdates; i++) {
		if (strcmp(date, a->updates[i].date) < 0) {
			snprintf(why, whysize, "the update is dated %s, before "
				 "the update of %s already recorded for '%s'; "
				 "updates are history and come in order", date,
				 a->updates[i].date, a->code);
			return VT_EINVAL;
		}
	}
	return VT_OK;
}

/* The stored action as JSON, with the update added and the new rating. */
static json_t *changed_action(const struct vt_action *a,
			      const struct vt_action_change *c,
			      const char *date, const char *who)
{
	json_t *j = NULL, *updates, *u;

	if (vt_record_to_json(VT_KIND_ACTION, a, &j))
		return NULL;
	updates = json_object_get(j, "updates");
	if (!updates) {
		updates = json_array();
		if (json_object_set_new(j, "updates", updates))
			updates = NULL;
	}
	u = json_pack("{s:s, s:s, s:s?, s:s?, s:s}", "date", date, "rag",
		      vt_rag_names[c->rag], "note", empty(c->note) ? NULL :
		      c->note, "evidence", empty(c->evidence) ? NULL :
		      c->evidence, "by", who);
	if (!updates || !u || json_array_append_new(updates, u) ||
	    json_object_set_new(j, "rag", json_string(vt_rag_names[c->rag]))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

struct recording {
	const char *ref, *today, *who;
	const struct vt_action_change *c;
	char date[11];
};

/* The stored action with the update added, once the rules allow it. */
static enum vt_err build_update(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct recording *rc = arg;
	const struct vt_action *old = vt_def_find(meta, VT_KIND_ACTION,
						  rc->ref);
	struct vt_action *rec;
	enum vt_err result;
	json_t *j;

	if (!old) {
		snprintf(why, whysize, "there is no action '%s'", rc->ref);
		return VT_ENOTFOUND;
	}
	if (rc->c->check_seen && old->nupdates != rc->c->seen_updates) {
		snprintf(why, whysize, "action '%s' was updated by someone else "
			 "since this update was begun (%zu updates now, %zu "
			 "then)", old->code, old->nupdates,
			 rc->c->seen_updates);
		return VT_ECONFLICT;
	}
	result = check_change(old, rc->c, rc->date, rc->today, why, whysize);
	if (result)
		return result;
	j = changed_action(old, rc->c, rc->date, rc->who);
	result = j ? vt_def_append(change, VT_KIND_ACTION, (void **)&rec)
		   : VT_ENOMEM;
	if (!result)
		result = vt_record_from_json(VT_KIND_ACTION, j, "update", ck,
					     rec);
	json_decref(j);
	return result;
}

enum vt_err vt_action_record(struct vt_store *s, const char *ref,
			     const struct vt_action_change *c,
			     const char *today, const char *who, char *why,
			     size_t whysize)
{
	struct recording rc = { ref, today, who, c, "" };
	const char *given = c->date ? c->date : today;

	snprintf(why, whysize, "cannot record the update");
	if (vt_action_date(given, rc.date)) {
		snprintf(why, whysize, "'%s' is not a date (YYYY-MM-DD or "
			 "DD/MM/YYYY)", given);
		return VT_EINVAL;
	}
	return vt_store_change(s, build_update, &rc, who, why, whysize);
}

struct life {
	const char *ref, *cadence, *today;
	char discharged[11];	/* "" to clear; unset when 'keep' */
	bool keep;
};

/* The stored action with its cadence and discharge as asked. */
static enum vt_err build_life(void *arg, const struct vt_def *meta,
			      struct vt_def *change, struct vt_check *ck,
			      char *why, size_t whysize)
{
	struct life *lf = arg;
	const struct vt_action *old = vt_def_find(meta, VT_KIND_ACTION,
						  lf->ref);
	struct vt_action *rec;
	enum vt_err result = VT_OK;
	json_t *j = NULL;

	if (!old) {
		snprintf(why, whysize, "there is no action '%s'", lf->ref);
		return VT_ENOTFOUND;
	}
	if (!lf->keep && *lf->discharged &&
	    strcmp(lf->discharged, lf->today) > 0) {
		snprintf(why, whysize, "action '%s': discharged %s is after "
			 "today (%s)", old->code, lf->discharged, lf->today);
		return VT_EINVAL;
	}
	if (vt_record_to_json(VT_KIND_ACTION, old, &j))
		return VT_ENOMEM;
	if (lf->cadence &&
	    json_object_set_new(j, "cadence", json_string(lf->cadence)))
		result = VT_ENOMEM;
	if (!result && !lf->keep)
		result = *lf->discharged
			 ? (json_object_set_new(j, "discharged",
				json_string(lf->discharged)) ? VT_ENOMEM
							     : VT_OK)
			 : (json_object_del(j, "discharged"), VT_OK);
	if (!result)
		result = vt_def_append(change, VT_KIND_ACTION, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_ACTION, j, "action", ck,
					     rec);
	/* The model's rules: a discharge after the first update. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	json_decref(j);
	return result;
}

enum vt_err vt_action_set_life(struct vt_store *s, const char *ref,
			       const char *cadence, const char *discharged,
			       const char *today, const char *who, char *why,
			       size_t whysize)
{
	struct life lf = { ref, cadence, today, "", discharged == NULL };

	snprintf(why, whysize, "cannot change the action");
	if (discharged && strcmp(discharged, "none") &&
	    vt_action_date(discharged, lf.discharged)) {
		snprintf(why, whysize, "discharged: '%s' is not a date "
			 "(YYYY-MM-DD or DD/MM/YYYY)", discharged);
		return VT_EINVAL;
	}
	return vt_store_change(s, build_life, &lf, who, why, whysize);
}

/* ------------------------------------------------------------------ */
/* Slipped due dates, from the versions the change log keeps */

struct slips {
	struct vt_action_slip *items;
	size_t n;
};

static const char *due_of(json_t *version)
{
	return json_string_value(json_object_get(version, "due"));
}

static enum vt_err slip_row(void *arg, const struct vt_sqlval *cols,
			    size_t ncols)
{
	struct slips *sl = arg;
	struct vt_action_slip *it;
	json_t *before, *after;
	const char *from, *to;
	enum vt_err result = VT_OK;

	if (ncols < 7)
		return VT_EDB;
	if (cols[3].type != VT_SQL_TEXT || strcmp(cols[3].s, "action") ||
	    cols[5].type != VT_SQL_TEXT || cols[6].type != VT_SQL_TEXT)
		return VT_OK;
	before = json_loads(cols[5].s, 0, NULL);
	after = json_loads(cols[6].s, 0, NULL);
	from = due_of(before);
	to = due_of(after);
	if (from && to && strcmp(to, from) > 0) {
		it = realloc(sl->items, (sl->n + 1) * sizeof(*it));
		if (!it) {
			result = VT_ENOMEM;
		} else {
			sl->items = it;
			it = &it[sl->n++];
			it->ref = strdup(cols[4].s);
			it->from = strdup(from);
			it->to = strdup(to);
			it->at = strdup(cols[1].s);
			it->who = strdup(cols[2].type == VT_SQL_TEXT ?
					 cols[2].s : "");
			if (!it->ref || !it->from || !it->to || !it->at ||
			    !it->who)
				result = VT_ENOMEM;
		}
	}
	json_decref(before);
	json_decref(after);
	return result;
}

enum vt_err vt_action_slips(struct vt_store *s, struct vt_action_slip **out,
			    size_t *n)
{
	struct slips sl = { NULL, 0 };
	enum vt_err result;

	result = s->ops->exec(s->conn, STMT_LOG_SELECT, NULL, 0, slip_row,
			      &sl);
	if (result) {
		vt_action_slips_release(sl.items, sl.n);
		sl.items = NULL;
		sl.n = 0;
	}
	*out = sl.items;
	*n = sl.n;
	return result;
}

void vt_action_slips_release(struct vt_action_slip *slips, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(slips[i].ref);
		free(slips[i].from);
		free(slips[i].to);
		free(slips[i].at);
		free(slips[i].who);
	}
	free(slips);
}
