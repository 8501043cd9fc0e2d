/* The vital-signs pack behind the dashboard, measure pages and report downloads: built for one period and one reader. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/period.h"
#include "server/server.h"

/* The quarter in which a figure's period ends ("" when it has none):
   a year's figure is read in the quarter that closes it. */
static void quarter_of(const char *period, int fy, char out[VT_PERIOD_ID_MAX])
{
	struct vt_period p;
	struct vt_date d;

	out[0] = '\0';
	if (vt_period_parse(period, &p) || vt_period_last_day(&p, fy, &d))
		return;
	p = (struct vt_period){ VT_PERIOD_QUARTER, d.year,
				(d.month - 1) / 3 + 1 };
	vt_period_format(&p, out);
}

static int by_period_desc(const void *a, const void *b)
{
	return strcmp(b, a);	/* "2026Q3": text order is time order */
}

size_t pack_periods(const struct vt_def *def, char (*out)[VT_PERIOD_ID_MAX],
		    size_t max)
{
	const struct vt_partnership *p = vt_def_at(def, VT_KIND_PARTNERSHIP,
						   0);
	char due[VT_PERIOD_ID_MAX] = "", q[VT_PERIOD_ID_MAX], today[11];
	int fy = vt_def_fy_start(def);
	size_t i, j, n = 0;

	server_today(today);
	if (p && vt_returns_latest_due(p, today, due))
		due[0] = '\0';
	for (i = 0; i < vt_def_count(def, VT_KIND_VALUE); i++) {
		const struct vt_value *v = vt_def_at(def, VT_KIND_VALUE, i);

		quarter_of(v->period, fy, q);
		/* Quarters still coming in are not the board's. */
		if (!q[0] || (due[0] && strcmp(q, due) > 0))
			continue;
		for (j = 0; j < n && strcmp(out[j], q); j++)
			;
		if (j < n)
			continue;
		if (n == max) {
			/* Full: keep the newest. */
			qsort(out, n, sizeof(*out), by_period_desc);
			if (strcmp(q, out[n - 1]) < 0)
				continue;
			n--;
		}
		memcpy(out[n++], q, VT_PERIOD_ID_MAX);
	}
	qsort(out, n, sizeof(*out), by_period_desc);
	return n;
}

void page_period_select(struct req *r, const struct pack *pk)
{
	struct vt_html *h = &r->html;
	char (*ids)[VT_PERIOD_ID_MAX] = calloc(PACK_QUARTERS_MAX + 1,
					       sizeof(*ids));
	char label[VT_PERIOD_LABEL_MAX];
	int fy = vt_def_fy_start(&pk->def);
	size_t n = pk->nquarters, i;
	bool listed = false;

	if (!ids || !pk->built) {
		free(ids);
		return;
	}
	memcpy(ids, pk->quarters, n * sizeof(*ids));
	for (i = 0; i < n; i++)
		listed |= !strcmp(ids[i], pk->period);
	/* A quarter asked for by its address is shown even when outside the
	   list (still coming in, or older than ten years). */
	if (!listed) {
		memcpy(ids[n++], pk->period, VT_PERIOD_ID_MAX);
		qsort(ids, n, sizeof(*ids), by_period_desc);
	}
	vt_html_literal(h, "<div class=\"govuk-form-group\">");
	vt_html_element(h, "label", "Quarter", "class", "govuk-label",
			"for", "period", NULL);
	vt_html_open(h, "select", "class", "govuk-select", "id", "period",
		     "name", "period", NULL);
	for (i = 0; i < n; i++)
		vt_html_element(h, "option",
				vt_period_label_of(ids[i], fy, label),
				"value", ids[i], "selected",
				strcmp(ids[i], pk->period) ? NULL : "selected",
				NULL);
	vt_html_literal(h, "</select></div>");
	free(ids);
}

void page_period_picker(struct req *r, const struct pack *pk,
			const char *action)
{
	struct vt_html *h = &r->html;

	if (!pk->built)
		return;
	vt_html_open(h, "form", "method", "get", "action", action, "class",
		     "vt-period-picker", NULL);
	page_period_select(r, pk);
	page_button(r, "Show", true);
	vt_html_close(h, "form");
}

unsigned pack_read(struct req *r, struct pack *pk)
{
	unsigned status = 0;

	memset(pk, 0, sizeof(*pk));
	return req_read_def(r, &pk->def, &status) ? 0 : status;
}

