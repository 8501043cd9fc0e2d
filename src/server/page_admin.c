/* Administration: who can sign in (searched, sorted, a page at a time), with which role, and enabling and disabling them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vitals/strparse.h"
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

/* Users a page: a screenful or two. */
#define USERS_PER_PAGE 25

/* The columns the users sort by, as the query names them ("" for the
   definition's order) and as the headers say them. */
enum sort { SORT_NONE, SORT_EMAIL, SORT_NAME, SORT_ROLE, SORT_AGENCY,
	    SORT__MAX };
static const char *const sort_names[SORT__MAX] = {
	"", "email", "name", "role", "agency" };
static const char *const sort_labels[SORT__MAX] = {
	"", "Email", "Name", "Role", "Agency" };

/* The users as asked: search, order, page. */
struct view {
	const char *search;	/* in the name or email, or NULL */
	enum sort sort;
	bool descending;
	long page, pages;
	const char *bad_page;	/* the page asked, when it is refused */
};

/* A user with the order it is sorted in: qsort passes no context, and
   the server's threads share no state. */
struct keyed {
	const struct vt_user *u;
	enum sort sort;
	bool descending;
};

/* By the column sorted, the other way when descending; a user of no
   agency sorts last either way; ties by email, which is unique. */
static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *ka = pa, *kb = pb;
	const struct vt_user *a = ka->u, *b = kb->u;
	int c = 0;

	switch (ka->sort) {
	case SORT_NAME:
		c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
		break;
	case SORT_ROLE:
		c = strcmp(vt_role_names[a->role], vt_role_names[b->role]);
		break;
	case SORT_AGENCY:
		if (!a->agency != !b->agency)
			return a->agency ? -1 : 1;
		c = a->agency ? strcmp(a->agency, b->agency) : 0;
		break;
	default:
		break;
	}
	if (ka->descending)
		c = -c;
	if (!c)
		c = strcmp(a->email, b->email) * (ka->sort == SORT_EMAIL &&
						  ka->descending ? -1 : 1);
	return c;
}

/* The ?q=, ?sort= and ?dir= of the users; false, with the problem and
   its field, for an order that is none of them. */
static bool view_read(struct req *r, struct view *v, const char **problem,
		      const char **field)
{
	const char *name = req_query(r, "sort"), *dir = req_query(r, "dir");
	int i;

	memset(v, 0, sizeof(*v));
	v->search = req_query(r, "q");
	if (v->search && !*v->search)
		v->search = NULL;
	v->descending = dir && !strcmp(dir, "desc");
	for (i = 1; name && *name && i < SORT__MAX; i++)
		if (!strcmp(name, sort_names[i]))
			v->sort = (enum sort)i;
	if (name && *name && v->sort == SORT_NONE) {
		*problem = "users sort by email, name, role or agency";
		*field = "sort";
		return false;
	}
	if (dir && *dir && strcmp(dir, "asc") && strcmp(dir, "desc")) {
		*problem = "the order is ascending or descending";
		*field = "dir";
		return false;
	}
	return true;
}

/* The users the search finds, in the view's order: a new array of
   'n' (NULL and 0 for none, or out of memory). */
static struct keyed *users_found(const struct vt_def *def,
				 const struct view *v, size_t *n)
{
	size_t i, total = vt_def_count(def, VT_KIND_USER);
	struct keyed *k = total ? calloc(total, sizeof(*k)) : NULL;

	*n = 0;
	if (!k)
		return NULL;
	for (i = 0; i < total; i++) {
		const struct vt_user *u = vt_def_at(def, VT_KIND_USER, i);

		if (v->search && !vt_text_has(u->email, v->search) &&
		    !vt_text_has(u->name, v->search))
			continue;
		k[*n].u = u;
		k[*n].sort = v->sort;
		k[*n].descending = v->descending;
		(*n)++;
	}
	if (v->sort)
		qsort(k, *n, sizeof(*k), keyed_cmp);
	return k;
}

/* The search and order, in a GET form of their own. */
static void users_form(struct req *r, const struct view *v)
{
	static const char *const sorts[] = {
		"email", "name", "role", "agency", NULL };
	static const char *const sort_words[] = {
		"Email", "Name", "Role", "Agency", NULL };
	static const char *const dirs[] = { "desc", NULL };
	static const char *const dir_words[] = { "Descending", NULL };
	struct vt_html *h = &r->html;

	vt_html_literal(h, "<form method=\"get\" action=\"/admin\" "
			   "novalidate>");
	page_text_input(r, "q", "q", "Search users by name or email",
			v->search, "govuk-!-width-full");
	page_select(r, "sort", "Sort users by", sorts, sort_words,
		    req_query(r, "sort"), "the order they were added");
	page_select(r, "dir", "Order", dirs, dir_words, req_query(r, "dir"),
		    "Ascending");
	if (v->bad_page)
		page_text_input(r, "page", "page", "Page", v->bad_page,
				"govuk-input--width-4");
	page_button(r, "Search", true);
	vt_html_literal(h, "</form>");
}

