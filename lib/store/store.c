/* The store's engine-independent half: records in and out of statements. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vitals/clock.h"
#include "model/field.h"
#include "store/migrations.h"
#include "vitals/period.h"
#include "store/store.h"

/* Per thread: a server opens stores from several threads at once. */
static _Thread_local char open_errmsg[512];

#define MAX_PARAMS 32

const struct vt_kind_stmts vt_kind_stmts[VT_KIND__MAX] = {
	[VT_KIND_PARTNERSHIP] = { STMT_PARTNERSHIP_INSERT,
		STMT_PARTNERSHIP_UPDATE, STMT_PARTNERSHIP_SELECT, -1 },
	[VT_KIND_AGENCY] = { STMT_AGENCY_INSERT, STMT_AGENCY_UPDATE,
		STMT_AGENCY_SELECT, -1 },
	[VT_KIND_GROUP] = { STMT_GROUP_INSERT, STMT_GROUP_UPDATE,
		STMT_GROUP_SELECT, -1 },
	[VT_KIND_PLAN] = { STMT_PLAN_INSERT, STMT_PLAN_UPDATE,
		STMT_PLAN_SELECT, -1 },
	[VT_KIND_PRIORITY] = { STMT_PRIORITY_INSERT, STMT_PRIORITY_UPDATE,
		STMT_PRIORITY_SELECT, -1 },
	[VT_KIND_OBJECTIVE] = { STMT_OBJECTIVE_INSERT, STMT_OBJECTIVE_UPDATE,
		STMT_OBJECTIVE_SELECT, -1 },
	[VT_KIND_MEASURE] = { STMT_MEASURE_INSERT, STMT_MEASURE_UPDATE,
		STMT_MEASURE_SELECT, -1 },
	[VT_KIND_VALUE] = { STMT_VALUE_INSERT, -1, STMT_VALUE_SELECT, -1 },
	[VT_KIND_ACTION] = { STMT_ACTION_INSERT, STMT_ACTION_UPDATE,
		STMT_ACTION_SELECT, -1 },
	[VT_KIND_USER] = { STMT_USER_INSERT, STMT_USER_UPDATE,
		STMT_USER_SELECT, -1 },
	[VT_KIND_RETURN] = { STMT_RETURN_INSERT, STMT_RETURN_UPDATE,
		STMT_RETURN_SELECT, -1 },
	[VT_KIND_IMPACT] = { STMT_IMPACT_INSERT, -1, STMT_IMPACT_SELECT, -1 },
	[VT_KIND_CHALLENGE] = { STMT_CHALLENGE_INSERT, STMT_CHALLENGE_UPDATE,
		STMT_CHALLENGE_SELECT, -1 },
	[VT_KIND_COMPARATOR] = { STMT_COMPARATOR_INSERT,
		STMT_COMPARATOR_UPDATE, STMT_COMPARATOR_SELECT, -1 },
	[VT_KIND_REVIEW] = { STMT_REVIEW_INSERT, STMT_REVIEW_UPDATE,
		STMT_REVIEW_SELECT, -1 },
	[VT_KIND_REVIEW_AGENCY] = { STMT_REVIEW_AGENCY_INSERT, -1,
		STMT_REVIEW_AGENCY_SELECT, STMT_REVIEW_AGENCY_DELETE },
	[VT_KIND_REVIEW_THEME] = { STMT_REVIEW_THEME_INSERT, -1,
		STMT_REVIEW_THEME_SELECT, STMT_REVIEW_THEME_DELETE },
	[VT_KIND_THEME] = { STMT_THEME_INSERT, STMT_THEME_UPDATE,
		STMT_THEME_SELECT, -1 },
	[VT_KIND_ESCALATION] = { STMT_ESCALATION_INSERT,
		STMT_ESCALATION_UPDATE, STMT_ESCALATION_SELECT, -1 },
	[VT_KIND_ESCALATION_STAGE] = { STMT_ESCALATION_STAGE_INSERT, -1,
		STMT_ESCALATION_STAGE_SELECT, STMT_ESCALATION_STAGE_DELETE },
	[VT_KIND_ESCALATION_STEP] = { STMT_ESCALATION_STEP_INSERT, -1,
		STMT_ESCALATION_STEP_SELECT, STMT_ESCALATION_STEP_DELETE },
	[VT_KIND_AUDIT] = { STMT_AUDIT_INSERT, STMT_AUDIT_UPDATE,
		STMT_AUDIT_SELECT, -1 },
	[VT_KIND_AUDIT_SCALE] = { STMT_AUDIT_SCALE_INSERT, -1,
		STMT_AUDIT_SCALE_SELECT, STMT_AUDIT_SCALE_DELETE },
	[VT_KIND_AUDIT_AGENCY] = { STMT_AUDIT_AGENCY_INSERT, -1,
		STMT_AUDIT_AGENCY_SELECT, STMT_AUDIT_AGENCY_DELETE },
	[VT_KIND_AUDIT_GRADE] = { STMT_AUDIT_GRADE_INSERT, -1,
		STMT_AUDIT_GRADE_SELECT, STMT_AUDIT_GRADE_DELETE },
	/* section 11 self-assessments */
	[VT_KIND_S11] = { STMT_S11_INSERT, STMT_S11_UPDATE, STMT_S11_SELECT,
		-1 },
	[VT_KIND_S11_STANDARD] = { STMT_S11_STANDARD_INSERT, -1,
		STMT_S11_STANDARD_SELECT, STMT_S11_STANDARD_DELETE },
	[VT_KIND_S11_RATING] = { STMT_S11_RATING_INSERT, -1,
		STMT_S11_RATING_SELECT, STMT_S11_RATING_DELETE },
	[VT_KIND_S11_CHANGE] = { STMT_S11_CHANGE_INSERT, -1,
		STMT_S11_CHANGE_SELECT, STMT_S11_CHANGE_DELETE },
	/* after schema 17: voice reports (21) */
	[VT_KIND_VOICE] = { STMT_VOICE_INSERT, STMT_VOICE_UPDATE,
		STMT_VOICE_SELECT, -1 },
	[VT_KIND_VOICE_THEME] = { STMT_VOICE_THEME_INSERT, -1,
		STMT_VOICE_THEME_SELECT, STMT_VOICE_THEME_DELETE },
	[VT_KIND_VOICE_PRIORITY] = { STMT_VOICE_PRIORITY_INSERT, -1,
		STMT_VOICE_PRIORITY_SELECT, STMT_VOICE_PRIORITY_DELETE },
	[VT_KIND_VOICE_ACTION] = { STMT_VOICE_ACTION_INSERT, -1,
		STMT_VOICE_ACTION_SELECT, STMT_VOICE_ACTION_DELETE },
	/* the scrutiny plan (22) */
	[VT_KIND_SCRUTINY] = { STMT_SCRUTINY_INSERT, STMT_SCRUTINY_UPDATE,
		STMT_SCRUTINY_SELECT, -1 },
	[VT_KIND_SCRUTINY_FINDING] = { STMT_SCRUTINY_FINDING_INSERT, -1,
		STMT_SCRUTINY_FINDING_SELECT, STMT_SCRUTINY_FINDING_DELETE },
	/* the pooled budget (24) */
	[VT_KIND_BUDGET] = { STMT_BUDGET_INSERT, STMT_BUDGET_UPDATE,
		STMT_BUDGET_SELECT, -1 },
	[VT_KIND_BUDGET_CONTRIBUTION] = { STMT_BUDGET_CONTRIBUTION_INSERT, -1,
		STMT_BUDGET_CONTRIBUTION_SELECT,
		STMT_BUDGET_CONTRIBUTION_DELETE },
	[VT_KIND_BUDGET_SPEND] = { STMT_BUDGET_SPEND_INSERT, -1,
		STMT_BUDGET_SPEND_SELECT, STMT_BUDGET_SPEND_DELETE },
	/* the annual report's narrative (27) */
	[VT_KIND_NARRATIVE] = { STMT_NARRATIVE_INSERT, -1,
		STMT_NARRATIVE_SELECT, -1 },
	/* groups' members and their meetings (23) */
	[VT_KIND_GROUP_MEMBER] = { STMT_GROUP_MEMBER_INSERT, -1,
		STMT_GROUP_MEMBER_SELECT, STMT_GROUP_MEMBER_DELETE },
	[VT_KIND_MEETING] = { STMT_MEETING_INSERT, STMT_MEETING_UPDATE,
		STMT_MEETING_SELECT, -1 },
	[VT_KIND_MEETING_ITEM] = { STMT_MEETING_ITEM_INSERT, -1,
		STMT_MEETING_ITEM_SELECT, STMT_MEETING_ITEM_DELETE },
	[VT_KIND_MEETING_ATTENDANCE] = { STMT_MEETING_ATTENDANCE_INSERT, -1,
		STMT_MEETING_ATTENDANCE_SELECT,
		STMT_MEETING_ATTENDANCE_DELETE },
	[VT_KIND_MEETING_DECISION] = { STMT_MEETING_DECISION_INSERT, -1,
		STMT_MEETING_DECISION_SELECT, STMT_MEETING_DECISION_DELETE },
	[VT_KIND_MEETING_REPORT] = { STMT_MEETING_REPORT_INSERT, -1,
		STMT_MEETING_REPORT_SELECT, STMT_MEETING_REPORT_DELETE },
	[VT_KIND_POPULATION] = { STMT_POPULATION_INSERT, -1,
		STMT_POPULATION_SELECT, STMT_POPULATION_DELETE },
	[VT_KIND_PLAN_MEASURE] = { STMT_PLAN_MEASURE_INSERT, -1,
		STMT_PLAN_MEASURE_SELECT, STMT_PLAN_MEASURE_DELETE },
	[VT_KIND_BREAKDOWN] = { STMT_BREAKDOWN_INSERT, -1,
		STMT_BREAKDOWN_SELECT, STMT_BREAKDOWN_DELETE },
	[VT_KIND_CONTRIBUTOR] = { STMT_CONTRIBUTOR_INSERT, -1,
		STMT_CONTRIBUTOR_SELECT, STMT_CONTRIBUTOR_DELETE },
	/* the objectives a measure or an action serves (26) */
	[VT_KIND_MEASURE_OBJECTIVE] = { STMT_MEASURE_OBJECTIVE_INSERT, -1,
		STMT_MEASURE_OBJECTIVE_SELECT, STMT_MEASURE_OBJECTIVE_DELETE },
	[VT_KIND_ACTION_OBJECTIVE] = { STMT_ACTION_OBJECTIVE_INSERT, -1,
		STMT_ACTION_OBJECTIVE_SELECT, STMT_ACTION_OBJECTIVE_DELETE },
	[VT_KIND_ACTION_MEASURE] = { STMT_ACTION_MEASURE_INSERT, -1,
		STMT_ACTION_MEASURE_SELECT, STMT_ACTION_MEASURE_DELETE },
	[VT_KIND_ACTION_UPDATE] = { STMT_ACTION_UPDATE_INSERT, -1,
		STMT_ACTION_UPDATE_SELECT, STMT_ACTION_UPDATE_DELETE },
	[VT_KIND_CHALLENGE_RESPONSE] = { STMT_CHALLENGE_RESPONSE_INSERT, -1,
		STMT_CHALLENGE_RESPONSE_SELECT, STMT_CHALLENGE_RESPONSE_DELETE },
	[VT_KIND_NEIGHBOUR] = { STMT_NEIGHBOUR_INSERT, -1,
		STMT_NEIGHBOUR_SELECT, STMT_NEIGHBOUR_DELETE },
};

