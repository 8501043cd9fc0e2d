/* The vital-signs dashboard: the summary of the latest period's pack, kept until the data or the day changes. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"

/*
 * Building the pack reads every figure and charts every measure: far too
 * much for the page everyone opens first.  The summary is kept, one for
 * working roles and one published for viewers, with what it was made
 * from: the change log's head (every change of data moves it, on any
 * server sharing the database) and the day (overdue and stale move with
 * it).  The frame around it (who is signed in, the form token) is made
 * for each request.
 */
struct summary {
	char head[65];
	char today[11];
	bool valid;
	bool illustrative;
	char title[96];
	char *body;		/* HTML, made by the escaping writer */
	size_t body_len;
	/* The measures getting worse while their actions say all is well,
	   "code\ttitle\n" each, for the scrutineer's home. */
	char *contradicted;
	/* Once kept, the texts are shared read-only, counted (under the
	   lock): at scale the body is most of a megabyte, too much to copy
	   for every request.  NULL: this request's own. */
	size_t *refs;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct summary kept[2];	/* [1]: published, for viewers */

/* Let go of the texts of 's' (the lock held when 'locked'). */
static void summary_release(struct summary *s, bool locked)
{
	bool last = true;

	if (s->refs) {
		if (!locked)
			pthread_mutex_lock(&lock);
		last = !--*s->refs;
		if (!locked)
			pthread_mutex_unlock(&lock);
	}
	if (last) {
		free(s->body);
		free(s->contradicted);
		free(s->refs);
	}
	s->body = s->contradicted = NULL;
	s->refs = NULL;
}

/* The kept summary, shared, if it is still true; false otherwise. */
static bool kept_copy(int which, const char *head, const char *today,
		      struct summary *out)
{
	bool hit;

	pthread_mutex_lock(&lock);
	hit = kept[which].valid && !strcmp(kept[which].head, head) &&
	      !strcmp(kept[which].today, today);
	if (hit) {
		*out = kept[which];
		++*out->refs;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

/* Keep the summary 's' made by this request: its texts become shared. */
static void keep(int which, struct summary *s)
{
	size_t *refs = malloc(sizeof(*refs));

	if (!refs)
		return;	/* not kept: made again next time */
	*refs = 2;	/* the table's and this request's */
	s->refs = refs;
	pthread_mutex_lock(&lock);
	if (kept[which].valid)
		summary_release(&kept[which], true);
	kept[which] = *s;
	kept[which].valid = true;
	pthread_mutex_unlock(&lock);
}

/* The contradicted measures of the pack, as struct summary keeps them. */
static char *contradicted_of(const struct vt_report *rep)
{
	char *list = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&list, &len);

	if (!f)
		return NULL;
	for (i = 0; rep && i < rep->nmeasures; i++) {
		const struct vt_measure *m = rep->measures[i].measure;

		if (rep->measures[i].status.contradiction)
			fprintf(f, "%s\t%s\n", m->code, m->title);
	}
	if (fclose(f)) {
		free(list);
		return NULL;
	}
	return list;
}

/* The summary of the pack of 'period' (NULL: the board's quarter), made
   now. */
static unsigned make(struct req *r, const char *period, struct summary *s)
{
	struct pack pk;
	struct vt_html h;
	FILE *f;
	unsigned status = pack_open(r, period, &pk);

	if (status)
		return status;
	f = open_memstream(&s->body, &s->body_len);
	if (!f) {
		pack_close(&pk);
		return 500;
	}
	vt_html_init(&h, f);
	if (!pk.built) {
		snprintf(s->title, sizeof(s->title), "Vital signs");
		vt_html_element(&h, "p", "No figures yet.", "class",
				"govuk-body", NULL);
	} else {
		snprintf(s->title, sizeof(s->title), "Vital signs, %s",
			 pk.rep.label);
		/* The picker writes to the request's page: borrow it. */
		{
			struct vt_html page = r->html;

			r->html = h;
			page_period_picker(r, &pk, "/");
			h = r->html;
			r->html = page;
		}
		/* Viewers open no measure page: the charts come here. */
		board_summary(&h, &pk.rep, r->who.role == VT_ROLE_VIEWER);
	}
	s->illustrative = pk.built && pk.rep.illustrative;
	s->contradicted = contradicted_of(pk.built ? &pk.rep : NULL);
	if (!s->contradicted || vt_html_finish(&h))
		status = 500;
	if (fclose(f))
		status = 500;
	pack_close(&pk);
	return status;
}

unsigned page_dashboard(struct req *r)
{
	int which = r->who.role == VT_ROLE_VIEWER;
	const char *period = req_query(r, "period");
	bool chosen = period && *period;	/* only the default is kept */
	struct summary s;
	unsigned status = 0;

	memset(&s, 0, sizeof(s));
	if (vt_store_log_head(r->store, s.head))
		return page_error(r, 503, "The database does not answer.");
	server_today(s.today);
	if (chosen || !kept_copy(which, s.head, s.today, &s)) {
		status = make(r, chosen ? period : NULL, &s);
		if (!status && !chosen)
			keep(which, &s);
	}
	if (!status) {
		r->illustrative = s.illustrative;
		page_begin(r, s.title);
		home_tasks(r, s.head, s.contradicted);
		vt_html_trusted_bytes(&r->html, s.body, s.body_len);
		page_end(r);
		status = 200;
	}
	summary_release(&s, false);
	return status;
}
