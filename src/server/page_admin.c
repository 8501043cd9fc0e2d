/* Administration: who can sign in, with which role, and enabling and disabling them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/server.h"

/* A new user: email, a role title for a name, role, agency. */
static void user_form(struct req *r, const struct vt_def *def)
{
	struct vt_html *h = &r->html;
	const char *role = req_field(r, "role");
	const char *agency = req_field(r, "agency");
	size_t i;

	/* Least privilege unless the administrator chooses more. */
	if (!role)
		role = vt_role_names[VT_ROLE_VIEWER];
	vt_html_element(h, "h2", "Add a user", "class", "govuk-heading-m",
			NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/admin/users\" "
			   "novalidate>");
	page_csrf(r);
	vt_html_literal(h, "<div class=\"govuk-form-group\"><label class=\""
			   "govuk-label\" for=\"email\">Email address</label>");
	vt_html_open(h, "input", "class", "govuk-input", "id", "email", "name",
		     "email", "type", "email", "autocomplete", "off", "value",
		     req_field(r, "email"), NULL);
	vt_html_literal(h, "</div><div class=\"govuk-form-group\"><label "
			   "class=\"govuk-label\" for=\"name\">Role title "
			   "(shown on what they change; not a person's name)"
			   "</label>");
	vt_html_open(h, "input", "class", "govuk-input", "id", "name", "name",
		     "name", "type", "text", "value", req_field(r, "name"),
		     NULL);
	vt_html_literal(h, "</div><div class=\"govuk-form-group\"><label "
			   "class=\"govuk-label\" for=\"role\">Role</label>"
			   "<select class=\"govuk-select\" id=\"role\" name="
			   "\"role\">");
	for (i = 0; i < VT_ROLE__MAX; i++)
		vt_html_element(h, "option", vt_role_names[i], "value",
				vt_role_names[i], "selected", role &&
				!strcmp(role, vt_role_names[i]) ? "selected" :
				NULL, NULL);
	vt_html_literal(h, "</select></div><div class=\"govuk-form-group\">"
			   "<label class=\"govuk-label\" for=\"agency\">"
			   "Agency (for an agency lead)</label><select class="
			   "\"govuk-select\" id=\"agency\" name=\"agency\">"
			   "<option value=\"\">none</option>");
	for (i = 0; i < vt_def_count(def, VT_KIND_AGENCY); i++) {
		const struct vt_agency *a = vt_def_at(def, VT_KIND_AGENCY, i);

		vt_html_element(h, "option", a->name, "value", a->code,
				"selected", agency && !strcmp(agency, a->code) ?
				"selected" : NULL, NULL);
	}
	vt_html_literal(h, "</select></div><button type=\"submit\" class=\""
			   "govuk-button\">Add user</button></form>");
}

/* Whether the user may sign in, and the button that changes it. */
static void access_cell(struct req *r, const char *email)
{
	struct vt_signed_in who;
	bool enabled = !vt_store_user_get(r->store, email, &who) &&
		       who.enabled;
	char label[300];

	vt_html_literal(&r->html, "<td class=\"govuk-table__cell\">");
	vt_html_text(&r->html, !enabled ? "Disabled " : who.one_time ?
		     "Enabled, one-time password not yet changed " :
		     "Enabled ");
	vt_html_open(&r->html, "form", "method", "post", "action", enabled ?
		     "/admin/users/disable" : "/admin/users/enable", "class",
		     "vt-inline-form", NULL);
	page_csrf(r);
	vt_html_open(&r->html, "input", "type", "hidden", "name", "email",
		     "value", email, NULL);
	snprintf(label, sizeof(label), "%s %s", enabled ? "Disable" :
		 "Enable", email);
	vt_html_open(&r->html, "button", "type", "submit", "class",
		     "govuk-button govuk-button--secondary govuk-!-margin-"
		     "bottom-0", "aria-label", label, NULL);
	vt_html_text(&r->html, enabled ? "Disable" : "Enable");
	vt_html_close(&r->html, "button");
	vt_html_close(&r->html, "form");
	vt_html_literal(&r->html, "</td>");
}

