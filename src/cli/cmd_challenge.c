/* vitals challenge: the scrutiny challenge log (add, respond, close, list). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/challenges.h"
#include "cli.h"

struct opts {
	const char *id, *on, *by, *text, *outcome, *today;
	int open, json;
};

static int parse(int argc, char **argv, struct opts *o)
{
	const struct cli_option opts[] = {
		{ "--on", &o->on, NULL },
		{ "--by", &o->by, NULL },
		{ "--text", &o->text, NULL },
		{ "--outcome", &o->outcome, NULL },
		{ "--today", &o->today, NULL },
		{ "--open", NULL, &o->open },
		{ "--json", NULL, &o->json },
		{ NULL, NULL, NULL },
	};

	memset(o, 0, sizeof(*o));
	return cli_parse_options(argc, argv, 2, opts, &o->id);
}

/* A change's outcome: the library says why it refused. */
static int report(struct vt_store *store, enum vt_err result,
		  const char *why)
{
	if (result == VT_EINVAL || result == VT_ENOTFOUND) {
		cli_error("%s; nothing was changed", why);
		return EXIT_REFUSED;
	}
	if (result) {
		cli_error("cannot change the challenge log: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

enum step { ADD, RESPOND, CLOSE };

static int change(struct cli *cli, const struct opts *o, enum step step)
{
	struct vt_store *store;
	char today[11], why[512], id[16];
	/* Answers and closings not signed with a role carry the user. */
	const char *by = o->by ? o->by : cli->who;
	enum vt_err result;
	int status;

	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (step == ADD)
		result = vt_challenge_raise(store, o->on, o->by, o->text,
					    today, cli->who, id, why,
					    sizeof(why));
	else if (step == RESPOND)
		result = vt_challenge_respond(store, o->id, by, o->text,
					      today, cli->who, why,
					      sizeof(why));
	else
		result = vt_challenge_close(store, o->id, by, o->outcome,
					    today, cli->who, why, sizeof(why));
	status = report(store, result, why);
	if (!status && step == ADD)
		printf("challenge %s raised on %s\n", id, o->on);
	else if (!status)
		printf("challenge %s %s\n", o->id,
		       step == RESPOND ? "answered" : "closed");
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Listing */

static int list_json(const struct vt_challenge_report *rep)
{
	json_t *root = vt_challenges_json(rep);
	int ok;

	ok = root && json_dumpf(root, stdout, JSON_INDENT(2)) == 0;
	if (ok)
		putchar('\n');
	json_decref(root);
	return ok ? EXIT_OK : EXIT_FAILURE_;
}

static const char *days(long n)
{
	return n == 1 ? "day" : "days";
}

/* Each challenge as a short exchange: question, answers, outcome. */
static void list_text(const struct vt_challenge_report *rep)
{
	size_t i, j, open = rep->by_status[VT_CHALLENGE_OPEN] +
			    rep->by_status[VT_CHALLENGE_ANSWERED];

	printf("%zu challenge%s: %zu open, %zu answered, %zu closed", rep->nrows,
	       rep->nrows == 1 ? "" : "s", rep->by_status[VT_CHALLENGE_OPEN],
	       rep->by_status[VT_CHALLENGE_ANSWERED],
	       rep->by_status[VT_CHALLENGE_CLOSED]);
	if (open)
		printf("; the oldest not closed was raised %ld %s ago",
		       rep->oldest_open_days, days(rep->oldest_open_days));
	printf("\n");
	for (i = 0; i < rep->nrows; i++) {
		const struct vt_challenge_row *r = &rep->rows[i];
		const struct vt_challenge *c = r->challenge;

		printf("\n#%s on %s: %s", c->id, c->on,
		       vt_challenge_status_names[c->status]);
		if (c->status == VT_CHALLENGE_CLOSED)
			printf(" after %ld %s\n", r->age_days,
			       days(r->age_days));
		else
			printf(", %ld %s old; waiting on %s for %ld %s\n",
			       r->age_days, days(r->age_days),
			       c->status == VT_CHALLENGE_OPEN ? "an answer"
							      : "its raiser",
			       r->waiting_days, days(r->waiting_days));
		printf("  %s, %s: %s\n", c->raised, c->by, c->text);
		for (j = 0; j < c->nresponses; j++)
			printf("  %s, %s: %s\n", c->responses[j].date,
			       c->responses[j].by, c->responses[j].text);
		if (c->status == VT_CHALLENGE_CLOSED)
			printf("  %s, %s, closed: %s\n", c->closed,
			       c->closed_by, c->outcome);
	}
}

static int list(struct cli *cli, const struct opts *o)
{
	struct vt_challenge_filter f = { o->open, o->on };
	struct vt_challenge_report rep;
	struct vt_store *store;
	struct vt_def def;
	char today[11];
	enum vt_err result;
	int status;

	if (cli_day(o->today, today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	result = vt_challenges_report(&def, &f, today, &rep);
	if (result == VT_EINVAL) {
		cli_error("'%s' is not a date (YYYY-MM-DD)", today);
		status = EXIT_USAGE;
	} else if (result) {
		cli_error("cannot list the challenges: %s",
			  vt_strerror(result));
		status = EXIT_FAILURE_;
	} else {
		if (o->json)
			status = list_json(&rep);
		else
			list_text(&rep);
		vt_challenge_report_release(&rep);
	}
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_challenge(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("challenge");
	if (!strcmp(sub, "add") && o.on && o.by && o.text && !o.id &&
	    !o.outcome && !o.open && !o.json)
		return change(cli, &o, ADD);
	if (!strcmp(sub, "respond") && o.id && o.text && !o.on &&
	    !o.outcome && !o.open && !o.json)
		return change(cli, &o, RESPOND);
	if (!strcmp(sub, "close") && o.id && o.outcome && !o.on && !o.text &&
	    !o.open && !o.json)
		return change(cli, &o, CLOSE);
	if (!strcmp(sub, "list") && !o.id && !o.by && !o.text && !o.outcome)
		return list(cli, &o);
	return cli_usage("challenge");
}
