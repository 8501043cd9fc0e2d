/* Loading a record-level extract: the format's reader into a snapshot, all or nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vitals/extractkey.h"
#include "vitals/strparse.h"

/* The readers, by format (lib/io/cin.c, annex_a.c, ssda903.c). */
typedef enum vt_err (*read_fn)(const struct vt_extract_load_opt *opt,
			       struct vt_extract_meta *meta, vt_case_sink sink,
			       void *arg, struct vt_diagq *dq);

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* A format of one file. */
static enum vt_err one_file(const struct vt_extract_load_opt *opt,
			    struct vt_diagq *dq)
{
	if (opt->npaths == 1)
		return VT_OK;
	vt_diag_add(dq, VT_SEV_ERROR, opt->npaths ? base_name(opt->paths[1])
						  : "-", 0, 0,
		    "a %s extract is one file; load each on its own",
		    vt_extract_format_names[opt->format]);
	return VT_EINVAL;
}

static enum vt_err read_cin(const struct vt_extract_load_opt *opt,
			    struct vt_extract_meta *meta, vt_case_sink sink,
			    void *arg, struct vt_diagq *dq)
{
	enum vt_err result = one_file(opt, dq);
	FILE *f;

	if (result)
		return result;
	f = fopen(opt->paths[0], "rb");
	if (!f) {
		vt_diag_add(dq, VT_SEV_ERROR, base_name(opt->paths[0]), 0, 0,
			    "cannot be read: %s", strerror(errno));
		return VT_EIO;
	}
	result = vt_cin_read(f, base_name(opt->paths[0]), opt->key, meta,
			     sink, arg, dq);
	fclose(f);
	return result;
}

static enum vt_err read_annex_a(const struct vt_extract_load_opt *opt,
				struct vt_extract_meta *meta,
				vt_case_sink sink, void *arg,
				struct vt_diagq *dq)
{
	enum vt_err result = one_file(opt, dq);

	if (result)
		return result;
	return vt_annex_a_read(opt->paths[0], opt->key, meta, sink, arg, dq);
}

static enum vt_err read_ssda903(const struct vt_extract_load_opt *opt,
				struct vt_extract_meta *meta,
				vt_case_sink sink, void *arg,
				struct vt_diagq *dq)
{
	return vt_ssda903_read(opt->paths, opt->npaths, opt->key, meta, sink,
			       arg, dq);
}

static const struct {
	enum vt_extract_format format;
	read_fn read;
} readers[] = {
	{ VT_EXTRACT_CIN, read_cin },
	{ VT_EXTRACT_ANNEX_A, read_annex_a },
	{ VT_EXTRACT_SSDA903, read_ssda903 },
};

static read_fn reader_of(enum vt_extract_format format)
{
	size_t i;

	for (i = 0; i < sizeof(readers) / sizeof(*readers); i++)
		if (readers[i].format == format)
			return readers[i].read;
	return NULL;
}

/* The SHA-256 of the files' bytes, one after the other. */
static enum vt_err hash_files(const struct vt_extract_load_opt *opt,
			      char out[VT_SHA256_HEX + 1], struct vt_diagq *dq)
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536], digest[crypto_hash_sha256_BYTES];
	size_t i, n;

	crypto_hash_sha256_init(&st);
	for (i = 0; i < opt->npaths; i++) {
		FILE *f = fopen(opt->paths[i], "rb");
		int failed;

		if (!f) {
			vt_diag_add(dq, VT_SEV_ERROR, base_name(opt->paths[i]),
				    0, 0, "cannot read it: %s",
				    strerror(errno));
			return VT_EIO;
		}
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			crypto_hash_sha256_update(&st, buf, n);
		failed = ferror(f);
		fclose(f);
		if (failed) {
			vt_diag_add(dq, VT_SEV_ERROR, base_name(opt->paths[i]),
				    0, 0, "cannot read it");
			return VT_EIO;
		}
	}
	crypto_hash_sha256_final(&st, digest);
	sodium_bin2hex(out, VT_SHA256_HEX + 1, digest, sizeof(digest));
	return VT_OK;
}

