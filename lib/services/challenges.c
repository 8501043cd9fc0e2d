/* Raising, answering and closing a challenge: each one checked write through the change log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/challenges.h"
#include "vitals/strparse.h"
#include "store/store.h"

enum step { RAISE, RESPOND, CLOSE };

struct challenge_change {
	enum step step;
	const char *id;		/* RESPOND, CLOSE */
	const char *on;		/* RAISE */
	const char *by, *text, *today;
	char *new_id;		/* RAISE: the number given */
};

static bool blank(const char *s)
{
	return vt_text_blank(s);
}

/* The next number: one more than the highest given so far. */
static void next_id(const struct vt_def *meta, char out[16])
{
	unsigned long high = 0, n;
	size_t i;

	for (i = 0; i < vt_def_count(meta, VT_KIND_CHALLENGE); i++) {
		const struct vt_challenge *c =
			vt_def_at(meta, VT_KIND_CHALLENGE, i);

		n = strtoul(c->id, NULL, 10);
		if (n > high)
			high = n;
	}
	snprintf(out, 16, "%lu", high + 1);
}

/* The stored challenge as JSON with this step applied, or NULL. */
static json_t *stepped(const struct challenge_change *cc,
		       const struct vt_challenge *old, char *why,
		       size_t whysize)
{
	json_t *j = NULL, *responses;
	int failed;

	if (old->status == VT_CHALLENGE_CLOSED) {
		snprintf(why, whysize, "challenge %s was closed on %s (%s); a "
			 "closed challenge is not changed, raise a new one",
			 old->id, old->closed, old->outcome);
		return NULL;
	}
	if (vt_record_to_json(VT_KIND_CHALLENGE, old, &j))
		return NULL;
	if (cc->step == RESPOND) {
		responses = json_object_get(j, "responses");
		if (!responses) {
			responses = json_array();
			if (json_object_set_new(j, "responses", responses))
				responses = NULL;
		}
		failed = !responses || json_array_append_new(responses,
				json_pack("{s:s, s:s, s:s}", "date", cc->today,
					  "by", cc->by, "text", cc->text)) ||
			 json_object_set_new(j, "status", json_string(
				vt_challenge_status_names[
					VT_CHALLENGE_ANSWERED]));
	} else {
		failed = json_object_set_new(j, "status", json_string(
				vt_challenge_status_names[
					VT_CHALLENGE_CLOSED])) ||
			 json_object_set_new(j, "outcome",
					     json_string(cc->text)) ||
			 json_object_set_new(j, "closed",
					     json_string(cc->today)) ||
			 json_object_set_new(j, "closed_by",
					     json_string(cc->by));
	}
	if (failed) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct challenge_change *cc = arg;
	const struct vt_challenge *old = NULL;
	struct vt_challenge *rec;
	enum vt_err result;
	json_t *j;

	if (cc->step == RAISE) {
		next_id(meta, cc->new_id);
		j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			      cc->new_id, "on", cc->on, "by", cc->by,
			      "raised", cc->today, "text", cc->text, "status",
			      vt_challenge_status_names[VT_CHALLENGE_OPEN]);
	} else {
		old = vt_def_find(meta, VT_KIND_CHALLENGE, cc->id);
		if (!old) {
			snprintf(why, whysize, "there is no challenge '%s'",
				 cc->id);
			return VT_ENOTFOUND;
		}
		j = stepped(cc, old, why, whysize);
		if (!j && old->status == VT_CHALLENGE_CLOSED)
			return VT_EINVAL;
	}
	if (!j)
		return VT_ENOMEM;
	result = vt_def_append(change, VT_KIND_CHALLENGE, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_CHALLENGE, j, "challenge",
					     ck, rec);
	json_decref(j);
	/* The rules between records: the subject exists, dates in order. */
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

static enum vt_err run(struct vt_store *s, struct challenge_change *cc,
		       const char *who, char *why, size_t whysize)
{
	static const char *const what[] = {
		"a challenge needs the text of the question",
		"a response needs its text",
		"closing a challenge needs its outcome",
	};
	enum vt_err result;
	char *label;

	if (blank(cc->text)) {
		snprintf(why, whysize, "%s", what[cc->step]);
		return VT_EINVAL;
	}
	if (blank(cc->by)) {
		snprintf(why, whysize, "say who %s (a role title such as "
			 "'independent scrutineer')", cc->step == RAISE
			 ? "raises the challenge" : cc->step == RESPOND ?
			 "responds" : "closes it");
		return VT_EINVAL;
	}
	result = vt_store_change(s, build_change, cc, who, why, whysize);
	/* The model names the record; a challenge refused was never raised,
	   so its number would only confuse. */
	label = strstr(why, "': ");
	if (result == VT_EINVAL && cc->step == RAISE &&
	    !strncmp(why, "challenge '", 11) && label)
		memmove(why, label + 3, strlen(label + 3) + 1);
	return result;
}

enum vt_err vt_challenge_raise(struct vt_store *s, const char *on,
			       const char *by, const char *text,
			       const char *today, const char *who,
			       char id[16], char *why, size_t whysize)
{
	struct challenge_change cc = { RAISE, NULL, on, by, text, today, id };

	if (blank(on)) {
		snprintf(why, whysize, "say what the challenge is about "
			 "(%s)", vt_subject_forms);
		return VT_EINVAL;
	}
	return run(s, &cc, who, why, whysize);
}

enum vt_err vt_challenge_respond(struct vt_store *s, const char *id,
				 const char *by, const char *text,
				 const char *today, const char *who,
				 char *why, size_t whysize)
{
	struct challenge_change cc = { RESPOND, id, NULL, by, text, today,
				       NULL };

	return run(s, &cc, who, why, whysize);
}

enum vt_err vt_challenge_close(struct vt_store *s, const char *id,
			       const char *by, const char *outcome,
			       const char *today, const char *who,
			       char *why, size_t whysize)
{
	struct challenge_change cc = { CLOSE, id, NULL, by, outcome, today,
				       NULL };

	return run(s, &cc, who, why, whysize);
}
