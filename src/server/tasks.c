/* Each role's home: what is waiting for the person signed in (returns owed or to approve, imports with warnings, action updates due, challenges to answer, contradicted measures, late clocks, late audits, a section 11 self-assessment not submitted). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/actions.h"
#include "vitals/challenges.h"
#include "vitals/audits.h"
#include "vitals/escalations.h"
#include "vitals/logview.h"
#include "vitals/period.h"
#include "vitals/reviews.h"
#include "vitals/s11.h"
#include "vitals/workdays.h"
#include "server/server.h"

struct tasks {
	struct req *r;
	const struct vt_def *def;
	char today[11];
	size_t n;
	const char *heading;	/* said before the first task, or NULL */
};

/* One thing to do: a link, its words, and a tag when it is late. */
static void task(struct tasks *t, const char *href, const char *words,
		 const char *late, const char *hint)
{
	struct vt_html *h = &t->r->html;

	if (!t->n++ && t->heading)
		vt_html_element(h, "h2", t->heading, "class",
				"govuk-heading-m", NULL);
	if (t->n == 1)
		vt_html_literal(h, "<ul class=\"govuk-list govuk-list--spaced\" "
				   "id=\"tasks\">");
	vt_html_literal(h, "<li>");
	if (late) {
		vt_html_element(h, "strong", late, "class",
				"govuk-tag govuk-tag--red", NULL);
		vt_html_literal(h, " ");
	}
	vt_html_element(h, "a", words, "class", "govuk-link", "href", href,
			NULL);
	if (hint)
		vt_html_element(h, "span", hint, "class", "govuk-hint vt-hint",
				NULL);
	vt_html_literal(h, "</li>");
}

/* "due on 28 October 2026, 18 working days ago" */
static void due_words(const struct tasks *t, const char *due, char *out,
		      size_t size, bool *late)
{
	struct vt_date d, today;
	char words[VT_DATE_WORDS_MAX];
	long n;

	vt_date_words(due, words);
	if (vt_parse_date(due, &d) || vt_parse_date(t->today, &today)) {
		snprintf(out, size, "due on %s", words);
		*late = false;
		return;
	}
	n = vt_working_days_between(&d, &today);
	*late = n > 0;
	if (n > 0)
		snprintf(out, size, "was due on %s, %ld working day%s ago",
			 words, n, n == 1 ? "" : "s");
	else if (n < 0)
		snprintf(out, size, "is due on %s, in %ld working day%s",
			 words, -n, n == -1 ? "" : "s");
	else
		snprintf(out, size, "is due today, %s", words);
}

/* Whether the returns of 'period' are open today: for 'agency', or
   for any agency (NULL), since one may have been opened early. */
static bool quarter_open(const struct tasks *t, const char *agency,
			 const char *period)
{
	int fy = vt_def_fy_start(t->def);
	char opens[11];
	size_t i;

	if (agency)
		return vt_return_open(vt_return_find(t->def, agency, period),
				      fy, period, t->today, opens);
	if (vt_return_open(NULL, fy, period, t->today, opens))
		return true;
	for (i = 0; i < vt_def_count(t->def, VT_KIND_RETURN); i++) {
		const struct vt_return *ret = vt_def_at(t->def,
							VT_KIND_RETURN, i);

		if (!strcmp(ret->period, period) &&
		    vt_return_open(ret, fy, period, t->today, opens))
			return true;
	}
	return false;
}

/*
 * The quarters whose returns are asked for now: the one before the
 * latest due (it may still be missing), the latest due, and the two
 * after it once open: ended (not yet due), or opened early.
 */
static size_t live_quarters(const struct tasks *t, const char *agency,
			    char out[4][VT_PERIOD_ID_MAX])
{
	const struct vt_partnership *p = vt_def_at(t->def,
						   VT_KIND_PARTNERSHIP, 0);
	struct vt_period q, latest;
	size_t n = 0, i;

	if (!p || vt_returns_latest_due(p, t->today, out[1]) ||
	    vt_period_parse(out[1], &latest))
		return 0;
	q = vt_period_prev(&latest);
	vt_period_format(&q, out[n++]);
	n++;	/* out[1], the latest due */
	q = latest;
	for (i = 0; i < 2; i++) {
		q = vt_period_next(&q);
		vt_period_format(&q, out[n]);
		if (quarter_open(t, agency, out[n]))
			n++;
	}
	return n;
}

