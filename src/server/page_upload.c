/* A return by file: the template to download, a completed one uploaded, and the analyst's approve or send back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitals/returns.h"
#include "server/server.h"

/* ------------------------------------------------------------------ */
/* Upload */

/* The rows of an uploaded file, kept to the page's agency and period. */
struct upload {
	const char *path;
	const char *agency, *period;
	const struct vt_return_reader_fns *fns;
	void *fnarg;
	struct vt_diagq *dq;
	char separator;		/* of a CSV: ',' or ';' */
};

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static enum vt_err only_this_row(void *arg, const struct vt_return_row *row)
{
	struct upload *u = arg;
	char place[600];

	if (same(row->cell[VT_RCOL_AGENCY], u->agency) &&
	    same(row->cell[VT_RCOL_PERIOD], u->period))
		return u->fns->row(u->fnarg, row);
	vt_return_row_place(row, -1, place, sizeof(place));
	return vt_diag_add(u->dq, VT_SEV_ERROR, place, 0, 0, "this row is for "
			   "agency '%s', period '%s': this page takes %s's "
			   "return for %s", row->cell[VT_RCOL_AGENCY] ?
			   row->cell[VT_RCOL_AGENCY] : "",
			   row->cell[VT_RCOL_PERIOD] ?
			   row->cell[VT_RCOL_PERIOD] : "", u->agency,
			   u->period);
}

static enum vt_err only_this_impact(void *arg, const struct vt_impact_row *row)
{
	struct upload *u = arg;

	if (same(row->agency, u->agency) && same(row->period, u->period))
		return u->fns->impact(u->fnarg, row);
	return vt_diag_add(u->dq, VT_SEV_ERROR, row->place, 0, 0, "this "
			   "narrative is for agency '%s', period '%s': this "
			   "page takes %s's return for %s",
			   row->agency ? row->agency : "",
			   row->period ? row->period : "", u->agency,
			   u->period);
}

static enum vt_err read_upload(void *arg, const struct vt_return_reader_fns *fns,
			       void *fnarg, struct vt_diagq *dq)
{
	static const struct vt_return_reader_fns mine = { only_this_row,
							  only_this_impact };
	struct upload *u = arg;

	u->fns = fns;
	u->fnarg = fnarg;
	u->dq = dq;
	return vt_return_file_read(u->path, u->separator, &mine, u, dq);
}

/* The uploaded name without any directory, or "upload". */
static void safe_name(const char *given, char out[128])
{
	const char *base = given ? strrchr(given, '/') : NULL;
	size_t i, n = 0;

	base = base ? base + 1 : given ? given : "";
	for (i = 0; base[i] && n < 127; i++)
		if (base[i] != '\\' && (unsigned char)base[i] >= 0x20)
			out[n++] = base[i];
	out[n] = '\0';
	if (!n || !strcmp(out, ".") || !strcmp(out, ".."))
		snprintf(out, 128, "upload");
}

/* Messages name the file as the user knows it, not the temporary copy. */
static void strip_prefix(struct vt_diagq *dq, const char *prefix)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < dq->n; i++)
		if (!strncmp(dq->items[i].source, prefix, n))
			memmove(dq->items[i].source, dq->items[i].source + n,
				strlen(dq->items[i].source + n) + 1);
}

/*
 * A CSV saved by a spreadsheet set to a language that writes decimal
 * commas is ';'-separated; the web form has no setting for it, so the
 * header line decides: ';' when it has semicolons and no comma.
 */
static char separator_of(const char *data, size_t len)
{
	const char *end = memchr(data, '\n', len);
	size_t n = end ? (size_t)(end - data) : len;

	return memchr(data, ';', n) && !memchr(data, ',', n) ? ';' : ',';
}

