/* The web application's shared parts: one request, the route table, pages. */
#ifndef VT_SERVER_SERVER_H
#define VT_SERVER_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <microhttpd.h>

#include "vitals/auth.h"
#include "vitals/diag.h"
#include "vitals/html.h"
#include "vitals/model.h"
#include "vitals/query.h"
#include "vitals/report.h"
#include "vitals/returns.h"
#include "vitals/form.h"
#include "vitals/store.h"
#include "vitals/visibility.h"

#define REQ_BODY_MAX (512 * 1024)	/* a return's form with its narratives */
#define REQ_PUBLIC_BODY_MAX (16 * 1024)	/* before sign-in: the sign-in form */
#define REQ_UPLOAD_MAX (16 * 1024 * 1024)	/* a return's workbook */
#define REQ_FIELDS_MAX 1024

struct server_config {
	const char *db;
	const char *listen;		/* "127.0.0.1:8080"; port 0: any */
	bool secure_cookies;		/* served over TLS, or behind a proxy
					   that terminates it */
	unsigned threads;
};

/* Everything one request owns; freed in one call when it completes. */
struct req {
	const struct server_config *cfg;
	struct MHD_Connection *conn;
	const char *method, *path;
	const struct route *route;	/* found when the headers came */
	char address[64];		/* the client's */
	char *body;			/* in memory, or the upload's file
					   mapped */
	size_t body_len;
	size_t body_max;		/* allowed once the sender is known */
	bool body_too_big;
	int body_fd;			/* an upload's unlinked file, or -1 */
	size_t body_mapped;		/* the length mapped, or 0 */
	struct vt_form form;		/* room for REQ_FIELDS_MAX fields */
	struct vt_store *store;		/* opened for this request */
	struct vt_signed_in who;
	bool signed_in;
	bool by_token;			/* Authorization: Bearer, not a cookie */
	bool illustrative;		/* the figures shown are the demo's */
	bool error_summary;		/* the page shows an error summary:
					   its title says so (server.c) */
	/* The list a detail page belongs to, as GOV.UK breadcrumbs above
	   its heading (set before page_begin; NULL: none). */
	const char *up_href, *up_text;
	char params[2][128];		/* the '*' segments of the route */
	/* The response */
	unsigned status;
	FILE *page;			/* the body being written */
	char *page_buf;			/* what is written, NUL-ended */
	size_t page_len;
	size_t page_cap;		/* bytes page_buf has room for */
	struct vt_html html;
	const char *content_type;
	const char *cache_control;	/* NULL: no-store */
	char disposition[160];		/* Content-Disposition, or "" */
	char cookies[2][300];
	size_t ncookies;
	char location[256];
	char allow[64];			/* for 405 */
	char etag[40];			/* ETag, quoted, or "" (api_cached) */
};

/* The roles a route is open to, as a mask of 1 << enum vt_role. */
#define ROLES_ALL ((1u << VT_ROLE__MAX) - 1)

enum route_flags {
	F_PUBLIC = 1 << 0,	/* no sign-in needed */
	F_CSRF = 1 << 1,	/* a state-changing form: token checked */
	F_JSON = 1 << 2,	/* the API: JSON errors, 401 not a redirect */
	F_ONE_TIME = 1 << 3,	/* open to a user who has still to change a
				   one-time password */
	F_KEEPS_WORK = 1 << 4,	/* a long form: sent after the session
				   ended, what was typed comes back after
				   signing in again */
};

struct route {
	const char *method;
	const char *path;
	unsigned (*handler)(struct req *r);	/* returns the status */
	unsigned roles;
	unsigned flags;
	const char *summary;
};

extern const struct route routes[];
extern const size_t nroutes;

/* Serve until SIGINT or SIGTERM; returns an exit status. */
int server_run(const struct server_config *cfg);

/* The store for this request: the thread's kept connection, or a new
   one (src/server/server.c). */
enum vt_err server_store(struct req *r);

