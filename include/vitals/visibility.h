/* Who may see which figures and narratives: the one rule every page, API, chart and pack applies. */
#ifndef VITALS_VISIBILITY_H
#define VITALS_VISIBILITY_H

#include <stdbool.h>

#include "vitals/error.h"
#include "vitals/model.h"

/*
 * A reader of figures.  An agency's figures for a period are its own
 * until its return is submitted: the agency's lead (and the partnership's
 * administrators, analysts, chair and scrutineer, who check them) see
 * them in any state; another agency's lead once the return is submitted
 * or approved, never while it is a draft or sent back to be mended.  A
 * published output (the viewer's pack, 'vitals report --publish') shows
 * approved figures only, or submitted ones too when the partnership's
 * 'publish_submitted' says so (the pack then says it is provisional).
 * A figure with no return (history loaded with
 * the definition) goes by its own status instead.
 */
struct vt_reader {
	int role;		/* enum vt_role */
	const char *agency;	/* an agency lead's own agency, else NULL */
	bool published;		/* a published output: approved only */
	bool provisional;	/* published, submitted figures too (the
				   partnership's publish_submitted) */
};

/* The reader of a published output (vt_def_restrict() adds submitted
   figures when the partnership publishes them provisionally). */
#define VT_READER_PUBLISHED \
	((struct vt_reader){ VT_ROLE_VIEWER, NULL, true, false })

/* Whether 'rd' sees every figure in every state (no filtering needed). */
bool vt_reader_sees_all(const struct vt_reader *rd);

/*
 * Whether 'rd' may see the figures of 'agency' for 'period' whose own
 * status is 'value_status' (enum vt_value_status; for a narrative, pass
 * VT_STATUS_SUBMITTED), given the return 'ret' (NULL when there is none).
 */
bool vt_reader_may_see(const struct vt_reader *rd, const char *agency,
		       const struct vt_return *ret, int value_status);

/*
 * Remove from 'def' every figure and narrative of impact 'rd' may not
 * see, so that whatever is computed from 'def' afterwards (status, SPC,
 * charts, the pack) cannot show it.  VT_ENOMEM leaves 'def' unchanged.
 */
VT_MUST_USE
enum vt_err vt_def_restrict(struct vt_def *def, const struct vt_reader *rd);

#endif
