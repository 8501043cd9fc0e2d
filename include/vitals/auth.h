/* Signing in: argon2id passwords, sessions kept in the store, throttled failures. */
#ifndef VITALS_AUTH_H
#define VITALS_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitals/diag.h"
#include "vitals/error.h"
struct vt_store;

#define VT_PASSWORD_MIN 12		/* characters (bytes) */
#define VT_PASSWORD_MAX 256
#define VT_SESSION_IDLE (30 * 60)	/* seconds without a request */
#define VT_SESSION_MAX (12 * 60 * 60)	/* seconds since signing in */
#define VT_SESSION_RENEW 60		/* the idle time is renewed at most
					   this often (seconds) */
#define VT_SIGNIN_FAILURES 5		/* failures in a row before each next
					   attempt must wait (5 s, doubling) */
#define VT_SIGNIN_WINDOW (15 * 60)	/* the longest wait; counts idle for
					   four times this are forgotten */

/* A session id or CSRF token as text: 32 random bytes in hex. */
#define VT_TOKEN_LEN 64

/* Who is signed in. */
struct vt_signed_in {
	char email[256];
	char name[256];
	int role;			/* enum vt_role */
	char agency[80];		/* "" when none */
	char csrf[VT_TOKEN_LEN + 1];	/* the session's form token */
	bool enabled;			/* has a password: may sign in (set
					   by vt_store_user_get) */
	bool token_write;		/* by a token that may write */
	bool one_time;			/* the password was given by someone
					   else: it must be changed before
					   anything else is done */
};

/* A personal API token as its owner sees it (never the token itself). */
#define VT_TOKEN_DAYS 90		/* a token's life unless said */
struct vt_api_token_info {
	const char *name;
	int64_t created, expires;	/* seconds since 1970 */
	int64_t last_used;		/* 0: never used */
	bool write;			/* may change data, not only read */
};

/* The user 'email' (no session, no token); VT_ENOTFOUND for none. */
VT_MUST_USE
enum vt_err vt_store_user_get(struct vt_store *s, const char *email,
			      struct vt_signed_in *who);

/*
 * Why 'password' may not be used, or NULL when it may: shorter than
 * VT_PASSWORD_MIN or longer than VT_PASSWORD_MAX bytes, not UTF-8, fewer
 * than five different characters, or among the commonest passwords.
 */
const char *vt_password_problem(const char *password);

/*
 * Set the password of the user 'email' (who must exist): hashed with
 * argon2id, and every session and token of the user ended.  VT_EINVAL
 * when vt_password_problem() finds a problem; VT_ENOTFOUND for no such
 * user.
 */
VT_MUST_USE
enum vt_err vt_password_set(struct vt_store *s, const char *email,
			    const char *password);

/*
 * vt_password_set() for a password chosen by someone else (a new user's,
 * or one an administrator gives): its user must choose their own at
 * first sign-in (who->one_time) before doing anything else.
 */
VT_MUST_USE
enum vt_err vt_password_set_one_time(struct vt_store *s, const char *email,
				     const char *password);

/*
 * The signed-in user 'email' replaces 'current' by 'password' (their own
 * choice: no longer one-time).  'current' is checked as vt_signin()
 * checks it, throttled alike (VT_EDENIED, VT_ETHROTTLED); VT_EINVAL when
 * vt_password_problem() finds a problem with 'password'.  Every session
 * and token of the user ends but a new session, whose id goes to
 * 'session' and its user to 'who'.
 */
VT_MUST_USE
enum vt_err vt_password_change(struct vt_store *s, const char *email,
			       const char *current, const char *password,
			       const char *address, int64_t now,
			       char session[VT_TOKEN_LEN + 1],
			       struct vt_signed_in *who);

/*
 * Disable the user 'email': its password, sessions and tokens go, so it
 * can no longer sign in nor use the API; its records and history stay.
 * vt_password_set() enables it again.  VT_ENOTFOUND for no such user;
 * VT_ECONFLICT for the only administrator who can sign in.
 */
VT_MUST_USE
enum vt_err vt_user_disable(struct vt_store *s, const char *email);