unsigned page_return_upload(struct req *r)
{
	/* Sent: the return's draft is done with. */
	struct vt_import_options opt = { .separator = ',', .who = r->who.email,
					 .drop_drafts = true };
	struct upload u = { NULL, r->params[0], r->params[1], NULL, NULL,
			    NULL, ',' };
	struct vt_return_source src = { NULL, read_upload, &u };
	struct vt_import_summary sum;
	struct vt_diagq dq;
	char dir[] = "/tmp/vitals-upload-XXXXXX", path[256], name[128];
	char prefix[64], where[300];
	unsigned status;
	enum vt_err result;
	FILE *f;

	if (!may_edit_return(r, u.agency))
		return page_error(r, 403, "Only the agency enters its own "
				  "return.");
	vt_diagq_init(&dq);
	if (!r->form.upload || !r->form.upload_len) {
		vt_diag_add(&dq, VT_SEV_ERROR, "file", 0, 0,
			    "choose a completed template to upload");
		status = return_page_with_problems(r, &dq);
		vt_diagq_release(&dq);
		return status;
	}
	safe_name(r->form.upload_name, name);
	u.separator = separator_of(r->form.upload, r->form.upload_len);
	if (!mkdtemp(dir))
		return page_error(r, 503, "The server cannot keep the file.");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(prefix, sizeof(prefix), "%s/", dir);
	f = fopen(path, "wb");
	if (!f || fwrite(r->form.upload, 1, r->form.upload_len, f) !=
		  r->form.upload_len || fclose(f)) {
		if (f)
			fclose(f);
		unlink(path);
		rmdir(dir);
		return page_error(r, 503, "The server cannot keep the file.");
	}
	u.path = path;
	src.name = path;
	memset(&sum, 0, sizeof(sum));
	opt.separator = u.separator;
	result = vt_returns_import_from(r->store, &src, &opt, &dq, &sum);
	unlink(path);
	rmdir(dir);
	strip_prefix(&dq, prefix);
	if (!result) {
		snprintf(where, sizeof(where), "/returns/%s/%s?done=uploaded",
			 u.agency, u.period);
		status = req_redirect(r, where);
	} else if (result == VT_EINVAL) {
		status = return_page_with_problems(r, &dq);
	} else {
		status = page_error(r, 503, "The database does not answer.");
	}
	vt_import_summary_release(&sum);
	vt_diagq_release(&dq);
	return status;
}

/* ------------------------------------------------------------------ */
/* The template */

unsigned page_return_template(struct req *r)
{
	const char *agency = r->params[0], *period = r->params[1];
	char dir[] = "/tmp/vitals-template-XXXXXX", path[256], why[256];
	size_t len = strlen(r->path);
	/* Two routes, .xlsx and .csv, share this handler. */
	bool xlsx = len > 5 && !strcmp(r->path + len - 5, ".xlsx");
	unsigned status = 200;
	enum vt_err result;

	if (!may_edit_return(r, agency) && !may_review_return(r))
		return page_error(r, 403, "The template is for the agency's "
				  "own lead.");
	if (!mkdtemp(dir))
		return page_error(r, 503, "The server cannot make the file.");
	snprintf(path, sizeof(path), "%s/return.%s", dir, xlsx ? "xlsx" :
		 "csv");
	result = vt_return_template(r->store, agency, period, path, why,
				    sizeof(why));
	if (result == VT_EINVAL) {
		status = page_error(r, 404, "There is no such agency or "
				    "period.");
	} else if (result || !req_send_file(r, path)) {
		status = page_error(r, 503, "The template could not be made.");
	} else {
		r->content_type = xlsx ? "application/vnd.openxmlformats-"
					 "officedocument.spreadsheetml.sheet"
				       : "text/csv; charset=utf-8";
		snprintf(r->disposition, sizeof(r->disposition),
			 "attachment; filename=\"vitals-return-%s-%s.%s\"",
			 agency, period, xlsx ? "xlsx" : "csv");
	}
	unlink(path);
	rmdir(dir);
	return status;
}

/* ------------------------------------------------------------------ */
/* Review */

