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
	/* The measures getting worse while their actions say all is well,
	   "code\ttitle\n" each, for the scrutineer's home. */
	char *contradicted;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct summary kept[2];	/* [1]: published, for viewers */

/* A copy of the kept summary if it is still true; false otherwise. */
static bool kept_copy(int which, const char *head, const char *today,
		      struct summary *out)
{
	bool hit;

	pthread_mutex_lock(&lock);
	hit = kept[which].valid && !strcmp(kept[which].head, head) &&
	      !strcmp(kept[which].today, today);
	if (hit) {
		*out = kept[which];
		out->body = strdup(kept[which].body);
		out->contradicted = strdup(kept[which].contradicted);
		hit = out->body && out->contradicted;
		if (!hit) {
			free(out->body);
			free(out->contradicted);
		}
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

static void keep(int which, const struct summary *s)
{
	char *body = strdup(s->body);
	char *contradicted = strdup(s->contradicted);

	if (!body || !contradicted) {
		free(body);
		free(contradicted);
		return;
	}
	pthread_mutex_lock(&lock);
	free(kept[which].body);
	free(kept[which].contradicted);
	kept[which] = *s;
	kept[which].body = body;
	kept[which].contradicted = contradicted;
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
	size_t len;
	FILE *f;
	unsigned status = pack_open(r, period, &pk);

	if (status)
		return status;
	f = open_memstream(&s->body, &len);
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
		vt_html_trusted(&r->html, s.body);
		page_end(r);
		status = 200;
	}
	free(s.body);
	free(s.contradicted);
	return status;
}
