/* The return page's parts shared by showing it (page_return.c) and saving its form (page_return_save.c). */
#ifndef VT_SERVER_RETURN_PAGE_H
#define VT_SERVER_RETURN_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "vitals/drafts.h"
#include "vitals/returns.h"
#include "server/server.h"

/* What the editor sent for one figure, and the version it was based on. */
struct entry {
	const char *value, *num, *den, *note;
	int64_t based;
	bool sent;		/* changed from what was shown: imported */
	bool clear;		/* "Clear this figure" ticked */
	bool figure_typed;	/* value, numerator or denominator changed */
	bool note_typed;
};

struct story_entry {
	char *text;		/* CRLF made LF */
	int64_t based;
	bool sent;
};

/* The form as sent, or NULL members when showing what is stored. */
struct edit {
	struct entry *entries;
	struct story_entry *stories;
	bool stale;		/* something changed since the form was read */
	bool kept;		/* sent after the session ended, shown again
				   after signing in: not yet saved */
	const struct vt_draft *draft;	/* the form read from this draft */
};

/* The definition and the view of the return named by the address. */
struct page {
	struct vt_def def;
	struct vt_return_view view;
	const char *agency, *period;
};

/* Open the definition and the view of the return the address names, if
   the reader may read it; false with the error page's status. */
bool return_page_open(struct req *r, struct page *pg, unsigned *status);
void return_page_close(struct page *pg);

/* The page: the form as sent in 'ed' (NULL: as stored), the problems of
   a save in 'dq' or of an upload in 'upload' (NULL: none). */
void return_page_render(struct req *r, const struct vt_def *def,
			const struct vt_return_view *v, const char *period,
			const struct edit *ed, const struct vt_diagq *dq,
			const struct vt_diagq *upload);

/* What the editor sent in r's form into 'ed' (return_edit_release);
   false when out of memory. */
bool return_edit_read(struct req *r, const struct page *pg, struct edit *ed);
void return_edit_release(struct edit *ed, size_t nstories);

/* "Save as draft" (page_return_draft.c): the form as typed kept. */
unsigned return_draft_save(struct req *r, const struct page *pg,
			   const struct edit *ed);
/* The return's draft read into 'ed' as if sent; VT_ENOTFOUND: none. */
enum vt_err return_draft_read(struct req *r, const struct page *pg,
			      struct vt_draft *d, struct edit *ed);
/* The banner of a draft just saved, or the inset of one continued. */
void return_draft_notice(struct req *r, const struct vt_draft *d);

/* A stored number or figure as the form shows it ("" for none). */
void return_number_text(double d, char out[32]);
void return_value_text(const struct vt_value *v, char out[32]);

#endif