unsigned pack_build(struct req *r, const char *period, struct pack *pk)
{
	char today[11];
	struct vt_period p;

	pk->nquarters = pack_periods(&pk->def, pk->quarters,
				     PACK_QUARTERS_MAX);
	if (period && *period) {
		/* As its id or as people see it: "2026-27 Q2". */
		if (vt_period_read_id(period, vt_def_fy_start(&pk->def),
				      pk->period)) {
			vt_def_release(&pk->def);
			return page_error(r, 400, "That is not a period: "
					  "write a quarter as 2026-27 Q2 or "
					  "2026Q3.");
		}
	} else if (pk->nquarters) {
		/* The latest quarter due with a figure in it. */
		memcpy(pk->period, pk->quarters[0], VT_PERIOD_ID_MAX);
	}
	if (!pk->period[0])
		return 0;	/* no figures yet: built stays false */
	if (vt_period_parse(pk->period, &p)) {
		vt_def_release(&pk->def);
		return page_error(r, 404, "That is not a period.");
	}
	server_today(today);
	if (vt_returns_status(r->store, pk->period, today, &pk->returns)) {
		vt_def_release(&pk->def);
		return page_error(r, 503, "The database does not answer.");
	}
	/* A viewer sees published outputs only. */
	if (vt_report_build(&pk->def, &pk->returns, pk->period, today,
			    r->who.role == VT_ROLE_VIEWER, &pk->rep)) {
		vt_status_report_release(&pk->returns);
		vt_def_release(&pk->def);
		return 500;
	}
	pk->built = true;
	r->illustrative = pk->rep.illustrative;
	return 0;
}

/*
 * Building a pack reads every figure and charts every measure: seconds
 * at scale, for a page showing one measure.  As the dashboard keeps its
 * summary and the API its answers, a built pack is kept with what it was
 * made from, its key:
 *
 *   - the change log's head: every change of data moves it, on any server
 *     sharing the database;
 *   - the day: overdue, stale, late and the quarters due move with it;
 *   - the reader (req_reader): the role (a viewer reads published
 *     outputs), and an agency lead's agency (its own drafts);
 *   - the period as asked ("" for the default).
 *
 * A kept pack is shared read-only by the requests using it, counted; the
 * last to let go releases it, never while one still reads it.  A few are
 * kept (KEPT_MAX), the least recently used going first; packs of an older
 * head or day can never be asked for again and go as soon as a newer one
 * is kept.  A failed build, or a period asked too long to be a key, is
 * not kept.
 */
#define KEPT_MAX 6

/*
 * A part of a page made from a kept pack alone (a measure's section):
 * made once, kept with the pack and gone with it.  A part never changes
 * once kept, so a request holding the pack reads it without the lock.
 * The parts of one pack are bounded (PARTS_BYTES_MAX): past it a part is
 * made for each request again, as before anything was kept.
 */
#define PARTS_BYTES_MAX (16u << 20)

struct pack_part {
	struct pack_part *next;
	char *bytes;		/* NUL-ended */
	size_t len;
	char name[];
};

struct pack_kept {
	size_t refs;		/* the table's, and each request's */
	char head[65];
	char day[11];
	int role;
	char agency[sizeof(((struct vt_signed_in *)0)->agency)];
	char period[32];	/* as asked */
	unsigned long used;	/* when last served: least goes first */
	bool illustrative;
	struct pack_part *parts;	/* under kept_lock */
	size_t parts_bytes;
	struct pack pk;
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pack_kept *kept[KEPT_MAX];
static unsigned long kept_ticks;

static void pack_release(struct pack *pk)
{
	if (pk->built) {
		vt_report_release(&pk->rep);
		vt_status_report_release(&pk->returns);
	}
	vt_def_release(&pk->def);
	memset(pk, 0, sizeof(*pk));
}

/* Let go of 'k' (the lock held); the pack to release once the lock is
   let go, or NULL. */
static struct pack_kept *let_go(struct pack_kept *k)
{
	return k && !--k->refs ? k : NULL;
}

static void free_kept(struct pack_kept *k)
{
	if (k) {
		while (k->parts) {
			struct pack_part *p = k->parts;

			k->parts = p->next;
			free(p->bytes);
			free(p);
		}
		pack_release(&k->pk);
		free(k);
	}
}

static bool same_key(const struct pack_kept *a, const struct pack_kept *b)
{
	return !strcmp(a->head, b->head) && !strcmp(a->day, b->day) &&
	       a->role == b->role && !strcmp(a->agency, b->agency) &&
	       !strcmp(a->period, b->period);
}

/* The kept pack of 'key', with a reference the caller lets go; NULL. */
static struct pack_kept *find(const struct pack_kept *key)
{
	struct pack_kept *k = NULL;
	size_t i;

