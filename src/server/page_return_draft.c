/* A return's draft: the form saved as typed without being sent, and read back into the form. */
#include <stdlib.h>
#include <string.h>

#include "vitals/clock.h"
#include "vitals/strparse.h"
#include "server/return_page.h"

/* The form's own controls are no part of what was typed. */
static bool typed(const char *name)
{
	static const char *const controls[] = {
		"csrf", "draft", "confirmed", "change" };
	size_t i;

	for (i = 0; i < sizeof(controls) / sizeof(controls[0]); i++)
		if (!strcmp(name, controls[i]))
			return false;
	return true;
}

static bool locked(const struct page *pg)
{
	return pg->view.ret && pg->view.ret->status == VT_RETURN_APPROVED;
}

/*
 * "Save as draft": every field as typed, checked for nothing, so that a
 * half-typed return (a figure still "tbc") is kept as it is.  A draft
 * too large is refused on the form, what was typed shown again.
 */
unsigned return_draft_save(struct req *r, const struct page *pg,
			   const struct edit *ed)
{
	struct vt_draft_field *fields;
	char at[VT_TIMESTAMP_MAX], where[300];
	struct vt_diagq dq;
	enum vt_err result;
	size_t i, n = 0;

	if (locked(pg))
		return page_error(r, 409, "This return is approved and locked: "
				  "there is nothing to save as a draft.");
	fields = calloc(r->form.nfields + 1, sizeof(*fields));
	if (!fields)
		return page_error(r, 500, "The draft could not be saved.");
	for (i = 0; i < r->form.nfields; i++) {
		if (!typed(r->form.fields[i].name))
			continue;
		fields[n].name = r->form.fields[i].name;
		fields[n++].value = r->form.fields[i].value;
	}
	vt_clock_now(at);
	result = vt_draft_save(r->store, pg->agency, pg->period, fields, n,
			       r->who.email, at);
	free(fields);
	if (!result) {
		snprintf(where, sizeof(where), "/returns/%s/%s?done=draft",
			 pg->agency, pg->period);
		return req_redirect(r, where);
	}
	if (result != VT_ETOOBIG && result != VT_EINVAL)
		return page_error(r, 503, "The database does not answer.");
	vt_diagq_init(&dq);
	if (vt_diag_add(&dq, VT_SEV_ERROR, "draft", 0, 0, result == VT_ETOOBIG
			? "it is too large to save (at most %d KB): shorten "
			  "the narratives, or submit the return"
			: "it has characters that cannot be saved (the text "
			  "is not UTF-8)", VT_DRAFT_MAX / 1024)) {
		vt_diagq_release(&dq);
		return page_error(r, 500, "The draft could not be saved.");
	}
	return_page_render(r, &pg->def, &pg->view, pg->period, ed, &dq, NULL);
	vt_diagq_release(&dq);
	return result == VT_ETOOBIG ? 413 : 422;
}

/*
 * The form as the return's draft has it, for someone who may edit the
 * return: the draft's fields stand for a form sent (a GET has none), so
 * that they are read as the form's are.  VT_ENOTFOUND when there is no
 * draft to continue; otherwise 'd' and 'ed' are the caller's to release.
 */
enum vt_err return_draft_read(struct req *r, const struct page *pg,
			      struct vt_draft *d, struct edit *ed)
{
	enum vt_err result;
	size_t i;

	if (!may_edit_return(r, pg->agency) || locked(pg))
		return VT_ENOTFOUND;
	result = vt_draft_get(r->store, pg->agency, pg->period, d);
	if (result)
		return result;
	for (i = 0; i < d->nfields && i < r->form.max; i++) {
		r->form.fields[i].name = d->fields[i].name;
		r->form.fields[i].value = d->fields[i].value;
	}
	r->form.nfields = i;
	if (!return_edit_read(r, pg, ed))
		return VT_ENOMEM;
	ed->draft = d;
	return VT_OK;
}

/* Above the form: the draft just saved, or the draft being continued. */
void return_draft_notice(struct req *r, const struct vt_draft *d)
{
	struct vt_html *h = &r->html;
	char when[VT_TIME_WORDS_MAX], saved[120];
	const char *done = req_query(r, "done");

	/* Dates and times in the same words as everywhere else. */
	vt_time_london_words(d->saved_at, when);
	if (done && !strcmp(done, "draft")) {
		const char *const banner[][2] = { { "draft", saved },
						  { NULL, NULL } };

		snprintf(saved, sizeof(saved), "Your draft was saved on %s",
			 when);
		page_done(r, banner);
		return;
	}
	vt_html_open(h, "div", "class", "govuk-inset-text", "id", "draft-inset",
		     NULL);
	vt_html_textf(h, "You are continuing a draft saved by %s on %s.",
		      d->saved_by, when);
	vt_html_close(h, "div");
}
