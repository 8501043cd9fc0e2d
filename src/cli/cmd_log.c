/* vitals log: verify the change log's hash chain, or list its entries. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "vitals/logview.h"
#include "cli.h"

static int verify(struct cli *cli)
{
	struct vt_store *store;
	size_t entries = 0;
	int64_t first_bad = 0;
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_store_log_verify(store, &entries, &first_bad);
	if (result) {
		cli_error("cannot read the change log of '%s': %s", cli->db,
			  vt_store_errmsg(store));
		status = EXIT_FAILURE_;
	} else if (first_bad) {
		cli_error("change log entry %" PRId64 " does not match the "
			  "hash chain: it or an entry before it was altered "
			  "or removed", first_bad);
		status = EXIT_REFUSED;
	} else {
		printf("change log: %zu entries, hash chain intact\n", entries);
	}
	vt_store_close(store);
	return status;
}

struct listing {
	struct vt_log_filter filter;
	const struct vt_def *names;
	json_t *entries;	/* --json: gathered, printed at the end */
	size_t shown;
};

static enum vt_err list_entry(void *arg, const struct vt_log_entry *e)
{
	struct listing *l = arg;
	struct vt_log_words w;
	enum vt_err result;
	size_t i;

	if (!vt_log_filter_match(&l->filter, l->names, e))
		return VT_OK;
	l->shown++;
	result = vt_log_words_of(l->names, e, &w);
	if (result)
		return result;
	if (!l->entries) {
		/* The account as recorded, then what happened in words and
		   each field before and after. */
		printf("%" PRId64 "  %s  %s  %s %s '%s': %s\n", e->id, e->at,
		       e->who ? e->who : "-", e->before ? "changed" : "added",
		       e->entity, e->key, w.summary);
		for (i = 0; i < w.nchanges && e->before; i++)
			printf("    %s: %s -> %s\n", w.changes[i].field,
			       w.changes[i].before, w.changes[i].after);
		for (i = 0; i < w.nwarned; i++)
			printf("    warning: %s\n", w.warned[i]);
	} else if (json_array_append_new(l->entries,
					 vt_log_entry_json(e, &w))) {
		result = VT_ENOMEM;
	}
	vt_log_words_release(&w);
	return result;
}

static int list(struct cli *cli, int argc, char **argv)
{
	struct listing l = { { 0 }, NULL, NULL, 0 };
	struct vt_def names;
	const char *extra = NULL;
	int json = 0, status;
	const struct cli_option opts[] = {
		{ "--entity", &l.filter.entity, NULL },
		{ "--key", &l.filter.key, NULL },
		{ "--agency", &l.filter.agency, NULL },
		{ "--who", &l.filter.who, NULL },
		{ "--from", &l.filter.from, NULL },
		{ "--to", &l.filter.to, NULL },
		{ "--json", NULL, &json },
		{ NULL, NULL, NULL },
	};
	struct vt_store *store;
	struct vt_date day;
	enum vt_err result;

	if (cli_parse_options(argc, argv, 2, opts, &extra) || extra ||
	    (l.filter.from && vt_parse_date(l.filter.from, &day)) ||
	    (l.filter.to && vt_parse_date(l.filter.to, &day)))
		return cli_usage("log");
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (json && !(l.entries = json_array())) {
		vt_store_close(store);
		return EXIT_FAILURE_;
	}
	vt_def_init(&names);
	result = vt_store_read_def(store, &names);
	l.names = &names;
	if (!result)
		result = vt_store_log_each(store, list_entry, &l);
	vt_def_release(&names);
	if (result) {
		cli_error("cannot read the change log of '%s': %s", cli->db,
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		status = EXIT_FAILURE_;
	} else if (json) {
		if (json_dumpf(l.entries, stdout, JSON_INDENT(2)))
			status = EXIT_FAILURE_;
		else
			putchar('\n');
	}
	json_decref(l.entries);
	vt_store_close(store);
	return status;
}

int cmd_log(struct cli *cli, int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "verify"))
		return verify(cli);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return list(cli, argc, argv);
	return cli_usage("log");
}
