/* The change log: every write, hash-chained so tampering shows. */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "vitals/clock.h"
#include "store/store.h"

#define HASH_HEX (crypto_hash_sha256_BYTES * 2 + 1)

/*
 * Each part is prefixed with its length (a NULL part with all ones), so
 * moving text from one field to the next changes the hash.
 */
static void hash_part(crypto_hash_sha256_state *st, const char *part)
{
	uint64_t len = part ? strlen(part) : UINT64_MAX;
	unsigned char prefix[8];
	int i;

	for (i = 0; i < 8; i++)
		prefix[i] = (unsigned char)(len >> (8 * i));
	crypto_hash_sha256_update(st, prefix, sizeof(prefix));
	if (part)
		crypto_hash_sha256_update(st, (const unsigned char *)part,
					  strlen(part));
}

static void entry_hash(const char *const parts[7], char out[HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	int i;

	crypto_hash_sha256_init(&st);
	for (i = 0; i < 7; i++)
		hash_part(&st, parts[i]);
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, HASH_HEX, digest, sizeof(digest));
}

static enum vt_err last_row(void *arg, const struct vt_sqlval *cols,
			    size_t ncols)
{
	char *prev = arg;

	if (ncols < 2 || cols[1].type != VT_SQL_TEXT ||
	    strlen(cols[1].s) != HASH_HEX - 1)
		return VT_EDB;
	memcpy(prev, cols[1].s, HASH_HEX);
	return VT_OK;
}

enum vt_err vt_store_log_head(struct vt_store *s, char out[65])
{
	char head[HASH_HEX] = "";
	enum vt_err result = s->ops->exec(s->conn, STMT_LOG_LAST, NULL, 0,
					  last_row, head);

	snprintf(out, 65, "%s", head);
	return result;
}

enum vt_err vt_log_append(struct vt_store *s, const char *who,
			  const char *entity, const char *key,
			  const char *before, const char *after)
{
	char prev[HASH_HEX] = "", hash[HASH_HEX], at[VT_TIMESTAMP_MAX];
	enum vt_err result;

	result = s->ops->exec(s->conn, STMT_LOG_LAST, NULL, 0, last_row, prev);
	if (result)
		return result;
	vt_clock_now(at);
	{
		const char *const parts[7] = { prev, at, who, entity, key,
					       before, after };
		struct vt_sqlval params[8];

		entry_hash(parts, hash);
		/* Column order: at, who, entity, key, before, after, prev, hash */
		params[0] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = at };
		params[1] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = who };
		params[2] = (struct vt_sqlval){ .type = VT_SQL_TEXT,
						.s = entity };
		params[3] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = key };
		params[4] = (struct vt_sqlval){
			.type = before ? VT_SQL_TEXT : VT_SQL_NULL,
			.s = before };
		params[5] = (struct vt_sqlval){
			.type = after ? VT_SQL_TEXT : VT_SQL_NULL,
			.s = after };
		params[6] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = prev };
		params[7] = (struct vt_sqlval){ .type = VT_SQL_TEXT, .s = hash };
		return s->ops->exec(s->conn, STMT_LOG_INSERT, params, 8, NULL,
				    NULL);
	}
}

struct verify_ctx {
	char prev[HASH_HEX];
	size_t entries;
	int64_t first_bad;
};

static const char *text_or_null(const struct vt_sqlval *v)
{
	return v->type == VT_SQL_TEXT ? v->s : NULL;
}

static enum vt_err verify_row(void *arg, const struct vt_sqlval *cols,
			      size_t ncols)
{
	struct verify_ctx *v = arg;
	char hash[HASH_HEX];
	const char *stored_prev, *stored_hash;

	if (ncols < 9)
		return VT_EDB;
	{
		/* Columns: id, at, who, entity, key, before, after, prev, hash */
		const char *const parts[7] = {
			v->prev, text_or_null(&cols[1]), text_or_null(&cols[2]),
			text_or_null(&cols[3]), text_or_null(&cols[4]),
			text_or_null(&cols[5]), text_or_null(&cols[6]) };

		entry_hash(parts, hash);
	}
	stored_prev = text_or_null(&cols[7]);
	stored_hash = text_or_null(&cols[8]);
	v->entries++;
	if (!v->first_bad &&
	    (!stored_prev || strcmp(stored_prev, v->prev) != 0 ||
	     !stored_hash || strcmp(stored_hash, hash) != 0))
		v->first_bad = cols[0].i ? cols[0].i : -1;
	/* Chain on the recomputed hash: one edit must not hide the next. */
	memcpy(v->prev, hash, HASH_HEX);
	return VT_OK;
}

enum vt_err vt_store_log_verify(struct vt_store *s, size_t *entries,
				int64_t *first_bad)
{
	struct verify_ctx v = { "", 0, 0 };
	enum vt_err result;

	result = s->ops->exec(s->conn, STMT_LOG_SELECT, NULL, 0, verify_row,
			      &v);
	if (result)
		return result;
	*entries = v.entries;
	*first_bad = v.first_bad;
	return VT_OK;
}

struct each_ctx {
	vt_log_fn fn;
	void *arg;
};

static enum vt_err each_row(void *arg, const struct vt_sqlval *cols,
			    size_t ncols)
{
	struct each_ctx *c = arg;
	struct vt_log_entry e;

	if (ncols < 7 || cols[0].type != VT_SQL_INT)
		return VT_EDB;
	e.id = cols[0].i;
	e.at = text_or_null(&cols[1]);
	e.who = text_or_null(&cols[2]);
	e.entity = text_or_null(&cols[3]);
	e.key = text_or_null(&cols[4]);
	e.before = text_or_null(&cols[5]);
	e.after = text_or_null(&cols[6]);
	if (!e.at || !e.entity || !e.key)
		return VT_EDB;
	return c->fn(c->arg, &e);
}

enum vt_err vt_store_log_each(struct vt_store *s, vt_log_fn fn, void *arg)
{
	struct each_ctx c = { fn, arg };

	return s->ops->exec(s->conn, STMT_LOG_SELECT, NULL, 0, each_row, &c);
}
