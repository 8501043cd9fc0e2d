/* The change log as an audit trail: its filters, a page of entries newest first, each in words and as JSON. */
#include "vitals/logview.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vitals/extract.h"
#include "vitals/period.h"

/* What the log records besides the partnership's records. */
static const char *const events[] = {
	"import", "restore", "extract", "extract retention", "compute", NULL
};

const char *vt_log_entity_name(size_t i)
{
	size_t nevents = sizeof(events) / sizeof(events[0]) - 1;

	if (i < VT_KIND__MAX)
		return vt_entity_of((enum vt_kind)i)->name;
	return i - VT_KIND__MAX < nevents ? events[i - VT_KIND__MAX] : NULL;
}

static bool logged_entity(const char *name)
{
	const char *e;
	size_t i;

	for (i = 0; (e = vt_log_entity_name(i)); i++)
		if (!strcmp(e, name))
			return true;
	return false;
}

static enum vt_err bad_date(struct vt_diagq *dq, const char *field,
			    const char *given)
{
	vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, field,
			  "'%.40s' is not a date: give it as YYYY-MM-DD, "
			  "for example 2026-11-23", given);
	return VT_EINVAL;
}

enum vt_err vt_log_filter_read(const struct vt_query *q,
			       struct vt_log_filter *f, struct vt_diagq *dq)
{
	const char *page = vt_query_text(q, "page");
	struct vt_date d;
	int64_t n = 1;

	memset(f, 0, sizeof(*f));
	f->entity = vt_query_text(q, "entity");
	f->key = vt_query_text(q, "key");
	f->agency = vt_query_text(q, "agency");
	f->who = vt_query_text(q, "who");
	f->from = vt_query_text(q, "from");
	f->to = vt_query_text(q, "to");
	f->page = 1;
	if (f->entity && !logged_entity(f->entity)) {
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "entity",
				  "the change log records no '%.40s': a kind "
				  "of record such as measure, value or action, "
				  "or an import or restore", f->entity);
		return VT_EINVAL;
	}
	if (f->from && vt_parse_date(f->from, &d))
		return bad_date(dq, "from", f->from);
	if (f->to && vt_parse_date(f->to, &d))
		return bad_date(dq, "to", f->to);
	if (page && (vt_parse_int64(page, &n) || n < 1 || n > 1000000)) {
		vt_diag_add_field(dq, VT_SEV_ERROR, "query", 0, 0, "page",
				  "'%.40s' is not a page: a whole number from "
				  "1", page);
		return VT_EINVAL;
	}
	f->page = (long)n;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* Names */

static const struct vt_partnership *partnership(const struct vt_def *d)
{
	return d && vt_def_count(d, VT_KIND_PARTNERSHIP)
		? vt_def_at(d, VT_KIND_PARTNERSHIP, 0) : NULL;
}

/* The record of 'kind' whose first text field (its code) is 'code'. */
static const void *find(const struct vt_def *d, enum vt_kind kind,
			const char *code)
{
	size_t i, n = d && code ? vt_def_count(d, kind) : 0;

	for (i = 0; i < n; i++) {
		const void *rec = vt_def_at(d, kind, i);
		const char *const *first = rec;

		if (*first && (kind == VT_KIND_USER ? !strcasecmp(*first, code)
						    : !strcmp(*first, code)))
			return rec;
	}
	return NULL;
}

static const char *agency_name(const struct vt_def *d, const char *code)
{
	const struct vt_agency *a = find(d, VT_KIND_AGENCY, code);

	return a ? a->name : code;
}

static const char *measure_title(const struct vt_def *d, const char *code)
{
	const struct vt_measure *m = find(d, VT_KIND_MEASURE, code);

	return m ? m->title : code;
}

static const char *period_label(const struct vt_def *d, const char *id,
				char out[VT_PERIOD_LABEL_MAX])
{
	const struct vt_partnership *p = partnership(d);

	return vt_period_label_of(id, p ? (int)p->fy_start_month : 4, out);
}

