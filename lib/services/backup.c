/* Backups: file copies by the engine's online backup, portable dumps, restores. */
#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "vitals/backup.h"
#include "store/migrations.h"
#include "store/store.h"

static const char sqlite_magic[16] = "SQLite format 3";	/* with its NUL */

/* The files SQLite may keep beside a database, and the database itself. */
static const char *const db_suffixes[] = { "", "-wal", "-shm", "-journal" };

#define NSUFFIXES (sizeof(db_suffixes) / sizeof(db_suffixes[0]))

/* 'path' followed by 'suffix', or NULL when out of memory. */
static char *with_suffix(const char *path, const char *suffix)
{
	size_t len = strlen(path) + strlen(suffix) + 1;
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%s%s", path, suffix);
	return s;
}

static bool exists(const char *path, const char *suffix)
{
	char *p = with_suffix(path, suffix);
	bool found = !p || access(p, F_OK) == 0;	/* no memory: assume so */

	free(p);
	return found;
}

/*
 * A -wal or -journal beside 'path' belongs to a database in use (or one
 * that crashed): SQLite would replay it over whatever is put at 'path'.
 */
static bool in_use(const char *path)
{
	return exists(path, "-wal") || exists(path, "-journal");
}

/* Remove a database file made here and whatever SQLite left beside it. */
static void remove_db(const char *path)
{
	size_t i;

	for (i = 0; i < NSUFFIXES; i++) {
		char *p = with_suffix(path, db_suffixes[i]);

		if (p)
			unlink(p);
		free(p);
	}
}

enum vt_err vt_backup_form_of(const char *path, enum vt_backup_form *out)
{
	unsigned char head[sizeof(sqlite_magic)];
	FILE *f = fopen(path, "rb");
	size_t n, i;
	int error;

	if (!f)
		return VT_EIO;
	n = fread(head, 1, sizeof(head), f);
	error = ferror(f);
	fclose(f);
	if (error)
		return VT_EIO;
	if (n == sizeof(head) &&
	    memcmp(head, sqlite_magic, sizeof(sqlite_magic)) == 0) {
		*out = VT_BACKUP_COPY;
		return VT_OK;
	}
	/* A dump is a JSON object, perhaps after a byte order mark. */
	i = n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < n && strchr(" \t\r\n", head[i]))
		i++;
	if (i < n && head[i] == '{') {
		*out = VT_BACKUP_PORTABLE;
		return VT_OK;
	}
	return VT_EINVAL;
}

bool vt_store_can_copy(const struct vt_store *s)
{
	return s->ops->backup != NULL;
}

/* ------------------------------------------------------------------ */
/* Backing up */

enum vt_err vt_store_backup(struct vt_store *s, const char *path)
{
	char *tmp;
	enum vt_err result;

	if (!s->ops->backup)
		return VT_EINVAL;
	if (in_use(path))
		return VT_ECONFLICT;
	tmp = with_suffix(path, ".tmp");
	if (!tmp)
		return VT_ENOMEM;
	remove_db(tmp);		/* what a killed backup left */
	result = s->ops->backup(s->conn, tmp);
	if (result == VT_EINVAL)
		result = VT_EDB;	/* the database itself is damaged */
	if (!result && rename(tmp, path) != 0)
		result = VT_EIO;
	if (result)
		remove_db(tmp);
	free(tmp);
	return result;
}

/* Write 'len' bytes beside 'path', flush them to disk and rename. */
static enum vt_err write_atomically(const char *path, const char *text,
				    size_t len)
{
	char *tmp = with_suffix(path, ".tmp");
	FILE *f;
	bool ok;

	if (!tmp)
		return VT_ENOMEM;
	f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		return VT_EIO;
	}
	ok = fwrite(text, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	/* A backup must survive a crash just after it was reported. */
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok ? VT_OK : VT_EIO;
}