/*
 * On the headers, before any of the body is read: the route, who sent
 * it and whether their role opens it.  0, or the status of the refusal
 * made.
 */
unsigned route_admit(struct req *r);
/* With the body: its size and CSRF checks, then the route's handler. */
unsigned route_request(struct req *r);

/* The body into fields (and the upload of a multipart form). */
void req_parse_body(struct req *r);
/* The bytes of the file 'path' as the response body (a download). */
bool req_send_file(struct req *r, const char *path);
/* A form field's value, or NULL. */
const char *req_field(const struct req *r, const char *name);
/* A query-string argument, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* The request's query as the library reads a list's filters. */
struct vt_query req_query_fields(struct req *r);
/* The refusal of a list's filters in 'dq', as the API answers it: 400
   with {"error", "field"} of the first problem. */
unsigned api_query_error(struct req *r, const struct vt_diagq *dq);
/* A cookie's value, or NULL. */
const char *req_cookie(const struct req *r, const char *name);
/* Queue a Set-Cookie (HttpOnly, SameSite=Lax, Path=/, Secure when set). */
void req_set_cookie(struct req *r, const char *name, const char *value,
		    long max_age);
/* Answer with 'j' (stolen) as JSON; 500 when it is NULL. */
unsigned req_json(struct req *r, unsigned status, json_t *j);
/*
 * A GET of the API answered from the answers kept per change-log head,
 * day, caller and address (src/server/api_cache.c), the route's handler
 * making it when none is kept; with its ETag, and 304 when the request's
 * If-None-Match holds it.  Returns the status.
 */
unsigned api_cached(struct req *r);
/* {"error": MESSAGE} with 'status'. */
unsigned api_error(struct req *r, unsigned status, const char *message);
/* A 303 to 'location'. */
unsigned req_redirect(struct req *r, const char *location);

/* The shared frame of every page, and the error page. */
void page_begin(struct req *r, const char *title);
void page_end(struct req *r);
/* A govuk table ('id' NULL for none): caption, header cells from the
   NULL-ended 'columns'. */
void page_table_begin(struct req *r, const char *id, const char *caption,
		      const char *const *columns);
void page_table_end(struct req *r);
/* One plain cell; NULL is empty. */
void page_cell(struct req *r, const char *text);
/* A cell of a date (YYYY-MM-DD) in words, "5 December 2026"; NULL is
   empty. */
void page_date_cell(struct req *r, const char *date);
/* Form parts, GOV.UK's markup written once: a labelled text input (with
   a width class such as "govuk-input--width-10", or NULL); small
   checkboxes, each with its label, between _begin and _end; a button. */
void page_text_input(struct req *r, const char *id, const char *name,
		     const char *label, const char *value, const char *width);
/* A labelled select named 'id': a first option 'any' (value ""), then
   the NULL-ended 'choices' shown as 'labels' (NULL: as themselves),
   'chosen' selected. */
void page_select(struct req *r, const char *id, const char *label,
		 const char *const *choices, const char *const *labels,
		 const char *chosen, const char *any);
/*
 * Form fields as GOV.UK marks them up: a group with its label, its hint
 * ('hint' NULL: none) and, when 'error' is not NULL, the group marked
 * and the error said at the field; the control named and identified by
 * 'id' and described by its hint and error.  page_field_begin() opens
 * the group of a control the page writes itself, and its closing
 * </div>.
 */
void page_field_begin(struct req *r, const char *id, const char *label,
		      const char *hint, const char *error);
/* 'width': a GOV.UK width class ("govuk-input--width-10"), or NULL. */
void page_field_text(struct req *r, const char *id, const char *label,
		     const char *hint, const char *value, const char *width,
		     const char *error);
void page_field_textarea(struct req *r, const char *id, const char *label,
			 const char *hint, const char *value,
			 const char *error);
/* As page_select(), with a hint and an error. */
void page_field_select(struct req *r, const char *id, const char *label,
		       const char *hint, const char *const *choices,
		       const char *const *labels, const char *chosen,
		       const char *any, const char *error);