/* The button that opens the user's role and agency to change. */
static void change_cell(struct req *r, const char *email)
{
	char label[300];

	vt_html_literal(&r->html, "<td class=\"govuk-table__cell\">");
	vt_html_open(&r->html, "form", "method", "get", "action",
		     "/admin/user", "class", "vt-inline-form", NULL);
	vt_html_open(&r->html, "input", "type", "hidden", "name", "email",
		     "value", email, NULL);
	snprintf(label, sizeof(label), "Change role of %s", email);
	vt_html_open(&r->html, "button", "type", "submit", "class",
		     "govuk-button govuk-button--secondary govuk-!-margin-"
		     "bottom-0", "aria-label", label, NULL);
	vt_html_text(&r->html, "Change role");
	vt_html_close(&r->html, "button");
	vt_html_close(&r->html, "form");
	vt_html_literal(&r->html, "</td>");
}

/* A GOV.UK success banner saying what was done. */
static void done_banner(struct req *r, const char *done)
{
	vt_html_literal(&r->html, "<div class=\"govuk-notification-banner "
			"govuk-notification-banner--success\" role=\"alert\" "
			"aria-labelledby=\"done-title\"><div class=\"govuk-"
			"notification-banner__header\"><h2 class=\"govuk-"
			"notification-banner__title\" id=\"done-title\">"
			"Success</h2></div><div class=\"govuk-notification-"
			"banner__content\">");
	vt_html_element(&r->html, "p", done, "class",
			"govuk-notification-banner__heading", NULL);
	vt_html_literal(&r->html, "</div></div>");
}

static unsigned admin_page_done(struct req *r, const char *problem,
				const char *added, const char *password,
				const char *done, unsigned status)
{
	static const char *const user_columns[] = {
		"Email", "Name", "Role", "Agency", "Signing in", "Role and "
		"agency", NULL };
	static const char *const agency_columns[] = {
		"Code", "Name", "Sector", NULL };
	struct vt_def def;
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	page_begin(r, "Users and agencies");
	if (problem)
		page_problem(r, "There is a problem", problem, "email");
	if (done)
		done_banner(r, done);
	if (password) {
		vt_html_literal(&r->html, "<div class=\"govuk-panel govuk-"
				"panel--confirmation\"><h2 class=\"govuk-panel"
				"__title\">One-time password</h2><div class=\"govuk-"
				"panel__body\">");
		vt_html_textf(&r->html, "%s signs in with the password ",
			      added);
		vt_html_element(&r->html, "code", password, "id",
				"new-password", NULL);
		vt_html_literal(&r->html, ", shown this once: give it to them "
				"by a second channel. They choose their own "
				"when they first sign in.</div></div>");
	}
	vt_html_element(&r->html, "p", "Agencies are set in the "
			"partnership definition, which an administrator loads. "
			"Disabling a user signs them out everywhere and "
			"revokes their API tokens; enabling gives a new "
			"one-time password.", "class", "govuk-body", NULL);
	page_table_begin(r, "users", "Users", user_columns);
	for (i = 0; i < vt_def_count(&def, VT_KIND_USER); i++) {
		const struct vt_user *u = vt_def_at(&def, VT_KIND_USER, i);

		vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
		page_cell(r, u->email);
		page_cell(r, u->name);
		page_cell(r, vt_role_names[u->role]);
		page_cell(r, u->agency);
		access_cell(r, u->email);
		change_cell(r, u->email);
		vt_html_literal(&r->html, "</tr>");
	}
	page_table_end(r);
	page_table_begin(r, "agencies", "Agencies", agency_columns);
	for (i = 0; i < vt_def_count(&def, VT_KIND_AGENCY); i++) {
		const struct vt_agency *a = vt_def_at(&def, VT_KIND_AGENCY, i);

		vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
		page_cell(r, a->code);
		page_cell(r, a->name);
		page_cell(r, vt_sector_names[a->sector]);
		vt_html_literal(&r->html, "</tr>");
	}
	page_table_end(r);
	user_form(r, &def);
	page_end(r);
	vt_def_release(&def);
	return status;
}

static unsigned admin_page(struct req *r, const char *problem,
			   const char *added, const char *password,
			   unsigned status)
{
	return admin_page_done(r, problem, added, password, NULL, status);
}