/* ------------------------------------------------------------------ */
/* Opening */

static enum vt_err version_row(void *arg, const struct vt_sqlval *cols,
			       size_t ncols)
{
	if (ncols < 1 || cols[0].type != VT_SQL_INT)
		return VT_EDB;
	*(int *)arg = (int)cols[0].i;
	return VT_OK;
}

enum vt_err vt_backend_schema_version(const struct vt_store_ops *ops,
				      void *conn, int *version)
{
	bool exists = false;
	enum vt_err result = ops->schema_exists(conn, &exists);

	*version = 0;
	if (result || !exists)
		return result;
	return ops->exec(conn, STMT_SCHEMA_VERSION, NULL, 0, version_row,
			 version);
}

static enum vt_err schema_version(struct vt_store *s, int *version)
{
	return vt_backend_schema_version(s->ops, s->conn, version);
}

enum vt_err vt_store_open(const char *where, enum vt_open_mode mode,
			  struct vt_store **out)
{
	struct vt_store *s = calloc(1, sizeof(*s));
	enum vt_err result;
	int version;

	if (!s)
		return VT_ENOMEM;
	/* The change log's hashes come from libsodium. */
	if (sodium_init() < 0) {
		free(s);
		return VT_ENOMEM;
	}
	s->ops = &vt_store_sqlite;
	if (vt_store_is_postgres(where)) {
#ifdef VT_WITH_PG
		s->ops = &vt_store_pg;
#else
		free(s);
		return VT_EINVAL;	/* built without PostgreSQL */
#endif
	}
	open_errmsg[0] = '\0';
	result = s->ops->open(where, mode == VT_OPEN_CREATE, &s->conn);
	if (result)
		goto fail;
	if (mode == VT_OPEN_EXISTING) {
		result = schema_version(s, &version);
		if (result)
			goto fail;
		if (version != vt_migrations_latest(s->ops->migrations)) {
			result = VT_ESCHEMA;
			goto fail;
		}
	}
	*out = s;
	return VT_OK;
fail:
	/* An engine may hand back a failed connection to say why. */
	if (s->conn)
		snprintf(open_errmsg, sizeof(open_errmsg), "%s",
			 s->ops->errmsg(s->conn));
	vt_store_close(s);
	return result;
}

