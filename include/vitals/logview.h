/* The change log as a list: its filters read from a query, the latest entries newest first, each as JSON. */
#ifndef VITALS_LOGVIEW_H
#define VITALS_LOGVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/query.h"
#include "vitals/store.h"

/* Which entries a list shows. */
struct vt_log_filter {
	const char *entity;	/* "measure", "import", ...; NULL for all */
	const char *key;	/* one record's key; NULL for all */
};

/* The i-th of the entities the log records (kinds of record, then
   "import" and "restore"), NULL past the last. */
const char *vt_log_entity_name(size_t i);

/*
 * The change log list's filters from 'q': "entity" (a kind of record, or
 * "import" or "restore": what the log records) and "key".  An entity the
 * log never records is a problem about its field in 'dq' (VT_EINVAL).
 * The filter borrows from 'q'.
 */
VT_MUST_USE
enum vt_err vt_log_filter_read(const struct vt_query *q,
			       struct vt_log_filter *f, struct vt_diagq *dq);
/* Whether the list shows 'e' ('f' NULL: every entry). */
bool vt_log_filter_match(const struct vt_log_filter *f,
			 const struct vt_log_entry *e);

/* The latest entries that match, newest first. */
struct vt_log_list {
	struct vt_log_entry *entries;	/* owned, strings and all */
	size_t n;
	size_t matched;			/* all that matched, shown or not */
};

/* The latest 'limit' entries of the log that 'f' lets through. */
VT_MUST_USE
enum vt_err vt_log_latest(struct vt_store *s, const struct vt_log_filter *f,
			  size_t limit, struct vt_log_list *out);
void vt_log_list_release(struct vt_log_list *l);

/* {"id", "at", "who", "entity", "key", "change", "before", "after"}: the
   record before and after as objects (null for none).  NULL when out of
   memory. */
json_t *vt_log_entry_json(const struct vt_log_entry *e);

#endif