/*
 * A refusal of the library as a form says it, at its field: "escalation
 * 'ESC-2026-01': raised 'x' is not a date" is "Raised 'x' is not a
 * date" at "raised", without the record's label (the form is that
 * record's).  'word' is the field the message begins with, past any
 * "list[N]." ("steps[1].note": "note"); 'field' is 'word' when it is one
 * of the NULL-ended 'fields', else 'fallback' (a page may map 'word'
 * itself).  A text refused as name-like is not echoed (page_problem_typed).
 */
struct page_problem {
	const char *message;	/* in 'text' */
	char word[48];
	char field[48];		/* the form's id */
	bool personal;
	char text[400];
};
void page_problem_read(struct page_problem *p, const char *why,
		       const char *label, const char *const *fields,
		       const char *fallback);
/* The message of 'p' when it is about 'field', else NULL ('p' may be
   NULL: nothing refused). */
const char *page_problem_at(const struct page_problem *p, const char *field);
/* What was typed into 'field' for the form shown again after 'p' (NULL
   when nothing was refused, or it was refused as name-like). */
const char *page_problem_typed(struct req *r, const struct page_problem *p,
			       const char *field);
/* Whether a query's value is one of the NULL-ended 'names' (NULL or "":
   any); NULL for "". */
bool page_one_of(const char *value, const char *const *names);
const char *page_blank_null(const char *s);
/* GOV.UK radios, small and inline, in a fieldset with 'legend': one for
   each of the NULL-ended 'choices' shown as 'labels' (NULL: as
   themselves), 'chosen' checked; the first radio's id is 'id'. */
void page_field_radios(struct req *r, const char *id, const char *legend,
		       const char *hint, const char *const *choices,
		       const char *const *labels, const char *chosen,
		       const char *error);
/* What was posted in field 'name': NULL when absent or blank; "" when
   absent. */
const char *page_field_or_null(struct req *r, const char *name);
const char *page_field_or_blank(struct req *r, const char *name);
/* The partnership of 'def' (NULL when none yet), and an agency's or a
   theme's name by its code (the code itself when it has none). */
const struct vt_partnership *page_partnership(const struct vt_def *def);
const char *page_agency_name(const struct vt_def *def, const char *code);
const char *page_theme_name(const struct vt_def *def, const char *code);
/* page_select() of the agencies, plans or priorities of 'def', each
   shown by its name or title, the value its code. */
void page_record_select(struct req *r, const struct vt_def *def,
			enum vt_kind kind, const char *id, const char *label,
			const char *chosen, const char *any);
/* A hidden field ('value' NULL: empty); the form's CSRF token. */
void page_hidden(struct req *r, const char *name, const char *value);
void page_csrf(struct req *r);
/* A GOV.UK summary list: rows of a key and its value (NULL: empty), the
   value's cell given 'id' unless NULL.  A value written by the caller
   goes between page_summary_row_open() and page_summary_row_close(). */
void page_summary_begin(struct req *r);
void page_summary_row(struct req *r, const char *key, const char *value,
		      const char *id);
void page_summary_row_open(struct req *r, const char *key, const char *id);
void page_summary_row_close(struct req *r);
void page_summary_end(struct req *r);
void page_checkboxes_begin(struct req *r);
void page_checkbox(struct req *r, const char *id, const char *name,
		   const char *label, bool checked);
void page_checkboxes_end(struct req *r);
void page_button(struct req *r, const char *text, bool secondary);
/* An error summary of one problem, linked to the field 'field'; the
   problem's first letter is made a capital. */
void page_problem(struct req *r, const char *title, const char *problem,
		  const char *field);
unsigned page_error(struct req *r, unsigned status, const char *message);
/* GOV.UK's "Important" notification banner of 'text', its content
   given 'id'. */
void page_important(struct req *r, const char *id, const char *text);
/* After a change, the page it leads back to says it was done: a GOV.UK
   success banner of the words paired with the query's "done" in
   'words' ({ "saved", "Update saved" }, ..., { NULL, NULL }). */
