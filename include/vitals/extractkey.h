/* The partnership's key for children's hashes, and loading record-level extracts with it. */
#ifndef VITALS_EXTRACTKEY_H
#define VITALS_EXTRACTKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/extract.h"
#include "vitals/extractstore.h"
#include "vitals/store.h"

/* The environment: the key itself (64 hex digits), or its file. */
#define VT_EXTRACT_KEY_ENV "VITALS_EXTRACT_KEY"
#define VT_EXTRACT_KEY_FILE_ENV "VITALS_EXTRACT_KEY_FILE"

/*
 * Where the key file of database 'db' is: 'given' when not NULL, else
 * $VITALS_EXTRACT_KEY_FILE, else "<db>.key" beside a SQLite database
 * (never inside it).  A PostgreSQL database has no place of its own on
 * this machine: VT_ENOTFOUND there unless one is given.  VT_ETOOBIG when
 * the path does not fit 'size'.
 */
VT_MUST_USE
enum vt_err vt_extract_key_path(const char *db, const char *given, char *out,
				size_t size);

/*
 * A new random key in a new file at 'path', of mode 0600, hex with a line
 * saying what it is.  An existing file is never overwritten: VT_ECONFLICT.
 * VT_EIO (errno set) when it cannot be written.
 */
VT_MUST_USE
enum vt_err vt_extract_key_create(const char *path);

/*
 * The key: $VITALS_EXTRACT_KEY when set, else the file at 'path' (which
 * may be NULL when the environment holds the key).  Refused, with 'why'
 * saying why: VT_EDENIED for a file that group or others may read (as
 * ssh refuses a private key), VT_ENOTFOUND for no key, VT_EINVAL for a
 * key that is not 64 hex digits, VT_EIO for an unreadable file.
 */
VT_MUST_USE
enum vt_err vt_extract_key_read(const char *path, struct vt_pseudo_key *key,
				char *why, size_t whysize);

/* The first 16 hex digits of the SHA-256 of the key (with a prefix of
   its own): which key, without giving it away. */
void vt_extract_key_fingerprint(const struct vt_pseudo_key *key,
				char out[VT_KEY_FINGERPRINT_HEX + 1]);

struct vt_extract_load_opt {
	enum vt_extract_format format;
	const char *const *paths;
	size_t npaths;
	const struct vt_pseudo_key *key;
	const char *as_at;	/* YYYY-MM-DD, or NULL: the extract's own */
	bool dry_run;		/* read and check; write nothing */
	const char *who;
};

struct vt_extract_load_result {
	int64_t id;			/* the snapshot (0 on a dry run) */
	struct vt_extract_meta meta;
	int64_t counts[VT_CASE__MAX];
	int64_t records;
	size_t deleted;			/* snapshots past the retention */
	char fingerprint[VT_KEY_FINGERPRINT_HEX + 1];
	char stored[VT_KEY_FINGERPRINT_HEX + 1]; /* VT_ECONFLICT: the
						    earlier key's */
	int64_t same;			/* the same bytes, loaded before */
	char sha256[VT_SHA256_HEX + 1];
};

/*
 * Read an extract with its format's reader and keep it as a snapshot,
 * all or nothing: every problem goes to 'dq' (VT_EINVAL, nothing
 * written).  VT_ECONFLICT: the earlier extracts were read with another
 * key ('res->stored').  VT_EINVAL with 'res->same' set: these bytes were
 * loaded before.  VT_ENOTFOUND: no reader for the format in this build.
 * VT_EIO: a file cannot be read.
 */
VT_MUST_USE
enum vt_err vt_extract_load_files(struct vt_store *s,
				  const struct vt_extract_load_opt *opt,
				  struct vt_extract_load_result *res,
				  struct vt_diagq *dq);

#endif
