/* vitals extract: the partnership's key, and record-level extracts loaded as pseudonymised snapshots (key, load, list, retain). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "vitals/extractcompute.h"
#include "vitals/extractkey.h"
#include "vitals/strparse.h"
#include "cli.h"

/* 5050 as "5,050". */
static void grouped(int64_t n, char out[32])
{
	char digits[32];
	size_t len, i, at = 0;

	snprintf(digits, sizeof(digits), "%" PRId64, n < 0 ? -n : n);
	len = strlen(digits);
	if (n < 0)
		out[at++] = '-';
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[at++] = ',';
		out[at++] = digits[i];
	}
	out[at] = '\0';
}

/* The key file of this database, or the reason there is none. */
static int key_path(struct cli *cli, const char *given, char *out,
		    size_t size)
{
	enum vt_err result = vt_extract_key_path(cli->db, given, out, size);

	if (result == VT_ENOTFOUND) {
		cli_error("a PostgreSQL database has no place for its key "
			  "file on this machine: give one with --key-file "
			  "FILE or set %s", VT_EXTRACT_KEY_FILE_ENV);
		return EXIT_USAGE;
	}
	if (result) {
		cli_error("the key file's name is too long");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int extract_key(struct cli *cli, int argc, char **argv)
{
	const char *given = NULL, *extra = NULL;
	const struct cli_option opts[] = {
		{ "--key-file", &given, NULL },
		{ NULL, NULL, NULL },
	};
	struct vt_pseudo_key key;
	char path[4096], fp[VT_KEY_FINGERPRINT_HEX + 1], why[512];
	enum vt_err result;
	int status;

	if (cli_parse_options(argc, argv, 2, opts, &extra) || extra)
		return cli_usage("extract");
	status = key_path(cli, given, path, sizeof(path));
	if (status)
		return status;
	errno = 0;
	result = vt_extract_key_create(path);
	if (result == VT_ECONFLICT) {
		cli_error("'%s' exists: a key is never overwritten (extracts "
			  "read with it would no longer link); remove it "
			  "yourself only if no extract was read with it",
			  path);
		return EXIT_REFUSED;
	}
	if (result) {
		cli_error("cannot write the key file '%s': %s", path,
			  errno ? strerror(errno) : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	/* Read back as a load would, for its fingerprint. */
	result = vt_extract_key_read(path, &key, why, sizeof(why));
	if (result && getenv(VT_EXTRACT_KEY_ENV)) {
		printf("key written to '%s' (mode 0600); note: %s is set and "
		       "is used instead\n", path, VT_EXTRACT_KEY_ENV);
		return EXIT_OK;
	}
	if (result) {
		cli_error("%s", why);
		return EXIT_FAILURE_;
	}
	vt_extract_key_fingerprint(&key, fp);
	printf("key written to '%s' (mode 0600), fingerprint %s; keep it "
	       "secret and keep a safe copy: without it new extracts do not "
	       "link to earlier ones\n", path, fp);
	return EXIT_OK;
}

/* The key for a load: the environment's, else the file's. */
static int read_key(struct cli *cli, const char *given,
		    struct vt_pseudo_key *key)
{
	char path[4096], why[512];
	const char *env = getenv(VT_EXTRACT_KEY_ENV);
	enum vt_err result;
	int status = EXIT_OK;

	if (!env || !*env)
		status = key_path(cli, given, path, sizeof(path));
	if (status)
		return status;
	result = vt_extract_key_read(env && *env ? NULL : path, key, why,
				     sizeof(why));
	if (result) {
		cli_error("%s", why);
		return result == VT_EIO ? EXIT_FAILURE_ : EXIT_REFUSED;
	}
	return EXIT_OK;
}

static int parse_format(const char *text, enum vt_extract_format *out)
{
	int f;

	for (f = 0; text && f < VT_EXTRACT__MAX; f++)
		if (!strcmp(text, vt_extract_format_names[f])) {
			*out = (enum vt_extract_format)f;
			return 0;
		}
	cli_error("--format: '%s' is not one of cin, annex-a, ssda903",
		  text ? text : "");
	return -1;
}

/* "cla-episode 5,050" for each kind read. */
static void print_kinds(const int64_t *counts)
{
	char n[32];
	int k, shown = 0;

	for (k = 0; k < VT_CASE__MAX; k++) {
		if (!counts[k])
			continue;
		grouped(counts[k], n);
		printf("%s%s %s", shown++ ? ", " : "", vt_case_kind_names[k],
		       n);
	}
}

static int extract_load(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *as_at = NULL, *given = NULL;
	const char **paths;
	struct vt_extract_load_opt opt;
	struct vt_extract_load_result res;
	struct vt_pseudo_key key;
	struct vt_store *store = NULL;
	struct vt_diagq dq;
	size_t npaths = 0;
	enum vt_err result;
	char n[32];
	int dry_run = 0, status, i;

	paths = calloc((size_t)argc, sizeof(*paths));
	if (!paths)
		return EXIT_FAILURE_;
	for (i = 2; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--format") ? &format :
				    !strcmp(argv[i], "--as-at") ? &as_at :
				    !strcmp(argv[i], "--key-file") ? &given :
				    NULL;

		if (slot) {
			if (*slot || i + 1 >= argc) {
				free(paths);
				return cli_usage("extract");
			}
			*slot = argv[++i];
		} else if (!strcmp(argv[i], "--dry-run")) {
			dry_run = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			free(paths);
			return cli_usage("extract");
		} else {
			paths[npaths++] = argv[i];
		}
	}
	memset(&opt, 0, sizeof(opt));
	/* Say what is missing: the one-line usage names every verb. */
	if (!format)
		cli_error("extract load: which format are the files? give "
			  "--format cin, annex-a or ssda903");
	else if (!npaths)
		cli_error("extract load: name the file to read (SSDA903: "
			  "its CSV files together)");
	if (!format || !npaths || parse_format(format, &opt.format)) {
		free(paths);
		return EXIT_USAGE;
	}
	status = read_key(cli, given, &key);
	if (!status)
		status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status) {
		free(paths);
		return status;
	}
	opt.paths = paths;
	opt.npaths = npaths;
	opt.key = &key;
	opt.as_at = as_at;
	opt.dry_run = dry_run;
	opt.who = cli->who;
	vt_diagq_init(&dq);
	errno = 0;
	result = vt_extract_load_files(store, &opt, &res, &dq);
	cli_print_diags(&dq);
	switch (result) {
	case VT_OK:
		grouped(res.records, n);
		if (dry_run)
			printf("dry run: ");
		else
			printf("extract %" PRId64 ": ", res.id);
		printf("%s as at %s, %s record%s (", format, res.meta.as_at, n,
		       res.records == 1 ? "" : "s");
		print_kinds(res.counts);
		printf("%s), %zu problems%s\n", res.records ? "" : "none",
		       dq.errors, dry_run ? "; nothing was written" : "");
		if (res.deleted)
			printf("%zu older snapshot%s deleted (retention)\n",
			       res.deleted, res.deleted == 1 ? "" : "s");
		status = EXIT_OK;
		break;
	case VT_ECONFLICT:
		cli_error("this key is not the one the earlier extracts were "
			  "read with (fingerprint %s, stored %s); the same "
			  "child would not link; nothing was changed",
			  res.fingerprint, res.stored);
		status = EXIT_REFUSED;
		break;
	case VT_EINVAL:
		if (res.same)
			cli_error("these files were loaded before, as extract "
				  "%" PRId64 "; nothing was changed", res.same);
		else
			cli_error("%s extract refused: %zu problem%s; nothing "
				  "was changed", format, dq.errors,
				  dq.errors == 1 ? "" : "s");
		status = EXIT_REFUSED;
		break;
	case VT_ENOTFOUND:
		cli_error("this build has no reader for %s extracts", format);
		status = EXIT_FAILURE_;
		break;
	case VT_EIO:
		cli_error("cannot read the extract%s%s", errno ? ": " : "",
			  errno ? strerror(errno) : "");
		status = EXIT_FAILURE_;
		break;
	default:
		cli_error("cannot load the extract: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
		break;
	}
	sodium_memzero(&key, sizeof(key));
	vt_diagq_release(&dq);
	vt_store_close(store);
	free(paths);
	return status;
}

static enum vt_err list_one(void *arg, const struct vt_extract_info *e)
{
	json_t *arr = arg, *o, *kinds;
	char n[32];
	int k;

	if (!arr) {
		grouped(e->records, n);
		printf("%" PRId64 "  %-8s as at %s  %s to %s  %s record%s (",
		       e->id, e->format, e->as_at, e->from, e->to, n,
		       e->records == 1 ? "" : "s");
		print_kinds(e->kinds);
		printf("%s)", e->records ? "" : "none");
		if (e->superseded_by)
			printf("  superseded by %" PRId64, e->superseded_by);
		printf("\n    from %s, loaded %s by %s, sha256 %.16s, key %s\n",
		       e->source, e->loaded_at, e->loaded_by, e->sha256,
		       e->key_fingerprint);
		return VT_OK;
	}
	kinds = json_object();
	for (k = 0; kinds && k < VT_CASE__MAX; k++)
		if (e->kinds[k] &&
		    json_object_set_new(kinds, vt_case_kind_names[k],
					json_integer(e->kinds[k])))
			return VT_ENOMEM;
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, "
		      "s:o, s:s, s:s, s:o}",
		      "id", (json_int_t)e->id, "format", e->format, "source",
		      e->source, "as_at", e->as_at, "from", e->from, "to",
		      e->to, "la", e->la, "sha256", e->sha256,
		      "key_fingerprint", e->key_fingerprint, "records",
		      (json_int_t)e->records, "kinds", kinds, "loaded_by",
		      e->loaded_by, "loaded_at", e->loaded_at,
		      "superseded_by", e->superseded_by ?
		      json_integer(e->superseded_by) : json_null());
	if (!o || json_array_append_new(arr, o))
		return VT_ENOMEM;
	return VT_OK;
}

static int extract_list(struct cli *cli, int argc, char **argv)
{
	const char *extra = NULL;
	int json = 0, status;
	const struct cli_option opts[] = {
		{ "--json", NULL, &json },
		{ NULL, NULL, NULL },
	};
	struct vt_store *store = NULL;
	json_t *arr = NULL;
	int64_t keep = 0;
	enum vt_err result;

	if (cli_parse_options(argc, argv, 2, opts, &extra) || extra)
		return cli_usage("extract");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (json && !(arr = json_array())) {
		vt_store_close(store);
		return EXIT_FAILURE_;
	}
	result = vt_extract_retention(store, &keep);
	if (!result)
		result = vt_extract_each(store, list_one, arr);
	if (result) {
		cli_error("cannot list the extracts: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		json_decref(arr);
		vt_store_close(store);
		return EXIT_FAILURE_;
	}
	vt_store_close(store);
	if (json)
		return cli_put_json(json_pack("{s:I, s:o}", "retain",
					      (json_int_t)keep, "extracts",
					      arr));
	if (!keep)
		return EXIT_OK;
	printf("the newest %" PRId64 " snapshot%s of each format are kept\n",
	       keep, keep == 1 ? "" : "s");
	return EXIT_OK;
}

static int extract_retain(struct cli *cli, int argc, char **argv)
{
	const char *n = NULL;
	struct vt_store *store = NULL;
	size_t deleted = 0;
	enum vt_err result;
	int64_t keep = 0;
	int status;
	const struct cli_option opts[] = { { NULL, NULL, NULL } };

	if (cli_parse_options(argc, argv, 2, opts, &n) || !n)
		return cli_usage("extract");
	if (vt_parse_int64(n, &keep) || keep < 1 || keep > 1000) {
		cli_error("'%s' is not a number of snapshots from 1 to 1000",
			  n);
		return EXIT_USAGE;
	}
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_extract_retain(store, keep, cli->who, &deleted);
	if (result) {
		cli_error("cannot set the retention: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		vt_store_close(store);
		return EXIT_FAILURE_;
	}
	vt_store_close(store);
	printf("the newest %" PRId64 " snapshot%s of each format are kept; "
	       "%zu older deleted\n", keep, keep == 1 ? "" : "s", deleted);
	return EXIT_OK;
}

static int extract_compute(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL, *extra = NULL;
	int dry_run = 0, status;
	const struct cli_option opts[] = {
		{ "--period", &period, NULL },
		{ "--dry-run", NULL, &dry_run },
		{ NULL, NULL, NULL },
	};
	struct vt_extract_compute_opt opt;
	struct vt_extract_compute_result res;
	struct vt_store *store = NULL;
	struct vt_diagq dq;
	enum vt_err result;

	if (cli_parse_options(argc, argv, 2, opts, &extra) || extra)
		return cli_usage("extract");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	opt = (struct vt_extract_compute_opt){ period, cli->who,
					       dry_run != 0, false };
	vt_diagq_init(&dq);
	result = vt_extract_compute(store, &opt, &res, &dq);
	cli_print_diags(&dq);
	vt_diagq_release(&dq);
	if (result) {
		if (result != VT_EINVAL)
			cli_error("cannot compute the derived measures: %s",
				  result == VT_EDB ? vt_store_errmsg(store)
						   : vt_strerror(result));
		vt_store_close(store);
		return result == VT_EINVAL ? EXIT_REFUSED : EXIT_FAILURE_;
	}
	vt_store_close(store);
	printf("%scomputed %zu derived measure%s for %zu period%s: %zu "
	       "figure%s written, %zu unchanged\n",
	       dry_run ? "dry run: " : "", res.measures,
	       res.measures == 1 ? "" : "s", res.periods,
	       res.periods == 1 ? "" : "s", res.written,
	       res.written == 1 ? "" : "s", res.unchanged);
	return EXIT_OK;
}

static int extract_explain(struct cli *cli, int argc, char **argv)
{
	const char *period = NULL, *measure = NULL;
	const struct cli_option opts[] = {
		{ "--period", &period, NULL },
		{ NULL, NULL, NULL },
	};
	struct vt_store *store = NULL;
	struct vt_diagq dq;
	struct vt_buf out;
	enum vt_err result;
	int status;

	if (cli_parse_options(argc, argv, 2, opts, &measure) || !measure ||
	    !period)
		return cli_usage("extract");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	vt_diagq_init(&dq);
	vt_buf_init(&out, 1 << 20);
	result = vt_extract_explain(store, measure, period, &out, &dq);
	cli_print_diags(&dq);
	vt_diagq_release(&dq);
	if (result) {
		if (result != VT_EINVAL)
			cli_error("cannot explain %s: %s", measure,
				  result == VT_EDB ? vt_store_errmsg(store)
						   : vt_strerror(result));
		vt_buf_release(&out);
		vt_store_close(store);
		return result == VT_EINVAL ? EXIT_REFUSED : EXIT_FAILURE_;
	}
	vt_store_close(store);
	if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	vt_buf_release(&out);
	return EXIT_OK;
}

int cmd_extract(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help("extract", argc, argv))
		return EXIT_OK;
	if (argc < 2)
		return cli_usage("extract");
	if (!strcmp(argv[1], "key"))
		return extract_key(cli, argc, argv);
	if (!strcmp(argv[1], "load"))
		return extract_load(cli, argc, argv);
	if (!strcmp(argv[1], "list"))
		return extract_list(cli, argc, argv);
	if (!strcmp(argv[1], "retain"))
		return extract_retain(cli, argc, argv);
	if (!strcmp(argv[1], "compute"))
		return extract_compute(cli, argc, argv);
	if (!strcmp(argv[1], "explain"))
		return extract_explain(cli, argc, argv);
	return cli_usage("extract");
}
