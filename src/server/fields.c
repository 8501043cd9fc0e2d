/* The page kit's form fields: GOV.UK's form group with its label, hint and error said at the field. */
#include <stdio.h>
#include <string.h>

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