/* The files' names, ", " between, as the snapshot's source. */
static void source_text(const struct vt_extract_load_opt *opt, char *out,
			size_t size)
{
	size_t i, at = 0;

	out[0] = '\0';
	for (i = 0; i < opt->npaths && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s",
				       i ? ", " : "",
				       base_name(opt->paths[i]));
}

/* A period the extract does not give: the twelve months to its as-at
   date (an SSDA903 return's year, 1 April to 31 March). */
static void default_period(struct vt_extract_meta *meta)
{
	struct vt_date d;

	if (!meta->to[0])
		memcpy(meta->to, meta->as_at, sizeof(meta->to));
	if (!meta->from[0] && !vt_parse_date(meta->to, &d)) {
		d.year--;
		if (d.month == 2 && d.day == 29)
			d.day = 28;
		vt_date_from_days(vt_date_to_days(&d) + 1, &d);
		vt_date_format(&d, meta->from);
	}
}

/* Counting what a dry run reads. */
struct counting {
	int64_t counts[VT_CASE__MAX];
};

static enum vt_err count_record(void *arg, const struct vt_case_record *r)
{
	struct counting *c = arg;

	if ((unsigned)r->kind >= VT_CASE__MAX)
		return VT_EINVAL;
	c->counts[r->kind]++;
	return VT_OK;
}

enum vt_err vt_extract_load_files(struct vt_store *s,
				  const struct vt_extract_load_opt *opt,
				  struct vt_extract_load_result *res,
				  struct vt_diagq *dq)
{
	struct vt_extract_load *load = NULL;
	struct counting counted;
	char source[1024];
	read_fn read = reader_of(opt->format);
	struct vt_date day;
	enum vt_err result;
	int i;

	memset(res, 0, sizeof(*res));
	memset(&counted, 0, sizeof(counted));
	if (!read)
		return VT_ENOTFOUND;
	if (!opt->npaths)
		return VT_EINVAL;
	res->meta.format = opt->format;
	if (opt->as_at && *opt->as_at) {
		if (strlen(opt->as_at) != 10 ||
		    vt_parse_date(opt->as_at, &day)) {
			vt_diag_add_field(dq, VT_SEV_ERROR, "-", 0, 0, "as_at",
					  "as at: '%s' is not a date "
					  "(YYYY-MM-DD)", opt->as_at);
			return VT_EINVAL;
		}
		memcpy(res->meta.as_at, opt->as_at, sizeof(res->meta.as_at));
	}
	vt_extract_key_fingerprint(opt->key, res->fingerprint);
	result = hash_files(opt, res->sha256, dq);
	if (result)
		return result;
	source_text(opt, source, sizeof(source));
	if (opt->dry_run) {
		/* Nothing is written, but the key is checked all the same. */
		result = vt_extract_stored_fingerprint(s, res->stored);
		if (!result && res->stored[0] &&
		    strcmp(res->stored, res->fingerprint))
			return VT_ECONFLICT;
		if (!result)
			result = read(opt, &res->meta, count_record, &counted,
				      dq);
		memcpy(res->counts, counted.counts, sizeof(res->counts));
	} else {
		result = vt_extract_begin(s, opt->format, source, res->sha256,
					  res->fingerprint, opt->who,
					  res->stored, &res->same, &load);
		if (result)
			return result;
		result = read(opt, &res->meta, vt_extract_add, load, dq);
		memcpy(res->counts, vt_extract_counts(load),
		       sizeof(res->counts));
	}
	if (!result && !res->meta.as_at[0])
		vt_diag_add_field(dq, VT_SEV_ERROR, source, 0, 0, "as_at",
				  "the extract does not say the day it was "
				  "taken: give its as-at date");
	if (!result && dq->errors)
		result = VT_EINVAL;
	for (i = 0; i < VT_CASE__MAX; i++)
		res->records += res->counts[i];
	if (!result)
		default_period(&res->meta);
	if (result || opt->dry_run) {
		vt_extract_abandon(load);
		return result;
	}
	return vt_extract_finish(load, &res->meta, &res->id, &res->deleted);
}
