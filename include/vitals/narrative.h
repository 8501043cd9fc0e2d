/* The annual report's sections in the business manager's words: saved as new versions, never overwritten. */
#ifndef VITALS_NARRATIVE_H
#define VITALS_NARRATIVE_H

#include <stddef.h>

#include "vitals/error.h"
#include "vitals/model.h"

struct vt_store;

/*
 * "2025-26" (or "2025") as the financial year it names: its first
 * calendar year into '*first'.  VT_EINVAL when it is not one.
 */
VT_MUST_USE
enum vt_err vt_annual_year(const char *year, int *first);

/*
 * Save 'text' (Markdown) as the next version of 'section' of the annual
 * report for 'year' ("2025-26"), by 'who', through the change log.  The
 * first save is version 1.  A refusal is VT_EINVAL with a message naming
 * the field in 'why' ("year: '2025' is not a financial year (2025-26)");
 * nothing is written then.  The version saved goes to '*version' (may be
 * NULL).
 */
VT_MUST_USE
enum vt_err vt_narrative_save(struct vt_store *s, const char *year,
			      const char *section, const char *text,
			      const char *who, int64_t *version, char *why,
			      size_t whysize);

/* The latest version of 'section' for 'year' in 'def', or NULL. */
const struct vt_narrative *vt_narrative_latest(const struct vt_def *def,
					       const char *year,
					       const char *section);

#endif
