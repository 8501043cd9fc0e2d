/* Saving the return page's form: what changed becomes rows for the import, which checks them as it checks a file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server/return_page.h"

struct form_rows {
	const struct page *pg;
	const struct edit *ed;
	char (*places)[4][24];
};

static const char *trimmed_or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static enum vt_err read_form(void *arg, const struct vt_return_reader_fns *fns,
			     void *fnarg, struct vt_diagq *dq)
{
	const struct form_rows *f = arg;
	const struct vt_return_view *v = &f->pg->view;
	size_t i;
	enum vt_err result = VT_OK;

	(void)dq;
	for (i = 0; i < v->nslots && !result; i++) {
		const struct entry *e = &f->ed->entries[i];
		struct vt_return_row row;
		int c;

		if (!e->sent)
			continue;
		memset(&row, 0, sizeof(row));
		snprintf(f->places[i][0], 24, "value-%zu", i);
		snprintf(f->places[i][1], 24, "num-%zu", i);
		snprintf(f->places[i][2], 24, "den-%zu", i);
		snprintf(f->places[i][3], 24, "note-%zu", i);
		for (c = 0; c < VT_RCOL__MAX; c++)
			row.fixed_place[c] = f->places[i][0];
		row.fixed_place[VT_RCOL_NUMERATOR] = f->places[i][1];
		row.fixed_place[VT_RCOL_DENOMINATOR] = f->places[i][2];
		row.fixed_place[VT_RCOL_NOTE] = f->places[i][3];
		row.cell[VT_RCOL_AGENCY] = v->agency->code;
		row.cell[VT_RCOL_MEASURE] = v->slots[i].measure->code;
		row.cell[VT_RCOL_PERIOD] = f->pg->period;
		row.cell[VT_RCOL_BREAKDOWN] =
			trimmed_or_null(v->slots[i].breakdown);
		/* Cleared: the figure shown beside the box is not a figure
		   given too, only one typed over it is. */
		if (!e->clear || e->figure_typed) {
			row.cell[VT_RCOL_VALUE] = trimmed_or_null(e->value);
			row.cell[VT_RCOL_NUMERATOR] = trimmed_or_null(e->num);
			row.cell[VT_RCOL_DENOMINATOR] =
				trimmed_or_null(e->den);
		}
		if (!e->clear || e->note_typed)
			row.cell[VT_RCOL_NOTE] = trimmed_or_null(e->note);
		row.clear = e->clear;
		row.source = "form";
		row.line = (long)i + 1;
		row.check_version = true;
		row.based_on = e->based;
		result = fns->row(fnarg, &row);
	}
	for (i = 0; i < v->nstories && !result; i++) {
		const struct story_entry *se = &f->ed->stories[i];
		char place[24];
		struct vt_impact_row imp = {
			.agency = v->agency->code, .period = f->pg->period,
			.priority = v->stories[i].priority->code,
			.text = se->text, .place = place,
			.check_version = true, .based_on = se->based };

		if (!se->sent)
			continue;
		snprintf(place, sizeof(place), "impact-%zu", i);
		result = fns->impact(fnarg, &imp);
	}
	return result;
}

static int64_t field_version(const struct req *r, const char *name)
{
	const char *s = req_field(r, name);

	return s ? strtoll(s, NULL, 10) : 0;
}