unsigned page_admin(struct req *r)
{
	return admin_page(r, NULL, NULL, NULL, 200);
}

unsigned page_user_add(struct req *r)
{
	const char *email = req_field(r, "email");
	char password[VT_ONE_TIME_PASSWORD_LEN + 1], problem[300];
	struct vt_diagq dq;
	unsigned status;
	enum vt_err result;

	vt_diagq_init(&dq);
	result = vt_user_add(r->store, email ? email : "",
			     req_field(r, "name") ? req_field(r, "name") : "",
			     req_field(r, "role") ? req_field(r, "role") : "",
			     req_field(r, "agency"), r->who.email, &dq);
	if (result == VT_ECONFLICT) {
		status = admin_page(r, "there is a user with that email "
				    "address already", NULL, NULL, 422);
	} else if (result == VT_EINVAL) {
		snprintf(problem, sizeof(problem), "%s", dq.n ?
			 dq.items[0].message : "the user was refused");
		status = admin_page(r, problem, NULL, NULL, 422);
	} else if (result) {
		status = page_error(r, 503, "The database does not answer.");
	} else {
		vt_password_new(password);
		status = vt_password_set_one_time(r->store, email, password)
			? page_error(r, 503, "The password could not be set.")
			: admin_page(r, NULL, email, password, 200);
		sodium_memzero(password, sizeof(password));
	}
	vt_diagq_release(&dq);
	return status;
}

/* Disable: signed out everywhere, tokens revoked, no password. */
unsigned page_user_disable(struct req *r)
{
	const char *email = req_field(r, "email");
	enum vt_err result;

	if (email && !strcmp(email, r->who.email))
		return admin_page(r, "you cannot disable your own account",
				  NULL, NULL, 422);
	result = vt_user_disable(r->store, email ? email : "");
	if (result == VT_ENOTFOUND)
		return admin_page(r, "there is no such user", NULL, NULL,
				  422);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	return req_redirect(r, "/admin");
}

/* Enable: a new one-time password, shown once. */
unsigned page_user_enable(struct req *r)
{
	const char *email = req_field(r, "email");
	char password[VT_ONE_TIME_PASSWORD_LEN + 1];
	enum vt_err result;
	unsigned status;

	vt_password_new(password);
	result = vt_password_set_one_time(r->store, email ? email : "",
					  password);
	if (result == VT_ENOTFOUND)
		status = admin_page(r, "there is no such user", NULL, NULL,
				    422);
	else if (result)
		status = page_error(r, 503, "The password could not be set.");
	else
		status = admin_page(r, NULL, email, password, 200);
	sodium_memzero(password, sizeof(password));
	return status;
}

/* A select of the form, with its error message when 'problem' is about
   it (GOV.UK: the message above the field, the group marked). */
static void edit_select_begin(struct req *r, const char *id,
			      const char *label, const char *hint,
			      const char *problem)
{
	struct vt_html *h = &r->html;
	char hint_id[40], error_id[40], described[80];

	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	snprintf(error_id, sizeof(error_id), "%s-error", id);
	snprintf(described, sizeof(described), "%s%s%s", hint_id,
		 problem ? " " : "", problem ? error_id : "");
	vt_html_open(h, "div", "class", problem ? "govuk-form-group govuk-"
		     "form-group--error" : "govuk-form-group", NULL);
	vt_html_element(h, "label", label, "class", "govuk-label govuk-label"
			"--s", "for", id, NULL);
	vt_html_element(h, "div", hint, "class", "govuk-hint", "id", hint_id,
			NULL);
	if (problem) {
		vt_html_open(h, "p", "class", "govuk-error-message", "id",
			     error_id, NULL);
		vt_html_element(h, "span", "Error:", "class",
				"govuk-visually-hidden", NULL);
		vt_html_textf(h, " %s", problem);
		vt_html_close(h, "p");
	}
	vt_html_open(h, "select", "class", problem ? "govuk-select govuk-"
		     "select--error" : "govuk-select", "id", id, "name", id,
		     "aria-describedby", described, NULL);
}

/*
 * The user's role and agency to change; 'problem' about 'field' when
 * the last attempt was refused, the form then showing what was sent.
 */
