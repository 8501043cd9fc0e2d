/* vitals reviews: the case review register (add, record, recommend, list, show) and its clocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "vitals/csv.h"
#include "vitals/reviews.h"
#include "cli.h"

#define MAX_LIST 64

struct opts {
	const char *pos[2];	/* REF, STAGE */
	size_t npos;
	const char *aware, *date, *decision, *reviewer, *note, *today;
	const char *text, *due, *owner, *plan;
	const char *agencies[MAX_LIST], *themes[MAX_LIST];
	size_t nagencies, nthemes;
	int open, json, csv;
};

/* Options in any order; --agency and --theme may be given again. */
static int parse(int argc, char **argv, struct opts *o)
{
	static const char *const valued[] = {
		"--aware", "--date", "--decision", "--reviewer", "--note",
		"--today", "--text", "--due", "--owner", "--plan",
		"--agency", "--theme",
	};
	const char **slot[] = {
		&o->aware, &o->date, &o->decision, &o->reviewer, &o->note,
		&o->today, &o->text, &o->due, &o->owner, &o->plan, NULL, NULL,
	};
	int i;
	size_t k;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--open") || !strcmp(a, "--json") ||
		    !strcmp(a, "--csv")) {
			int *flag = a[2] == 'o' ? &o->open :
				    a[2] == 'j' ? &o->json : &o->csv;

			if (*flag)
				return -1;
			*flag = 1;
			continue;
		}
		if (a[0] != '-') {
			if (o->npos == 2)
				return -1;
			o->pos[o->npos++] = a;
			continue;
		}
		for (k = 0; k < sizeof(valued) / sizeof(valued[0]); k++)
			if (!strcmp(a, valued[k]))
				break;
		if (k == sizeof(valued) / sizeof(valued[0]) || i + 1 >= argc)
			return -1;
		a = argv[++i];
		if (slot[k]) {
			if (*slot[k])
				return -1;
			*slot[k] = a;
		} else if (!strcmp(valued[k], "--agency")) {
			if (o->nagencies == MAX_LIST)
				return -1;
			o->agencies[o->nagencies++] = a;
		} else {
			if (o->nthemes == MAX_LIST)
				return -1;
			o->themes[o->nthemes++] = a;
		}
	}
	return o->json && o->csv ? -1 : 0;
}