/* malloc'd printf; NULL when out of memory. */
static char *words(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *words(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* "agency-lead" -> "agency lead". */
static void role_words(int role, char *out, size_t size)
{
	const char *name = role >= 0 && role < VT_ROLE__MAX
		? vt_role_names[role] : "user";
	size_t i;

	snprintf(out, size, "%s", name);
	for (i = 0; out[i]; i++)
		if (out[i] == '-')
			out[i] = ' ';
}

/* The server records an account's e-mail address; the command line
   "cli:" and the system account's name (or $VITALS_USER as given). */
char *vt_log_who_words(const struct vt_def *names, const char *who)
{
	const struct vt_user *u;
	char role[32];

	if (!who || !*who)
		return words("System");
	if (!strncmp(who, "cli:", 4))
		return strcmp(who + 4, "unknown") && who[4]
			? words("Command line (%s)", who + 4)
			: words("Command line");
	if ((u = find(names, VT_KIND_USER, who))) {
		role_words(u->role, role, sizeof(role));
		return words("%s (%s)", u->name, role);
	}
	return strchr(who, '@') ? words("%s", who)
				: words("Command line (%s)", who);
}

/* The filter's word for whoever 'who' is. */
static bool who_matches(const char *want, const char *who)
{
	bool system = !who || !*who;

	if (!strcmp(want, "system"))
		return system;
	if (!strcmp(want, "command-line"))
		return !system && !strchr(who, '@');
	return !system && !strcasecmp(want, who);
}

/* ------------------------------------------------------------------ */
/* Whose an entry is */

static json_t *record(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	if (j && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

static const char *member(const json_t *rec, const char *name)
{
	return json_string_value(json_object_get(rec, name));
}

/* The part of 'key' before its first 'stop' character, in 'out'. */
static const char *key_part(const char *key, const char *stop, char *out,
			    size_t size)
{
	snprintf(out, size, "%.*s", (int)strcspn(key, stop), key);
	return out;
}

/* A challenge is "on" an action, a measure or a return. */
static const char *agency_on(const struct vt_def *d, const char *on,
			     char *buf, size_t size)
{
	const struct vt_measure *m;
	const struct vt_action *a;

	if (!on)
		return NULL;
	if (!strncmp(on, "return:", 7))
		return key_part(on + 7, "/", buf, size);
	if (!strncmp(on, "measure:", 8) &&
	    (m = find(d, VT_KIND_MEASURE, on + 8)))
		return m->agency;
	if (!strncmp(on, "action:", 7) && (a = find(d, VT_KIND_ACTION, on + 7)))
		return a->agency;
	return NULL;
}

/* The agency whose record, return or figure 'e' is, or NULL. */
static const char *entry_agency(const struct vt_def *d,
				const struct vt_log_entry *e,
				const json_t *rec, char *buf, size_t size)
{
	const struct vt_measure *m;

	if (!strcmp(e->entity, "agency"))
		return e->key;
	if (!strcmp(e->entity, "return") ||
	    !strcmp(e->entity, "impact statement"))
		return key_part(e->key, "/", buf, size);
	if (!strcmp(e->entity, "value") || !strcmp(e->entity, "comparator")) {
		m = find(d, VT_KIND_MEASURE,
			 key_part(e->key, "/", buf, size));
		/* A part of a multi-agency measure: its contributor's. */
		return m ? vt_measure_agency_of(m, member(rec, "breakdown"))
			 : NULL;
	}
	if (!strcmp(e->entity, "challenge"))
		return agency_on(d, member(rec, "on"), buf, size);
	return member(rec, "agency");
}

/* Entries that carry an agency's own figures or narrative while it may
   still be a draft. */
static bool agency_own(const char *entity)
{
	return !strcmp(entity, "value") || !strcmp(entity, "return") ||
	       !strcmp(entity, "impact statement");
}

bool vt_log_filter_match(const struct vt_log_filter *f,
			 const struct vt_def *names,
			 const struct vt_log_entry *e)
{
	char buf[128], day[11];
	const char *agency = NULL;
	bool hidden, need_agency, ok;
	json_t *rec = NULL;
	struct vt_date d;
	int minute;

	if (!f)
		return true;
	if ((f->entity && strcmp(f->entity, e->entity)) ||
	    (f->key && strcmp(f->key, e->key)) ||
	    (f->who && !who_matches(f->who, e->who)))
		return false;
	if (f->from || f->to) {
		if (vt_time_london(e->at, &d, &minute))
			snprintf(day, sizeof(day), "%.10s", e->at);
		else
			vt_date_format(&d, day);
		if ((f->from && strcmp(day, f->from) < 0) ||
		    (f->to && strcmp(day, f->to) > 0))
			return false;
	}
	hidden = f->reader && !vt_reader_sees_all(f->reader) &&
		 agency_own(e->entity);
	need_agency = f->agency || hidden;
	if (!need_agency)
		return true;
	if (!strcmp(e->entity, "challenge") ||
	    !(agency_own(e->entity) || !strcmp(e->entity, "agency") ||
	      !strcmp(e->entity, "comparator")))
		rec = record(e->after ? e->after : e->before);
	agency = entry_agency(names, e, rec, buf, sizeof(buf));
	ok = (!f->agency || (agency && !strcmp(agency, f->agency))) &&
	     (!hidden || (!f->reader->published && f->reader->agency &&
			  agency && !strcmp(agency, f->reader->agency)));
	json_decref(rec);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Fields before and after */

/* A password's hash, a session or an API token: never shown. */
static bool secret(const char *field)
{
	static const char *const words_of_secrets[] = {
		"password", "hash", "token", "secret", "csrf", "session",
		NULL };
	size_t i;

	for (i = 0; words_of_secrets[i]; i++)
		if (strstr(field, words_of_secrets[i]))
			return true;
	return false;
}

/* A member's value as text: a list of codes joined, a list of records
   counted; NULL for none. */
static char *value_words(const json_t *v)
{
	size_t i, n;
	json_t *item;
	char *s, *joined;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		return words("%s", json_string_value(v));
	case JSON_INTEGER:
		return words("%lld", (long long)json_integer_value(v));
	case JSON_REAL:
		return words("%.15g", json_real_value(v));
	case JSON_TRUE:
		return words("yes");
	case JSON_FALSE:
		return words("no");
	case JSON_ARRAY:
		n = json_array_size(v);
		if (!n)
			return words("none");
		if (!json_is_string(json_array_get(v, 0)))
			return words("%zu entr%s", n, n == 1 ? "y" : "ies");
		joined = words("%s", "");
		json_array_foreach(v, i, item) {
			if (!joined)
				break;
			s = words("%s%s%s", joined, i ? ", " : "",
				  json_string_value(item) ?
				  json_string_value(item) : "");
			free(joined);
			joined = s;
		}
		return joined;
	case JSON_OBJECT:
		return words("%zu fields", json_object_size(v));
	default:
		return NULL;
	}
}

/* Who and when as the rest of the entry says them: "approved by" an
   account, "approved at" a UTC timestamp. */
static char *field_words(const struct vt_def *names, const char *field,
			 const json_t *v)
{
	const char *s = json_string_value(v);
	size_t len = strlen(field);
	char when[VT_TIME_WORDS_MAX];

	if (s && len >= 2 && !strcmp(field + len - 2, "by") &&
	    (strchr(s, '@') || !strncmp(s, "cli:", 4)))
		return vt_log_who_words(names, s);
	if (s && len >= 2 && !strcmp(field + len - 2, "at") &&
	    (len == 2 || field[len - 3] == '_')) {
		vt_time_london_words(s, when);
		return words("%s", when);
	}
	return value_words(v);
}

static enum vt_err add_change(struct vt_log_words *w,
			      const struct vt_def *names, const char *field,
			      const json_t *before, const json_t *after,
			      bool added)
{
	struct vt_log_change *c, *grown;
	size_t i;

	grown = realloc(w->changes, (w->nchanges + 1) * sizeof(*grown));
	if (!grown)
		return VT_ENOMEM;
	w->changes = grown;
	c = &w->changes[w->nchanges++];
	c->field = words("%s", field);
	c->before = added ? NULL : field_words(names, field, before);
	c->after = field_words(names, field, after);
	if (!added && !c->before)
		c->before = words("none");
	if (!c->after)
		c->after = words("none");
	if (!c->field || (!added && !c->before) || !c->after)
		return VT_ENOMEM;
	for (i = 0; c->field[i]; i++)
		if (c->field[i] == '_')
			c->field[i] = ' ';
	return VT_OK;
}

/* Each field that differs, in the record's order, secrets left out. */
static enum vt_err diff(struct vt_log_words *w, const struct vt_def *names,
			const json_t *before, const json_t *after)
{
	const json_t *both[2] = { after, before };
	const char *field;
	json_t *v;
	enum vt_err result = VT_OK;
	int side;

	for (side = 0; side < 2 && !result; side++)
		json_object_foreach((json_t *)both[side], field, v) {
			json_t *b = json_object_get(before, field);
			json_t *a = json_object_get(after, field);

			if (result || secret(field) ||
			    (side == 1 && a) || (a && b && json_equal(a, b)))
				continue;
			result = add_change(w, names, field, b, a, !before);
		}
	return result;
}

/* ------------------------------------------------------------------ */
/* What happened */

static const char *status_verb(const char *status)
{
	if (!status)
		return "updated";
	if (!strcmp(status, "approved"))
		return "approved";
	if (!strcmp(status, "submitted"))
		return "submitted";
	if (!strcmp(status, "returned"))
		return "sent back";
	if (!strcmp(status, "draft"))
		return "reopened";
	return "updated";
}

/* The record in words, as the summary names it. */
static char *thing(const struct vt_def *d, const struct vt_log_entry *e,
		   const json_t *rec)
{
	char label[VT_PERIOD_LABEL_MAX], part[128];
	const char *k = e->entity, *name, *bd;
	const struct vt_measure *m;
	const char *period;

	if (!strcmp(k, "return") || !strcmp(k, "impact statement")) {
		period = strchr(e->key, '/') ? strchr(e->key, '/') + 1 : "";
		snprintf(label, sizeof(label), "%s", period);
		label[strcspn(label, "/#")] = '\0';
		period_label(d, label, label);
		if (!strcmp(k, "return"))
			return words("%s return %s",
				     agency_name(d, key_part(e->key, "/", part,
							     sizeof(part))),
				     label);
		return words("%s impact statement for %s",
			     agency_name(d, key_part(e->key, "/", part,
						     sizeof(part))), label);
	}
	if (!strcmp(k, "value") || !strcmp(k, "comparator")) {
		period = member(rec, "period");
		period_label(d, period ? period : "", label);
		key_part(e->key, "/", part, sizeof(part));
		name = measure_title(d, part);
		if (!strcmp(k, "comparator"))
			return words("Comparator %s for \u2018%s\u2019 %s",
				     member(rec, "name") ? member(rec, "name")
							 : "",
				     name, label);
		m = find(d, VT_KIND_MEASURE, part);
		bd = member(rec, "breakdown");
		if (m && bd)
			bd = vt_measure_part_words(d, m, bd);
		return words("Figure for \u2018%s\u2019 %s%s%s", name, label,
			     bd ? ", " : "", bd ? bd : "");
	}
	if (!strcmp(k, "extract")) {
		char day[VT_DATE_WORDS_MAX];

		vt_date_words(member(rec, "as_at") ? member(rec, "as_at") : "",
			      day);
		return words("%s extract %s (as at %s)",
			     vt_extract_format_words(member(rec, "format")),
			     e->key, day);
	}
	if (!strcmp(k, "agency"))
		return words("Agency %s", agency_name(d, e->key));
	if (!strcmp(k, "partnership"))
		return words("The partnership");
	if (!strcmp(k, "user"))
		return words("User %s", e->key);
	if (!strcmp(k, "action"))
		return words("Action %s", e->key);
	if (!strcmp(k, "challenge"))
		return words("Challenge %s", e->key);
	if ((name = member(rec, "title")) || (name = member(rec, "name")))
		return words("%c%s \u2018%s\u2019", k[0] - 'a' + 'A', k + 1,
			     name);
	return words("%c%s %s", k[0] - 'a' + 'A', k + 1, e->key);
}

/* "added", "approved", "revised (version 2)", "removed", "updated". */
static const char *verb(const struct vt_log_entry *e, const json_t *before,
			const json_t *after, char *buf, size_t size)
{
	json_int_t version = json_integer_value(json_object_get(after,
								"version"));
	const char *was, *is;
	size_t had, has;

	if (!after)
		return strcmp(e->entity, "extract") ? "removed" : "deleted";
	/* Opened before its period ended: a return made or not yet. */
	if (!strcmp(e->entity, "return") && member(after, "opened_early_at") &&
	    !(before && member(before, "opened_early_at")))
		return "opened early";
	if (!before) {
		if (!strcmp(e->entity, "challenge"))
			return "raised";
		if (!strcmp(e->entity, "extract"))
			return "loaded";
		if (version > 1) {
			snprintf(buf, size, "revised (version %lld)",
				 (long long)version);
			return buf;
		}
		return "added";
	}
	was = member(before, "status");
	is = member(after, "status");
	if (!strcmp(e->entity, "return") && is && (!was || strcmp(was, is)))
		return status_verb(is);
	if (!strcmp(e->entity, "challenge")) {
		if (is && !strcmp(is, "closed") && (!was || strcmp(was, is)))
			return "closed";
		had = json_array_size(json_object_get(before, "responses"));
		has = json_array_size(json_object_get(after, "responses"));
		if (has > had)
			return "answered";
	}
	if (!strcmp(e->entity, "action")) {
		had = json_array_size(json_object_get(before, "updates"));
		has = json_array_size(json_object_get(after, "updates"));
		if (has > had)
			return "given a monthly update";
	}
	return "updated";
}

/* "Derived measures computed from extracts 1, 2 and 3: 72 figures
   written, 0 unchanged" */
static char *compute_summary(const json_t *a)
{
	const json_t *ex = json_object_get(a, "extracts");
	json_int_t written = json_integer_value(json_object_get(a, "written"));
	json_int_t same = json_integer_value(json_object_get(a, "unchanged"));
	char ids[160] = "";
	size_t i, n = json_array_size(ex), at = 0;

	for (i = 0; i < n && at < sizeof(ids); i++)
		at += (size_t)snprintf(ids + at, sizeof(ids) - at, "%s%lld",
				       !i ? "" : i + 1 == n ? " and " : ", ",
				       (long long)json_integer_value(
					       json_array_get(ex, i)));
	return words("Derived measures computed from extract%s %s: %lld "
		     "figure%s written, %lld unchanged", n == 1 ? "" : "s",
		     ids, (long long)written, written == 1 ? "" : "s",
		     (long long)same);
}

static char *event_summary(const struct vt_log_entry *e, const json_t *a)
{
	json_int_t rows = json_integer_value(json_object_get(a, "rows"));
	json_int_t added = json_integer_value(json_object_get(a, "added"));
	json_int_t changed = json_integer_value(json_object_get(a,
								"changed"));
	json_int_t warnings = json_integer_value(json_object_get(a,
								 "warnings"));
	char also[64] = "";

	if (!strcmp(e->entity, "restore"))
		return words("Database restored from %s", e->key);
	if (!strcmp(e->entity, "compute"))
		return compute_summary(a);
	if (warnings > 0)
		snprintf(also, sizeof(also), ", %lld warning%s to check",
			 (long long)warnings, warnings == 1 ? "" : "s");
	return words("%s %s imported: %lld row%s, %lld added, %lld changed%s",
		     json_is_true(json_object_get(a, "history"))
		     ? "Past figures from" : "Return file", e->key,
		     (long long)rows, rows == 1 ? "" : "s", (long long)added,
		     (long long)changed, also);
}

/* An import's warnings, and the one return it touched as its link. */
static enum vt_err event_details(const struct vt_def *d, const json_t *a,
				 struct vt_log_words *out)
{
	const json_t *warned = json_object_get(a, "warned");
	const json_t *returns = json_object_get(a, "returns");
	const char *only = json_array_size(returns) == 1 ?
			   json_string_value(json_array_get(returns, 0)) : NULL;
	char agency[128];
	size_t i, n = json_array_size(warned);

	if (json_integer_value(json_object_get(a, "warnings")) > 0)
		out->warnings = (size_t)json_integer_value(
					json_object_get(a, "warnings"));
	if (only && strchr(only, '/')) {
		key_part(only, "/", agency, sizeof(agency));
		if (find(d, VT_KIND_AGENCY, agency))
			snprintf(out->link, sizeof(out->link), "/returns/%s",
				 only);
	}
	if (!n)
		return VT_OK;
	if (!(out->warned = calloc(n, sizeof(*out->warned))))
		return VT_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *s = json_string_value(json_array_get(warned, i));

		if (s && !(out->warned[out->nwarned++] = strdup(s)))
			return VT_ENOMEM;
	}
	return VT_OK;
}

/* Where a reader opens the record, when it is still there. */
static void link_of(const struct vt_def *d, const struct vt_log_entry *e,
		    const json_t *rec, char *out, size_t size)
{
	char part[128], period[32];
	const char *k = e->entity;

	*out = '\0';
	if (!strcmp(k, "return") || !strcmp(k, "impact statement")) {
		key_part(e->key, "/", part, sizeof(part));
		snprintf(period, sizeof(period), "%s",
			 strchr(e->key, '/') ? strchr(e->key, '/') + 1 : "");
		period[strcspn(period, "/#")] = '\0';
		if (find(d, VT_KIND_AGENCY, part) && *period)
			snprintf(out, size, "/returns/%s/%s", part, period);
	} else if (!strcmp(k, "value") || !strcmp(k, "comparator") ||
		   !strcmp(k, "measure")) {
		key_part(e->key, "/", part, sizeof(part));
		if (find(d, VT_KIND_MEASURE, part))
			snprintf(out, size, "/measures/%s", part);
	} else if (!strcmp(k, "action") && find(d, VT_KIND_ACTION, e->key)) {
		snprintf(out, size, "/actions/%s", e->key);
	} else if (!strcmp(k, "challenge") &&
		   find(d, VT_KIND_CHALLENGE, e->key)) {
		snprintf(out, size, "/challenges/%s", e->key);
	}
	(void)rec;
}

enum vt_err vt_log_words_of(const struct vt_def *names,
			    const struct vt_log_entry *e,
			    struct vt_log_words *out)
{
	json_t *before = record(e->before), *after = record(e->after);
	const json_t *rec = after ? after : before;
	char vbuf[40], *what = NULL;
	const char *v;
	enum vt_err result = VT_OK;

	memset(out, 0, sizeof(*out));
	vt_time_london_words(e->at, out->when);
	out->who = vt_log_who_words(names, e->who);
	if (!strcmp(e->entity, "import") || !strcmp(e->entity, "restore") ||
	    !strcmp(e->entity, "compute")) {
		out->summary = event_summary(e, after);
		result = event_details(names, after, out);
	} else if (!strcmp(e->entity, "extract retention")) {
		out->summary = words("Extracts kept of each format: the newest "
				     "%lld, was %lld", (long long)
				     json_integer_value(json_object_get(
					     after, "keep")), (long long)
				     json_integer_value(json_object_get(
					     before, "keep")));
	} else {
		what = thing(names, e, rec);
		v = verb(e, before, after, vbuf, sizeof(vbuf));
		result = diff(out, names, before, after);
		/* One field changed: say it in the summary too. */
		if (what && before && after && out->nchanges == 1 &&
		    !strcmp(v, "updated"))
			out->summary = words("%s updated: %s %s \u2192 %s",
					     what, out->changes[0].field,
					     out->changes[0].before,
					     out->changes[0].after);
		else if (what)
			out->summary = words("%s %s", what, v);
		link_of(names, e, rec, out->link, sizeof(out->link));
	}
	free(what);
	json_decref(before);
	json_decref(after);
	if (!result && (!out->summary || !out->who))
		result = VT_ENOMEM;
	if (result)
		vt_log_words_release(out);
	return result;
}

void vt_log_words_release(struct vt_log_words *w)
{
	size_t i;

	for (i = 0; i < w->nchanges; i++) {
		free(w->changes[i].field);
		free(w->changes[i].before);
		free(w->changes[i].after);
	}
	free(w->changes);
	for (i = 0; i < w->nwarned; i++)
		free(w->warned[i]);
	free(w->warned);
	free(w->summary);
	free(w->who);
	memset(w, 0, sizeof(*w));
}

/* ------------------------------------------------------------------ */
/* A page of the list */

/* The newest entries kept as a ring while the log is walked: as many as
   reach to the end of the page asked for. */
struct ring {
	const struct vt_log_filter *f;
	const struct vt_def *names;
	struct vt_log_entry *slots;
	size_t limit, next;
	struct vt_log_list *out;
};

static void entry_free(struct vt_log_entry *e)
{
	free((char *)e->at);
	free((char *)e->who);
	free((char *)e->entity);
	free((char *)e->key);
	free((char *)e->before);
	free((char *)e->after);
	memset(e, 0, sizeof(*e));
}

static char *copy(const char *s)
{
	return s ? strdup(s) : NULL;
}

static enum vt_err keep(void *arg, const struct vt_log_entry *e)
{
	struct ring *r = arg;
	struct vt_log_entry *slot = &r->slots[r->next];

	if (!vt_log_filter_match(r->f, r->names, e))
		return VT_OK;
	r->out->matched++;
	entry_free(slot);
	slot->id = e->id;
	slot->at = copy(e->at);
	slot->who = copy(e->who);
	slot->entity = copy(e->entity);
	slot->key = copy(e->key);
	slot->before = copy(e->before);
	slot->after = copy(e->after);
	r->next = (r->next + 1) % r->limit;
	if ((e->at && !slot->at) || (e->who && !slot->who) ||
	    (e->entity && !slot->entity) || (e->key && !slot->key) ||
	    (e->before && !slot->before) || (e->after && !slot->after))
		return VT_ENOMEM;
	return VT_OK;
}

enum vt_err vt_log_page(struct vt_store *s, const struct vt_def *names,
			const struct vt_log_filter *f,
			struct vt_log_list *out)
{
	long page = f && f->page > 1 ? f->page : 1;
	struct ring r = { f, names, NULL, (size_t)page * VT_LOG_PAGE_SIZE, 0,
			  out };
	size_t i, kept, skip = (size_t)(page - 1) * VT_LOG_PAGE_SIZE;
	enum vt_err result;

	memset(out, 0, sizeof(*out));
	r.slots = calloc(r.limit, sizeof(*r.slots));
	if (!r.slots)
		return VT_ENOMEM;
	result = vt_store_log_each(s, keep, &r);
	kept = out->matched < r.limit ? out->matched : r.limit;
	out->page = page;
	out->pages = out->matched ? (long)((out->matched - 1) /
					   VT_LOG_PAGE_SIZE + 1) : 1;
	out->first = skip + 1;
	if (!result && kept > skip) {
		out->entries = calloc(kept - skip, sizeof(*out->entries));
		out->words = calloc(kept - skip, sizeof(*out->words));
		if (!out->entries || !out->words)
			result = VT_ENOMEM;
	}
	/* Newest first: the ring's slots from the last written back, past
	   the pages before this one. */
	for (i = skip; !result && i < kept; i++) {
		out->entries[out->n] =
			r.slots[(r.next + r.limit - 1 - i) % r.limit];
		memset(&r.slots[(r.next + r.limit - 1 - i) % r.limit], 0,
		       sizeof(*r.slots));
		result = vt_log_words_of(names, &out->entries[out->n],
					 &out->words[out->n]);
		out->n++;
	}
	for (i = 0; i < r.limit; i++)
		entry_free(&r.slots[i]);
	free(r.slots);
	if (result)
		vt_log_list_release(out);
	return result;
}

void vt_log_list_release(struct vt_log_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		entry_free(&l->entries[i]);
		if (l->words)
			vt_log_words_release(&l->words[i]);
	}
	free(l->entries);
	free(l->words);
	memset(l, 0, sizeof(*l));
}

/* ------------------------------------------------------------------ */
/* JSON */

/* A stored record's JSON as an object again, secrets left out, or
   null. */
static json_t *shown_record(const char *text)
{
	json_t *j = record(text);
	const char *field;
	json_t *v;
	void *tmp;

	if (!j)
		return json_null();
	json_object_foreach_safe(j, tmp, field, v)
		if (secret(field))
			json_object_del(j, field);
	return j;
}

static json_t *changes_json(const struct vt_log_words *w)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < w->nchanges; i++)
		if (json_array_append_new(arr, json_pack(
			    "{s:s, s:s?, s:s?}", "field", w->changes[i].field,
			    "before", w->changes[i].before, "after",
			    w->changes[i].after))) {
			json_decref(arr);
			arr = NULL;
		}
	return arr;
}

json_t *vt_log_entry_json(const struct vt_log_entry *e,
			  const struct vt_log_words *w)
{
	json_t *j = json_pack("{s:I, s:s, s:s?, s:s, s:s, s:s, s:o, s:o}",
			      "id", (json_int_t)e->id, "at", e->at, "who",
			      e->who, "entity", e->entity, "key", e->key,
			      "change", e->before ? "changed" : "added",
			      "before", shown_record(e->before), "after",
			      shown_record(e->after));

	if (j && w && json_object_update_new(j, json_pack(
			"{s:s, s:s, s:s, s:s?, s:o}", "summary", w->summary,
			"by", w->who, "when", w->when, "link",
			*w->link ? w->link : NULL, "changes",
			changes_json(w)))) {
		json_decref(j);
		j = NULL;
	}
	return j;
}