/*
 * Sign 'email' in with 'password' from 'address' at 'now' (seconds since
 * 1970): a new session whose id goes to 'session' (for the cookie; only
 * its hash is stored).  VT_EDENIED for an unknown account or a wrong
 * password alike; VT_ETHROTTLED while a delay runs: after
 * VT_SIGNIN_FAILURES failures in a row, 5 seconds doubling, up to
 * VT_SIGNIN_WINDOW for the account from the same address and up to a
 * minute for the account or the address alone (so the right password
 * from elsewhere is delayed, never locked out).  The attempt is counted
 * before the password is checked, atomically with the check of the
 * delays, so that guesses sent at once cannot exceed the count.
 */
VT_MUST_USE
enum vt_err vt_signin(struct vt_store *s, const char *email,
		      const char *password, const char *address, int64_t now,
		      char session[VT_TOKEN_LEN + 1], struct vt_signed_in *who);

/*
 * The session 'session' at 'now': who it is, its idle time renewed
 * (once VT_SESSION_RENEW seconds have passed since the last renewal).
 * VT_EDENIED when there is none, or it has been idle or alive too long
 * (it is then removed).
 */
VT_MUST_USE
enum vt_err vt_session_get(struct vt_store *s, const char *session,
			   int64_t now, struct vt_signed_in *who);

/* End the session (signing out); no error when there is none. */
VT_MUST_USE
enum vt_err vt_session_end(struct vt_store *s, const char *session);

/*
 * A personal API token for 'email', called 'name' (unique per user),
 * that reads only unless 'write', for 'days' (1 to 366) from 'now': the
 * token goes to 'token', shown once; only its hash is kept.  VT_EINVAL
 * for days out of range.  VT_ENOTFOUND
 * for no such user, VT_ECONFLICT when the user has a token of that name.
 */
VT_MUST_USE
enum vt_err vt_api_token_add(struct vt_store *s, const char *email,
			     const char *name, bool write, int64_t days,
			     int64_t now, char token[VT_TOKEN_LEN + 1]);

/*
 * Who 'token' belongs to at 'now' (who->token_write says whether it may
 * write), its last use recorded at most once a minute; VT_EDENIED when
 * it is no token, revoked or expired.
 */
VT_MUST_USE
enum vt_err vt_api_token_check(struct vt_store *s, const char *token,
			       int64_t now, struct vt_signed_in *who);

/* Revoke the token 'name' of 'email'; VT_ENOTFOUND when there is none. */
VT_MUST_USE
enum vt_err vt_api_token_revoke(struct vt_store *s, const char *email,
				const char *name);

/* Each token of 'email', oldest first, to 'fn'. */
VT_MUST_USE
enum vt_err vt_api_token_list(struct vt_store *s, const char *email,
			      void (*fn)(void *arg,
					 const struct vt_api_token_info *t),
			      void *arg);

/*
 * Add the user 'email' ('name' a role title, 'role' by name, 'agency'
 * for an agency lead, else NULL), checked like any record of the
 * definition: problems go to 'dq' and nothing is written (VT_EINVAL);
 * VT_ECONFLICT when the user exists.  The change log records it under
 * 'who'.  The user has no password until vt_password_set().
 */
VT_MUST_USE
enum vt_err vt_user_add(struct vt_store *s, const char *email,
			const char *name, const char *role,
			const char *agency, const char *who,
			struct vt_diagq *dq);

/*
 * Give the user 'email' the role 'role' (by name) and 'agency' (an agency
 * lead's; NULL or "" for none), in one transaction with the change log
 * (before and after, under 'who') and the end of every session and token
 * of the user: what they opened was opened with the old privileges.
 * Nothing is written when nothing changes.  VT_ENOTFOUND for no such
 * user; VT_EINVAL for an unknown role, an agency lead without an agency,
 * another role with one, or an agency that is not there; VT_ECONFLICT
 * when no other administrator could sign in after an administrator's
 * role goes.  On a refusal 'why' says why in the reader's words and
 * '*field' names the field ("role" or "agency").
 */
VT_MUST_USE
enum vt_err vt_user_change(struct vt_store *s, const char *email,
			   const char *role, const char *agency,
			   const char *who, const char **field, char *why,
			   size_t whysize);

/* A password to give once (demo users, a new user made on the web):
   four groups of four letters and digits, easy to read out. */
#define VT_ONE_TIME_PASSWORD_LEN 19
void vt_password_new(char out[VT_ONE_TIME_PASSWORD_LEN + 1]);

/* A fresh random token (a CSRF token before signing in, say). */
void vt_token_new(char out[VT_TOKEN_LEN + 1]);

/* Whether two tokens are equal, in time that does not depend on where
   they differ. */
bool vt_token_equal(const char *a, const char *b);

#endif