static unsigned edit_page(struct req *r, const char *email,
			  const char *problem, const char *field,
			  unsigned status)
{
	struct vt_html *h = &r->html;
	const struct vt_user *u;
	const char *role, *agency;
	char sentence[400];
	struct vt_def def;
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	u = email ? vt_def_find(&def, VT_KIND_USER, email) : NULL;
	if (!u) {
		vt_def_release(&def);
		return page_error(r, 404, "There is no such user.");
	}
	role = problem ? req_field(r, "role") : vt_role_names[u->role];
	agency = problem ? req_field(r, "agency") : u->agency;
	snprintf(sentence, sizeof(sentence), "%s", problem ? problem : "");
	if (sentence[0] >= 'a' && sentence[0] <= 'z')
		sentence[0] = (char)(sentence[0] - 'a' + 'A');
	page_begin(r, "Change a user's role");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	page_summary_begin(r);
	page_summary_row(r, "Email", u->email, NULL);
	page_summary_row(r, "Role title", u->name, NULL);
	page_summary_end(r);
	vt_html_element(h, "p", "Saving signs them out everywhere and revokes "
			"their API tokens: they sign in again to use their "
			"new role.", "class", "govuk-body", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/admin/user\" "
			   "novalidate>");
	page_csrf(r);
	page_hidden(r, "email", u->email);
	edit_select_begin(r, "role", "Role", "What they may see and do.",
			  problem && !strcmp(field, "role") ? sentence : NULL);
	for (i = 0; i < VT_ROLE__MAX; i++)
		vt_html_element(h, "option", vt_role_names[i], "value",
				vt_role_names[i], "selected", role &&
				!strcmp(role, vt_role_names[i]) ? "selected" :
				NULL, NULL);
	vt_html_literal(h, "</select></div>");
	edit_select_begin(r, "agency", "Agency", "Only an agency lead answers "
			  "for an agency.", problem && !strcmp(field,
			  "agency") ? sentence : NULL);
	vt_html_element(h, "option", "None", "value", "", NULL);
	for (i = 0; i < vt_def_count(&def, VT_KIND_AGENCY); i++) {
		const struct vt_agency *a = vt_def_at(&def, VT_KIND_AGENCY, i);

		vt_html_element(h, "option", a->name, "value", a->code,
				"selected", agency && !strcmp(agency, a->code) ?
				"selected" : NULL, NULL);
	}
	vt_html_literal(h, "</select></div><div class=\"govuk-button-group\">"
			   "<button type=\"submit\" class=\"govuk-button\">"
			   "Save changes</button><a class=\"govuk-link\" "
			   "href=\"/admin\">Cancel</a></div></form>");
	page_end(r);
	vt_def_release(&def);
	return status;
}

unsigned page_user_edit(struct req *r)
{
	return edit_page(r, req_query(r, "email"), NULL, NULL, 200);
}

/* Save a user's role and agency: their sessions and tokens end. */
unsigned page_user_change(struct req *r)
{
	const char *email = req_field(r, "email");
	const char *role = req_field(r, "role");
	const char *field = "role";
	char why[300], done[400];
	struct vt_signed_in who;
	enum vt_err result;

	result = vt_user_change(r->store, email ? email : "", role ? role : "",
				req_field(r, "agency"), r->who.email, &field,
				why, sizeof(why));
	if (result == VT_ENOTFOUND)
		return page_error(r, 404, "There is no such user.");
	if (result == VT_EINVAL || result == VT_ECONFLICT)
		return edit_page(r, email, why, field, 422);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* Their own role changed: this session has ended with the rest. */
	if (!strcmp(r->who.email, email) ||
	    vt_store_user_get(r->store, email, &who))
		return req_redirect(r, "/login");
	snprintf(done, sizeof(done), "%s is now %s %s%s%s. They have been "
		 "signed out and sign in again to use it.", who.email,
		 strchr("aeiou", vt_role_names[who.role][0]) ? "an" : "a",
		 vt_role_names[who.role], who.agency[0] ?
		 " for " : "", who.agency);
	return admin_page_done(r, NULL, NULL, NULL, done, 200);
}
