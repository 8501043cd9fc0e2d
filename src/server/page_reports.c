/* Report downloads (HTML, PDF, Excel, Markdown of the pack), the change log, the user's own tokens, and the administrators' lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "server/server.h"

/* ------------------------------------------------------------------ */
/* Reports */

static const struct {
	const char *ext, *label, *type;
} formats[] = {
	{ "html", "Web page (HTML, one self-contained file)",
	  "text/html; charset=utf-8" },
	{ "pdf", "PDF (A4, for printing)", "application/pdf" },
	{ "xlsx", "Excel workbook (the dataset, a sheet per plan)",
	  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "md", "Markdown (for board papers)", "text/markdown; charset=utf-8" },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

unsigned page_reports(struct req *r)
{
	struct vt_html *h = &r->html;
	struct pack pk;
	char href[200];
	unsigned status = pack_open(r, req_query(r, "period"), &pk);
	size_t i;

	if (status)
		return status;
	page_begin(r, "Reports");
	if (!pk.built) {
		vt_html_element(h, "p", "No figures yet.", "class",
				"govuk-body", NULL);
	} else {
		vt_html_open(h, "p", "class", "govuk-body", NULL);
		vt_html_textf(h, "The vital-signs pack for %s%s:", pk.rep.label,
			      pk.rep.publish ? " as published (counts from 1 "
			      "to 4 shown as <5)" : "");
		vt_html_close(h, "p");
		vt_html_literal(h, "<ul class=\"govuk-list\">");
		for (i = 0; i < NFORMATS; i++) {
			snprintf(href, sizeof(href), "/reports/%s/vital-signs"
				 ".%s", pk.period, formats[i].ext);
			vt_html_literal(h, "<li>");
			vt_html_element(h, "a", formats[i].label, "class",
					"govuk-link", "href", href, NULL);
			vt_html_literal(h, "</li>");
		}
		vt_html_literal(h, "</ul>");
	}
	page_end(r);
	pack_close(&pk);
	return 200;
}

/* One renderer into 'path' (the PDF and workbook writers want a file). */
static enum vt_err render(const struct vt_report *rep, const char *ext,
			  const char *path)
{
	FILE *f;
	enum vt_err result;

	if (!strcmp(ext, "pdf"))
		return vt_report_pdf(rep, path);
	if (!strcmp(ext, "xlsx"))
		return vt_report_xlsx(rep, path);
	f = fopen(path, "wb");
	if (!f)
		return VT_EIO;
	result = !strcmp(ext, "md") ? vt_report_markdown(rep, f)
				    : vt_report_html(rep, f);
	if (fclose(f) && !result)
		result = VT_EIO;
	return result;
}

unsigned page_report_file(struct req *r)
{
	const char *dot = strrchr(r->path, '.');
	char dir[] = "/tmp/vitals-report-XXXXXX", path[300];
	struct pack pk;
	unsigned status;
	size_t i;

	for (i = 0; dot && i < NFORMATS; i++)
		if (!strcmp(dot + 1, formats[i].ext))
			break;
	if (!dot || i == NFORMATS)
		return page_error(r, 404, "There is no such report.");
	status = pack_open(r, r->params[0], &pk);
	if (status)
		return status;
	if (!pk.built) {
		pack_close(&pk);
		return page_error(r, 404, "There are no figures for that "
				  "period.");
	}
	if (!mkdtemp(dir)) {
		pack_close(&pk);
		return page_error(r, 503, "The server cannot make the file.");
	}
	snprintf(path, sizeof(path), "%s/vital-signs.%s", dir, formats[i].ext);
	if (render(&pk.rep, formats[i].ext, path) || !req_send_file(r, path)) {
		status = page_error(r, 500, "The report could not be made.");
	} else {
		status = 200;
		r->content_type = formats[i].type;
		/* A download, even the HTML: its own inline style is one
		   this site's policy would refuse to apply. */
		snprintf(r->disposition, sizeof(r->disposition),
			 "attachment; filename=\"vital-signs-%s.%s\"",
			 pk.period, formats[i].ext);
	}
	unlink(path);
	rmdir(dir);
	pack_close(&pk);
	return status;
}

/* ------------------------------------------------------------------ */
/* The change log: the latest entries, newest first */

#define LOG_SHOWN 200

struct log_tail {
	struct vt_log_entry items[LOG_SHOWN];
	char *text[LOG_SHOWN][4];	/* at, who, entity, key: owned */
	size_t n, next;			/* a ring of the latest */
	const char *entity;		/* only these, or NULL */
};

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static enum vt_err keep_entry(void *arg, const struct vt_log_entry *e)
{
	struct log_tail *t = arg;
	size_t k = t->next, j;

	if (t->entity && strcmp(t->entity, e->entity))
		return VT_OK;
	for (j = 0; j < 4 && t->n == LOG_SHOWN; j++)
		free(t->text[k][j]);
	t->items[k].id = e->id;
	t->text[k][0] = dup_or_empty(e->at);
	t->text[k][1] = dup_or_empty(e->who);
	t->text[k][2] = dup_or_empty(e->entity);
	t->text[k][3] = dup_or_empty(e->key);
	t->next = (k + 1) % LOG_SHOWN;
	if (t->n < LOG_SHOWN)
		t->n++;
	for (j = 0; j < 4; j++)
		if (!t->text[k][j])
			return VT_ENOMEM;
	return VT_OK;
}

unsigned page_log(struct req *r)
{
	static const char *const columns[] = {
		"Entry", "At", "Who", "What", "Which", NULL };
	struct log_tail *t = calloc(1, sizeof(*t));
	const char *entity = req_query(r, "entity");
	char id[24];
	size_t i, j;
	enum vt_err result;

	if (!t)
		return 500;
	t->entity = entity && *entity ? entity : NULL;
	result = vt_store_log_each(r->store, keep_entry, t);
	if (result) {
		for (i = 0; i < t->n; i++)
			for (j = 0; j < 4; j++)
				free(t->text[i][j]);
		free(t);
		return page_error(r, 503, "The change log could not be read.");
	}
	page_begin(r, "Change log");
	vt_html_open(&r->html, "p", "class", "govuk-body", NULL);
	vt_html_textf(&r->html, "The latest %zu changes, newest first; "
		      "`vitals log list` prints them all.", t->n);
	vt_html_close(&r->html, "p");
	page_table_begin(r, NULL, "Changes", columns);
	for (i = 0; i < t->n; i++) {
		size_t k = (t->next + LOG_SHOWN - 1 - i) % LOG_SHOWN;

		vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
		snprintf(id, sizeof(id), "%lld", (long long)t->items[k].id);
		page_cell(r, id);
		for (j = 0; j < 4; j++)
			page_cell(r, t->text[k][j]);
		vt_html_literal(&r->html, "</tr>");
	}
	page_table_end(r);
	page_end(r);
	for (i = 0; i < t->n; i++)
		for (j = 0; j < 4; j++)
			free(t->text[i][j]);
	free(t);
	return 200;
}

/* ------------------------------------------------------------------ */
/* Your account: personal API tokens */

/* A day as people read it: "5 December 2026". */
static void day_text(int64_t at, char out[32])
{
	time_t t = (time_t)at;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%e %B %Y", &tm);
	if (out[0] == ' ')
		memmove(out, out + 1, strlen(out));
}

static void token_row(void *arg, const struct vt_api_token_info *tk)
{
	struct req *r = arg;
	const char *name = tk->name;
	char created[32], expires[32], used[32], action[64];

	day_text(tk->created, created);
	day_text(tk->expires, expires);
	if (tk->last_used)
		day_text(tk->last_used, used);
	vt_html_literal(&r->html, "<tr class=\"govuk-table__row\">");
	page_cell(r, name);
	page_cell(r, tk->write ? "Read and change" : "Read only");
	page_cell(r, created);
	page_cell(r, expires);
	page_cell(r, tk->last_used ? used : "Never");
	vt_html_literal(&r->html, "<td class=\"govuk-table__cell\">");
	snprintf(action, sizeof(action), "/account/tokens/revoke");
	vt_html_open(&r->html, "form", "method", "post", "action", action,
		     NULL);
	vt_html_open(&r->html, "input", "type", "hidden", "name", "csrf",
		     "value", r->who.csrf, NULL);
	vt_html_open(&r->html, "input", "type", "hidden", "name", "name",
		     "value", name, NULL);
	vt_html_open(&r->html, "button", "type", "submit", "class",
		     "govuk-button govuk-button--warning govuk-!-margin-bottom-"
		     "0", NULL);
	vt_html_literal(&r->html, "Revoke<span class=\"govuk-visually-hidden"
			"\"> ");
	vt_html_text(&r->html, name);
	vt_html_literal(&r->html, "</span></button></form></td></tr>");
}

/* A password field of the change form. */
static void password_field(struct vt_html *h, const char *id,
			   const char *name, const char *label,
			   const char *autocomplete, const char *hint)
{
	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_open(h, "label", "class", "govuk-label", "for", id, NULL);
	vt_html_text(h, label);
	vt_html_close(h, "label");
	if (hint) {
		char hint_id[40];

		snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
		vt_html_element(h, "div", hint, "class", "govuk-hint", "id",
				hint_id, NULL);
		vt_html_open(h, "input", "class", "govuk-input "
			     "govuk-input--width-20", "id", id, "name", name,
			     "type", "password", "autocomplete", autocomplete,
			     "aria-describedby", hint_id, "required",
			     "required", NULL);
	} else {
		vt_html_open(h, "input", "class", "govuk-input "
			     "govuk-input--width-20", "id", id, "name", name,
			     "type", "password", "autocomplete", autocomplete,
			     "required", "required", NULL);
	}
	vt_html_literal(h, "</div>");
}

/* Changing one's own password: the current one, the new one twice. */
static void password_form(struct req *r)
{
	struct vt_html *h = &r->html;
	char hint[160];

	snprintf(hint, sizeof(hint), "At least %d characters, not a common "
		 "password. A few words you will remember work well.",
		 VT_PASSWORD_MIN);
	vt_html_literal(h, "<form method=\"post\" action=\"/account/"
			   "password\" novalidate>");
	vt_html_open(h, "input", "type", "hidden", "name", "csrf", "value",
		     r->who.csrf, NULL);
	password_field(h, "current-password", "current", r->who.one_time ?
		       "The password you were given" : "Current password",
		       "current-password", NULL);
	password_field(h, "new-password", "password", "New password",
		       "new-password", hint);
	password_field(h, "confirm-password", "confirm",
		       "New password again", "new-password", NULL);
	vt_html_literal(h, "<button type=\"submit\" class=\"govuk-button\">"
			   "Change password</button></form>");
}

/*
 * The account page: who you are, your password, your API tokens.  With a
 * one-time password only the password form: nothing else opens until the
 * user has chosen their own.
 */
static unsigned account_page(struct req *r, const char *new_token,
			     const char *problem, const char *field,
			     const char *done, unsigned status)
{
	static const char *const columns[] = {
		"Token", "May", "Created", "Expires", "Last used", "Action",
		NULL };
	struct vt_html *h = &r->html;
	enum vt_err listed;

	page_begin(r, r->who.one_time ? "Choose your password"
				       : "Your account");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
	if (done) {
		vt_html_literal(h, "<div class=\"govuk-notification-banner "
				   "govuk-notification-banner--success\" role=\""
				   "alert\"><div class=\"govuk-notification-"
				   "banner__content\">");
		vt_html_element(h, "p", done, "class",
				"govuk-notification-banner__heading", NULL);
		vt_html_literal(h, "</div></div>");
	}
	if (r->who.one_time) {
		vt_html_element(h, "p", "The password you signed in with was "
				"given to you by an administrator. Choose your "
				"own before you go on: only you will know it.",
				"class", "govuk-body", NULL);
		password_form(r);
		page_end(r);
		return status;
	}
	vt_html_literal(h, "<dl class=\"govuk-summary-list\"><div class=\""
			   "govuk-summary-list__row\"><dt class=\"govuk-summary"
			   "-list__key\">Email</dt>");
	vt_html_element(h, "dd", r->who.email, "class",
			"govuk-summary-list__value", NULL);
	vt_html_literal(h, "</div><div class=\"govuk-summary-list__row\"><dt "
			   "class=\"govuk-summary-list__key\">Role</dt>");
	vt_html_element(h, "dd", vt_role_names[r->who.role], "class",
			"govuk-summary-list__value", NULL);
	vt_html_literal(h, "</div></dl>");
	vt_html_element(h, "h2", "Change your password", "class",
			"govuk-heading-m", NULL);
	vt_html_element(h, "p", "Changing it signs you out everywhere else "
			"and revokes your API tokens.", "class", "govuk-body",
			NULL);
	password_form(r);
	if (new_token) {
		vt_html_literal(h, "<div class=\"govuk-panel govuk-panel--"
				   "confirmation\"><h2 class=\"govuk-panel__"
				   "title\">Your new token</h2><div class=\""
				   "govuk-panel__body\">Shown this once: ");
		vt_html_element(h, "code", new_token, "id", "new-token", NULL);
		vt_html_literal(h, "</div></div>");
	}
	page_table_begin(r, "tokens", "Personal API tokens", columns);
	listed = vt_api_token_list(r->store, r->who.email, token_row, r);
	page_table_end(r);
	/* An empty table must mean no tokens, never a database that did
	   not answer. */
	if (listed)
		vt_html_element(h, "p", "Your tokens could not be read: the "
				"database did not answer. Load the page again.",
				"class", "govuk-error-message", NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/account/tokens\">");
	vt_html_open(h, "input", "type", "hidden", "name", "csrf", "value",
		     r->who.csrf, NULL);
	vt_html_literal(h, "<div class=\"govuk-form-group\"><label class=\""
			   "govuk-label\" for=\"token-name\">Name of a new "
			   "token (what will use it)</label><input class=\""
			   "govuk-input govuk-input--width-20\" id=\"token-"
			   "name\" name=\"name\" type=\"text\"></div>"
			   "<div class=\"govuk-form-group\"><div class=\""
			   "govuk-checkboxes govuk-checkboxes--small\"><div "
			   "class=\"govuk-checkboxes__item\"><input class=\""
			   "govuk-checkboxes__input\" id=\"token-write\" "
			   "name=\"write\" type=\"checkbox\" value=\"1\"><label "
			   "class=\"govuk-label govuk-checkboxes__label\" for="
			   "\"token-write\">It may change data, not only read "
			   "it</label></div></div></div><p class=\"govuk-body\">"
			   "A token works for 90 days, on the API only."
			   "</p><button type=\"submit\" class=\"govuk-button\">"
			   "Create token</button></form>");
	page_end(r);
	return status;
}

unsigned page_account(struct req *r)
{
	return account_page(r, NULL, NULL, NULL, NULL, 200);
}

/* The first letter of a library message made a capital, as GOV.UK
   error messages are written. */
static void sentence(const char *message, char out[200])
{
	snprintf(out, 200, "%s", message);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

unsigned page_password_change(struct req *r)
{
	const char *current = req_field(r, "current");
	const char *password = req_field(r, "password");
	const char *confirm = req_field(r, "confirm");
	char session[VT_TOKEN_LEN + 1], problem[200];
	struct vt_signed_in who;
	enum vt_err result;

	if (!current || !*current)
		return account_page(r, NULL, r->who.one_time ? "Enter the "
				    "password you were given" : "Enter your "
				    "current password", "current-password",
				    NULL, 422);
	if (!password || !*password)
		return account_page(r, NULL, "Enter a new password",
				    "new-password", NULL, 422);
	if (vt_password_problem(password)) {
		sentence(vt_password_problem(password), problem);
		return account_page(r, NULL, problem, "new-password", NULL,
				    422);
	}
	if (!strcmp(password, current))
		return account_page(r, NULL, "Choose a new password, not the "
				    "one you have now", "new-password", NULL,
				    422);
	if (!confirm || strcmp(password, confirm))
		return account_page(r, NULL, "The new password and the one "
				    "typed again are not the same",
				    "confirm-password", NULL, 422);
	result = vt_password_change(r->store, r->who.email, current, password,
				    r->address, (int64_t)time(NULL), session,
				    &who);
	if (result == VT_EDENIED)
		return account_page(r, NULL, r->who.one_time ? "The password "
				    "you were given is not right" : "Your "
				    "current password is not right",
				    "current-password", NULL, 422);
	if (result == VT_ETHROTTLED)
		return account_page(r, NULL, "Too many wrong passwords: wait "
				    "a few minutes and try again",
				    "current-password", NULL, 429);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	/* The old session has gone with the old password: this browser
	   carries on with the new one. */
	req_set_cookie(r, "vitals_session", session, VT_SESSION_MAX);
	sodium_memzero(session, sizeof(session));
	r->who = who;
	return account_page(r, NULL, NULL, NULL, "Your password has been "
			    "changed. You have been signed out everywhere "
			    "else, and your API tokens have been revoked.",
			    200);
}

unsigned page_token_add(struct req *r)
{
	const char *name = req_field(r, "name");
	char token[VT_TOKEN_LEN + 1];
	enum vt_err result;

	if (!name || !*name || strlen(name) > 64)
		return account_page(r, NULL, "give the token a name of up to "
				    "64 characters", "token-name", NULL, 422);
	result = vt_api_token_add(r->store, r->who.email, name,
				  req_field(r, "write") != NULL, VT_TOKEN_DAYS,
				  (int64_t)time(NULL), token);
	if (result == VT_ECONFLICT)
		return account_page(r, NULL, "you have a token of that name "
				    "already", "token-name", NULL, 422);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	return account_page(r, token, NULL, NULL, NULL, 200);
}

unsigned page_token_revoke(struct req *r)
{
	const char *name = req_field(r, "name");
	enum vt_err result = vt_api_token_revoke(r->store, r->who.email,
						 name ? name : "");

	if (result == VT_ENOTFOUND)
		return account_page(r, NULL, "there is no token of that name",
				    "tokens", NULL, 404);
	if (result)
		return page_error(r, 503, "The database does not answer.");
	return req_redirect(r, "/account");
}

/* ------------------------------------------------------------------ */
/* Administration: who can sign in, and the agencies */

/* A new user: email, a role title for a name, role, agency. */
static void user_form(struct req *r, const struct vt_def *def)
{
	struct vt_html *h = &r->html;
	const char *role = req_field(r, "role");
	const char *agency = req_field(r, "agency");
	size_t i;

	vt_html_element(h, "h2", "Add a user", "class", "govuk-heading-m",
			NULL);
	vt_html_literal(h, "<form method=\"post\" action=\"/admin/users\" "
			   "novalidate>");
	vt_html_open(h, "input", "type", "hidden", "name", "csrf", "value",
		     r->who.csrf, NULL);
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
	vt_html_open(&r->html, "input", "type", "hidden", "name", "csrf",
		     "value", r->who.csrf, NULL);
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

static unsigned admin_page(struct req *r, const char *problem,
			   const char *added, const char *password,
			   unsigned status)
{
	static const char *const user_columns[] = {
		"Email", "Name", "Role", "Agency", "Signing in", NULL };
	static const char *const agency_columns[] = {
		"Code", "Name", "Sector", NULL };
	struct vt_def def;
	size_t i;

	if (!req_read_def(r, &def, &status))
		return status;
	page_begin(r, "Users and agencies");
	if (problem)
		page_problem(r, "There is a problem", problem, "email");
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
