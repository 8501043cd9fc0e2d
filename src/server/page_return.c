/* The return page shown: an agency's figures and narratives for a period, the form, its problems, and the other forms beside it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/markdown.h"
#include "vitals/period.h"
#include "vitals/returns.h"
#include "vitals/strparse.h"
#include "server/return_page.h"

/* ------------------------------------------------------------------ */
/* Showing */

void return_number_text(double d, char out[32])
{
	if (isnan(d))
		out[0] = '\0';
	else
		snprintf(out, 32, "%.15g", d);
}

void return_value_text(const struct vt_value *v, char out[32])
{
	if (!v)
		out[0] = '\0';
	else if (v->suppressed)
		snprintf(out, 32, "%s", v->suppressed);
	else
		return_number_text(v->value, out);
}

/* Whether 'place' names a field of the form ("value-3", "impact-1",
   "reason"), rather than a whole file ("q3.xlsx"), which has none. */
static bool is_field_name(const char *place)
{
	static const char *const prefixes[] = {
		"value-", "numerator-", "denominator-", "note-", "impact-" };
	size_t i, n;

	if (!strcmp(place, "reason") || !strcmp(place, "file") ||
	    !strcmp(place, "draft"))
		return true;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (!strncmp(place, prefixes[i], n) && place[n] &&
		    strspn(place + n, "0123456789") == strlen(place + n))
			return true;
	}
	return false;
}

/* "value-3", "impact-1": the field a problem belongs to, or "". */
static void field_of(const char *place, char out[32])
{
	long line;

	out[0] = '\0';
	if (!strncmp(place, "form:", 5)) {
		/* A whole row (given twice, changed since): its value. */
		line = strtol(place + 5, NULL, 10);
		if (line > 0)
			snprintf(out, 32, "value-%ld", line - 1);
	} else if (is_field_name(place)) {
		snprintf(out, 32, "%s", place);
	}
}

/* The first problem with field 'id', or NULL. */
static const struct vt_diag *problem_at(const struct vt_diagq *dq,
					const char *id)
{
	char field[32];
	size_t i;

	for (i = 0; dq && i < dq->n; i++) {
		if (dq->items[i].severity != VT_SEV_ERROR)
			continue;
		field_of(dq->items[i].source, field);
		if (!strcmp(field, id))
			return &dq->items[i];
	}
	return NULL;
}

/* The slot or narrative a field belongs to, in words. */
static const char *field_title(const struct vt_return_view *v,
			       const char *field)
{
	const char *dash = strrchr(field, '-');
	size_t i = dash ? strtoul(dash + 1, NULL, 10) : 0;

	/* The fields of the whole form are no figure's. */
	if (!strcmp(field, "file"))
		return "The workbook";
	if (!strcmp(field, "reason"))
		return "Reason";
	if (!strcmp(field, "draft"))
		return "Draft";
	if (!strncmp(field, "impact-", 7))
		return i < v->nstories ? v->stories[i].priority->title : "";
	return i < v->nslots ? v->slots[i].title : "";
}

/* The GOV.UK error summary: every problem, each a link to its field. */
static void error_summary(struct req *r, const struct vt_return_view *v,
			  const struct vt_diagq *dq)
{
	struct vt_html *h = &r->html;
	char field[32], href[40];
	size_t i;

	r->error_summary = true;
	vt_html_literal(h, "<div class=\"govuk-error-summary\" "
			   "data-module=\"govuk-error-summary\"><div "
			   "role=\"alert\"><h2 class=\"govuk-error-summary__"
			   "title\">There is a problem</h2><div class=\"govuk-"
			   "error-summary__body\"><ul class=\"govuk-list "
			   "govuk-error-summary__list\">");
	for (i = 0; i < dq->n; i++) {
		const struct vt_diag *d = &dq->items[i];

		if (d->severity != VT_SEV_ERROR)
			continue;
		field_of(d->source, field);
		snprintf(href, sizeof(href), "#%s", field[0] ? field : "file");
		vt_html_literal(h, "<li>");
		vt_html_open(h, "a", "href", href, NULL);
		if (field[0])
			vt_html_textf(h, "%s: %s", field_title(v, field),
				      d->message);
		else
			vt_html_textf(h, "%s: %s", d->source, d->message);
		vt_html_literal(h, "</a></li>");
	}
	if (dq->dropped)
		vt_html_textf(h, "and %zu more", dq->dropped);
	vt_html_literal(h, "</ul></div></div></div>");
}

