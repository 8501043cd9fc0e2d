/* Passwords (argon2id), sessions and throttled sign-ins, kept in the store so that servers share them. */
#include "vitals/auth.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "vitals/clock.h"
#include "vitals/model.h"
#include "store/store.h"

/*
 * argon2id costs 64 MiB a hash: a burst of sign-ins must not take the
 * server's memory, so only this many are hashed at once; the rest wait.
 */
#define HASHING_AT_ONCE 2

static sem_t hashing;
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* A hash to check unknown accounts against, so that they take as long
   as known ones. */
static void init_once(void)
{
	sem_init(&hashing, 0, HASHING_AT_ONCE);
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(dummy_hash, "no such account", 15,
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		dummy_hash[0] = '\0';
}

void vt_token_new(char out[VT_TOKEN_LEN + 1])
{
	unsigned char raw[VT_TOKEN_LEN / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, VT_TOKEN_LEN + 1, raw, sizeof(raw));
}

bool vt_token_equal(const char *a, const char *b)
{
	if (!a || !b || strlen(a) != VT_TOKEN_LEN || strlen(b) != VT_TOKEN_LEN)
		return false;
	return sodium_memcmp(a, b, VT_TOKEN_LEN) == 0;
}

/* What the store keeps of a session id: its BLAKE2b hash. */
static void id_hash(const char *session, char out[VT_TOKEN_LEN + 1])
{
	unsigned char h[VT_TOKEN_LEN / 2];

	crypto_generichash(h, sizeof(h), (const unsigned char *)session,
			   strlen(session), NULL, 0);
	sodium_bin2hex(out, VT_TOKEN_LEN + 1, h, sizeof(h));
}

static struct vt_sqlval text(const char *s)
{
	return (struct vt_sqlval){ s ? VT_SQL_TEXT : VT_SQL_NULL, 0, 0, s };
}

static struct vt_sqlval integer(int64_t i)
{
	return (struct vt_sqlval){ VT_SQL_INT, i, 0, NULL };
}

/*
 * An account is its e-mail address in lower case: "Lead@X.org" and
 * "lead@x.org" are one user, whichever way it is typed.
 */
static void fold_email(const char *email, char out[256])
{
	size_t i;

	for (i = 0; email && email[i] && i < 255; i++)
		out[i] = email[i] >= 'A' && email[i] <= 'Z'
			 ? (char)(email[i] - 'A' + 'a') : email[i];
	out[i] = '\0';
}

/* ------------------------------------------------------------------ */
/* Passwords */

/* Every session and token of 'email' ended, but for the session whose
   hash is 'keep' (NULL: none). */
static enum vt_err end_access(struct vt_store *s, const char *email,
			      const char *keep)
{
	struct vt_sqlval p[2] = { text(email), text(keep) };
	enum vt_err result;

	result = keep ? s->ops->exec(s->conn, STMT_SESSION_DELETE_OTHERS, p, 2,
				     NULL, NULL)
		      : s->ops->exec(s->conn, STMT_SESSION_DELETE_USER, p, 1,
				     NULL, NULL);
	if (!result)
		result = s->ops->exec(s->conn, STMT_TOKEN_DELETE_USER, p, 1,
				      NULL, NULL);
	return result;
}

/* The password set or taken away ('stmt') and every other session and
   every token of 'email' ended, in one transaction. */
static enum vt_err change_secret(struct vt_store *s, enum vt_stmt stmt,
				 const struct vt_sqlval *p, size_t n,
				 const char *email, const char *keep)
{
	enum vt_err result = s->ops->begin(s->conn);

	if (!result)
		result = s->ops->exec(s->conn, stmt, p, n, NULL, NULL);
	if (!result)
		result = end_access(s, email, keep);
	if (!result)
		return s->ops->commit(s->conn);
	s->ops->rollback(s->conn);
	return result;
}

/*
 * 'password' hashed for the user 'email' (who must exist), to be changed
 * at first sign-in when 'one_time'; a new password ends every way in
 * that the old one opened (a session or token taken with it must not
 * outlive it) but for the session whose hash is 'keep'.
 */
static enum vt_err set_password(struct vt_store *s, const char *email,
				const char *password, bool one_time,
				const char *keep)
{
	char hash[crypto_pwhash_STRBYTES], now[VT_TIMESTAMP_MAX];
	struct vt_sqlval p[4];
	struct vt_signed_in who;
	size_t len = password ? strlen(password) : 0;
	enum vt_err result;
	int failed;

	pthread_once(&once, init_once);
	if (vt_password_problem(password))
		return VT_EINVAL;
	result = vt_store_user_get(s, email, &who);
	if (result)
		return result;
	sem_wait(&hashing);
	failed = crypto_pwhash_str(hash, password, len,
				   crypto_pwhash_OPSLIMIT_INTERACTIVE,
				   crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sem_post(&hashing);
	if (failed)
		return VT_ENOMEM;
	vt_clock_now(now);
	p[0] = text(who.email);		/* as stored: in lower case */
	p[1] = text(hash);
	p[2] = text(now);
	p[3] = integer(one_time);
	return change_secret(s, STMT_SECRET_SET, p, 4, who.email, keep);
}

enum vt_err vt_password_set(struct vt_store *s, const char *email,
			    const char *password)
{
	return set_password(s, email, password, false, NULL);
}

enum vt_err vt_password_set_one_time(struct vt_store *s, const char *email,
				     const char *password)
{
	return set_password(s, email, password, true, NULL);
}

static enum vt_err other_admin(struct vt_store *s, const struct vt_def *meta,
			       const char *email, bool *found);

enum vt_err vt_user_disable(struct vt_store *s, const char *email)
{
	struct vt_signed_in who;
	enum vt_err result = vt_store_user_get(s, email, &who);
	struct vt_sqlval p[1] = { text(who.email) };
	struct vt_def meta;
	bool found = true;

	if (result)
		return result;
	/* Nobody could sign in to administer the partnership again. */
	if (who.role == VT_ROLE_ADMIN && who.enabled) {
		vt_def_init(&meta);
		result = vt_store_read_def(s, &meta);
		if (!result)
			result = other_admin(s, &meta, who.email, &found);
		vt_def_release(&meta);
		if (!result && !found)
			result = VT_ECONFLICT;
		if (result)
			return result;
	}
	return change_secret(s, STMT_SECRET_DELETE, p, 1, who.email, NULL);
}

/* ------------------------------------------------------------------ */
/* Reading a user and a session */

struct user_row {
	bool found;
	char hash[crypto_pwhash_STRBYTES];
	struct vt_signed_in *who;
};

static int role_of(const char *name)
{
	int i;

	for (i = 0; name && i < VT_ROLE__MAX; i++)
		if (!strcmp(name, vt_role_names[i]))
			return i;
	return -1;
}

/* Columns: password_hash, role, agency, name, one_time. */
static enum vt_err user_row(void *arg, const struct vt_sqlval *c, size_t n)
{
	struct user_row *u = arg;

	if (n < 5 || c[1].type != VT_SQL_TEXT || role_of(c[1].s) < 0)
		return VT_EDB;
	u->found = true;
	snprintf(u->hash, sizeof(u->hash), "%s",
		 c[0].type == VT_SQL_TEXT ? c[0].s : "");
	u->who->enabled = c[0].type == VT_SQL_TEXT;
	u->who->role = role_of(c[1].s);
	snprintf(u->who->agency, sizeof(u->who->agency), "%s",
		 c[2].type == VT_SQL_TEXT ? c[2].s : "");
	snprintf(u->who->name, sizeof(u->who->name), "%s",
		 c[3].type == VT_SQL_TEXT ? c[3].s : "");
	u->who->one_time = c[4].type == VT_SQL_INT && c[4].i;
	return VT_OK;
}

static enum vt_err read_user(struct vt_store *s, const char *given,
			     struct user_row *u)
{
	char email[256];
	struct vt_sqlval p;

	fold_email(given, email);
	p = text(email);
	snprintf(u->who->email, sizeof(u->who->email), "%s", email);
	return s->ops->exec(s->conn, STMT_SECRET_GET, &p, 1, user_row, u);
}

enum vt_err vt_store_user_get(struct vt_store *s, const char *email,
			      struct vt_signed_in *who)
{
	struct user_row u = { false, "", who };
	enum vt_err result;

	memset(who, 0, sizeof(*who));
	result = read_user(s, email, &u);
	if (!result && !u.found)
		result = VT_ENOTFOUND;
	return result;
}

/* ------------------------------------------------------------------ */
/* Signing in */

/*
 * Throttling by delay (schema 7).  Three keys count failures in a row:
 * the account and address together, the account from anywhere, and the
 * address for any account.  From the VT_SIGNIN_FAILURES-th failure on,
 * each key makes the next attempt wait, doubling from 5 seconds: up to
 * 15 minutes for the same account from the same address, but at most a
 * minute for the account alone or the address alone, so that the right
 * password from another address, or a colleague behind the same proxy,
 * is delayed and never locked out.  An attempt is counted as a failure
 * before its password is checked, in one transaction with the check of
 * the delays: guesses sent at once cannot all slip through.
 */
enum { KEY_PAIR, KEY_ACCOUNT, KEY_ADDRESS, NKEYS };
static const int64_t delay_cap[NKEYS] = { 15 * 60, 60, 60 };

struct throttle_row {
	bool found;
	int64_t failures, next_at;
};

static enum vt_err throttle_row(void *arg, const struct vt_sqlval *c,
				size_t n)
{
	struct throttle_row *t = arg;

	if (n < 2 || c[0].type != VT_SQL_INT || c[1].type != VT_SQL_INT)
		return VT_EDB;
	t->found = true;
	t->failures = c[0].i;
	t->next_at = c[1].i;
	return VT_OK;
}

static int64_t delay_after(int64_t failures, int64_t cap)
{
	int64_t d = 5;

	if (failures < VT_SIGNIN_FAILURES)
		return 0;
	for (; failures > VT_SIGNIN_FAILURES && d < cap; failures--)
		d *= 2;
	return d < cap ? d : cap;
}

/* Check the delays of 'keys' and count this attempt as a failure; in
   one transaction.  VT_ETHROTTLED when a key says wait. */
static enum vt_err reserve_attempt(struct vt_store *s, char keys[][300],
				   int64_t now)
{
	struct throttle_row t[NKEYS];
	struct vt_sqlval p[4];
	enum vt_err result;
	size_t k;
	bool wait = false;

	result = s->ops->begin(s->conn);
	p[0] = integer(now - VT_SIGNIN_WINDOW * 4);
	if (!result)
		result = s->ops->exec(s->conn, STMT_THROTTLE_PRUNE, p, 1, NULL,
				      NULL);
	for (k = 0; k < NKEYS && !result; k++) {
		memset(&t[k], 0, sizeof(t[k]));
		p[0] = text(keys[k]);
		p[1] = integer(now);
		result = s->ops->exec(s->conn, STMT_THROTTLE_ENSURE, p, 2, NULL,
				      NULL);
		if (!result)
			result = s->ops->exec(s->conn, STMT_THROTTLE_GET, p, 1,
					      throttle_row, &t[k]);
		if (!result && !t[k].found)
			result = VT_EDB;
		if (!result && t[k].next_at > now)
			wait = true;
	}
	for (k = 0; k < NKEYS && !result && !wait; k++) {
		int64_t n = t[k].failures + 1;

		p[0] = text(keys[k]);
		p[1] = integer(n);
		p[2] = integer(now + delay_after(n, delay_cap[k]));
		p[3] = integer(now);
		result = s->ops->exec(s->conn, STMT_THROTTLE_SET, p, 4, NULL,
				      NULL);
	}
	if (result) {
		s->ops->rollback(s->conn);
		return result;
	}
	result = s->ops->commit(s->conn);
	return result ? result : wait ? VT_ETHROTTLED : VT_OK;
}

enum vt_err vt_signin(struct vt_store *s, const char *given_email,
		      const char *password, const char *address, int64_t now,
		      char session[VT_TOKEN_LEN + 1], struct vt_signed_in *who)
{
	char keys[NKEYS][300], hash[VT_TOKEN_LEN + 1], email[256];
	struct user_row u = { false, "", who };
	struct vt_sqlval p[5];
	enum vt_err result;
	bool good;

	pthread_once(&once, init_once);
	memset(who, 0, sizeof(*who));
	fold_email(given_email, email);
	snprintf(keys[KEY_PAIR], sizeof(keys[0]), "pair:%s|%s", email,
		 address);
	snprintf(keys[KEY_ACCOUNT], sizeof(keys[0]), "account:%s", email);
	snprintf(keys[KEY_ADDRESS], sizeof(keys[0]), "address:%s", address);
	result = reserve_attempt(s, keys, now);
	if (result)
		return result;
	result = read_user(s, email, &u);
	if (result)
		return result;
	sem_wait(&hashing);
	/* An unknown account costs a hash too: timing tells nothing. */
	good = crypto_pwhash_str_verify(u.found && u.hash[0] ? u.hash
								 : dummy_hash,
					password, strlen(password)) == 0 &&
	       u.found && u.hash[0];
	sem_post(&hashing);
	if (!good)
		return VT_EDENIED;	/* counted already */
	/* Signed in: the account's count starts again, from here and from
	   anywhere; the address's stays, for the other accounts it tried. */
	p[0] = text(keys[KEY_PAIR]);
	result = s->ops->exec(s->conn, STMT_THROTTLE_CLEAR, p, 1, NULL, NULL);
	p[0] = text(keys[KEY_ACCOUNT]);
	if (!result)
		result = s->ops->exec(s->conn, STMT_THROTTLE_CLEAR, p, 1, NULL,
				      NULL);
	p[0] = text(keys[KEY_ADDRESS]);
	p[1] = integer(VT_SIGNIN_FAILURES);
	if (!result)
		result = s->ops->exec(s->conn, STMT_THROTTLE_FORGIVE, p, 2,
				      NULL, NULL);
	/* Old sessions go when anyone signs in: no sweeper needed. */
	p[0] = integer(now - VT_SESSION_IDLE);
	p[1] = integer(now - VT_SESSION_MAX);
	if (!result)
		result = s->ops->exec(s->conn, STMT_SESSION_EXPIRE, p, 2, NULL,
				      NULL);
	vt_token_new(session);
	vt_token_new(who->csrf);
	id_hash(session, hash);
	p[0] = text(hash);
	p[1] = text(email);
	p[2] = text(who->csrf);
	p[3] = integer(now);
	p[4] = integer(now);
	if (!result)
		result = s->ops->exec(s->conn, STMT_SESSION_INSERT, p, 5, NULL,
				      NULL);
	return result;
}

enum vt_err vt_password_change(struct vt_store *s, const char *email,
			       const char *current, const char *password,
			       const char *address, int64_t now,
			       char session[VT_TOKEN_LEN + 1],
			       struct vt_signed_in *who)
{
	char hash[VT_TOKEN_LEN + 1];
	enum vt_err result;

	if (vt_password_problem(password))
		return VT_EINVAL;
	/* The current password is checked as a sign-in is, throttled
	   alike: a stolen session cannot guess it faster. */
	result = vt_signin(s, email, current, address, now, session, who);
	if (result)
		return result;
	id_hash(session, hash);
	result = set_password(s, who->email, password, false, hash);
	if (result) {
		/*
		 * The password stands unchanged, and the session opened to
		 * check it goes.  Should that fail too, what is left is the
		 * user's own session, with the password they still have.
		 */
		enum vt_err ended = vt_session_end(s, session);

		(void)ended;
		memset(who, 0, sizeof(*who));
		return result;
	}
	who->one_time = false;
	return VT_OK;
}

/* ------------------------------------------------------------------ */
/* Sessions */

struct session_row {
	bool found;
	int64_t created, seen;
	struct vt_signed_in *who;
};

/* Columns: email, csrf, created, seen, role, agency, name, one_time. */
static enum vt_err session_row(void *arg, const struct vt_sqlval *c,
			       size_t n)
{
	struct session_row *r = arg;

	if (n < 8 || c[0].type != VT_SQL_TEXT || c[1].type != VT_SQL_TEXT ||
	    c[2].type != VT_SQL_INT || c[3].type != VT_SQL_INT ||
	    role_of(c[4].type == VT_SQL_TEXT ? c[4].s : NULL) < 0)
		return VT_EDB;
	r->found = true;
	snprintf(r->who->email, sizeof(r->who->email), "%s", c[0].s);
	snprintf(r->who->csrf, sizeof(r->who->csrf), "%s", c[1].s);
	r->created = c[2].i;
	r->seen = c[3].i;
	r->who->role = role_of(c[4].s);
	snprintf(r->who->agency, sizeof(r->who->agency), "%s",
		 c[5].type == VT_SQL_TEXT ? c[5].s : "");
	snprintf(r->who->name, sizeof(r->who->name), "%s",
		 c[6].type == VT_SQL_TEXT ? c[6].s : "");
	r->who->one_time = c[7].type == VT_SQL_INT && c[7].i;
	return VT_OK;
}

enum vt_err vt_session_get(struct vt_store *s, const char *session,
			   int64_t now, struct vt_signed_in *who)
{
	struct session_row r = { false, 0, 0, who };
	char hash[VT_TOKEN_LEN + 1];
	struct vt_sqlval p[2];
	enum vt_err result;

	memset(who, 0, sizeof(*who));
	if (!session || strlen(session) != VT_TOKEN_LEN)
		return VT_EDENIED;
	id_hash(session, hash);
	p[0] = text(hash);
	result = s->ops->exec(s->conn, STMT_SESSION_GET, p, 1, session_row, &r);
	if (result)
		return result;
	if (!r.found)
		return VT_EDENIED;
	if (now - r.seen > VT_SESSION_IDLE || now - r.created > VT_SESSION_MAX) {
		s->ops->exec(s->conn, STMT_SESSION_DELETE, p, 1, NULL, NULL);
		memset(who, 0, sizeof(*who));
		return VT_EDENIED;
	}
	/* A write on every request costs more than the idle time needs:
	   renewed at most once every VT_SESSION_RENEW seconds. */
	if (now - r.seen < VT_SESSION_RENEW)
		return VT_OK;
	p[1] = integer(now);
	return s->ops->exec(s->conn, STMT_SESSION_TOUCH, p, 2, NULL, NULL);
}

enum vt_err vt_session_end(struct vt_store *s, const char *session)
{
	char hash[VT_TOKEN_LEN + 1];
	struct vt_sqlval p;

	if (!session || strlen(session) != VT_TOKEN_LEN)
		return VT_OK;
	id_hash(session, hash);
	p = text(hash);
	return s->ops->exec(s->conn, STMT_SESSION_DELETE, &p, 1, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Personal API tokens */

struct token_row {
	int64_t expires, last_used;
	bool found;
	struct vt_signed_in *who;
};

/* Columns: email, role, agency, name, scope, expires, last_used. */
static enum vt_err token_row(void *arg, const struct vt_sqlval *c, size_t n)
{
	struct token_row *t = arg;

	if (n < 7 || c[0].type != VT_SQL_TEXT ||
	    role_of(c[1].type == VT_SQL_TEXT ? c[1].s : NULL) < 0 ||
	    c[4].type != VT_SQL_TEXT || c[5].type != VT_SQL_INT ||
	    c[6].type != VT_SQL_INT)
		return VT_EDB;
	t->found = true;
	t->who->token_write = !strcmp(c[4].s, "write");
	t->expires = c[5].i;
	t->last_used = c[6].i;
	snprintf(t->who->email, sizeof(t->who->email), "%s", c[0].s);
	t->who->role = role_of(c[1].s);
	snprintf(t->who->agency, sizeof(t->who->agency), "%s",
		 c[2].type == VT_SQL_TEXT ? c[2].s : "");
	snprintf(t->who->name, sizeof(t->who->name), "%s",
		 c[3].type == VT_SQL_TEXT ? c[3].s : "");
	return VT_OK;
}

struct lister {
	void (*fn)(void *arg, const struct vt_api_token_info *t);
	void *arg;
	const char *wanted;	/* a name to look for, or NULL */
	bool found;
};

static enum vt_err list_row(void *arg, const struct vt_sqlval *c, size_t n)
{
	struct lister *l = arg;

	struct vt_api_token_info t;

	if (n < 5 || c[0].type != VT_SQL_TEXT || c[1].type != VT_SQL_INT ||
	    c[2].type != VT_SQL_TEXT || c[3].type != VT_SQL_INT ||
	    c[4].type != VT_SQL_INT)
		return VT_EDB;
	if (l->wanted && !strcmp(l->wanted, c[0].s))
		l->found = true;
	t.name = c[0].s;
	t.created = c[1].i;
	t.write = !strcmp(c[2].s, "write");
	t.expires = c[3].i;
	t.last_used = c[4].i;
	if (l->fn)
		l->fn(l->arg, &t);
	return VT_OK;
}

enum vt_err vt_api_token_add(struct vt_store *s, const char *email,
			     const char *name, bool write, int64_t days,
			     int64_t now, char token[VT_TOKEN_LEN + 1])
{
	struct lister l = { NULL, NULL, name, false };
	char hash[VT_TOKEN_LEN + 1];
	struct vt_signed_in who;
	struct vt_sqlval p[6];
	enum vt_err result;

	if (days < 1 || days > 366)
		return VT_EINVAL;
	result = vt_store_user_get(s, email, &who);
	p[0] = text(who.email);
	if (!result)
		result = s->ops->exec(s->conn, STMT_TOKEN_LIST, p, 1, list_row,
				      &l);
	if (!result && l.found)
		result = VT_ECONFLICT;
	if (result)
		return result;
	vt_token_new(token);
	id_hash(token, hash);
	p[0] = text(hash);
	p[1] = text(who.email);
	p[2] = text(name);
	p[3] = integer(now);
	p[4] = text(write ? "write" : "read");
	p[5] = integer(now + days * 86400);
	return s->ops->exec(s->conn, STMT_TOKEN_INSERT, p, 6, NULL, NULL);
}

enum vt_err vt_api_token_check(struct vt_store *s, const char *token,
			       int64_t now, struct vt_signed_in *who)
{
	struct token_row t = { 0, 0, false, who };
	char hash[VT_TOKEN_LEN + 1];
	struct vt_sqlval p[2];
	enum vt_err result;

	memset(who, 0, sizeof(*who));
	if (!token || strlen(token) != VT_TOKEN_LEN)
		return VT_EDENIED;
	id_hash(token, hash);
	p[0] = text(hash);
	result = s->ops->exec(s->conn, STMT_TOKEN_GET, p, 1, token_row, &t);
	if (!result && (!t.found || now >= t.expires)) {
		memset(who, 0, sizeof(*who));
		return VT_EDENIED;
	}
	/* Its last use, for its owner to see: once a minute is enough. */
	p[1] = integer(now);
	if (!result && now - t.last_used >= VT_SESSION_RENEW)
		result = s->ops->exec(s->conn, STMT_TOKEN_TOUCH, p, 2, NULL,
				      NULL);
	return result;
}

enum vt_err vt_api_token_revoke(struct vt_store *s, const char *email,
				const char *name)
{
	struct lister l = { NULL, NULL, name, false };
	struct vt_sqlval p[2] = { text(email), text(name) };
	enum vt_err result;

	result = s->ops->exec(s->conn, STMT_TOKEN_LIST, p, 1, list_row, &l);
	if (!result && !l.found)
		result = VT_ENOTFOUND;
	if (!result)
		result = s->ops->exec(s->conn, STMT_TOKEN_DELETE, p, 2, NULL,
				      NULL);
	return result;
}

enum vt_err vt_api_token_list(struct vt_store *s, const char *email,
			      void (*fn)(void *arg,
					 const struct vt_api_token_info *t),
			      void *arg)
{
	struct lister l = { fn, arg, NULL, false };
	struct vt_sqlval p = text(email);

	return s->ops->exec(s->conn, STMT_TOKEN_LIST, &p, 1, list_row, &l);
}

/* ------------------------------------------------------------------ */
/* Adding a user */

enum vt_err vt_user_add(struct vt_store *s, const char *given_email,
			const char *name, const char *role,
			const char *agency, const char *who,
			struct vt_diagq *dq)
{
	struct vt_check ck = { NULL, dq, NULL, NULL };
	char email[256];
	struct vt_load_summary sum;
	struct vt_signed_in existing;
	struct vt_user *u;
	struct vt_def def;
	size_t errors = dq->errors;
	enum vt_err result;
	json_t *j;

	fold_email(given_email, email);
	vt_def_init(&def);
	j = json_pack("{s:s, s:s, s:s, s:s?}", "email", email, "name", name,
		      "role", role, "agency", agency && *agency ? agency : NULL);
	result = j ? vt_def_append(&def, VT_KIND_USER, (void **)&u)
		   : VT_ENOMEM;
	if (!result)
		result = vt_record_from_json(VT_KIND_USER, j, "user", &ck, u);
	if (!result && dq->errors > errors)
		result = VT_EINVAL;
	if (!result && !vt_store_user_get(s, email, &existing))
		result = VT_ECONFLICT;
	if (!result)
		result = vt_store_load_def(s, &def, &ck, who, 0, &sum);
	if (!result && dq->errors > errors)
		result = VT_EINVAL;
	json_decref(j);
	vt_def_release(&def);
	return result;
}

/* ------------------------------------------------------------------ */
/* Changing a user's role and agency */

/* Whether a user other than 'email' is an administrator who can sign
   in: the partnership must never be left without one. */
static enum vt_err other_admin(struct vt_store *s, const struct vt_def *meta,
			       const char *email, bool *found)
{
	struct vt_signed_in who;
	enum vt_err result;
	size_t i;

	*found = false;
	for (i = 0; i < vt_def_count(meta, VT_KIND_USER) && !*found; i++) {
		const struct vt_user *u = vt_def_at(meta, VT_KIND_USER, i);

		if (u->role != VT_ROLE_ADMIN || !strcmp(u->email, email))
			continue;
		result = vt_store_user_get(s, u->email, &who);
		if (result && result != VT_ENOTFOUND)
			return result;
		*found = !result && who.enabled;
	}
	return VT_OK;
}

/* Refused: 'why' and the field it is about. */
static enum vt_err refuse(enum vt_err result, const char **field,
			  const char *name, char *why, size_t whysize,
			  const char *text)
{
	*field = name;
	snprintf(why, whysize, "%s", text);
	return result;
}

/* The checks a reader can act on, in their words, before the model's. */
static enum vt_err check_change(struct vt_store *s, const struct vt_def *meta,
				const struct vt_user *old, int role,
				const char *agency, const char **field,
				char *why, size_t whysize)
{
	enum vt_err result;
	bool found;

	if (role < 0)
		return refuse(VT_EINVAL, field, "role", why, whysize,
			      "select a role");
	if (role == VT_ROLE_AGENCY_LEAD && !agency)
		return refuse(VT_EINVAL, field, "agency", why, whysize,
			      "select the agency this agency lead answers "
			      "for");
	if (role != VT_ROLE_AGENCY_LEAD && agency)
		return refuse(VT_EINVAL, field, "agency", why, whysize,
			      "select no agency: only an agency lead answers "
			      "for one");
	if (agency && !vt_def_find(meta, VT_KIND_AGENCY, agency))
		return refuse(VT_EINVAL, field, "agency", why, whysize,
			      "select an agency from the list");
	if (old->role != VT_ROLE_ADMIN || role == VT_ROLE_ADMIN)
		return VT_OK;
	result = other_admin(s, meta, old->email, &found);
	if (!result && !found)
		result = refuse(VT_ECONFLICT, field, "role", why, whysize,
				"this is the only administrator who can sign "
				"in: make another user an administrator "
				"first");
	return result;
}

/* The changed record written through the change log, checked by the
   model as a loaded one is. */
static enum vt_err write_change(struct vt_store *s, const struct vt_def *meta,
				const struct vt_user *old, const char *role,
				const char *agency, const char *who,
				const char **field, char *why, size_t whysize)
{
	struct vt_diagq dq;
	struct vt_check ck = { meta, &dq, vt_store_place_path, NULL };
	struct vt_load_summary sum;
	struct vt_user *u;
	struct vt_def change;
	enum vt_err result;
	json_t *j;

	vt_diagq_init(&dq);
	vt_def_init(&change);
	j = json_pack("{s:s, s:s, s:s, s:s?}", "email", old->email, "name",
		      old->name, "role", role, "agency", agency);
	result = j ? vt_def_append(&change, VT_KIND_USER, (void **)&u)
		   : VT_ENOMEM;
	if (!result)
		result = vt_record_from_json(VT_KIND_USER, j, "user", &ck, u);
	if (!result)
		result = vt_def_check(&change, &ck);
	if (!result && !dq.errors)
		result = vt_store_apply_def(s, &change, meta, &ck, who, &sum);
	if (dq.errors && (!result || result == VT_EINVAL))
		result = refuse(VT_EINVAL, field, "role", why, whysize,
				dq.items[0].message);
	json_decref(j);
	vt_def_release(&change);
	vt_diagq_release(&dq);
	return result;
}

enum vt_err vt_user_change(struct vt_store *s, const char *given_email,
			   const char *role, const char *agency,
			   const char *who, const char **field, char *why,
			   size_t whysize)
{
	const struct vt_user *old;
	struct vt_def meta;
	char email[256];
	enum vt_err result;
	int r = role_of(role);

	*field = "role";
	snprintf(why, whysize, "the change could not be saved");
	if (agency && !*agency)
		agency = NULL;
	fold_email(given_email, email);
	vt_def_init(&meta);
	result = s->ops->begin(s->conn);
	if (result)
		return result;
	/* Read inside the write transaction: the check of the other
	   administrators holds until the commit. */
	result = vt_store_read_meta(s, &meta);
	old = result ? NULL : vt_def_find(&meta, VT_KIND_USER, email);
	if (!result && !old)
		result = refuse(VT_ENOTFOUND, field, "role", why, whysize,
				"there is no such user");
	if (!result)
		result = check_change(s, &meta, old, r, agency, field, why,
				      whysize);
	if (!result && old->role == r &&
	    !strcmp(old->agency ? old->agency : "", agency ? agency : "")) {
		s->ops->rollback(s->conn);	/* nothing to change */
		vt_def_release(&meta);
		return VT_OK;
	}
	if (!result)
		result = write_change(s, &meta, old, role, agency, who, field,
				      why, whysize);
	if (!result)
		result = end_access(s, email, NULL);
	if (!result)
		result = s->ops->commit(s->conn);
	if (result)
		s->ops->rollback(s->conn);
	vt_def_release(&meta);
	return result;
}

void vt_password_new(char out[VT_ONE_TIME_PASSWORD_LEN + 1])
{
	/* No 0/o, 1/l/i: a password read out over the telephone. */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t k;

	for (k = 0; k < VT_ONE_TIME_PASSWORD_LEN; k++)
		out[k] = k % 5 == 4 ? '-' : alphabet[
			randombytes_uniform(sizeof(alphabet) - 1)];
	out[VT_ONE_TIME_PASSWORD_LEN] = '\0';
}