void page_done(struct req *r, const char *const words[][2]);

/* The action tracker's page, on the web and in the API. */
#define ACTIONS_PER_PAGE 25

/* Long lists, sorted and paged by links alone (no script needed). */
/* '&name=value' ('name=value' first) percent-encoded onto the query
   being built in 'out'; a NULL or empty value adds nothing, nor does
   one with no room. */
void page_query_add(char *out, size_t size, const char *name,
		    const char *value);
/* A table whose headers the caller writes: page_table_open(), then
   page_table_header() or page_sort_header() for each column, then
   page_table_body(), the rows, and page_table_end(). */
void page_table_open(struct req *r, const char *id, const char *caption);
void page_table_header(struct req *r, const char *label);
/* A column header linking to 'href' (the list sorted by it); 'sorted'
   is 1 when the rows are in its ascending order, -1 descending, else 0
   (aria-sort is on the sorted column only). */
void page_sort_header(struct req *r, const char *label, const char *href,
		      int sorted);
void page_table_body(struct req *r);
/* The ?page= of a list of 'total' rows, 'per_page' a page, into 'page'
   (1 when absent) and 'pages' (at least 1); false, with 'why' said for
   page_problem() about the field "page", when it is not a whole number
   from 1 to 'pages'. */
bool page_number_read(struct req *r, size_t total, long per_page,
		      long *page, long *pages, char *why, size_t whysize);
/* GOV.UK's pagination, a nav named 'label': Previous, the first, last
   and neighbouring pages, Next; page N's address is 'base' with page=N
   added.  Nothing when 'pages' is under 2. */
void page_pagination(struct req *r, const char *label, const char *base,
		     long page, long pages);
/* "Showing 26 to 50 of 115 actions" (#showing), 'noun' plural. */
void page_showing(struct req *r, long page, long per_page, size_t total,
		  const char *noun);

/* Who may do what with an agency's return (src/server/access.c). */
bool may_read_return(const struct req *r, const char *agency,
		     const struct vt_return *ret);
bool may_edit_return(const struct req *r, const char *agency);
bool may_review_return(const struct req *r);
bool may_update_action(const struct req *r, const struct vt_action *a);

/* The definition with only the figures and narratives the signed-in
   reader may see (src/server/access.c); false on failure. */
bool req_read_visible_def(struct req *r, struct vt_def *def);
struct vt_reader req_reader(const struct req *r);
/* Read the whole definition; false (and a 503 page made) on failure. */
bool req_read_def(struct req *r, struct vt_def *def, unsigned *status);

/* The pack of one period (src/server/pack.c). */
#define PACK_QUARTERS_MAX 40	/* ten years of quarters to choose from */

struct pack {
	struct vt_def def;
	char period[16];
	/* The quarters to choose from, newest first (pack_periods), read
	   once for the default and the picker alike. */
	char quarters[PACK_QUARTERS_MAX + 1][VT_PERIOD_ID_MAX];
	size_t nquarters;
	bool built;		/* false: no figures yet */
	struct vt_status_report returns;
	struct vt_report rep;
	/* The kept pack this one is a view of, shared read-only (pack.c);
	   NULL: this request's own. */
	struct pack_kept *kept;
};

/*
 * Build the pack of 'period' (NULL or "": the latest quarter with
 * figures) for this reader: published for a viewer.  0, or the status of
 * the error page it made.  pack_close() after 0 only.  The pack is kept
 * and shared until the data or the day changes: read it, never change it.
 */
unsigned pack_open(struct req *r, const char *period, struct pack *pk);
/* pack_open() in two steps, for a page that reads the definition
   first: pack_read() fills pk->def; pack_build() makes the pack, and on
   failure releases pk->def.  pack_close() after both return 0. */