enum vt_err vt_store_health(struct vt_store *s)
{
	enum vt_err result;
	int version;

	result = schema_version(s, &version);
	if (!result && version != vt_migrations_latest(s->ops->migrations))
		result = VT_ESCHEMA;
	if (!result)
		result = s->ops->health(s->conn);
	return result;
}

const char *vt_store_open_errmsg(void)
{
	return open_errmsg;
}

int vt_migrations_latest(const struct vt_migration *m)
{
	int latest = 0;

	for (; m->sql; m++)
		latest = m->number;
	return latest;
}

bool vt_store_is_postgres(const char *where)
{
	return strncmp(where, "postgresql://", 13) == 0 ||
	       strncmp(where, "postgres://", 11) == 0;
}

const char *vt_store_engine(const struct vt_store *s)
{
	return s->ops->name;
}

void vt_store_close(struct vt_store *s)
{
	if (!s)
		return;
	if (s->conn)
		s->ops->close(s->conn);
	free(s);
}

const char *vt_store_errmsg(const struct vt_store *s)
{
	return s && s->conn ? s->ops->errmsg(s->conn) : "no database";
}

/*
 * Every migration newer than the database's schema, in one transaction:
 * two servers starting at once do not both migrate (the write lock), and
 * a failed step leaves the schema as it was.
 */