/* Returns the agency owes ('agency' set), or those waiting for
   approval (NULL). */
static void returns_tasks(struct tasks *t, const char *agency)
{
	char quarters[4][VT_PERIOD_ID_MAX], href[160], words[300];
	char due[80], label[VT_PERIOD_LABEL_MAX];
	int fy = vt_def_fy_start(t->def);
	size_t nq = live_quarters(t, agency, quarters), i, j;

	for (i = 0; i < nq; i++) {
		struct vt_status_report rep;

		if (vt_returns_status(t->r->store, quarters[i], t->today,
				      &rep))
			continue;
		vt_period_label_of(quarters[i], fy, label);
		for (j = 0; j < rep.nagencies; j++) {
			const struct vt_agency_status *a = &rep.agencies[j];
			const char *state = vt_agency_state(a);
			bool late = false;

			snprintf(href, sizeof(href), "/returns/%s/%s",
				 a->agency, quarters[i]);
			if (agency && !strcmp(a->agency, agency) &&
			    (!strcmp(state, "missing") ||
			     !strcmp(state, "draft") ||
			     !strcmp(state, "returned"))) {
				due_words(t, a->due ? a->due : rep.due, due,
					  sizeof(due), &late);
				snprintf(words, sizeof(words), "Your return "
					 "for %s %s%s", label, due,
					 !strcmp(state, "returned") ?
					 " (sent back to you)" : "");
				task(t, href, words, late ? "Overdue" : NULL, NULL);
			} else if (!agency && !strcmp(state, "submitted")) {
				snprintf(words, sizeof(words), "%s return for "
					 "%s is waiting for approval",
					 a->agency_name, label);
				task(t, href, words, NULL, NULL);
			}
		}
		vt_status_report_release(&rep);
	}
}

/* The agency's actions whose update is due (monthly or quarterly, as
   each is reviewed), or overdue. */
static void action_tasks(struct tasks *t, const char *agency)
{
	struct vt_action_filter f = { agency, NULL, NULL, -1, false, false,
					 NULL, false, true, NULL, NULL };
	struct vt_action_report rep;
	char href[160], words[400];
	size_t i;

	if (vt_actions_report(t->def, &f, t->today,
			      vt_actions_stale_days(t->def), &rep))
		return;
	for (i = 0; i < rep.nrows; i++) {
		const struct vt_action_row *row = &rep.rows[i];
		const char *every = row->action->cadence ==
				    VT_ACTION_QUARTERLY ? "quarterly" : "monthly";

		if (row->action->rag == VT_RAG_BLUE ||
		    (!row->stale && !row->overdue))
			continue;
		snprintf(href, sizeof(href), "/actions/%s", row->action->code);
		if (row->days_since_update < 0)
			snprintf(words, sizeof(words), "Action %s needs its "
				 "first %s update", row->action->code, every);
		else if (row->stale)
			snprintf(words, sizeof(words), "Action %s needs its "
				 "%s update (the last was %ld days ago)",
				 row->action->code, every,
				 row->days_since_update);
		else
			snprintf(words, sizeof(words), "Action %s is past its "
				 "due date", row->action->code);
		task(t, href, words, row->overdue ? "Overdue" : NULL,
		     row->action->title);
	}
	vt_action_report_release(&rep);
}

/* Challenges waiting on the agency ('agency' set: open ones addressed
   to it), or on the scrutiny that raised them (NULL: answered ones). */
static void challenge_tasks(struct tasks *t, const char *agency)
{
	struct vt_challenge_filter f = { true, NULL };
	struct vt_challenge_report rep;
	char href[160], words[400];
	size_t i;

	if (vt_challenges_report(t->def, &f, t->today, &rep))
		return;
	for (i = 0; i < rep.nrows; i++) {
		const struct vt_challenge *c = rep.rows[i].challenge;
		const char *to = vt_challenge_subject_agency(t->def, c->on);

		snprintf(href, sizeof(href), "/challenges/%s", c->id);
		if (agency && c->status == VT_CHALLENGE_OPEN && to &&
		    !strcmp(to, agency)) {
			snprintf(words, sizeof(words), "Challenge %s on %s is "
				 "waiting for your answer (%ld days)", c->id,
				 c->on, rep.rows[i].waiting_days);
			task(t, href, words, NULL, NULL);
		} else if (!agency) {
			snprintf(words, sizeof(words), "Challenge %s on %s: %s "
				 "(%ld days)", c->id, c->on,
				 c->status == VT_CHALLENGE_OPEN ?
				 "waiting for the agency's answer" :
				 "answered, waiting for you to close it",
				 rep.rows[i].waiting_days);
			task(t, href, words, NULL, NULL);
		}
	}
	vt_challenge_report_release(&rep);
}