enum vt_err vt_store_backup_portable(struct vt_store *s, const char *path,
				     size_t *bytes)
{
	struct vt_def def;
	char *text = NULL;
	size_t len = 0;
	enum vt_err result;

	if (in_use(path))
		return VT_ECONFLICT;
	vt_def_init(&def);
	/*
	 * The read is several queries; inside the write transaction no
	 * write can commit between them.  (The backends offer no read-only
	 * snapshot; the lock is held only while reading.)
	 */
	result = s->ops->begin(s->conn);
	if (result)
		return result;
	result = vt_store_read_def(s, &def);
	s->ops->rollback(s->conn);
	if (!result)
		result = vt_defjson_dump(&def, &text);
	if (!result) {
		len = strlen(text);
		/* A dump 'vitals restore' would refuse is no backup. */
		if (len > VT_DEFJSON_MAX_BYTES)
			result = VT_ETOOBIG;
	}
	if (!result)
		result = write_atomically(path, text, len);
	if (!result)
		*bytes = len;
	free(text);
	vt_def_release(&def);
	return result;
}

/* ------------------------------------------------------------------ */
/* Restoring a copy */

/* Add one problem about 'source' to 'dq'; returns 'result'. */
static enum vt_err refuse(struct vt_diagq *dq, const char *source,
			  enum vt_err result, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static enum vt_err refuse(struct vt_diagq *dq, const char *source,
			  enum vt_err result, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	enum vt_err r;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r = vt_diag_add(dq, VT_SEV_ERROR, source, 0, 0, "%s", msg);
	return r ? r : result;
}

/* Check the copy at 'tmp' as a database: migrate it, verify its log. */
static enum vt_err settle_copy(const char *path, const char *tmp,
			       struct vt_diagq *dq,
			       struct vt_restore_summary *sum)
{
	struct vt_store *s = NULL;
	int64_t first_bad = 0;
	enum vt_err result;

	/* Opened as new: a vitals database is in WAL mode from its start. */
	result = vt_store_open(tmp, VT_OPEN_CREATE, &s);
	if (!result)
		result = vt_store_migrate(s, &sum->schema_from,
					  &sum->schema_to);
	if (!result)
		result = vt_store_log_verify(s, &sum->log_entries,
					     &first_bad);
	if (result) {
		result = refuse(dq, path, result == VT_ENOMEM ? result :
				VT_EDB, "cannot open the copy of '%s': %s",
				path, result == VT_EDB ? vt_store_errmsg(s) :
				vt_strerror(result));
	} else if (first_bad) {
		result = refuse(dq, path, VT_EINVAL,
				"the change log in '%s' does not verify from "
				"entry %" PRId64 " on (it or an entry before "
				"it was altered or removed); not restored",
				path, first_bad);
	}
	vt_store_close(s);
	return result;
}

/* Put 'tmp' at 'target' only if nothing is there. */
static enum vt_err place_copy(const char *tmp, const char *target,
			      struct vt_diagq *dq)
{
	if (link(tmp, target) == 0)
		return VT_OK;
	if (errno == EEXIST)
		return refuse(dq, target, VT_EINVAL,
			      "database '%s' appeared during the restore; "
			      "nothing was changed", target);
	/* File systems without hard links: no atomic check, a near one. */
	if (access(target, F_OK) == 0)
		return refuse(dq, target, VT_EINVAL,
			      "database '%s' appeared during the restore; "
			      "nothing was changed", target);
	if (rename(tmp, target) != 0)
		return refuse(dq, target, VT_EIO, "cannot create '%s': %s",
			      target, strerror(errno));
	return VT_OK;
}

enum vt_err vt_store_restore_copy(const char *path, const char *target,
				  struct vt_diagq *dq,
				  struct vt_restore_summary *sum)
{
	const struct vt_store_ops *ops = &vt_store_sqlite;
	struct vt_restore_summary got = { 0, 0, 0 };
	enum vt_backup_form form;
	void *conn = NULL;
	char *tmp = NULL;
	int version, latest = vt_migrations_latest(ops->migrations);
	enum vt_err result;

	if (vt_store_is_postgres(target)) {
		result = vt_diag_add_field(dq, VT_SEV_ERROR, path, 0, 0,
			"portable", "'%s' is a SQLite backup: it is restored "
			"into a SQLite database, not '%s'; for PostgreSQL make "
			"a portable dump of it and restore that", path, target);
		return result ? result : VT_EINVAL;
	}
	if (exists(target, "") || in_use(target))
		return refuse(dq, target, VT_EINVAL,
			"database '%s' already exists (or a -wal or -journal "
			"file of it does); a backup is restored only into a "
			"new file: remove it or choose another database", target);
	result = vt_backup_form_of(path, &form);
	if (result == VT_EIO)
		return refuse(dq, path, VT_EIO, "cannot read '%s': %s", path,
			      strerror(errno));
	if (result || form != VT_BACKUP_COPY)
		return refuse(dq, path, VT_EINVAL,
			      "'%s' is not a SQLite database", path);
	tmp = with_suffix(target, ".tmp");
	if (!tmp)
		return VT_ENOMEM;
	remove_db(tmp);
	/* Open as it is: no check of the version yet, nothing written. */
	result = ops->open(path, false, &conn);
	if (!result)
		result = vt_backend_schema_version(ops, conn, &version);
	if (result == VT_ENOMEM)
		goto out;
	if (result) {
		result = refuse(dq, path, VT_EINVAL,
				"'%s' cannot be read as a SQLite database "
				"(damaged or cut short)%s%s", path,
				conn ? ": " : "", conn ? ops->errmsg(conn) : "");
		goto out;
	}
	if (version == 0) {
		result = refuse(dq, path, VT_EINVAL,
			"'%s' is a SQLite database but not a vitals one",
			path);
		goto out;
	}
	if (version > latest) {
		result = refuse(dq, path, VT_EINVAL,
				"'%s' was made by a newer vitals (schema %d; "
				"this one knows up to %d)", path, version,
				latest);
		goto out;
	}
	result = ops->backup(conn, tmp);
	if (result) {
		result = refuse(dq, path, result == VT_EINVAL ? VT_EINVAL :
				VT_EDB, "cannot restore '%s': %s", path,
				ops->errmsg(conn));
		goto out;
	}
	ops->close(conn);
	conn = NULL;
	result = settle_copy(path, tmp, dq, &got);
	if (!result)
		result = place_copy(tmp, target, dq);
	if (!result)
		*sum = got;
out:
	if (conn)
		ops->close(conn);
	remove_db(tmp);		/* after a link: the name, not the file */
	free(tmp);
	return result;
}

/* ------------------------------------------------------------------ */
/* Restoring a dump */

/* The first entry of the new log: which file the database came from. */
static enum vt_err log_restore(struct vt_store *s, const struct vt_defsrc *src,
			       const char *who)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1];
	char *name = strdup(src->name ? src->name : "-"), *after = NULL;
	json_t *j = NULL;
	enum vt_err result = VT_ENOMEM;

	if (!name)
		return VT_ENOMEM;
	crypto_hash_sha256(digest, (const unsigned char *)src->text,
			   src->len);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	j = json_pack("{s:s, s:I, s:s}", "file", basename(name), "bytes",
		      (json_int_t)src->len, "sha256", hex);
	after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (after)
		result = vt_log_append(s, who, "restore", basename(name),
				       NULL, after);
	free(after);
	json_decref(j);
	free(name);
	return result;
}

enum vt_err vt_store_restore_dump(struct vt_store *s, struct vt_defsrc *src,
				  const struct vt_def *def,
				  struct vt_diagq *dq, const char *who,
				  struct vt_load_summary *sum)
{
	struct vt_check ck;
	struct vt_def base;
	enum vt_err result;

	memset(sum, 0, sizeof(*sum));
	vt_def_init(&base);
	vt_defsrc_check(src, dq, &ck);
	result = s->ops->begin(s->conn);
	if (result)
		return result;
	/* Read and written in one transaction: nobody can slip in between. */
	result = vt_store_read_def(s, &base);
	if (!result && !vt_def_is_empty(&base))
		result = VT_ECONFLICT;
	if (result)
		goto out;
	ck.base = &base;
	result = vt_def_check(def, &ck);
	if (!result && dq->errors)
		result = VT_EINVAL;
	if (!result)
		result = log_restore(s, src, who);
	if (!result)
		result = vt_store_apply_def(s, def, &base, &ck, who, sum);
	if (!result)
		result = s->ops->commit(s->conn);
out:
	if (result)
		s->ops->rollback(s->conn);
	vt_def_release(&base);
	return result;
}