enum vt_err vt_store_migrate(struct vt_store *s, int *from, int *to)
{
	const struct vt_store_ops *o = s->ops;
	const struct vt_migration *m;
	int version = 0;
	enum vt_err result;

	result = o->begin(s->conn);
	if (!result)
		result = schema_version(s, &version);
	if (!result && !version)
		result = o->refuse_foreign(s->conn);
	*from = version;
	for (m = o->migrations; !result && m->sql; m++) {
		char at[VT_TIMESTAMP_MAX];
		struct vt_sqlval params[2] = {
			{ .type = VT_SQL_INT, .i = m->number },
			{ .type = VT_SQL_TEXT, .s = at },
		};

		if (m->number <= version)
			continue;
		vt_clock_now(at);
		result = o->script(s->conn, m->sql, m->name);
		if (!result)
			result = o->exec(s->conn, STMT_SCHEMA_RECORD, params, 2,
					 NULL, NULL);
		if (!result)
			version = m->number;
	}
	if (!result)
		result = o->commit(s->conn);
	if (result) {
		o->rollback(s->conn);
		return result;
	}
	*to = version;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* Records to parameters and rows to records */

/* Fill 'params' from the record's plain fields; returns how many. */
static size_t record_params(enum vt_kind kind, const void *rec,
			    struct vt_sqlval *params)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, n = 0;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];
		struct vt_sqlval *p = &params[n];

		memset(p, 0, sizeof(*p));
		switch (f->type) {
		case VT_FT_LIST:
			continue;
		case VT_FT_INT:
			p->type = VT_SQL_INT;
			p->i = *vt_field_int((void *)rec, f);
			break;
		case VT_FT_REAL:
			p->d = *vt_field_real((void *)rec, f);
			p->type = isnan(p->d) ? VT_SQL_NULL : VT_SQL_REAL;
			break;
		case VT_FT_BOOL:
			p->type = VT_SQL_INT;
			p->i = *vt_field_bool((void *)rec, f);
			break;
		case VT_FT_ENUM:
			p->type = VT_SQL_TEXT;
			p->s = f->names[*vt_field_enum((void *)rec, f)];
			break;
		default:
			p->s = *vt_field_text((void *)rec, f);
			p->type = p->s ? VT_SQL_TEXT : VT_SQL_NULL;
			break;
		}
		n++;
	}
	return n;
}

