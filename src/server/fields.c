/* The page kit's form fields: GOV.UK's form group with its label, hint and error said at the field, and the library's refusals read for it. */
#include <stdio.h>
#include <string.h>

#include "vitals/strparse.h"
#include "server/server.h"

void page_field_begin(struct req *r, const char *id, const char *label,
		      const char *hint, const char *error)
{
	struct vt_html *h = &r->html;
	char hint_id[48], error_id[48];

	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	snprintf(error_id, sizeof(error_id), "%s-error", id);
	vt_html_open(h, "div", "class", error ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	vt_html_element(h, "label", label, "class", "govuk-label", "for", id,
			NULL);
	if (hint)
		vt_html_element(h, "div", hint, "class", "govuk-hint", "id",
				hint_id, NULL);
	if (error) {
		vt_html_open(h, "p", "class", "govuk-error-message", "id",
			     error_id, NULL);
		vt_html_literal(h, "<span class=\"govuk-visually-hidden\">"
				   "Error:</span> ");
		vt_html_text(h, error);
		vt_html_close(h, "p");
	}
}

/* The ids a field is described by: its hint, then its error. */
static void described_by(const char *id, bool hint, bool error, char *out,
			 size_t size)
{
	snprintf(out, size, "%s%s%s%s%s", hint ? id : "", hint ? "-hint" : "",
		 hint && error ? " " : "", error ? id : "",
		 error ? "-error" : "");
}

void page_field_text(struct req *r, const char *id, const char *label,
		     const char *hint, const char *value, const char *width,
		     const char *error)
{
	char cls[96], desc[120];

	page_field_begin(r, id, label, hint, error);
	snprintf(cls, sizeof(cls), "govuk-input%s%s%s", width ? " " : "",
		 width ? width : "", error ? " govuk-input--error" : "");
	described_by(id, hint != NULL, error != NULL, desc, sizeof(desc));
	vt_html_open(&r->html, "input", "class", cls, "id", id, "name", id,
		     "type", "text", "value", value ? value : "",
		     "aria-describedby", *desc ? desc : NULL, NULL);
	vt_html_literal(&r->html, "</div>");
}

void page_field_textarea(struct req *r, const char *id, const char *label,
			 const char *hint, const char *value,
			 const char *error)
{
	struct vt_html *h = &r->html;
	char desc[120];

	page_field_begin(r, id, label, hint, error);
	described_by(id, hint != NULL, error != NULL, desc, sizeof(desc));
	vt_html_open(h, "textarea", "class", error ? "govuk-textarea govuk-"
		     "textarea--error" : "govuk-textarea", "id", id, "name", id,
		     "rows", "3", "aria-describedby", *desc ? desc : NULL,
		     NULL);
	vt_html_text(h, value ? value : "");
	vt_html_literal(h, "</textarea></div>");
}

void page_field_select(struct req *r, const char *id, const char *label,
		       const char *hint, const char *const *choices,
		       const char *const *labels, const char *chosen,
		       const char *any, const char *error)
{
	struct vt_html *h = &r->html;
	char desc[120];
	size_t i;

	page_field_begin(r, id, label, hint, error);
	described_by(id, hint != NULL, error != NULL, desc, sizeof(desc));
	vt_html_open(h, "select", "class", error ? "govuk-select govuk-select"
		     "--error" : "govuk-select", "id", id, "name", id,
		     "aria-describedby", *desc ? desc : NULL, NULL);
	if (any)
		vt_html_element(h, "option", any, "value", "", NULL);
	for (i = 0; choices[i]; i++)
		vt_html_element(h, "option", labels ? labels[i] : choices[i],
				"value", choices[i], "selected", chosen &&
				!strcmp(chosen, choices[i]) ? "selected" :
				NULL, NULL);
	vt_html_literal(h, "</select></div>");
}

void page_field_radios(struct req *r, const char *id, const char *legend,
		       const char *hint, const char *const *choices,
		       const char *const *labels, const char *chosen,
		       const char *error)
{
	struct vt_html *h = &r->html;
	char desc[120], item[64];
	size_t i;

	vt_html_open(h, "div", "class", error ? "govuk-form-group govuk-form-"
		     "group--error" : "govuk-form-group", NULL);
	described_by(id, hint != NULL, error != NULL, desc, sizeof(desc));
	vt_html_open(h, "fieldset", "class", "govuk-fieldset",
		     "aria-describedby", *desc ? desc : NULL, NULL);
	vt_html_element(h, "legend", legend, "class", "govuk-fieldset__legend "
			"govuk-fieldset__legend--s", NULL);
	if (hint) {
		snprintf(item, sizeof(item), "%s-hint", id);
		vt_html_element(h, "div", hint, "class", "govuk-hint", "id",
				item, NULL);
	}
	if (error) {
		snprintf(item, sizeof(item), "%s-error", id);
		vt_html_open(h, "p", "class", "govuk-error-message", "id", item,
			     NULL);
		vt_html_literal(h, "<span class=\"govuk-visually-hidden\">"
				   "Error:</span> ");
		vt_html_text(h, error);
		vt_html_close(h, "p");
	}
	vt_html_literal(h, "<div class=\"govuk-radios govuk-radios--small "
			   "govuk-radios--inline\">");
	for (i = 0; choices[i]; i++) {
		/* The first is 'id' itself: the error summary links there. */
		if (i)
			snprintf(item, sizeof(item), "%s-%zu", id, i + 1);
		else
			snprintf(item, sizeof(item), "%s", id);
		vt_html_literal(h, "<div class=\"govuk-radios__item\">");
		vt_html_open(h, "input", "class", "govuk-radios__input", "id",
			     item, "name", id,
			     "type", "radio", "value", choices[i], "checked",
			     chosen && !strcmp(chosen, choices[i]) ? "checked"
			     : NULL, NULL);
		vt_html_element(h, "label", labels ? labels[i] : choices[i],
				"class", "govuk-label govuk-radios__label",
				"for", item, NULL);
		vt_html_literal(h, "</div>");
	}
	vt_html_literal(h, "</div></fieldset></div>");
}

void page_problem_read(struct page_problem *p, const char *why,
		       const char *label, const char *const *fields,
		       const char *fallback)
{
	size_t len = strlen(label), n, m, i;
	const char *at = why;

	/* "LABEL 'REF': " (a reference may hold ": " when it is refused),
	   or "LABEL 2: " for one not to be repeated. */
	if (!strncmp(at, label, len) && at[len] == ' ') {
		if (at[len + 1] == '\'' && strstr(at, "': "))
			at = strstr(at, "': ") + 3;
		else if (strstr(at, ": "))
			at = strstr(at, ": ") + 2;
	}
	p->personal = strstr(at, "looks like a person's name") != NULL;
	n = strspn(at, "abcdefghijklmnopqrstuvwxyz_");
	snprintf(p->word, sizeof(p->word), "%.*s", (int)(n < 47 ? n : 47), at);
	if (at[n] == '[') {
		m = n + 1 + strspn(at + n + 1, "0123456789");
		if (at[m] == ']' && at[m + 1] == '.') {
			/* "steps[1].note": the note of the list's item. */
			n = strspn(at + m + 2, "abcdefghijklmnopqrstuvwxyz_");
			snprintf(p->word, sizeof(p->word), "%.*s",
				 (int)(n < 47 ? n : 47), at + m + 2);
		} else if (at[m] == ']' && at[m + 1] == ':' &&
			   at[m + 2] == ' ') {
			/* "agencies[0]: agency 'x' ...": the list's field,
			   said without the position a form does not show. */
			at += m + 3;
		}
	}
	snprintf(p->text, sizeof(p->text), "%s", at);
	/* A sentence at the field as in the summary. */
	if (p->text[0] >= 'a' && p->text[0] <= 'z')
		p->text[0] = (char)(p->text[0] - 'a' + 'A');
	p->message = p->text;
	snprintf(p->field, sizeof(p->field), "%s", fallback);
	for (i = 0; fields && fields[i]; i++)
		if (!strcmp(p->word, fields[i]))
			snprintf(p->field, sizeof(p->field), "%s", p->word);
}

const char *page_problem_at(const struct page_problem *p, const char *field)
{
	return p && !strcmp(p->field, field) ? p->message : NULL;
}

const char *page_problem_typed(struct req *r, const struct page_problem *p,
			       const char *field)
{
	if (p && p->personal && !strcmp(p->field, field))
		return NULL;
	return p ? req_field(r, field) : NULL;
}

bool page_one_of(const char *value, const char *const *names)
{
	size_t i;

	if (!value || !*value)
		return true;
	for (i = 0; names[i]; i++)
		if (!strcmp(value, names[i]))
			return true;
	return false;
}

const char *page_blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

const char *page_field_or_null(struct req *r, const char *name)
{
	const char *s = req_field(r, name);

	return s && !vt_text_blank(s) ? s : NULL;
}

const char *page_field_or_blank(struct req *r, const char *name)
{
	const char *s = req_field(r, name);

	return s ? s : "";
}

const struct vt_partnership *page_partnership(const struct vt_def *def)
{
	return vt_def_count(def, VT_KIND_PARTNERSHIP)
	       ? vt_def_at(def, VT_KIND_PARTNERSHIP, 0) : NULL;
}

const char *page_agency_name(const struct vt_def *def, const char *code)
{
	const struct vt_agency *a = vt_def_find(def, VT_KIND_AGENCY, code);

	return a && a->name ? a->name : code;
}

const char *page_theme_name(const struct vt_def *def, const char *code)
{
	const struct vt_theme *t = vt_def_find(def, VT_KIND_THEME, code);

	return t && t->name ? t->name : code;
}
