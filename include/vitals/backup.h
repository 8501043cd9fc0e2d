/* Backups: a consistent copy of a database, and a database made from one. */
#ifndef VITALS_BACKUP_H
#define VITALS_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "vitals/defjson.h"
#include "vitals/diag.h"
#include "vitals/error.h"
struct vt_store;
struct vt_load_summary;

/* What a backup file holds, told by its first bytes. */
enum vt_backup_form {
	VT_BACKUP_COPY,		/* a SQLite database ("SQLite format 3\0") */
	VT_BACKUP_PORTABLE,	/* a JSON dump, as 'vitals export' writes */
	VT_BACKUP__MAX
};

/*
 * The form of the file at 'path'.  VT_EIO when it cannot be read,
 * VT_EINVAL when it is neither form.
 */
VT_MUST_USE
enum vt_err vt_backup_form_of(const char *path, enum vt_backup_form *out);

/* Whether vt_store_backup() can copy this store (its engine keeps a file). */
bool vt_store_can_copy(const struct vt_store *s);

/*
 * Copy the database, as one snapshot taken while other processes may
 * write, into the SQLite file 'path'.  The copy is made beside it as
 * 'path'.tmp, checked (PRAGMA integrity_check) and renamed into place, so
 * a failed backup never leaves half a file.  VT_EINVAL when the engine
 * keeps no file (PostgreSQL: use vt_store_backup_portable()),
 * VT_ECONFLICT when 'path' has a -wal or -journal file beside it (a
 * database in use), VT_EDB with vt_store_errmsg() otherwise (also when
 * the copy fails its integrity check).
 */
VT_MUST_USE
enum vt_err vt_store_backup(struct vt_store *s, const char *path);

/*
 * Write everything but the change log to 'path' as vt_defjson_dump()
 * does for 'vitals export', read in one write transaction (so that it is
 * one consistent state: it waits for a write in progress) and written
 * beside it, flushed and renamed into place.  '*bytes' receives its size.
 * VT_ETOOBIG when it is larger than a restore would read
 * (VT_DEFJSON_MAX_BYTES): nothing is written.  VT_ECONFLICT as for
 * vt_store_backup().
 */
VT_MUST_USE
enum vt_err vt_store_backup_portable(struct vt_store *s, const char *path,
				     size_t *bytes);

struct vt_restore_summary {
	int schema_from;	/* the copy's schema version ... */
	int schema_to;		/* ... and after migrating it */
	size_t log_entries;	/* change log entries, chain verified */
};

/*
 * Create the SQLite database 'target' from the SQLite backup 'path' with
 * the online backup API, checked before it is put in place: a vitals
 * database of a schema this version knows (an older one is migrated),
 * sound (PRAGMA integrity_check) and with an intact change log.  It is
 * built as 'target'.tmp and linked into place only when all is well.
 * Refusals (the target or a -wal/-journal of it exists; the file is not
 * a vitals database, is damaged or newer, or its log does not verify) go
 * to 'dq' and give VT_EINVAL; other failures give VT_EDB or VT_EIO with
 * a message in 'dq' too.  Nothing is left behind on any failure.
 */
VT_MUST_USE
enum vt_err vt_store_restore_copy(const char *path, const char *target,
				  struct vt_diagq *dq,
				  struct vt_restore_summary *sum);

/*
 * Load a portable dump, read into 'def' from 'src' (problems found while
 * reading in 'dq'), into the empty store 's' in one transaction, as
 * vt_store_load_def() does.  The change log starts afresh: its first
 * entry records the restore (entity "restore": the file's name, size and
 * SHA-256), then one entry per record written.  VT_ECONFLICT when 's'
 * already holds any record; VT_EINVAL with every problem in 'dq'.
 * Nothing is written unless the result is VT_OK.
 */
VT_MUST_USE
enum vt_err vt_store_restore_dump(struct vt_store *s, struct vt_defsrc *src,
				  const struct vt_def *def,
				  struct vt_diagq *dq, const char *who,
				  struct vt_load_summary *sum);

#endif