static int enum_lookup(const char *const *names, const char *s)
{
	int i;

	for (i = 0; s && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* One plain field of a record from its column. */
static enum vt_err field_from_col(void *rec, const struct vt_field *f,
				  const struct vt_sqlval *v)
{
	int idx;

	switch (f->type) {
	case VT_FT_INT:
		*vt_field_int(rec, f) = v->i;
		break;
	case VT_FT_REAL:
		*vt_field_real(rec, f) = v->type == VT_SQL_NULL ? NAN : v->d;
		break;
	case VT_FT_BOOL:
		*vt_field_bool(rec, f) = v->i != 0;
		break;
	case VT_FT_ENUM:
		idx = enum_lookup(f->names, v->s);
		if (idx < 0)
			return VT_EDB;
		*vt_field_enum(rec, f) = idx;
		break;
	default:
		if (v->type == VT_SQL_NULL)
			break;
		if (v->type != VT_SQL_TEXT)
			return VT_EDB;
		*vt_field_text(rec, f) = strdup(v->s);
		if (!*vt_field_text(rec, f))
			return VT_ENOMEM;
		break;
	}
	return VT_OK;
}

/*
 * Fill a zeroed record's plain fields from columns 'cols': every one in
 * the entity's order, or with 'only', those fields in order (to NULL).
 */
static enum vt_err record_from_row(enum vt_kind kind, void *rec,
				   const struct vt_sqlval *cols, size_t ncols,
				   const struct vt_field *const *only)
{
	const struct vt_entity *e = vt_entity_of(kind);
	size_t i, c = 0;
	enum vt_err result = VT_OK;

	for (; only && *only && !result; only++) {
		if (c >= ncols)
			return VT_EDB;
		result = field_from_col(rec, *only, &cols[c++]);
	}
	for (i = 0; !only && i < e->nfields && !result; i++) {
		const struct vt_field *f = &e->fields[i];

		if (f->type == VT_FT_LIST)
			continue;
		if (c >= ncols)
			return VT_EDB;
		result = field_from_col(rec, f, &cols[c++]);
	}
	return result;
}

/* A parent record and its key as its children's rows name it. */
struct keyed {
	const char *key;
	void *rec;
};

struct read_ctx {
	struct vt_def *def;
	enum vt_kind kind;
	enum vt_kind parent;
	const struct vt_field *list;	/* the parent's field holding us */
	/* Children come grouped by parent: the last one found is likely
	   the next one's too; others are looked up in 'sorted' (the
	   parents by key), so reading stays n log n. */
	size_t last;			/* index into 'sorted' + 1 */
	struct keyed *sorted;
	size_t nsorted;
	const struct vt_field *const *only;	/* a lean read's fields */
};

static enum vt_err toplevel_row(void *arg, const struct vt_sqlval *cols,
				size_t ncols)
{
	struct read_ctx *r = arg;
	void *rec;
	enum vt_err result;

	result = vt_def_append(r->def, r->kind, &rec);
	if (result)
		return result;
	return record_from_row(r->kind, rec, cols, ncols, r->only);
}

/* The longest key a child row names its parent by: two codes and '/'. */
#define PARENT_KEY_MAX 160

/*
 * The key of a parent record as its children's rows name it: its first
 * field (a code), or, for a record keyed by two codes (a section 11
 * self-assessment: agency and cycle), both joined by '/' in 'buf'.
 */
static bool two_keys(const struct vt_entity *e)
{
	return e->nfields >= 2 && (e->fields[1].flags & VT_FF_KEY) &&
	       vt_field_is_text(&e->fields[1]);
}

static const char *parent_key(enum vt_kind kind, const void *rec, char *buf)
{
	const struct vt_entity *e = vt_entity_of(kind);
	const char *k = *vt_field_text((void *)rec, &e->fields[0]);
	const char *k2;

	if (!two_keys(e))
		return k ? k : "";
	k2 = *vt_field_text((void *)rec, &e->fields[1]);
	snprintf(buf, PARENT_KEY_MAX, "%s/%s", k ? k : "", k2 ? k2 : "");
	return buf;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key,
		      ((const struct keyed *)b)->key);
}

/* The parent keyed 'key', by binary search; its index + 1 into '*at'. */
static void *find_parent(struct read_ctx *r, const char *key)
{
	size_t lo = 0, hi = r->nsorted;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->sorted[mid].key, key);

		if (!c) {
			r->last = mid + 1;
			return r->sorted[mid].rec;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static enum vt_err child_row(void *arg, const struct vt_sqlval *cols,
			     size_t ncols)
{
	struct read_ctx *r = arg;
	const struct vt_entity *c = vt_entity_of(r->kind);
	void *parent;
	char *items, *item;
	size_t n;

	if (ncols < 1 || cols[0].type != VT_SQL_TEXT)
		return VT_EDB;
	parent = r->last && !strcmp(r->sorted[r->last - 1].key, cols[0].s) ?
		 r->sorted[r->last - 1].rec : find_parent(r, cols[0].s);
	if (!parent)
		return VT_EDB;
	n = *vt_field_count(parent, r->list);
	items = realloc(*vt_field_list(parent, r->list), (n + 1) * c->size);
	if (!items)
		return VT_ENOMEM;
	*vt_field_list(parent, r->list) = items;
	item = items + n * c->size;
	memset(item, 0, c->size);
	vt_record_defaults(r->kind, item);
	*vt_field_count(parent, r->list) = n + 1;
	return record_from_row(r->kind, item, cols + 1, ncols - 1, NULL);
}

/* Whether 'name' is among 'names' (NULL: every name is). */
static bool named(const char *const *names, const char *name)
{
	for (; names && *names; names++)
		if (!strcmp(*names, name))
			return true;
	return !names;
}

/*
 * The lists of every 'parent' read, or only those named in 'lists'.  Each
 * parent's key is made once (into 'keys' when it joins two codes), then
 * the parents are sorted by it for the children's rows to find them.
 */
static enum vt_err read_children(struct vt_store *s, struct vt_def *def,
				 enum vt_kind parent,
				 const char *const *lists)
{
	const struct vt_entity *e = vt_entity_of(parent);
	size_t n = vt_def_count(def, parent), i;
	enum vt_err result = VT_OK;
	struct keyed *sorted;
	char *keys = NULL;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].type == VT_FT_LIST &&
		    named(lists, e->fields[i].name))
			break;
	if (i == e->nfields)
		return VT_OK;	/* no lists to read */
	sorted = calloc(n ? n : 1, sizeof(*sorted));
	if (!sorted)
		return VT_ENOMEM;
	if (n && two_keys(e) && !(keys = malloc(n * PARENT_KEY_MAX))) {
		free(sorted);
		return VT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		sorted[i].rec = vt_def_at(def, parent, i);
		sorted[i].key = parent_key(parent, sorted[i].rec,
					   keys ? keys + i * PARENT_KEY_MAX : NULL);
	}
	/* Read in key order already (an import's measures): no sort. */
	for (i = 1; i < n && by_key(&sorted[i - 1], &sorted[i]) < 0; i++)
		;
	if (i < n)
		qsort(sorted, n, sizeof(*sorted), by_key);
	for (i = 0; i < e->nfields && !result; i++) {
		const struct vt_field *f = &e->fields[i];
		struct read_ctx r = { def, f->child, parent, f, 0, sorted, n,
				      NULL };

		if (f->type != VT_FT_LIST || !named(lists, f->name))
			continue;
		result = s->ops->exec(s->conn, vt_kind_stmts[f->child].select,
				      NULL, 0, child_row, &r);
	}
	free(keys);
	free(sorted);
	return result;
}

