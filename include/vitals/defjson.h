/* Partnership definition files (JSON) in and out. */
#ifndef VITALS_DEFJSON_H
#define VITALS_DEFJSON_H

#include <stddef.h>

#include "vitals/diag.h"
#include "vitals/error.h"
#include "vitals/model.h"

/* Files larger than this are refused before they are parsed. */
#define VT_DEFJSON_MAX_BYTES (64u * 1024 * 1024)

/*
 * The text a definition was read from, kept so that later checks (against
 * the database) can still name the line of a problem.  Owns its strings;
 * release with vt_defsrc_release().
 */
struct vt_defsrc {
	char *name;
	char *text;
	size_t len;
};

void vt_defsrc_release(struct vt_defsrc *src);

/*
 * Read the definition in file 'path' into 'def' (initialised by the
 * caller).  Syntax and field problems go to 'dq' as "FILE:LINE: message";
 * the result is VT_OK even then (look at dq->errors), VT_EIO when the
 * file cannot be read, VT_ETOOBIG when it is over the cap.
 */
VT_MUST_USE
enum vt_err vt_defjson_read_file(const char *path, struct vt_defsrc *src,
				 struct vt_def *def, struct vt_diagq *dq);

/* The same for a text in memory, named 'name' in diagnostics. */
VT_MUST_USE
enum vt_err vt_defjson_read_mem(const char *name, const char *text,
				size_t len, struct vt_defsrc *src,
				struct vt_def *def, struct vt_diagq *dq);

/*
 * A struct vt_check whose paths are placed in 'src': pass it to
 * vt_store_load_def() so that problems found there name their line too.
 */
void vt_defsrc_check(struct vt_defsrc *src, struct vt_diagq *dq,
		     struct vt_check *ck);

/*
 * The canonical text of 'def': members in a fixed order, 2-space indent,
 * a trailing newline.  '*out' is freed by the caller with free().
 */
VT_MUST_USE
enum vt_err vt_defjson_dump(const struct vt_def *def, char **out);

#endif