static int report(struct vt_store *store, enum vt_err result,
		  const char *why)
{
	if (result == VT_EINVAL || result == VT_ENOTFOUND ||
	    result == VT_ECONFLICT) {
		cli_error("%s; nothing was changed", why);
		return EXIT_REFUSED;
	}
	if (result) {
		cli_error("cannot change the case review register: %s",
			  result == VT_EDB ? vt_store_errmsg(store)
					   : vt_strerror(result));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

static int change(struct cli *cli, const struct opts *o, bool add)
{
	struct vt_store *store;
	char why[512];
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	if (add)
		result = vt_review_add(store, o->pos[0], o->aware,
				       o->agencies, o->nagencies, o->themes,
				       o->nthemes, cli->who, why, sizeof(why));
	else
		result = vt_review_record(store, o->pos[0], o->pos[1], o->date,
					  o->decision, o->reviewer, o->note,
					  cli->who, why, sizeof(why));
	status = report(store, result, why);
	if (!status && add)
		printf("case review %s added\n", o->pos[0]);
	else if (!status)
		printf("case review %s: %s recorded on %s\n", o->pos[0],
		       o->pos[1], o->date);
	vt_store_close(store);
	return status;
}

/* A recommendation made an action of the tracker. */
static int recommend(struct cli *cli, const struct opts *o)
{
	struct vt_store *store;
	char why[512], code[128];
	enum vt_err result;
	int status;

	status = cli_open_store(cli, VT_OPEN_EXISTING, &store);
	if (status)
		return status;
	result = vt_review_recommend(store, o->pos[0], o->text,
				     o->nagencies ? o->agencies[0] : NULL,
				     o->due, o->owner, o->plan, code,
				     sizeof(code), cli->who, why, sizeof(why));
	status = report(store, result, why);
	if (!status)
		printf("case review %s: recommendation %s added to the action "
		       "tracker\n", o->pos[0], code);
	vt_store_close(store);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

struct register_view {
	struct vt_store *store;
	struct vt_def def;
	const struct vt_partnership *p;
	char today[11];
};

static int open_view(struct cli *cli, const struct opts *o,
		     struct register_view *v)
{
	int status;

	if (cli_day(o->today, v->today))
		return EXIT_USAGE;
	status = cli_read_all(cli, &v->store, &v->def);
	if (status)
		return status;
	v->p = vt_def_count(&v->def, VT_KIND_PARTNERSHIP) ?
	       vt_def_at(&v->def, VT_KIND_PARTNERSHIP, 0) : NULL;
	return EXIT_OK;
}

static void close_view(struct register_view *v)
{
	vt_def_release(&v->def);
	vt_store_close(v->store);
}

static int judge(const struct register_view *v, const struct vt_review *r,
		 struct vt_review_state *st)
{
	if (vt_review_judge(r, v->p, v->today, st)) {
		cli_error("case review %s: its dates cannot be judged on %s",
			  r->ref, v->today);
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

static int show(struct cli *cli, const struct opts *o)
{
	struct register_view v;
	struct vt_review_state st;
	const struct vt_review *r;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	r = vt_def_find(&v.def, VT_KIND_REVIEW, o->pos[0]);
	if (!r) {
		cli_error("there is no case review '%s'", o->pos[0]);
		status = EXIT_REFUSED;
	} else {
		status = judge(&v, r, &st);
		if (!status)
			status = cli_put_json(vt_review_json(&st, &v.def));
	}
	close_view(&v);
	return status;
}

/* The clocks of a review in a line: "notification met, rapid-review
   missed (due 2027-01-20)". */
static void clocks_text(const struct vt_review_state *st, char *out,
			size_t size)
{
	size_t used = 0;
	int c;

	out[0] = '\0';
	for (c = 0; c < VT_CLOCK__MAX && used < size; c++) {
		const struct vt_deadline *d = &st->clocks[c];

		if (!st->started[c])
			continue;
		used += (size_t)snprintf(out + used, size - used,
			"%s%s %s (due %s)", used ? ", " : "",
			vt_review_clock_names[c],
			vt_deadline_state_names[d->state], d->due);
	}
}

static int list(struct cli *cli, const struct opts *o)
{
	static const char *const header[] = {
		"ref", "aware", "stage", "decision", "clocks",
	};
	struct register_view v;
	json_t *all = NULL;
	size_t i, j, shown = 0;
	int status = open_view(cli, o, &v);

	if (status)
		return status;
	if (o->json && !(all = json_array()))
		status = EXIT_FAILURE_;
	for (j = 0; o->csv && !status && j < 5; j++)
		if (vt_csv_put(stdout, header[j], j < 4 ? ',' : '\n'))
			status = EXIT_FAILURE_;
	for (i = 0; !status && i < vt_def_count(&v.def, VT_KIND_REVIEW); i++) {
		const struct vt_review *r = vt_def_at(&v.def, VT_KIND_REVIEW,
						      i);
		struct vt_review_state st;
		char line[512];
		const char *stage;

		if (o->open && !vt_review_open(r))
			continue;
		status = judge(&v, r, &st);
		if (status)
			break;
		stage = st.stage < 0 ? "" : vt_review_stage_names[st.stage];
		clocks_text(&st, line, sizeof(line));
		shown++;
		if (all) {
			if (json_array_append_new(all,
						  vt_review_json(&st, &v.def)))
				status = EXIT_FAILURE_;
		} else if (o->csv) {
			const char *f[] = { r->ref, r->aware, stage,
					    r->decision ? r->decision : "",
					    line };

			for (j = 0; j < 5 && !status; j++)
				if (vt_csv_put(stdout, f[j],
					       j < 4 ? ',' : '\n'))
					status = EXIT_FAILURE_;
		} else {
			printf("%s  aware %s  %s%s%s\n  %s\n", r->ref, r->aware,
			       *stage ? stage : "no stage recorded",
			       r->decision ? ": " : "",
			       r->decision ? r->decision : "",
			       *line ? line : "no clock started");
		}
	}
	if (!status && all)
		status = cli_put_json(all);
	else
		json_decref(all);
	if (!status && !o->json && !o->csv && !shown)
		printf("no case reviews%s\n", o->open ? " open" : "");
	close_view(&v);
	return status;
}

int cmd_reviews(struct cli *cli, int argc, char **argv)
{
	struct opts o;
	const char *sub = argc >= 2 ? argv[1] : "";
	bool lists = false, stagey, recy;

	if (argc < 2 || parse(argc, argv, &o))
		return cli_usage("reviews");
	lists = o.nagencies || o.nthemes;
	stagey = o.date || o.decision || o.reviewer || o.note;
	recy = o.text || o.due || o.owner || o.plan;
	if (recy && strcmp(sub, "recommend"))
		return cli_usage("reviews");
	if (!strcmp(sub, "add") && o.npos == 1 && o.aware && !stagey &&
	    !o.open && !o.json && !o.csv)
		return change(cli, &o, true);
	if (!strcmp(sub, "record") && o.npos == 2 && o.date && !o.aware &&
	    !lists && !o.open && !o.json && !o.csv)
		return change(cli, &o, false);
	/* Text, agency and due date are the library's to ask for, so a
	   missing one is refused naming its field. */
	if (!strcmp(sub, "recommend") && o.npos == 1 && o.nagencies <= 1 &&
	    !o.nthemes && !o.aware && !stagey && !o.today && !o.open &&
	    !o.json && !o.csv)
		return recommend(cli, &o);
	if (!strcmp(sub, "list") && !o.npos && !o.aware && !lists && !stagey)
		return list(cli, &o);
	if (!strcmp(sub, "show") && o.npos == 1 && o.json && !o.aware &&
	    !lists && !stagey && !o.open)
		return show(cli, &o);
	return cli_usage("reviews");
}