/* Read everything, assuming the caller holds a transaction if it needs one. */
static enum vt_err read_all(struct vt_store *s, struct vt_def *def,
			    bool values)
{
	enum vt_err result = VT_OK;
	size_t k;

	for (k = 0; k < VT_KIND_TOPLEVEL && !result; k++) {
		if (k == VT_KIND_VALUE && !values)
			continue;
		struct read_ctx r = { def, k, k, NULL, 0, NULL, 0, NULL };

		result = s->ops->exec(s->conn, vt_kind_stmts[k].select, NULL,
				      0, toplevel_row, &r);
		if (!result)
			result = read_children(s, def, k, NULL);
	}
	return result;
}

enum vt_err vt_store_read_def(struct vt_store *s, struct vt_def *out)
{
	struct vt_def def;
	enum vt_err result;

	vt_def_init(&def);
	result = read_all(s, &def, true);
	if (result) {
		vt_def_release(&def);
		return result;
	}
	*out = def;
	return VT_OK;
}

enum vt_err vt_store_read_meta(struct vt_store *s, struct vt_def *out)
{
	struct vt_def def;
	enum vt_err result;

	vt_def_init(&def);
	result = read_all(s, &def, false);
	if (result) {
		vt_def_release(&def);
		return result;
	}
	*out = def;
	return VT_OK;
}