unsigned pack_read(struct req *r, struct pack *pk);
unsigned pack_build(struct req *r, const char *period, struct pack *pk);
void pack_close(struct pack *pk);
/* A part of a page made from the pack alone, kept with it under 'name'
   by pack_keep_part(): its bytes (NUL-ended, 'len' set when not NULL),
   valid until pack_close(); NULL when not kept.  A pack that is the
   request's own keeps nothing. */
const char *pack_part(const struct pack *pk, const char *name, size_t *len);
void pack_keep_part(const struct pack *pk, const char *name,
		    const char *bytes, size_t len);
/* The quarters a reader may choose, newest first, at most 'max': each
   quarter with a figure (a year's figure in the quarter that ends it),
   none after the latest quarter whose returns are due.  The first is
   the pack's default. */
size_t pack_periods(const struct vt_def *def, char (*out)[VT_PERIOD_ID_MAX],
		    size_t max);
/* The select of the pack's quarter ("period"), for a form of its own or
   another's; nothing when the pack has no figures. */
void page_period_select(struct req *r, const struct pack *pk);
/* A form choosing the pack's quarter ("period"), sent to 'action' by
   GET; nothing when the pack has no figures. */
void page_period_picker(struct req *r, const struct pack *pk,
			const char *action);

/* The board's summary of a pack (src/server/board.c): counts, every
   measure's variation, assurance, trend and gaps worst first, the red
   list; and 'with_charts', each measure's chart. */
void board_summary(struct vt_html *h, const struct vt_report *rep,
		   bool with_charts);

/* What is waiting for the person signed in, on their home page
   (src/server/tasks.c): nothing for the board's roles.  Kept per
   change-log 'head', day, role and agency. */
void home_tasks(struct req *r, const char *head, const char *contradicted);

/* A case review's clocks as the register and the homes say them
   (src/server/page_reviews.c): the clock to show (the first due of
   those not done, else the last started; -1 for none) and a clock's
   name in words ("rapid review"). */
struct vt_review_state;
int review_next_clock(const struct vt_review_state *st);
const char *review_clock_name(int clock);

/* The recommendations of a case review or an audit (src/server/
   recommendations.c): the actions of the tracker made from record 'ref'
   of 'kind' (VT_KIND_REVIEW or VT_KIND_AUDIT), each linked with its
   agency, due date and latest rating ("No recommendations are recorded
   for this NOUN." when none); the form that makes one, posted to
   'action' (fields rec-text, rec-agency, rec-due, rec-owner); and the
   library's refusal of one at its field of that form. */
void page_recommendations(struct req *r, const struct vt_def *def,
			  enum vt_kind kind, const char *ref,
			  const char *noun);
void page_recommend_form(struct req *r, const struct vt_def *def,
			 const char *action, const struct page_problem *p);
void page_recommend_problem(struct page_problem *p, const char *why,
			    const char *label);

/* Today, YYYY-MM-DD, as the command line sees it. */
void server_today(char out[11]);