static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* A textarea's CRLF line ends as LF, as narratives are stored. */
static char *lf_only(const char *s)
{
	char *out = strdup(s ? s : ""), *w = out;
	const char *p;

	for (p = s ? s : ""; out && *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*w++ = *p;
	if (out)
		*w = '\0';
	return out;
}

/*
 * What the editor sent.  A figure left as it was shown is not sent to
 * the import: re-sending it would replace a newer figure someone else
 * stored in between with the old one.
 */
bool return_edit_read(struct req *r, const struct page *pg, struct edit *ed)
{
	const struct vt_return_view *v = &pg->view;
	char name[32], was[32], num[32], den[32];
	size_t i;

	ed->entries = calloc(v->nslots + 1, sizeof(*ed->entries));
	ed->stories = calloc(v->nstories + 1, sizeof(*ed->stories));
	if (!ed->entries || !ed->stories)
		return false;
	for (i = 0; i < v->nslots; i++) {
		struct entry *e = &ed->entries[i];
		const struct vt_value *before;

		snprintf(name, sizeof(name), "value-%zu", i);
		e->value = req_field(r, name);
		snprintf(name, sizeof(name), "num-%zu", i);
		e->num = req_field(r, name);
		snprintf(name, sizeof(name), "den-%zu", i);
		e->den = req_field(r, name);
		snprintf(name, sizeof(name), "note-%zu", i);
		e->note = req_field(r, name);
		snprintf(name, sizeof(name), "based-%zu", i);
		e->based = field_version(r, name);
		before = e->based > 0 ? vt_value_find(&pg->def,
			v->slots[i].measure->code, pg->period,
			v->slots[i].breakdown, e->based) : NULL;
		return_value_text(before, was);
		return_number_text(before ? before->numerator : NAN, num);
		return_number_text(before ? before->denominator : NAN, den);
		snprintf(name, sizeof(name), "clear-%zu", i);
		e->clear = req_field(r, name) != NULL;
		e->figure_typed = !same_text(e->value, was) ||
				  !same_text(e->num, num) ||
				  !same_text(e->den, den);
		e->note_typed = !same_text(e->note, before ? before->note
						   : NULL);
		/* A field not in the form at all is not an edit. */
		e->sent = ((e->value || e->num || e->den || e->note) &&
			   (e->figure_typed || e->note_typed)) || e->clear;
	}
	for (i = 0; i < v->nstories; i++) {
		struct story_entry *se = &ed->stories[i];
		const struct vt_impact *before = NULL;
		size_t j;

		snprintf(name, sizeof(name), "impact-%zu", i);
		if (!req_field(r, name))
			continue;
		se->text = lf_only(req_field(r, name));
		if (!se->text)
			return false;
		snprintf(name, sizeof(name), "impact-based-%zu", i);
		se->based = field_version(r, name);
		for (j = 0; j < vt_def_count(&pg->def, VT_KIND_IMPACT); j++) {
			const struct vt_impact *im =
				vt_def_at(&pg->def, VT_KIND_IMPACT, j);

			if (im->version == se->based &&
			    !strcmp(im->agency, v->agency->code) &&
			    !strcmp(im->period, pg->period) &&
			    !strcmp(im->priority, v->stories[i].priority->code))
				before = im;
		}
		se->sent = !same_text(se->text, before ? before->text : "");
	}
	return true;
}

void return_edit_release(struct edit *ed, size_t nstories)
{
	size_t i;

	for (i = 0; ed->stories && i < nstories; i++)
		free(ed->stories[i].text);
	free(ed->stories);
	free(ed->entries);
}

static bool anything_sent(const struct page *pg, const struct edit *ed)
{
	size_t i;

	for (i = 0; i < pg->view.nslots; i++)
		if (ed->entries[i].sent)
			return true;
	for (i = 0; i < pg->view.nstories; i++)
		if (ed->stories[i].sent)
			return true;
	return false;
}

/* A figure's words on the check page: its title in the return. */
static const char *slot_title(const struct page *pg, const char *measure,
			      const char *breakdown)
{
	size_t i;

	for (i = 0; i < pg->view.nslots; i++)
		if (!strcmp(pg->view.slots[i].measure->code, measure) &&
		    !strcmp(pg->view.slots[i].breakdown,
			    breakdown ? breakdown : ""))
			return pg->view.slots[i].title;
	return measure;
}

/*
 * Check your answers: each change the form makes, before and after, and
 * each narrative rewritten; the form sent again, hidden, to submit, or
 * back to be changed.
 */
static void check_page(struct req *r, const struct page *pg,
		       const struct edit *ed,
		       const struct vt_import_summary *sum)
{
	struct vt_html *h = &r->html;
	char action[300], words[300];
	size_t i;

	r->up_href = "/returns";
	r->up_text = "Returns";
	page_begin(r, "Check the return before you submit it");
	vt_html_element(h, "h2", "Figures", "class", "govuk-heading-m", NULL);
	page_summary_begin(r);
	for (i = 0; i < sum->nchanges; i++) {
		const struct vt_import_change *c = &sum->changes[i];

		if (c->cleared)
			snprintf(words, sizeof(words), "Cleared (was %s)",
				 c->before && c->before[0] ? c->before
				 : "not given");
		else
			snprintf(words, sizeof(words), "%s \u2192 %s",
				 c->before ? c->before : "not given", c->after ?
				 c->after : "not given");
		page_summary_row(r, slot_title(pg, c->measure, c->breakdown),
				 words, NULL);
	}
	if (!sum->nchanges)
		page_summary_row(r, "No figure changes", "The figures are as "
				 "they were.", NULL);
	page_summary_end(r);
	for (i = 0; i < pg->view.nstories; i++) {
		if (!ed->stories[i].sent)
			continue;
		vt_html_element(h, "h2", pg->view.stories[i].priority->title,
				"class", "govuk-heading-s", NULL);
		vt_html_element(h, "p", ed->stories[i].text ? ed->stories[i].text
				: "", "class", "govuk-body vt-check-story",
				NULL);
	}
	snprintf(action, sizeof(action), "/returns/%s/%s", pg->agency,
		 pg->period);
	vt_html_open(h, "form", "method", "post", "action", action, NULL);
	page_csrf(r);
	for (i = 0; i < r->form.nfields; i++) {
		const struct vt_form_field *f = &r->form.fields[i];

		if (strcmp(f->name, "csrf") && strcmp(f->name, "confirmed") &&
		    strcmp(f->name, "change"))
			page_hidden(r, f->name, f->value);
	}
	page_hidden(r, "confirmed", "yes");
	vt_html_literal(h, "<div class=\"govuk-button-group\"><button type="
			   "\"submit\" class=\"govuk-button\">Submit return"
			   "</button><button type=\"submit\" name=\"change\" "
			   "value=\"1\" class=\"govuk-button govuk-button--"
			   "secondary\">Change the return</button></div>");
	vt_html_close(h, "form");
	page_end(r);
}

unsigned page_return_save(struct req *r)
{
	/* Sent: the return's draft is done with. */
	struct vt_import_options opt = { .separator = ',', .who = r->who.email,
					 .drop_drafts = true };
	struct vt_import_summary sum;
	struct vt_return_source src = { "web form", read_form, NULL };
	struct form_rows rows;
	struct vt_diagq dq;
	struct edit ed = { .entries = NULL };
	struct page pg;
	char where[300];
	unsigned status = 200;
	enum vt_err result;

	if (!return_page_open(r, &pg, &status))
		return status;
	if (!may_edit_return(r, pg.agency)) {
		return_page_close(&pg);
		return page_error(r, 403, "Only the agency enters its own "
				  "return.");
	}
	vt_diagq_init(&dq);
	memset(&sum, 0, sizeof(sum));
	rows.pg = &pg;
	rows.ed = &ed;
	rows.places = calloc(pg.view.nslots + 1, sizeof(*rows.places));
	src.arg = &rows;
	if (!rows.places || !return_edit_read(r, &pg, &ed)) {
		status = 500;
	} else if (req_field(r, "draft")) {
		status = return_draft_save(r, &pg, &ed);
	} else if (!anything_sent(&pg, &ed)) {
		/* Nothing to send: a draft of it is nothing new either. */
		snprintf(where, sizeof(where), "/returns/%s/%s?done=unchanged",
			 pg.agency, pg.period);
		status = vt_draft_delete(r->store, pg.agency, pg.period)
			 ? page_error(r, 503, "The database does not answer.")
			 : req_redirect(r, where);
	} else if (req_field(r, "change")) {
		/* Back from checking: the form as typed, to be changed. */
		return_page_render(r, &pg.def, &pg.view, pg.period, &ed, NULL,
				   NULL);
	} else {
		/* Checked first by a dry run: the same checks, nothing kept;
		   sent for real once the editor has seen the changes. */
		opt.dry_run = !req_field(r, "confirmed");
		result = vt_returns_import_from(r->store, &src, &opt, &dq,
						&sum);
		if (!result && opt.dry_run) {
			check_page(r, &pg, &ed, &sum);
		} else if (!result) {
			snprintf(where, sizeof(where), "/returns/%s/%s?done="
				 "submitted", pg.agency, pg.period);
			status = req_redirect(r, where);
		} else if (result == VT_EINVAL) {
			ed.stale = sum.conflicts > 0;
			status = ed.stale ? 409 : 422;
			return_page_render(r, &pg.def, &pg.view, pg.period, &ed, &dq, NULL);
		} else {
			status = page_error(r, 503, "The database does not "
					    "answer.");
		}
	}
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	return_edit_release(&ed, pg.view.nstories);
	free(rows.places);
	return_page_close(&pg);
	return status;
}

bool return_page_kept(struct req *r, const char *path, unsigned *status)
{
	static const char prefix[] = "/returns/", kept[] = "kept:";
	struct edit ed = { .kept = true };
	const char *agency = path + strlen(prefix), *slash;
	struct page pg;
	size_t i;

	/* Only a return's own address: nothing else is continued to. */
	if (strncmp(path, prefix, strlen(prefix)) ||
	    !(slash = strchr(agency, '/')) || slash == agency ||
	    (size_t)(slash - agency) >= sizeof(r->params[0]) ||
	    strchr(slash + 1, '/') || !slash[1] ||
	    strlen(slash + 1) >= sizeof(r->params[1]))
		return false;
	memcpy(r->params[0], agency, (size_t)(slash - agency));
	r->params[0][slash - agency] = '\0';
	snprintf(r->params[1], sizeof(r->params[1]), "%s", slash + 1);
	/* The form's own names again, as page_return_save reads them. */
	for (i = 0; i < r->form.nfields; i++)
		if (!strncmp(r->form.fields[i].name, kept, strlen(kept)))
			r->form.fields[i].name += strlen(kept);
	if (!return_page_open(r, &pg, status))
		return true;
	if (!may_edit_return(r, pg.agency)) {
		return_page_close(&pg);
		*status = page_error(r, 403, "Only the agency enters its own "
				     "return.");
		return true;
	}
	if (!return_edit_read(r, &pg, &ed)) {
		*status = 500;
	} else {
		ed.kept = true;
		return_page_render(r, &pg.def, &pg.view, pg.period, &ed, NULL,
				   NULL);
		*status = 200;
	}
	return_edit_release(&ed, pg.view.nstories);
	return_page_close(&pg);
	return true;
}