/*
 * What an import reads of one kind: the statement giving its rows (-1:
 * the kind's own, every field), the fields that statement gives, and the
 * lists read with it (NULL: every list).
 */
struct import_read {
	enum vt_kind kind;
	int select;
	const char *const *fields;
	const char *const *lists;
};

#define MAX_LEAN_FIELDS 8

static const char *const no_lists[] = { NULL };
static const char *const measure_fields[] = {
	"code", "agency", "unit", "frequency", "numerator", "denominator",
	"derive", NULL
};
static const char *const measure_lists[] = {
	"breakdowns", "contributors", NULL
};

/*
 * Each kind the import looks at, and no other: a figure is checked
 * against its agency, its measure (whose owner, unit, frequency, parts,
 * breakdowns and whether it is derived) and its return (locked, opened early); a narrative
 * against its agency, priority and plan; the returns and narratives it
 * writes follow the stored ones in full; the partnership dates them.
 */
static const struct import_read import_reads[] = {
	{ VT_KIND_PARTNERSHIP, -1, NULL, NULL },
	{ VT_KIND_AGENCY, -1, NULL, NULL },
	{ VT_KIND_PLAN, -1, NULL, no_lists },
	{ VT_KIND_PRIORITY, -1, NULL, no_lists },
	{ VT_KIND_MEASURE, STMT_MEASURE_SELECT_IMPORT, measure_fields,
	  measure_lists },
	{ VT_KIND_RETURN, -1, NULL, NULL },
	{ VT_KIND_IMPACT, -1, NULL, NULL },
};

