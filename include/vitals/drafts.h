/* Drafts of returns kept on the server: a form's fields as typed, saved without being checked or sent. */
#ifndef VITALS_DRAFTS_H
#define VITALS_DRAFTS_H

#include <stddef.h>

#include "vitals/error.h"
struct vt_store;

/* The most a draft's fields may take, as stored (JSON), in bytes. */
#define VT_DRAFT_MAX (256 * 1024)

/* One field of a form as typed: its name and text. */
struct vt_draft_field {
	char *name;
	char *value;
};

/* A return's draft as stored; every member owned, freed by
   vt_draft_release. */
struct vt_draft {
	struct vt_draft_field *fields;
	size_t nfields;
	char *saved_by;		/* the editor's email */
	char *saved_at;		/* UTC, as vt_clock_now writes it */
};

/*
 * Keep 'fields' as the draft of the return of 'agency' for 'period',
 * replacing any draft it had, saved by 'who' at 'at'.  Nothing in it is
 * checked: a draft keeps what was typed, wrong or not.  VT_ETOOBIG past
 * VT_DRAFT_MAX; VT_EINVAL when a text is not UTF-8.
 *
 * A draft is working state, like a session: it is not in the change log
 * nor in a definition's export or load.
 */
VT_MUST_USE
enum vt_err vt_draft_save(struct vt_store *s, const char *agency,
			  const char *period,
			  const struct vt_draft_field *fields, size_t n,
			  const char *who, const char *at);

/* The draft of a return into 'out' (released by the caller), or
   VT_ENOTFOUND when it has none. */
VT_MUST_USE
enum vt_err vt_draft_get(struct vt_store *s, const char *agency,
			 const char *period, struct vt_draft *out);

/* Forget the draft of a return, if it has one. */
VT_MUST_USE
enum vt_err vt_draft_delete(struct vt_store *s, const char *agency,
			    const char *period);

/* Free what a draft holds; a released or zeroed draft does nothing. */
void vt_draft_release(struct vt_draft *d);

#endif