/* Pages */
unsigned page_healthz(struct req *r);
unsigned page_accessibility(struct req *r);
unsigned page_asset_css(struct req *r);
unsigned page_signin_form(struct req *r);
unsigned page_signin(struct req *r);
unsigned page_signout(struct req *r);
unsigned page_dashboard(struct req *r);
unsigned page_returns(struct req *r);
unsigned page_return(struct req *r);
unsigned page_return_save(struct req *r);
unsigned page_return_upload(struct req *r);
unsigned page_return_template(struct req *r);
unsigned page_return_approve(struct req *r);
unsigned page_return_reopen(struct req *r);
unsigned page_return_open_early(struct req *r);
unsigned page_actions(struct req *r);
unsigned page_action(struct req *r);
unsigned page_action_update(struct req *r);
unsigned page_action_life(struct req *r);
unsigned page_challenges(struct req *r);
unsigned page_challenge_raise(struct req *r);
unsigned page_challenge(struct req *r);
unsigned page_challenge_respond(struct req *r);
unsigned page_challenge_close(struct req *r);
unsigned page_reviews(struct req *r);
unsigned page_review_add(struct req *r);
unsigned page_review(struct req *r);
unsigned page_review_record(struct req *r);
unsigned page_review_recommend(struct req *r);
unsigned page_escalations(struct req *r);
unsigned page_escalation_raise(struct req *r);
unsigned page_escalation_causes(struct req *r);
unsigned page_escalation(struct req *r);
unsigned page_escalation_escalate(struct req *r);
unsigned page_escalation_resolve(struct req *r);
unsigned page_audits(struct req *r);
unsigned page_audit_add(struct req *r);
unsigned page_audit(struct req *r);
unsigned page_audit_grade(struct req *r);
unsigned page_audit_complete(struct req *r);
unsigned page_audit_recommend(struct req *r);
unsigned page_s11(struct req *r);
unsigned page_s11_record(struct req *r);
unsigned page_s11_save(struct req *r);
unsigned page_s11_challenge(struct req *r);
unsigned page_voice_list(struct req *r);
unsigned page_voice_add(struct req *r);
unsigned page_voice(struct req *r);
unsigned page_voice_changed(struct req *r);
unsigned page_scrutiny_plan(struct req *r);
/* A priority's objectives and what serves each; linking one. */
unsigned page_priority(struct req *r);
unsigned page_priority_link(struct req *r);
unsigned page_scrutiny_add(struct req *r);
unsigned page_scrutiny(struct req *r);
unsigned page_scrutiny_report(struct req *r);
unsigned page_scrutiny_finding(struct req *r);
unsigned page_funding(struct req *r);
unsigned page_funding_contribution(struct req *r);
unsigned page_funding_heading(struct req *r);
unsigned page_groups(struct req *r);
unsigned page_group(struct req *r);
unsigned page_meeting_add(struct req *r);
unsigned page_meeting(struct req *r);
unsigned page_meeting_attend(struct req *r);
unsigned page_meeting_decide(struct req *r);
unsigned page_meeting_done(struct req *r);
unsigned page_meeting_receive(struct req *r);
unsigned page_measures(struct req *r);
unsigned page_measure(struct req *r);
unsigned page_reports(struct req *r);
unsigned page_report_file(struct req *r);
/* The annual report (page_annual.c). */
unsigned page_annual(struct req *r);
unsigned page_annual_year(struct req *r);
unsigned page_annual_file(struct req *r);
unsigned page_annual_section(struct req *r);
unsigned page_annual_save(struct req *r);
unsigned page_log(struct req *r);
unsigned page_account(struct req *r);
unsigned page_password_change(struct req *r);
unsigned page_token_add(struct req *r);
unsigned page_token_revoke(struct req *r);
unsigned page_admin(struct req *r);
unsigned page_user_disable(struct req *r);
unsigned page_user_enable(struct req *r);
unsigned page_user_add(struct req *r);
/* The sign-in form holding a long form's fields, sent after the session
   ended (src/server/page_signin.c). */
unsigned signin_keeping_work(struct req *r);
/* After signing in again: the return form as it was typed, for the
   editor to check and send (src/server/page_return_save.c); false when
   'path' is no return's address. */
bool return_page_kept(struct req *r, const char *path, unsigned *status);
unsigned page_user_edit(struct req *r);
unsigned page_user_change(struct req *r);
/* The return page again, showing the problems in 'dq' (an upload's). */
unsigned return_page_with_problems(struct req *r, const struct vt_diagq *dq);
/* The same for a form of the page other than the figures (opening it
   early): each problem beside its field. */
unsigned return_page_with_form_problems(struct req *r,
					const struct vt_diagq *dq);
unsigned api_actions_summary(struct req *r);
unsigned api_measure_spc(struct req *r);
unsigned api_return(struct req *r);
unsigned api_measures(struct req *r);
unsigned api_measure_values(struct req *r);
unsigned api_actions(struct req *r);
unsigned api_challenges(struct req *r);
unsigned api_status(struct req *r);
unsigned api_returns(struct req *r);
unsigned api_log(struct req *r);

#endif