enum vt_err vt_store_read_import_meta(struct vt_store *s, struct vt_def *out)
{
	struct vt_def def;
	enum vt_err result = VT_OK;
	size_t i;

	vt_def_init(&def);
	for (i = 0; i < sizeof(import_reads) / sizeof(*import_reads) &&
		    !result; i++) {
		const struct import_read *ir = &import_reads[i];
		const struct vt_field *fields[MAX_LEAN_FIELDS + 1] = { NULL };
		struct read_ctx r = { &def, ir->kind, ir->kind, NULL, 0, NULL,
				      0, ir->fields ? fields : NULL };
		int select = ir->select >= 0 ? ir->select
					     : vt_kind_stmts[ir->kind].select;
		size_t j;

		for (j = 0; ir->fields && ir->fields[j] && !result; j++)
			if (j >= MAX_LEAN_FIELDS ||
			    !(fields[j] = vt_field_named(ir->kind,
							 ir->fields[j])) ||
			    fields[j]->type == VT_FT_LIST)
				result = VT_EDB;
		if (!result)
			result = s->ops->exec(s->conn, (enum vt_stmt)select,
					      NULL, 0, toplevel_row, &r);
		if (!result)
			result = read_children(s, &def, ir->kind, ir->lists);
	}
	if (result) {
		vt_def_release(&def);
		return result;
	}
	*out = def;
	return VT_OK;
}

int vt_store_fy_start(struct vt_store *s)
{
	const struct vt_partnership *p;
	struct vt_def meta;
	int fy = 4;

	vt_def_init(&meta);
	if (!read_all(s, &meta, false) &&
	    vt_def_count(&meta, VT_KIND_PARTNERSHIP)) {
		p = vt_def_at(&meta, VT_KIND_PARTNERSHIP, 0);
		if (vt_fy_start_month_valid((int)p->fy_start_month))
			fy = (int)p->fy_start_month;
	}
	vt_def_release(&meta);
	return fy;
}

/* ------------------------------------------------------------------ */
/* Writing */

static enum vt_err write_children(struct vt_store *s, enum vt_kind kind,
				  const void *rec, const char *key, bool old)
{
	const struct vt_entity *e = vt_entity_of(kind);
	struct vt_sqlval params[MAX_PARAMS];
	size_t i, j;
	enum vt_err result;

	for (i = 0; i < e->nfields; i++) {
		const struct vt_field *f = &e->fields[i];
		const struct vt_entity *c;
		const char *items;

		if (f->type != VT_FT_LIST)
			continue;
		c = vt_entity_of(f->child);
		items = *vt_field_list((void *)rec, f);
		params[0] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = key };
		if (old) {
			result = s->ops->exec(s->conn,
					      vt_kind_stmts[f->child].remove,
					      params, 1, NULL, NULL);
			if (result)
				return result;
		}
		for (j = 0; j < *vt_field_count((void *)rec, f); j++) {
			size_t n;

			params[1] = (struct vt_sqlval){ .type = VT_SQL_INT,
							.i = (int64_t)j };
			n = record_params(f->child, items + j * c->size,
					  params + 2);
			result = s->ops->exec(s->conn,
					      vt_kind_stmts[f->child].insert,
					      params, n + 2, NULL, NULL);
			if (result)
				return result;
		}
	}
	return VT_OK;
}

enum vt_err vt_store_write_record(struct vt_store *s, enum vt_kind kind,
				  const void *rec, bool exists)
{
	struct vt_sqlval params[MAX_PARAMS];
	size_t n = record_params(kind, rec, params);
	int stmt = exists ? vt_kind_stmts[kind].update
			  : vt_kind_stmts[kind].insert;
	enum vt_err result;
	char key[PARENT_KEY_MAX];

	if (stmt < 0)
		return VT_ECONFLICT;	/* values are never updated */
	result = s->ops->exec(s->conn, (enum vt_stmt)stmt, params, n, NULL,
			      NULL);
	if (result)
		return result;
	/* The key (the first field, or two joined): the parent column of
	   every list. */
	return write_children(s, kind, rec, parent_key(kind, rec, key),
			      exists);
}