/* A column's header: a link that sorts by it, ascending first, the
   other way when it is the column sorted by. */
static void sort_header(struct req *r, const struct view *v, enum sort col)
{
	char query[600], href[700];
	bool sorted = v->sort == col;

	*query = '\0';
	page_query_add(query, sizeof(query), "q", v->search);
	page_query_add(query, sizeof(query), "sort", sort_names[col]);
	page_query_add(query, sizeof(query), "dir", sorted && !v->descending
						    ? "desc" : NULL);
	snprintf(href, sizeof(href), "/admin?%s", query);
	page_sort_header(r, sort_labels[col], href,
			 !sorted ? 0 : v->descending ? -1 : 1);
}

static void users_table(struct req *r, const struct view *v,
			const struct keyed *k, size_t n, bool any)
{
	char query[600], base[700];
	size_t i, first, end;
	int col;

	if (!n) {
		vt_html_element(&r->html, "p", any ? "No user matches that "
				"search." : "There are no users.", "class",
				"govuk-body", "id", "no-users", NULL);
		return;
	}
	page_showing(r, v->page, USERS_PER_PAGE, n, "users");
	page_table_open(r, "users", "Users");
	for (col = SORT_EMAIL; col < SORT__MAX; col++)
		sort_header(r, v, (enum sort)col);
	page_table_header(r, "Signing in");
	page_table_header(r, "Role and agency");
	page_table_body(r);
	first = (size_t)(v->page - 1) * USERS_PER_PAGE;
	end = first + USERS_PER_PAGE < n ? first + USERS_PER_PAGE : n;
	for (i = first; i < end; i++) {
		const struct vt_user *u = k[i].u;

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
	*query = '\0';
	page_query_add(query, sizeof(query), "q", v->search);
	page_query_add(query, sizeof(query), "sort",
		       v->sort ? sort_names[v->sort] : NULL);
	page_query_add(query, sizeof(query), "dir",
		       v->descending ? "desc" : NULL);
	snprintf(base, sizeof(base), "/admin?%s", query);
	page_pagination(r, "Pages of users", base, v->page, v->pages);
}

static unsigned admin_page_done(struct req *r, const char *problem,
				const char *added, const char *password,
				const char *done, unsigned status)
{
	static const char *const agency_columns[] = {
		"Code", "Name", "Sector", NULL };
	const char *field = "email";
	struct keyed *found;
	struct vt_def def;
	struct view v;
	char why[120];
	bool refused = false;
	size_t i, n;

	if (!req_read_def(r, &def, &status))
		return status;
	/* A refused search, order or page is a 400 that lists no one. */
	if (!view_read(r, &v, &problem, &field)) {
		refused = true;
		status = 400;
	}
	found = users_found(&def, &v, &n);
	if (!found && vt_def_count(&def, VT_KIND_USER)) {
		vt_def_release(&def);
		return page_error(r, 503, "The users could not be listed.");
	}
	if (!refused && !page_number_read(r, n, USERS_PER_PAGE, &v.page,
					  &v.pages, why, sizeof(why))) {
		v.bad_page = req_query(r, "page");
		problem = why;
		field = "page";
		refused = true;
		status = 400;
	}
	page_begin(r, "Users and agencies");
	if (problem)
		page_problem(r, "There is a problem", problem, field);
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
	vt_html_element(&r->html, "h2", "Users", "class", "govuk-heading-m",
			NULL);
	users_form(r, &v);
	if (!refused)
		users_table(r, &v, found, n, vt_def_count(&def, VT_KIND_USER));
	free(found);
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

/* "police.lead@... is now an agency lead for police. ..." */
static bool changed_words(struct req *r, const char *email, char *out,
			  size_t size)
{
	struct vt_signed_in who;

	if (!email || !*email || vt_store_user_get(r->store, email, &who))
		return false;
	snprintf(out, size, "%s is now %s %s%s%s. They have been signed out "
		 "and sign in again to use it.", who.email,
		 strchr("aeiou", vt_role_names[who.role][0]) ? "an" : "a",
		 vt_role_names[who.role], who.agency[0] ? " for " : "",
		 who.agency);
	return true;
}

unsigned page_admin(struct req *r)
{
	char done[400];

	/* After a change of role (the form redirects here, so that a
	   reload does not send it again). */
	if (changed_words(r, req_query(r, "changed"), done, sizeof(done)))
		return admin_page_done(r, NULL, NULL, NULL, done, 200);
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
	if (result == VT_ECONFLICT)
		return admin_page(r, "this is the only administrator who can "
				  "sign in: make another user an administrator "
				  "first", NULL, NULL, 422);
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
	char why[300], query[400] = "", where[420];
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
	if (!strcmp(r->who.email, email))
		return req_redirect(r, "/login");
	page_query_add(query, sizeof(query), "changed", email);
	snprintf(where, sizeof(where), "/admin?%s", query);
	return req_redirect(r, where);
}