/* Open case reviews with a statutory clock missed, or due within two
   working days: "CSPR-2026-01: rapid review missed (due 20 January
   2027)". */
static void review_tasks(struct tasks *t)
{
	const struct vt_partnership *p =
		vt_def_count(t->def, VT_KIND_PARTNERSHIP)
		? vt_def_at(t->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	char href[200], words[400], due[VT_DATE_WORDS_MAX];
	size_t i;
	int c;

	for (i = 0; i < vt_def_count(t->def, VT_KIND_REVIEW); i++) {
		const struct vt_review *v = vt_def_at(t->def, VT_KIND_REVIEW,
						      i);
		struct vt_review_state st;

		if (!vt_review_open(v) ||
		    vt_review_judge(v, p, t->today, &st))
			continue;
		snprintf(href, sizeof(href), "/reviews/%s", v->ref);
		for (c = 0; c < VT_CLOCK__MAX; c++) {
			const struct vt_deadline *d = &st.clocks[c];
			bool missed = d->state == VT_DEADLINE_MISSED;

			if (!st.started[c] ||
			    (!missed && !vt_deadline_at_risk(d)))
				continue;
			vt_date_words(d->due, due);
			snprintf(words, sizeof(words), "%s: %s %s (due %s)",
				 v->ref, review_clock_name(c), missed ?
				 "missed" : "due soon", due);
			task(t, href, words, missed ? "Missed" : NULL, NULL);
		}
	}
}

/* Imports of the last 31 days whose figures raised warnings (far from
   their recent values): whoever approves should look before they do. */
static void import_tasks(struct tasks *t)
{
	struct vt_log_filter f;
	struct vt_log_list list;
	struct vt_date today, since;
	char from[11], words[400];
	size_t i;

	if (vt_parse_date(t->today, &today))
		return;
	vt_date_from_days(vt_date_to_days(&today) - 31, &since);
	vt_date_format(&since, from);
	memset(&f, 0, sizeof(f));
	f.entity = "import";
	f.from = from;
	f.page = 1;
	if (vt_log_page(t->r->store, t->def, &f, &list))
		return;
	for (i = 0; i < list.n; i++) {
		const struct vt_log_words *w = &list.words[i];

		if (!w->warnings)
			continue;
		snprintf(words, sizeof(words), "%s, imported %s, has %zu "
			 "warning%s to check", list.entries[i].key, w->when,
			 w->warnings, w->warnings == 1 ? "" : "s");
		task(t, *w->link ? w->link : "/log?entity=import", words, NULL,
		     w->nwarned ? w->warned[0] : NULL);
	}
	vt_log_list_release(&list);
}

/* Measures getting worse while every action linked to them says all is
   well: where scrutiny looks first. */
static void contradiction_tasks(struct tasks *t, const char *contradicted)
{
	char code[128], href[160], words[300], title[512];
	const char *line = contradicted, *tab, *end;

	while (line && *line && (tab = strchr(line, '\t')) &&
	       (end = strchr(tab, '\n'))) {
		snprintf(code, sizeof(code), "%.*s", (int)(tab - line), line);
		snprintf(title, sizeof(title), "%.*s", (int)(end - tab - 1),
			 tab + 1);
		snprintf(href, sizeof(href), "/measures/%s", code);
		snprintf(words, sizeof(words), "Measure %s is getting worse "
			 "while its actions are all green or complete", code);
		task(t, href, words, NULL, title);
		line = end + 1;
	}
}

/* Open escalations past their stage's timescale, or due within
   VT_DEADLINE_AT_RISK_DAYS working days, that this user may see:
   "ESC-2026-03: stage 2 (Manager to manager) past its timescale (due 14
   October 2026)". */
static void escalation_tasks(struct tasks *t)
{
	const struct vt_partnership *p =
		vt_def_count(t->def, VT_KIND_PARTNERSHIP)
		? vt_def_at(t->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	const struct req *r = t->r;
	char href[200], words[400], due[VT_DATE_WORDS_MAX];
	size_t i;

	for (i = 0; i < vt_def_count(t->def, VT_KIND_ESCALATION); i++) {
		const struct vt_escalation *e =
			vt_def_at(t->def, VT_KIND_ESCALATION, i);
		const struct vt_escalation_stage_state *s;
		struct vt_escalation_state st;

		if (!vt_escalation_visible_to(e, r->who.role, r->who.agency[0]
					      ? r->who.agency : NULL) ||
		    vt_escalation_judge(e, p, t->today, &st) || !st.open)
			continue;
		s = &st.steps[st.nsteps - 1];
		if (!st.past_timescale && !vt_deadline_at_risk(&s->clock))
			continue;
		vt_date_words(s->clock.due, due);
		snprintf(href, sizeof(href), "/escalations/%s", e->ref);
		snprintf(words, sizeof(words), "%s: stage %d (%s) %s (due %s)",
			 e->ref, s->stage, s->name ? s->name : "",
			 st.past_timescale ? "past its timescale" : "due soon",
			 due);
		task(t, href, words, st.past_timescale ? "Past timescale"
		     : NULL, NULL);
	}
}

/* Audits of the programme not done once their quarter is over, that this
   user may see: "MAA-2026-02: planned for 2026-27 Q1, not yet done". */
static void audit_tasks(struct tasks *t)
{
	const struct vt_partnership *p =
		vt_def_count(t->def, VT_KIND_PARTNERSHIP)
		? vt_def_at(t->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	const struct req *r = t->r;
	char href[200], words[300], label[VT_PERIOD_LABEL_MAX];
	size_t i;

	for (i = 0; i < vt_def_count(t->def, VT_KIND_AUDIT); i++) {
		const struct vt_audit *a = vt_def_at(t->def, VT_KIND_AUDIT, i);
		enum vt_audit_state st;
		struct vt_period q;

		if (!vt_audit_visible_to(a, r->who.role, r->who.agency[0] ?
					 r->who.agency : NULL) ||
		    vt_audit_state_on(a, t->today, &st) ||
		    st != VT_AUDIT_LATE)
			continue;
		if (vt_period_parse(a->planned, &q) ||
		    vt_period_label(&q, p ? (int)p->fy_start_month : 4, label))
			snprintf(label, sizeof(label), "%s", a->planned);
		snprintf(href, sizeof(href), "/audits/%s", a->ref);
		snprintf(words, sizeof(words), "Audit %s: planned for %s, not "
			 "yet done", a->ref, label);
		task(t, href, words, "Late", NULL);
	}
}

/* An agency lead's section 11 self-assessment of the register's latest
   cycle, while it is not submitted. */
static void s11_tasks(struct tasks *t, const char *agency)
{
	const struct vt_s11 *mine;
	const char *cycle = NULL;
	char href[200], words[200];
	size_t i;

	for (i = 0; i < vt_def_count(t->def, VT_KIND_S11); i++) {
		const struct vt_s11 *a = vt_def_at(t->def, VT_KIND_S11, i);

		if (!cycle || strcmp(a->cycle, cycle) > 0)
			cycle = a->cycle;
	}
	if (!cycle)
		return;
	mine = vt_s11_find(t->def, agency, cycle);
	if (mine && mine->submitted)
		return;
	snprintf(href, sizeof(href), "/s11/%s/%s", agency, cycle);
	snprintf(words, sizeof(words), "Your agency's section 11 "
		 "self-assessment for %s: %s", cycle, mine ? "a draft, not yet "
		 "submitted" : "not started");
	task(t, href, words, NULL, NULL);
}

/* The tasks of the person signed in, written to r->html. */
static void write_tasks(struct req *r, const char *contradicted)
{
	struct vt_html *h = &r->html;
	struct vt_def def;
	struct tasks t = { r, &def, "", 0, NULL };
	int role = r->who.role;

	if (!req_read_visible_def(r, &def))
		return;	/* the summary still shows */
	server_today(t.today);
	/* The chair's home is the board's, but for the case reviews,
	   escalations and audits the chair answers for: said only when one
	   is late or nearly. */
	if (role == VT_ROLE_CHAIR) {
		t.heading = "What is waiting for you";
		review_tasks(&t);
		escalation_tasks(&t);
		audit_tasks(&t);
		if (t.n)
			vt_html_literal(h, "</ul>");
		vt_def_release(&def);
		return;
	}
	vt_html_element(h, "h2", "What is waiting for you", "class",
			"govuk-heading-m", NULL);
	if (role == VT_ROLE_AGENCY_LEAD && r->who.agency[0]) {
		returns_tasks(&t, r->who.agency);
		action_tasks(&t, r->who.agency);
		challenge_tasks(&t, r->who.agency);
		audit_tasks(&t);
		s11_tasks(&t, r->who.agency);
	} else if (role == VT_ROLE_SCRUTINEER) {
		challenge_tasks(&t, NULL);
		contradiction_tasks(&t, contradicted);
	} else {
		returns_tasks(&t, NULL);
		review_tasks(&t);
		escalation_tasks(&t);
		audit_tasks(&t);
		import_tasks(&t);
	}
	if (t.n)
		vt_html_literal(h, "</ul>");
	else
		vt_html_element(h, "p", "Nothing is waiting for you.", "class",
				"govuk-body", "id", "tasks", NULL);
	vt_def_release(&def);
}

/*
 * Finding the tasks reads the whole definition the caller may see: far
 * too much for every opening of the home page.  What they say depends on
 * the data (the change log's head, moved by every change on any server),
 * the day, and the caller's role and agency, nothing else; so each
 * answer is kept under those, a few at a time, and made again only when
 * one of them moves.
 */
#define KEPT_TASKS 32

struct kept_tasks {
	char head[65];
	char today[11];
	int role;
	char agency[64];
	unsigned long used;	/* when last served: least goes first */
	char *html;		/* NULL: a free slot */
};

static pthread_mutex_t tasks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_tasks kept_tasks[KEPT_TASKS];
static unsigned long tasks_clock;

static bool same_caller(const struct kept_tasks *k, const struct req *r,
			const char *head, const char *today)
{
	return k->html && k->role == (int)r->who.role &&
	       !strcmp(k->agency, r->who.agency) && !strcmp(k->head, head) &&
	       !strcmp(k->today, today);
}

/* A copy of the tasks kept for this caller, head and day; NULL. */
static char *tasks_kept(const struct req *r, const char *head,
			const char *today)
{
	char *copy = NULL;
	size_t i;

	pthread_mutex_lock(&tasks_lock);
	for (i = 0; i < KEPT_TASKS; i++) {
		if (same_caller(&kept_tasks[i], r, head, today)) {
			kept_tasks[i].used = ++tasks_clock;
			copy = strdup(kept_tasks[i].html);
			break;
		}
	}
	pthread_mutex_unlock(&tasks_lock);
	return copy;
}

static void tasks_keep(const struct req *r, const char *head,
		       const char *today, const char *html)
{
	struct kept_tasks *slot = NULL;
	char *copy = strdup(html);
	size_t i;

	if (!copy)
		return;	/* served, not kept */
	pthread_mutex_lock(&tasks_lock);
	for (i = 0; i < KEPT_TASKS; i++) {
		struct kept_tasks *k = &kept_tasks[i];

		/* Tasks of an older head or day are never asked for again;
		   the same caller's, made meanwhile by another request, are
		   replaced. */
		if (k->html && (strcmp(k->head, head) ||
				strcmp(k->today, today) ||
				same_caller(k, r, head, today))) {
			free(k->html);
			k->html = NULL;
		}
		if (!k->html)
			slot = k;
		else if (!slot || (slot->html && k->used < slot->used))
			slot = k;
	}
	free(slot->html);
	snprintf(slot->head, sizeof(slot->head), "%s", head);
	snprintf(slot->today, sizeof(slot->today), "%s", today);
	slot->role = (int)r->who.role;
	snprintf(slot->agency, sizeof(slot->agency), "%s", r->who.agency);
	slot->used = ++tasks_clock;
	slot->html = copy;
	pthread_mutex_unlock(&tasks_lock);
}

void home_tasks(struct req *r, const char *head, const char *contradicted)
{
	struct vt_html page = r->html;
	char today[11], *html, *made = NULL;
	size_t len = 0;
	FILE *f;

	if (r->who.role == VT_ROLE_VIEWER)
		return;	/* the board's view is theirs */
	server_today(today);
	html = tasks_kept(r, head, today);
	if (!html) {
		f = open_memstream(&made, &len);
		if (!f)
			return;	/* the summary still shows */
		vt_html_init(&r->html, f);
		write_tasks(r, contradicted);
		if (fclose(f) || r->html.failed) {
			free(made);
			made = NULL;
		}
		r->html = page;
		if (!made)
			return;
		tasks_keep(r, head, today, made);
		html = made;
	}
	vt_html_trusted(&r->html, html);
	free(html);
}
