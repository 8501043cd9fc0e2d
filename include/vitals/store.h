/* The database: open, migrate, load and read definitions, verify the log. */
#ifndef VITALS_STORE_H
#define VITALS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitals/error.h"
#include "vitals/model.h"

/*
 * A store is one open database (a SQLite file today).  Callers never see
 * SQL: every statement lives in the engine's backend.  A store is used by
 * one thread at a time.
 */
struct vt_store;

enum vt_open_mode {
	VT_OPEN_EXISTING,	/* refuse a missing or unmigrated database */
	VT_OPEN_CREATE,		/* create the file if needed; do not migrate */
};

/*
 * Open the database at 'where' (a file path, or postgresql://...).
 * VT_ENOTFOUND when it does not exist and mode is VT_OPEN_EXISTING (or a
 * PostgreSQL server cannot be reached); VT_ESCHEMA when it exists but
 * needs 'vitals init'.  '*out' is freed with vt_store_close().  After a
 * failure, vt_store_open_errmsg() gives the engine's reason.
 */
VT_MUST_USE
enum vt_err vt_store_open(const char *where, enum vt_open_mode mode,
			  struct vt_store **out);

/* Why this thread's last vt_store_open() failed ("" when it did not). */
const char *vt_store_open_errmsg(void);
void vt_store_close(struct vt_store *s);

/* Whether 'where' names a PostgreSQL database (postgresql://...). */
bool vt_store_is_postgres(const char *where);

/* "sqlite" or "postgresql". */
const char *vt_store_engine(const struct vt_store *s);

/* The engine's last message, for the error line; never NULL. */
const char *vt_store_errmsg(const struct vt_store *s);

/*
 * Whether the database answers for reading and writing: its schema is
 * current, its pages are sound (SQLite's quick check) and it is not
 * read-only.  VT_OK, or the error with vt_store_errmsg() saying why.
 */
VT_MUST_USE
enum vt_err vt_store_health(struct vt_store *s);

/*
 * Bring the schema up to date (idempotent).  '*from' and '*to' receive the
 * schema versions before and after.
 */
VT_MUST_USE
enum vt_err vt_store_migrate(struct vt_store *s, int *from, int *to);

/* Everything the database holds, in the order it was first recorded. */
VT_MUST_USE
enum vt_err vt_store_read_def(struct vt_store *s, struct vt_def *out);

/* The stored partnership's financial-year start month (April, 4, when
   there is none yet), to read the periods people write. */
int vt_store_fy_start(struct vt_store *s);

struct vt_load_summary {
	size_t added[VT_KIND_TOPLEVEL];
	size_t changed[VT_KIND_TOPLEVEL];
	size_t unchanged[VT_KIND_TOPLEVEL];
	/* Fields the file left out and the store kept (VT_FF_KEEP): the
	   partnership's "la_code", say.  Borrowed from the field tables. */
	const char *kept[8];
	enum vt_kind kept_kind[8];
	size_t nkept;
};

/*
 * Check 'def' against itself and what the database holds and, when there
 * is no problem, write it in one transaction: new keys are added, changed
 * records replaced (values get a new version instead), every write goes to
 * the change log under 'who'.  With any problem in ck->dq (including ones
 * found while the file was read, so that one run reports them all)
 * nothing is written and the result is VT_EINVAL.  ck->base is set by
 * this call.  With 'dry_run' everything is checked and counted, then
 * rolled back.
 */
VT_MUST_USE
enum vt_err vt_store_load_def(struct vt_store *s, const struct vt_def *def,
			      struct vt_check *ck, const char *who,
			      int dry_run, struct vt_load_summary *sum);

/*
 * Recompute the change log's hash chain.  '*entries' receives the number
 * of entries; '*first_bad' the id of the first entry whose hash or link
 * does not match (0 when the chain is intact).
 */
VT_MUST_USE
enum vt_err vt_store_log_verify(struct vt_store *s, size_t *entries,
				int64_t *first_bad);

/* One entry of the change log; 'before' is NULL for an addition. */
struct vt_log_entry {
	int64_t id;
	const char *at, *who, *entity, *key;
	const char *before, *after;	/* the record's canonical JSON */
};

typedef enum vt_err (*vt_log_fn)(void *arg, const struct vt_log_entry *e);

/*
 * The hash of the newest change-log entry ("" for none): every change to
 * the partnership's data is logged, so two equal heads mean the same
 * data; a server keeps pages made from it until the head moves.
 */
VT_MUST_USE
enum vt_err vt_store_log_head(struct vt_store *s, char out[65]);

/* Call 'fn' for every entry, oldest first; its error stops the walk. */
VT_MUST_USE
enum vt_err vt_store_log_each(struct vt_store *s, vt_log_fn fn, void *arg);

#endif
