/* The API's answers kept until the data or the day changes: ETag, If-None-Match and 304. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/server.h"

/*
 * Every read of the API rebuilt its answer from the whole definition: the
 * tracker, the readings, the change log.  As the dashboard does, an
 * answer is kept with what it was made from, and made again only when
 * that moves.  What an answer depends on is its key:
 *
 *   - the change log's head: every change of data moves it, on any server
 *     sharing the database;
 *   - the day: overdue, stale and late move with it;
 *   - the caller's role and agency: the definition is restricted to what
 *     they may see (an agency lead sees its own agency's drafts only);
 *   - the address and its query, exactly as sent (name and value of each
 *     argument, in order: two spellings of one question are two keys).
 *
 * The key's hash is the answer's ETag, so a client that sends it back in
 * If-None-Match is answered 304 from the key alone: sign-in and the head
 * are read, nothing else is made or looked up.  Two callers whose answers
 * may differ have different keys, hence different ETags.
 *
 * Only 200 answers are kept.  The kept answers are few and bounded
 * (KEPT_MAX, KEPT_BYTES, an answer over a quarter of that is not kept),
 * the least recently used going first; answers of an older head or day
 * can never be asked for again and go as soon as a newer one is kept.
 * One lock guards the table; a kept answer is shared by reference, so the
 * lock is never held while an answer is copied out.
 */
#define KEPT_MAX 256
#define KEPT_BYTES (16u * 1024 * 1024)

struct answer {
	size_t refs;		/* the table's, and each request's copying */
	size_t len;
	char body[];
};

struct kept {
	unsigned char id[16];	/* the key's hash, the ETag */
	char head[65];
	char day[11];
	unsigned long used;	/* when last served: least goes first */
	struct answer *answer;	/* NULL: a free slot */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept table[KEPT_MAX];
static size_t kept_bytes;
static unsigned long clock_ticks;

/* Called with the lock held. */
static void let_go(struct answer *a)
{
	if (a && !--a->refs)
		free(a);
}

/* Called with the lock held. */
static void drop(struct kept *k)
{
	kept_bytes -= k->answer->len;
	let_go(k->answer);
	k->answer = NULL;
}

/* The answer kept for 'id', with a reference the caller lets go; NULL. */
static struct answer *find(const unsigned char id[16])
{
	struct answer *a = NULL;
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < KEPT_MAX; i++) {
		if (table[i].answer && !memcmp(table[i].id, id, 16)) {
			a = table[i].answer;
			a->refs++;
			table[i].used = ++clock_ticks;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return a;
}

static void done_with(struct answer *a)
{
	pthread_mutex_lock(&lock);
	let_go(a);
	pthread_mutex_unlock(&lock);
}

/* Keep 'body' for 'id', made from 'head' on 'day'. */
static void keep(const unsigned char id[16], const char *head,
		 const char *day, const char *body, size_t len)
{
	struct answer *a;
	struct kept *slot = NULL;
	size_t i;

	if (len > KEPT_BYTES / 4)
		return;
	a = malloc(sizeof(*a) + len);
	if (!a)
		return;	/* served, not kept */
	a->refs = 1;
	a->len = len;
	memcpy(a->body, body, len);
	pthread_mutex_lock(&lock);
	for (i = 0; i < KEPT_MAX; i++) {
		struct kept *k = &table[i];

		/* Another request made the same answer meanwhile, or an
		   answer of another head or day: never asked for again. */
		if (k->answer && (!memcmp(k->id, id, 16) ||
				  strcmp(k->head, head) ||
				  strcmp(k->day, day)))
			drop(k);
	}
	for (;;) {
		struct kept *oldest = NULL;

		slot = NULL;
		for (i = 0; i < KEPT_MAX; i++) {
			if (!table[i].answer)
				slot = &table[i];
			else if (!oldest || table[i].used < oldest->used)
				oldest = &table[i];
		}
		if (slot && kept_bytes + len <= KEPT_BYTES)
			break;
		drop(oldest);	/* not NULL: full by count or by bytes */
	}
	memcpy(slot->id, id, 16);
	snprintf(slot->head, sizeof(slot->head), "%s", head);
	snprintf(slot->day, sizeof(slot->day), "%s", day);
	slot->used = ++clock_ticks;
	slot->answer = a;
	kept_bytes += len;
	pthread_mutex_unlock(&lock);
}

/* One part of the key: its length first, so that no two keys run into
   one another ("a" "bc" is not "ab" "c"). */
static void key_part(crypto_generichash_state *st, const char *s)
{
	char len[24];

	snprintf(len, sizeof(len), "%zu:", s ? strlen(s) : (size_t)-1);
	crypto_generichash_update(st, (const unsigned char *)len,
				  strlen(len));
	if (s)
		crypto_generichash_update(st, (const unsigned char *)s,
					  strlen(s));
}

static enum MHD_Result query_part(void *cls, enum MHD_ValueKind kind,
				  const char *name, const char *value)
{
	(void)kind;
	key_part(cls, name);
	key_part(cls, value);	/* "?x" (NULL) is not "?x=" ("") */
	return MHD_YES;
}

/* The key's hash (struct kept's id). */
static void key_of(struct req *r, const char *head, const char *day,
		   unsigned char id[16])
{
	crypto_generichash_state st;
	char role[16];

	snprintf(role, sizeof(role), "%d", r->who.role);
	crypto_generichash_init(&st, NULL, 0, 16);
	key_part(&st, "vitals api answer 1");
	key_part(&st, head);
	key_part(&st, day);
	key_part(&st, role);
	key_part(&st, r->who.agency);
	key_part(&st, r->method);
	key_part(&st, r->path);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_part,
				  &st);
	crypto_generichash_final(&st, id, 16);
}

/* Whether the If-None-Match list (or "*") holds 'etag'; a weak "W/"
   validator compares as its tag, as RFC 9110 says for this header. */
static bool none_match(const char *list, const char *etag)
{
	size_t len = strlen(etag);

	while (list && *list) {
		list += strspn(list, " \t,");
		if (!strncmp(list, "W/", 2))
			list += 2;
		if (*list == '*')
			return true;
		if (!strncmp(list, etag, len) &&
		    (!list[len] || strchr(" \t,", list[len])))
			return true;
		list += strcspn(list, ",");
	}
	return false;
}

unsigned api_cached(struct req *r)
{
	unsigned char id[16];
	char head[65], day[11], hex[33];
	struct answer *a;
	unsigned status;

	if (vt_store_log_head(r->store, head))
		return api_error(r, 503, "the database does not answer");
	server_today(day);
	key_of(r, head, day, id);
	sodium_bin2hex(hex, sizeof(hex), id, sizeof(id));
	snprintf(r->etag, sizeof(r->etag), "\"%s\"", hex);
	r->content_type = "application/json";
	if (none_match(MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						   "If-None-Match"), r->etag))
		return 304;
	a = find(id);
	if (a) {
		status = fwrite(a->body, 1, a->len, r->page) == a->len ? 200
									: 500;
		done_with(a);
		return status;
	}
	status = r->route->handler(r);
	if (status != 200) {
		r->etag[0] = '\0';
		return status;
	}
	/* The answer so far is whole in the request's buffer once flushed
	   (page_write in server.c). */
	if (!fflush(r->page) && r->page_buf)
		keep(id, head, day, r->page_buf, r->page_len);
	return status;
}
