/* Snapshots of record-level extracts in the database: written whole, superseded, retained, read. */
#ifndef VITALS_EXTRACTSTORE_H
#define VITALS_EXTRACTSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitals/error.h"
#include "vitals/extract.h"
#include "vitals/store.h"

/* The first 16 hex digits of a hash of the key (vt_extract_key_fingerprint). */
#define VT_KEY_FINGERPRINT_HEX 16
#define VT_SHA256_HEX 64

/* How many snapshots of each format are kept when none is set. */
#define VT_EXTRACT_RETAIN_DEFAULT 4

/*
 * One snapshot as stored.  Strings are borrowed: valid during the call
 * that gives the snapshot.
 */
struct vt_extract_info {
	int64_t id;
	const char *format;		/* "cin", "annex-a", "ssda903" */
	const char *source;		/* its files' names, ", " between */
	const char *as_at, *from, *to, *la;
	const char *sha256;		/* of its files' bytes, in order */
	const char *key_fingerprint;
	int64_t records;
	const char *loaded_by, *loaded_at;
	int64_t superseded_by;		/* 0: current */
	int64_t kinds[VT_CASE__MAX];	/* records of each kind */
};

/* A snapshot being written: vt_extract_finish() or _abandon() ends it. */
struct vt_extract_load;

/*
 * Start writing a snapshot of 'format' read from 'source' (its files'
 * names, never their contents) whose bytes hash to 'sha256', its
 * children hashed with the key of 'fingerprint', in a write transaction
 * of its own.  Refused, nothing written:
 *  - VT_ECONFLICT when the earlier extracts were read with another key:
 *    'stored' receives that key's fingerprint (the same child would not
 *    link);
 *  - VT_EINVAL when the same bytes were loaded before as a snapshot of
 *    this format still kept: '*same' receives its id.
 * '*out' ends with vt_extract_finish() or vt_extract_abandon().
 */
VT_MUST_USE
enum vt_err vt_extract_begin(struct vt_store *s,
			     enum vt_extract_format format, const char *source,
			     const char *sha256, const char *fingerprint,
			     const char *who,
			     char stored[VT_KEY_FINGERPRINT_HEX + 1],
			     int64_t *same, struct vt_extract_load **out);

/* Add one record (its 'source_name' and 'line' are not kept).  A
   vt_case_sink: give it 'load' as its argument. */
VT_MUST_USE
enum vt_err vt_extract_add(void *load, const struct vt_case_record *record);

/* The records added so far, of each kind. */
const int64_t *vt_extract_counts(const struct vt_extract_load *load);

/*
 * Keep the snapshot with what its reader found ('meta': as-at date,
 * period, LA) and commit: it supersedes the older snapshots of its format
 * whose period overlaps its own (or is superseded by a later one already
 * stored), the snapshots past the retention of its format are deleted
 * whole, and the load and each deletion go to the change log with counts,
 * format, as-at date and SHA-256 only.  '*id' receives the snapshot's id,
 * '*deleted' how many were deleted.  'load' is freed, whatever the
 * result; on an error nothing is written.
 */
VT_MUST_USE
enum vt_err vt_extract_finish(struct vt_extract_load *load,
			      const struct vt_extract_meta *meta, int64_t *id,
			      size_t *deleted);

/* Write nothing: roll the snapshot back and free 'load' (NULL: nothing). */
void vt_extract_abandon(struct vt_extract_load *load);

/* The key's fingerprint the latest snapshot was read with ("" none). */
VT_MUST_USE
enum vt_err vt_extract_stored_fingerprint(
	struct vt_store *s, char out[VT_KEY_FINGERPRINT_HEX + 1]);

typedef enum vt_err (*vt_extract_fn)(void *arg,
				     const struct vt_extract_info *info);

/* Every snapshot kept, oldest first; an error of 'fn' stops the walk. */
VT_MUST_USE
enum vt_err vt_extract_each(struct vt_store *s, vt_extract_fn fn, void *arg);

/* How many snapshots of each format are kept (the default when unset). */
VT_MUST_USE
enum vt_err vt_extract_retention(struct vt_store *s, int64_t *keep);

/*
 * Keep the newest 'keep' snapshots of each format from now on (at least
 * 1), deleting the older ones whole at once, in one logged transaction by
 * 'who'; '*deleted' receives how many went.
 */
VT_MUST_USE
enum vt_err vt_extract_retain(struct vt_store *s, int64_t keep,
			      const char *who, size_t *deleted);

/* Called with each record read back ('source_name' NULL, 'line' 0). */
typedef enum vt_err (*vt_case_fn)(void *arg,
				  const struct vt_case_record *record);

/*
 * The records of 'kind' of every snapshot not superseded, by child (its
 * hash), then start date, then snapshot, read a page at a time so memory
 * stays flat; an error of 'fn' stops the reading.  On PostgreSQL a page at
 * a time needs a transaction (the caller's, as a computation writing its
 * figures holds): outside one the rows are read in one go.
 */
VT_MUST_USE
enum vt_err vt_extract_records_each(struct vt_store *s, enum vt_case_kind kind,
				    vt_case_fn fn, void *arg);

/* Called with each record read back and the id of its snapshot. */
typedef enum vt_err (*vt_case_from_fn)(void *arg,
				       const struct vt_case_record *record,
				       int64_t extract_id);

/* As vt_extract_records_each, each record with its snapshot's id (two
   current snapshots can both hold the same case). */
VT_MUST_USE
enum vt_err vt_extract_records_each_from(struct vt_store *s,
					 enum vt_case_kind kind,
					 vt_case_from_fn fn, void *arg);

#endif