	pthread_mutex_lock(&kept_lock);
	for (i = 0; i < KEPT_MAX; i++) {
		if (kept[i] && same_key(kept[i], key)) {
			k = kept[i];
			k->refs++;
			k->used = ++kept_ticks;
			break;
		}
	}
	pthread_mutex_unlock(&kept_lock);
	return k;
}

/* Keep 'k' (made with the caller's reference): the table takes one. */
static void keep(struct pack_kept *k)
{
	struct pack_kept *gone[KEPT_MAX + 1];
	size_t i, ngone = 0, slot = KEPT_MAX;

	pthread_mutex_lock(&kept_lock);
	for (i = 0; i < KEPT_MAX; i++) {
		/* Another request made the same pack meanwhile, or a pack
		   of another head or day: never asked for again. */
		if (kept[i] && (same_key(kept[i], k) ||
				strcmp(kept[i]->head, k->head) ||
				strcmp(kept[i]->day, k->day))) {
			gone[ngone++] = let_go(kept[i]);
			kept[i] = NULL;
		}
	}
	for (i = 0; i < KEPT_MAX; i++) {
		if (!kept[i]) {
			slot = i;
			break;
		}
		if (slot == KEPT_MAX || kept[i]->used < kept[slot]->used)
			slot = i;
	}
	if (kept[slot])
		gone[ngone++] = let_go(kept[slot]);
	k->refs++;
	k->used = ++kept_ticks;
	kept[slot] = k;
	pthread_mutex_unlock(&kept_lock);
	for (i = 0; i < ngone; i++)
		free_kept(gone[i]);
}

/* The key of this request's pack of 'period'; false when it has none. */
static bool key_of(struct req *r, const char *period, struct pack_kept *k)
{
	struct vt_reader rd = req_reader(r);

	memset(k, 0, sizeof(*k));
	if (period && strlen(period) >= sizeof(k->period))
		return false;
	if (vt_store_log_head(r->store, k->head))
		return false;
	server_today(k->day);
	k->role = (int)rd.role;
	snprintf(k->agency, sizeof(k->agency), "%s",
		 rd.agency ? rd.agency : "");
	snprintf(k->period, sizeof(k->period), "%s", period ? period : "");
	return true;
}

unsigned pack_open(struct req *r, const char *period, struct pack *pk)
{
	struct pack_kept key, *k;
	unsigned status;

	if (!key_of(r, period, &key)) {
		status = pack_read(r, pk);
		return status ? status : pack_build(r, period, pk);
	}
	k = find(&key);
	if (!k) {
		k = malloc(sizeof(*k));
		if (!k)
			return page_error(r, 503, "The server is out of "
					  "memory.");
		*k = key;
		status = pack_read(r, &k->pk);
		if (!status)
			status = pack_build(r, period, &k->pk);
		if (status) {
			free(k);
			return status;
		}
		k->illustrative = r->illustrative;
		k->refs = 1;
		keep(k);
	}
	/* A view of the kept pack: what it points to is the kept one's. */
	*pk = k->pk;
	pk->kept = k;
	r->illustrative = k->illustrative;
	return 0;
}

void pack_close(struct pack *pk)
{
	struct pack_kept *k = pk->kept;

	if (k) {
		pthread_mutex_lock(&kept_lock);
		k = let_go(k);
		pthread_mutex_unlock(&kept_lock);
		free_kept(k);
		memset(pk, 0, sizeof(*pk));
		return;
	}
	pack_release(pk);
}

const char *pack_part(const struct pack *pk, const char *name, size_t *len)
{
	const struct pack_part *p = NULL;

	if (!pk->kept)
		return NULL;
	pthread_mutex_lock(&kept_lock);
	for (p = pk->kept->parts; p && strcmp(p->name, name); p = p->next)
		;
	pthread_mutex_unlock(&kept_lock);
	if (p && len)
		*len = p->len;
	return p ? p->bytes : NULL;
}

void pack_keep_part(const struct pack *pk, const char *name,
		    const char *bytes, size_t len)
{
	struct pack_kept *k = pk->kept;
	struct pack_part *p, *q;
	size_t nlen = strlen(name);

	if (!k || len >= PARTS_BYTES_MAX)
		return;
	p = malloc(sizeof(*p) + nlen + 1);
	if (!p)
		return;
	p->bytes = malloc(len + 1);
	if (!p->bytes) {
		free(p);
		return;
	}
	memcpy(p->bytes, bytes, len);
	p->bytes[len] = '\0';
	p->len = len;
	memcpy(p->name, name, nlen + 1);
	pthread_mutex_lock(&kept_lock);
	/* Another request may have kept the same part meanwhile. */
	for (q = k->parts; q && strcmp(q->name, name); q = q->next)
		;
	if (!q && k->parts_bytes + len <= PARTS_BYTES_MAX) {
		p->next = k->parts;
		k->parts = p;
		k->parts_bytes += len;
		p = NULL;
	}
	pthread_mutex_unlock(&kept_lock);
	if (p) {
		free(p->bytes);
		free(p);
	}
}