/* One input with its hidden label and, when it has one, its error. */
static void input(struct req *r, const char *id, const char *label,
		  const char *value, const struct vt_diagq *dq,
		  const char *width)
{
	struct vt_html *h = &r->html;
	const struct vt_diag *d = problem_at(dq, id);
	char err_id[40], cls[80];

	snprintf(err_id, sizeof(err_id), "%s-error", id);
	snprintf(cls, sizeof(cls), "govuk-input %s%s", width,
		 d ? " govuk-input--error" : "");
	vt_html_open(h, "div", "class", d ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	vt_html_open(h, "label", "class", "govuk-label govuk-visually-hidden",
		     "for", id, NULL);
	vt_html_text(h, label);
	vt_html_close(h, "label");
	if (d) {
		vt_html_open(h, "p", "class", "govuk-error-message", "id",
			     err_id, NULL);
		vt_html_literal(h, "<span class=\"govuk-visually-hidden\">"
				   "Error:</span> ");
		vt_html_text(h, d->message);
		vt_html_close(h, "p");
	}
	vt_html_open(h, "input", "class", cls, "id", id, "name", id, "type",
		     "text", "value", value ? value : "", "aria-describedby",
		     d ? err_id : NULL, "spellcheck", "false", NULL);
	vt_html_literal(h, "</div>");
}

/* A figure stored with a value or a code, not withdrawn. */
static bool has_figure(const struct vt_value *v)
{
	return v && (!isnan(v->value) || v->suppressed);
}

/*
 * "Clear this figure": an empty box means "no change", so withdrawing
 * a figure sent before needs its own choice.  Seen as "Clear", heard
 * with the measure's name.
 */
static void clear_box(struct req *r, size_t i, const char *title,
		      bool checked)
{
	struct vt_html *h = &r->html;
	char id[32];

	snprintf(id, sizeof(id), "clear-%zu", i);
	vt_html_literal(h, "<div class=\"govuk-checkboxes govuk-checkboxes--"
			   "small\" data-module=\"govuk-checkboxes\"><div "
			   "class=\"govuk-checkboxes__item\">");
	vt_html_open(h, "input", "class", "govuk-checkboxes__input", "id", id,
		     "name", id, "type", "checkbox", "value", "1", "checked",
		     checked ? "checked" : NULL, NULL);
	vt_html_open(h, "label", "class", "govuk-label govuk-checkboxes__label",
		     "for", id, NULL);
	vt_html_literal(h, "Clear<span class=\"govuk-visually-hidden\"> this "
			   "figure: ");
	vt_html_text(h, title);
	vt_html_literal(h, "</span></label></div></div>");
}

static void figures_form(struct req *r, const struct vt_return_view *v,
			 const struct edit *ed, const struct vt_diagq *dq,
			 const char *action)
{
	struct vt_html *h = &r->html;
	char id[32], text[32], label[600];
	size_t i;

	/* Said before it happens, and what happens then: nothing is lost. */
	vt_html_open(h, "p", "class", "govuk-inset-text", "id", "timeout",
		     NULL);
	vt_html_textf(h, "You are signed out after %d minutes without "
		      "sending anything. If that happens before you submit, "
		      "sign in again when asked: what you typed is kept.",
		      VT_SESSION_IDLE / 60);
	vt_html_close(h, "p");
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", NULL);
	page_csrf(r);
	{
		static const char *const columns[] = {
			"Measure", "Value", "Numerator and denominator",
			"Note", NULL };

		page_table_begin(r, NULL, "Figures", columns);
	}
	for (i = 0; i < v->nslots; i++) {
		const struct vt_return_slot *s = &v->slots[i];
		const struct entry *e = ed ? &ed->entries[i] : NULL;
		char num[32], den[32];

		vt_html_literal(h, "<tr class=\"govuk-table__row\"><th scope="
				   "\"row\" class=\"govuk-table__header\">");
		vt_html_text(h, s->title);
		vt_html_literal(h, " ");
		vt_html_open(h, "span", "class", "govuk-hint", NULL);
		vt_html_textf(h, "%s%s%s, %s", s->measure->code,
			      s->breakdown[0] ? " / " : "", s->breakdown,
			      vt_unit_names[s->measure->unit]);
		vt_html_literal(h, "</span></th><td class=\"govuk-table__cell"
				   "\">");
		return_value_text(s->latest, text);
		return_number_text(s->latest ? s->latest->numerator : NAN, num);
		return_number_text(s->latest ? s->latest->denominator : NAN, den);
		snprintf(id, sizeof(id), "value-%zu", i);
		snprintf(label, sizeof(label), "Value: %s", s->title);
		input(r, id, label, e ? e->value : text, dq,
		      "govuk-input--width-5");
		if (has_figure(s->latest))
			clear_box(r, i, s->title, e && e->clear);
		vt_html_literal(h, "</td><td class=\"govuk-table__cell\">");
		if (s->measure->numerator || s->measure->denominator) {
			snprintf(id, sizeof(id), "num-%zu", i);
			snprintf(label, sizeof(label), "Numerator: %s",
				 s->title);
			input(r, id, label, e ? e->num : num, dq,
			      "govuk-input--width-5");
			snprintf(id, sizeof(id), "den-%zu", i);
			snprintf(label, sizeof(label), "Denominator: %s",
				 s->title);
			input(r, id, label, e ? e->den : den, dq,
			      "govuk-input--width-5");
		}
		vt_html_literal(h, "</td><td class=\"govuk-table__cell\">");
		snprintf(id, sizeof(id), "note-%zu", i);
		snprintf(label, sizeof(label), "Note: %s", s->title);
		input(r, id, label, e ? e->note : s->latest ?
		      s->latest->note : NULL, dq, "govuk-input--width-20");
		snprintf(id, sizeof(id), "based-%zu", i);
		snprintf(text, sizeof(text), "%lld", (long long)
			 (e && !ed->stale ? e->based :
			  s->latest ? s->latest->version : 0));
		page_hidden(r, id, text);
		vt_html_literal(h, "</td></tr>");
	}
	page_table_end(r);
	for (i = 0; i < v->nstories; i++) {
		const struct vt_return_story *st = &v->stories[i];
		const struct story_entry *se = ed ? &ed->stories[i] : NULL;
		const struct vt_diag *d;
		char err_id[40];

		snprintf(id, sizeof(id), "impact-%zu", i);
		snprintf(err_id, sizeof(err_id), "%s-error", id);
		d = problem_at(dq, id);
		vt_html_open(h, "div", "class", d ? "govuk-form-group govuk-"
			     "form-group--error" : "govuk-form-group", NULL);
		vt_html_open(h, "label", "class", "govuk-label govuk-label--s",
			     "for", id, NULL);
		vt_html_textf(h, "Impact: %s", st->priority->title);
		vt_html_close(h, "label");
		if (d) {
			vt_html_open(h, "p", "class", "govuk-error-message",
				     "id", err_id, NULL);
			vt_html_literal(h, "<span class=\"govuk-visually-"
					   "hidden\">Error:</span> ");
			vt_html_text(h, d->message);
			vt_html_close(h, "p");
		}
		vt_html_open(h, "textarea", "class", "govuk-textarea", "id", id,
			     "name", id, "rows", "4", "aria-describedby",
			     d ? err_id : NULL, NULL);
		vt_html_text(h, se && se->text ? se->text : st->latest ? st->latest->text
							  : "");
		vt_html_literal(h, "</textarea></div>");
		snprintf(id, sizeof(id), "impact-based-%zu", i);
		snprintf(text, sizeof(text), "%lld", (long long)
			 (se && !ed->stale ? se->based :
			  st->latest ? st->latest->version : 0));
		page_hidden(r, id, text);
	}
	/* The next page shows the changes to be checked before they are
	   sent. */
	/* A draft keeps what is typed, checked or not, for later. */
	vt_html_literal(h, "<div class=\"govuk-button-group\"><button type="
			   "\"submit\" class=\"govuk-button\">Continue</button>"
			   "<button type=\"submit\" name=\"draft\" value=\"1\" "
			   "id=\"draft\" class=\"govuk-button govuk-button--"
			   "secondary\">Save as draft</button></div></form>");
}

/* The figures as they stand, for those who read but do not edit. */
/* A figure's cell beside another version of it: the other's value, and
   the change marked when there is one. */
static void compared_cell(struct req *r, const struct vt_value *now,
			  const struct vt_value *then)
{
	struct vt_html *h = &r->html;
	char text[32];

	return_value_text(then, text);
	vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
	vt_html_text(h, !then ? "-" : has_figure(then) ? text : "Cleared");
	if (now && then && !isnan(now->value) && !isnan(then->value) &&
	    now->value != then->value) {
		char diff[40];

		snprintf(diff, sizeof(diff), "%s%.10g", now->value > then->value
			 ? "+" : "\u2212", fabs(now->value - then->value));
		vt_html_literal(h, " ");
		vt_html_element(h, "strong", diff, "class",
				"govuk-tag govuk-tag--yellow vt-change", NULL);
	}
	vt_html_close(h, "td");
}

/*
 * What a reviewer reads: each figure beside the version it replaced and
 * the same figure a quarter before, a change marked; the narratives as
 * written (Markdown made HTML).
 */
static void figures_table(struct req *r, const struct vt_def *def,
			  const char *period, const struct vt_return_view *v)
{
	struct vt_html *h = &r->html;
	char text[32], before[VT_PERIOD_ID_MAX] = "";
	struct vt_period p;
	size_t i;

	if (!vt_period_parse(period, &p)) {
		p = vt_period_prev(&p);
		vt_period_format(&p, before);
	}
	{
		static const char *const columns[] = {
			"Measure", "Value", "Version", "Previous version",
			"Previous quarter", "Note", NULL };

		page_table_begin(r, "figures", "Figures", columns);
	}
	for (i = 0; i < v->nslots; i++) {
		const struct vt_return_slot *s = &v->slots[i];
		const struct vt_value *replaced = s->latest
			? vt_value_latest_before(def, s->measure->code, period,
						 s->breakdown,
						 s->latest->version)
			: NULL;
		const struct vt_value *earlier = before[0]
			? vt_value_latest_before(def, s->measure->code, before,
						 s->breakdown, 0)
			: NULL;

		return_value_text(s->latest, text);
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", s->title, "scope", "row", "class",
				"govuk-table__header", NULL);
		vt_html_element(h, "td", !s->latest ? "not given" :
				has_figure(s->latest) ? text : "Cleared",
				"class", "govuk-table__cell", NULL);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		if (s->latest)
			vt_html_textf(h, "%lld", (long long)s->latest->version);
		vt_html_close(h, "td");
		compared_cell(r, s->latest, replaced);
		compared_cell(r, s->latest, earlier);
		vt_html_element(h, "td", s->latest && s->latest->note ?
				s->latest->note : "", "class",
				"govuk-table__cell", NULL);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
	for (i = 0; i < v->nstories; i++) {
		char *safe = NULL;

		vt_html_element(h, "h2", v->stories[i].priority->title, "class",
				"govuk-heading-s", NULL);
		if (!v->stories[i].latest) {
			vt_html_element(h, "p", "No narrative given.", "class",
					"govuk-body", NULL);
		} else if (vt_markdown_html(v->stories[i].latest->text,
					    &safe)) {
			vt_html_element(h, "p", v->stories[i].latest->text,
					"class", "govuk-body", NULL);
		} else {
			vt_html_literal(h, "<div class=\"govuk-body\">");
			vt_html_trusted(h, safe);
			vt_html_literal(h, "</div>");
			free(safe);
		}
	}
}

/* Status, due date, who submitted and approved it and when, and the
   reason when it was sent back: every time in words, London's clock. */
static void status_list(struct req *r, const struct vt_partnership *p,
			const char *period, const struct vt_return_view *v)
{
	struct vt_html *h = &r->html;
	const struct vt_return *ret = v->ret;
	char due[11], words[VT_TIME_WORDS_MAX];

	page_summary_begin(r);
	page_summary_row(r, "Status", ret ? vt_return_status_names[ret->status]
					  : "not started", "return-status");
	/* A return not yet started is due all the same. */
	if ((ret && ret->due) ||
	    (p && !vt_return_due_date(p, period, due))) {
		vt_date_words(ret && ret->due ? ret->due : due, words);
		page_summary_row(r, "Due", words, "return-due");
	}
	if (ret && ret->submitted_at) {
		page_summary_row_open(r, "Submitted", NULL);
		vt_time_london_words(ret->submitted_at, words);
		vt_html_textf(h, "%s by %s", words,
			      ret->submitted_by ? ret->submitted_by : "");
		page_summary_row_close(r);
	}
	if (ret && ret->status == VT_RETURN_APPROVED && ret->approved_at) {
		page_summary_row_open(r, "Approved", "return-approved");
		vt_time_london_words(ret->approved_at, words);
		vt_html_textf(h, "%s by %s", words,
			      ret->approved_by ? ret->approved_by : "");
		page_summary_row_close(r);
	}
	if (ret && ret->reason)
		page_summary_row(r, "Reason it was returned", ret->reason,
				 "return-reason");
	page_summary_end(r);
}

/* The form sending a return back to its agency with a reason. */
static void reopen_form(struct req *r, const char *base, const char *label,
			const char *button)
{
	struct vt_html *h = &r->html;
	char action[300];

	snprintf(action, sizeof(action), "%s/reopen", base);
	vt_html_open(h, "form", "method", "post", "action", action, NULL);
	page_csrf(r);
	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_element(h, "label", label, "class", "govuk-label", "for",
			"reason", NULL);
	vt_html_literal(h, "<textarea class=\"govuk-textarea\" id=\"reason\" "
			   "name=\"reason\" rows=\"3\"></textarea></div>");
	vt_html_element(h, "button", button, "type", "submit", "class",
			"govuk-button govuk-button--warning", NULL);
	vt_html_close(h, "form");
}

/*
 * A running quarter's return opened for its agency alone: the
 * analyst's form, with a reason that the change log and the page keep.
 */
static void open_early_form(struct req *r, const char *base,
			    const struct vt_diagq *dq)
{
	struct vt_html *h = &r->html;
	const struct vt_diag *d = problem_at(dq, "reason");
	char action[300];

	vt_html_element(h, "h2", "Open this return early", "class",
			"govuk-heading-m", NULL);
	snprintf(action, sizeof(action), "%s/open-early", base);
	vt_html_open(h, "form", "method", "post", "action", action,
		     "novalidate", "novalidate", "id", "open-early", NULL);
	page_csrf(r);
	vt_html_open(h, "div", "class", d ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	vt_html_element(h, "label", "Why it opens before the quarter ends",
			"class", "govuk-label", "for", "reason", NULL);
	vt_html_element(h, "div", "Only this agency can then make its return "
			"for the quarter. For example: its figures for the "
			"quarter are final.", "class", "govuk-hint", "id",
			"reason-hint", NULL);
	if (d) {
		vt_html_open(h, "p", "class", "govuk-error-message", "id",
			     "reason-error", NULL);
		vt_html_literal(h, "<span class=\"govuk-visually-hidden\">"
				   "Error:</span> ");
		vt_html_text(h, d->message);
		vt_html_close(h, "p");
	}
	vt_html_open(h, "textarea", "class", d ? "govuk-textarea govuk-"
		     "textarea--error" : "govuk-textarea", "id", "reason",
		     "name", "reason", "rows", "3", "aria-describedby",
		     d ? "reason-hint reason-error" : "reason-hint", NULL);
	vt_html_literal(h, "</textarea></div>");
	vt_html_element(h, "button", "Open return early", "type", "submit",
			"class", "govuk-button govuk-button--secondary", NULL);
	vt_html_close(h, "form");
}

/* Who opened the return early, when (London's day) and why. */
static void opened_early(struct req *r, const struct vt_return *ret)
{
	struct vt_html *h = &r->html;
	char day[11], words[VT_DATE_WORDS_MAX];
	struct vt_date d;
	int minute;

	if (!ret || !ret->opened_early_at)
		return;
	if (vt_time_london(ret->opened_early_at, &d, &minute))
		snprintf(day, sizeof(day), "%.10s", ret->opened_early_at);
	else
		vt_date_format(&d, day);
	vt_date_words(day, words);
	vt_html_open(h, "p", "class", "govuk-inset-text", "id",
		     "opened-early", NULL);
	vt_html_textf(h, "Opened early by %s on %s: %s",
		      ret->opened_early_by ? ret->opened_early_by : "",
		      words, ret->opened_early_reason ?
		      ret->opened_early_reason : "");
	vt_html_close(h, "p");
}

/* Upload, template, and the analyst's approve or send back. */
static void other_forms(struct req *r, const struct vt_return_view *v,
			const char *base, const struct vt_diagq *upload_dq)
{
	struct vt_html *h = &r->html;
	char action[300];
	bool editable = may_edit_return(r, v->agency->code) &&
			!(v->ret && v->ret->status == VT_RETURN_APPROVED);

	if (editable) {
		vt_html_element(h, "h2", "Upload a completed template",
				"class", "govuk-heading-m", NULL);
		vt_html_literal(h, "<p class=\"govuk-body\">");
		snprintf(action, sizeof(action), "%s/template.xlsx", base);
		vt_html_element(h, "a", "Download the template (Excel)",
				"class", "govuk-link", "href", action, NULL);
		vt_html_literal(h, " or ");
		snprintf(action, sizeof(action), "%s/template.csv", base);
		vt_html_element(h, "a", "as CSV", "class", "govuk-link",
				"href", action, NULL);
		vt_html_literal(h, ".</p>");
		snprintf(action, sizeof(action), "%s/upload", base);
		vt_html_open(h, "form", "method", "post", "action", action,
			     "enctype", "multipart/form-data", NULL);
		page_csrf(r);
		vt_html_open(h, "div", "class", upload_dq ? "govuk-form-group "
			     "govuk-form-group--error" : "govuk-form-group",
			     NULL);
		vt_html_literal(h, "<label class=\"govuk-label\" for=\"file\">"
				   "Completed template (XLSX or CSV)</label>");
		vt_html_literal(h, "<input class=\"govuk-file-upload\" id=\""
				   "file\" name=\"file\" type=\"file\" accept="
				   "\".xlsx,.csv\"></div><button type=\"submit"
				   "\" class=\"govuk-button govuk-button--"
				   "secondary\">Upload</button></form>");
	}
	if (may_review_return(r) && v->ret &&
	    v->ret->status == VT_RETURN_SUBMITTED) {
		vt_html_element(h, "h2", "Review", "class", "govuk-heading-m",
				NULL);
		/* Approving locks the return: the next page asks first. */
		snprintf(action, sizeof(action), "%s/approve", base);
		vt_html_open(h, "form", "method", "post", "action", action,
			     NULL);
		page_csrf(r);
		vt_html_literal(h, "<button type=\"submit\" class=\"govuk-button"
				   "\">Approve return</button></form>");
		reopen_form(r, base, "Reason for returning it to the agency",
			    "Return to agency");
	} else if (may_review_return(r) && v->ret &&
		   v->ret->status == VT_RETURN_APPROVED && !v->ret->history) {
		vt_html_element(h, "h2", "Reopen", "class", "govuk-heading-m",
				NULL);
		vt_html_element(h, "p", "An approved return is locked. Reopen "
				"it to let the agency correct it: it goes back "
				"to the agency with your reason.", "class",
				"govuk-body", NULL);
		reopen_form(r, base, "Reason for reopening it",
			    "Reopen return");
	}
}

/* Where the stored figure differs from the one this edit was based on. */
static void stale_panel(struct req *r, const struct vt_return_view *v,
			const struct edit *ed)
{
	struct vt_html *h = &r->html;
	char theirs[32];
	size_t i;

	r->error_summary = true;
	vt_html_literal(h, "<div class=\"govuk-error-summary\" id=\"stale\">"
			   "<div role=\"alert\"><h2 class=\"govuk-error-"
			   "summary__title\">Someone else changed this return "
			   "after you opened it</h2><div class=\"govuk-error-"
			   "summary__body\"><p class=\"govuk-body\">Nothing you "
			   "entered has been saved. Both versions are below: "
			   "submit again to replace theirs with yours.</p>"
			   "</div></div></div>");
	{
		static const char *const columns[] = {
			"Measure", "Stored now", "Yours", NULL };

		page_table_begin(r, "versions", "Both versions", columns);
	}
	for (i = 0; i < v->nslots; i++) {
		const struct vt_return_slot *s = &v->slots[i];
		const struct entry *e = &ed->entries[i];

		if (!e->sent || e->based == (s->latest ? s->latest->version
							: 0))
			continue;
		return_value_text(s->latest, theirs);
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", s->title, "scope", "row", "class",
				"govuk-table__header", NULL);
		vt_html_open(h, "td", "class", "govuk-table__cell", NULL);
		if (s->latest)
			vt_html_textf(h, "%s (version %lld, by %s at %s)",
				      theirs, (long long)s->latest->version,
				      s->latest->by ? s->latest->by : "",
				      s->latest->at ? s->latest->at : "");
		vt_html_close(h, "td");
		vt_html_element(h, "td", e->value, "class",
				"govuk-table__cell", NULL);
		vt_html_literal(h, "</tr>");
	}
	for (i = 0; i < v->nstories; i++) {
		const struct vt_return_story *st = &v->stories[i];
		const struct story_entry *se = &ed->stories[i];

		if (!se->sent || se->based == (st->latest ?
					       st->latest->version : 0))
			continue;
		vt_html_literal(h, "<tr class=\"govuk-table__row\">");
		vt_html_element(h, "th", st->priority->title, "scope", "row",
				"class", "govuk-table__header", NULL);
		vt_html_element(h, "td", st->latest ? st->latest->text : "",
				"class", "govuk-table__cell", NULL);
		vt_html_element(h, "td", se->text, "class",
				"govuk-table__cell", NULL);
		vt_html_literal(h, "</tr>");
	}
	page_table_end(r);
}

static const char *done_message(const char *done)
{
	static const char *const words[][2] = {
		{ "submitted", "Return submitted" },
		{ "unchanged", "Nothing was changed: the return is as it was" },
		{ "uploaded", "Upload imported and the return submitted" },
		{ "approved", "Return approved" },
		{ "returned", "Return sent back to the agency" },
		{ "opened-early", "Return opened early" },
	};
	size_t i;

	for (i = 0; done && i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(done, words[i][0]))
			return words[i][1];
	return NULL;
}

/*
 * The whole page.  'ed' and 'dq' carry a refused form back to its
 * editor; 'upload_dq' a refused upload.
 */
void return_page_render(struct req *r, const struct vt_def *def,
			const struct vt_return_view *v, const char *period,
			const struct edit *ed, const struct vt_diagq *dq,
			const struct vt_diagq *upload_dq)
{
	const struct vt_partnership *p = vt_def_at(def, VT_KIND_PARTNERSHIP, 0);
	struct vt_html *h = &r->html;
	char label[VT_PERIOD_LABEL_MAX], title[300], base[300];
	char today[11], opens[11], words[VT_DATE_WORDS_MAX];
	const char *done = done_message(req_query(r, "done"));
	struct vt_period per;

	snprintf(label, sizeof(label), "%s", period);
	/* Without its label the period is shown by its code. */
	if (p && !vt_period_parse(period, &per) &&
	    vt_period_label(&per, (int)p->fy_start_month, label))
		snprintf(label, sizeof(label), "%s", period);
	snprintf(title, sizeof(title), "Return: %s, %s", v->agency->name,
		 label);
	r->up_href = "/returns";
	r->up_text = "Returns";
	snprintf(base, sizeof(base), "/returns/%s/%s", v->agency->code, period);
	page_begin(r, title);
	if (ed && ed->kept)
		page_important(r, "kept", "Nothing has been saved yet. Check "
			       "what you typed below, then submit the "
			       "return.");
	if (ed && ed->stale)
		stale_panel(r, v, ed);
	else if (dq && dq->errors)
		error_summary(r, v, dq);
	if (upload_dq)
		error_summary(r, v, upload_dq);
	if (ed && ed->draft)
		return_draft_notice(r, ed->draft);
	if (done && !dq && !upload_dq) {
		/* GOV.UK's confirmation panel: what was done, to what. */
		vt_html_literal(h, "<div class=\"govuk-panel govuk-panel--"
				   "confirmation\" id=\"done\" role=\"status\">");
		vt_html_element(h, "h2", done, "class", "govuk-panel__title",
				NULL);
		vt_html_open(h, "div", "class", "govuk-panel__body", NULL);
		vt_html_textf(h, "%s, %s", v->agency->name, label);
		vt_html_close(h, "div");
		vt_html_literal(h, "</div>");
	}
	status_list(r, p, period, v);
	server_today(today);
	if (!vt_return_open(v->ret, p ? (int)p->fy_start_month : 4, period,
			    today, opens)) {
		/* A running quarter's figures would move the board's view
		   to a period not yet over. */
		vt_date_words(opens, words);
		vt_html_open(h, "div", "class", "govuk-inset-text", "id",
			     "not-open", NULL);
		vt_html_textf(h, "%s has not ended. Its return opens on %s.",
			      label, words);
		vt_html_close(h, "div");
		if (may_review_return(r))
			open_early_form(r, base, dq);
		figures_table(r, def, period, v);
		page_end(r);
		return;
	}
	opened_early(r, v->ret);
	if (may_edit_return(r, v->agency->code) &&
	    !(v->ret && v->ret->status == VT_RETURN_APPROVED))
		figures_form(r, v, ed, dq, base);
	else
		figures_table(r, def, period, v);
	other_forms(r, v, base, upload_dq);
	page_end(r);
}

/* ------------------------------------------------------------------ */
/* Reading the page */

bool return_page_open(struct req *r, struct page *pg, unsigned *status)
{
	pg->agency = r->params[0];
	pg->period = r->params[1];
	if (!req_read_def(r, &pg->def, status))
		return false;
	if (vt_return_view_build(&pg->def, pg->agency, pg->period,
				 &pg->view)) {
		vt_def_release(&pg->def);
		*status = page_error(r, 404, "There is no such agency or "
				     "period.");
		return false;
	}
	if (!may_read_return(r, pg->agency, pg->view.ret)) {
		vt_return_view_release(&pg->view);
		vt_def_release(&pg->def);
		*status = page_error(r, 403, "Another agency's return is its "
				     "own until it is submitted.");
		return false;
	}
	return true;
}

void return_page_close(struct page *pg)
{
	vt_return_view_release(&pg->view);
	vt_def_release(&pg->def);
}

unsigned page_return(struct req *r)
{
	struct edit ed = { .entries = NULL };
	struct vt_draft draft;
	struct page pg;
	unsigned status = 200;
	enum vt_err result;

	if (!return_page_open(r, &pg, &status))
		return status;
	memset(&draft, 0, sizeof(draft));
	/* A draft saved is what the editor meant to continue from. */
	result = return_draft_read(r, &pg, &draft, &ed);
	if (result == VT_OK)
		return_page_render(r, &pg.def, &pg.view, pg.period, &ed, NULL,
				   NULL);
	else if (result == VT_ENOTFOUND)
		return_page_render(r, &pg.def, &pg.view, pg.period, NULL, NULL,
				   NULL);
	else
		status = page_error(r, 503, "The database does not answer.");
	/* The draft's fields were the form's only while it was read. */
	r->form.nfields = 0;
	return_edit_release(&ed, pg.view.nstories);
	vt_draft_release(&draft);
	return_page_close(&pg);
	return status;
}

unsigned return_page_with_problems(struct req *r, const struct vt_diagq *dq)
{
	struct page pg;
	unsigned status = 422;

	if (!return_page_open(r, &pg, &status))
		return status;
	return_page_render(r, &pg.def, &pg.view, pg.period, NULL, NULL, dq);
	return_page_close(&pg);
	return status;
}

unsigned return_page_with_form_problems(struct req *r,
					const struct vt_diagq *dq)
{
	struct page pg;
	unsigned status = 422;

	if (!return_page_open(r, &pg, &status))
		return status;
	return_page_render(r, &pg.def, &pg.view, pg.period, NULL, dq, NULL);
	return_page_close(&pg);
	return status;
}
