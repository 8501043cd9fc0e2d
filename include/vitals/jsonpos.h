/* Line numbers of values inside a JSON text, for FILE:LINE diagnostics. */
#ifndef VITALS_JSONPOS_H
#define VITALS_JSONPOS_H

#include <stddef.h>

#include "vitals/error.h"

/*
 * jansson keeps no positions once a document is parsed, so a diagnostic
 * about a value (rather than about syntax) finds its line by scanning the
 * text again.  A path names a value from the root: "" is the root,
 * "agencies[3]" the fourth element of the root's "agencies" array,
 * "agencies[3].sector" that element's "sector" member.  For an object
 * member the line is the line of its key.
 *
 * Writes the 1-based line to '*line' and returns VT_OK, or VT_ENOTFOUND
 * when the path does not occur (or the text is not well-formed JSON up to
 * it).  The text need not be NUL-terminated.
 */
VT_MUST_USE
enum vt_err vt_jsonpos_line(const char *text, size_t len, const char *path,
			    long *line);

#endif