static unsigned approve_confirm(struct req *r, const char *agency,
				const char *period)
{
	struct vt_html *h = &r->html;
	struct vt_def def;
	const struct vt_agency *a;
	const struct vt_return *ret;
	char label[VT_PERIOD_LABEL_MAX], title[300], action[300], back[300];
	unsigned status = 0;

	if (!req_read_def(r, &def, &status))
		return status;
	a = vt_def_find(&def, VT_KIND_AGENCY, agency);
	ret = vt_return_find(&def, agency, period);
	if (!a || !ret) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such return.");
	}
	/* Asked only of what can be approved: the answer would refuse. */
	if (ret->status != VT_RETURN_SUBMITTED) {
		vt_def_release(&def);
		return page_error(r, 409, "Only a submitted return can be "
				  "approved.");
	}
	snprintf(title, sizeof(title), "Approve the return of %s for %s?",
		 a->name, vt_period_label_of(period, vt_def_fy_start(&def),
					     label));
	snprintf(action, sizeof(action), "/returns/%s/%s/approve", agency,
		 period);
	snprintf(back, sizeof(back), "/returns/%s/%s", agency, period);
	page_begin(r, title);
	vt_html_element(h, "p", "Once approved, the return is locked: no "
			"upload or form can change it until an analyst reopens "
			"it. Its figures are then published to the board.",
			"class", "govuk-body", NULL);
	vt_html_open(h, "form", "method", "post", "action", action, NULL);
	page_csrf(r);
	page_hidden(r, "confirmed", "yes");
	vt_html_literal(h, "<div class=\"govuk-button-group\">"
			   "<button type=\"submit\" class=\"govuk-button\">"
			   "Yes, approve the return</button>");
	vt_html_element(h, "a", "Cancel", "class", "govuk-link", "href", back,
			NULL);
	vt_html_literal(h, "</div></form>");
	page_end(r);
	vt_def_release(&def);
	return 200;
}

static unsigned review(struct req *r, bool approve)
{
	const char *agency = r->params[0], *period = r->params[1];
	const char *reason = req_field(r, "reason");
	char why[256], where[300];
	enum vt_err result;

	if (!may_review_return(r))
		return page_error(r, 403, "Analysts approve and return "
				  "returns.");
	if (!approve && (!reason || !*reason)) {
		struct vt_diagq dq;
		unsigned status;

		vt_diagq_init(&dq);
		vt_diag_add(&dq, VT_SEV_ERROR, "reason", 0, 0, "say why the "
			    "return goes back to the agency");
		status = return_page_with_problems(r, &dq);
		vt_diagq_release(&dq);
		return status;
	}
	/* Approving locks the return: asked once more, on a page of its
	   own, before it is done. */
	if (approve && !req_field(r, "confirmed"))
		return approve_confirm(r, agency, period);
	result = approve ? vt_return_approve(r->store, agency, period,
					     r->who.email, why, sizeof(why))
			 : vt_return_reopen(r->store, agency, period, reason,
					    r->who.email, why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such return.");
	if (result == VT_EINVAL)
		return page_error(r, 409, why);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/returns/%s/%s?done=%s", agency,
		 period, approve ? "approved" : "returned");
	return req_redirect(r, where);
}

unsigned page_return_approve(struct req *r)
{
	return review(r, true);
}

unsigned page_return_reopen(struct req *r)
{
	return review(r, false);
}

/*
 * Opening a running quarter's return early, for its agency alone: the
 * reason is asked for beside its field, then the page says it is done.
 */
unsigned page_return_open_early(struct req *r)
{
	const char *agency = r->params[0], *period = r->params[1];
	const char *reason = req_field(r, "reason");
	char why[256], where[300], today[11];
	bool already = false;
	enum vt_err result;

	if (!may_review_return(r))
		return page_error(r, 403, "Analysts open returns early.");
	if (!reason || strspn(reason, " \t\r\n") == strlen(reason)) {
		struct vt_diagq dq;
		unsigned status;

		vt_diagq_init(&dq);
		vt_diag_add(&dq, VT_SEV_ERROR, "reason", 0, 0, "Enter why "
			    "this return opens before the quarter ends");
		status = return_page_with_form_problems(r, &dq);
		vt_diagq_release(&dq);
		return status;
	}
	server_today(today);
	result = vt_return_open_early(r->store, agency, period, reason,
				      r->who.email, today, &already, why,
				      sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such return.");
	if (result == VT_EINVAL)
		return page_error(r, 409, why);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	snprintf(where, sizeof(where), "/returns/%s/%s?done=opened-early",
		 agency, period);
	return req_redirect(r, where);
}
