/* vitals measures: what the partnership does about a measure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitals/actions.h"
#include "cli.h"

/* The actions meant to move one measure, with their RAG and state. */
static int actions_of(struct cli *cli, const char *code)
{
	const struct vt_action **list = NULL;
	const struct vt_measure *m;
	struct vt_store *store;
	struct vt_def def;
	size_t i, n = 0;
	int status;

	status = cli_read_all(cli, &store, &def);
	if (status)
		return status;
	m = vt_def_find(&def, VT_KIND_MEASURE, code);
	if (!m) {
		cli_error("there is no measure '%s'", code);
		status = EXIT_REFUSED;
		goto out;
	}
	if (vt_actions_for_measure(&def, code, &list, &n)) {
		status = EXIT_FAILURE_;
		goto out;
	}
	printf("%s  %s (%s)\n", m->code, m->title, m->agency);
	if (!n)
		printf("no action is linked to this measure\n");
	for (i = 0; i < n; i++)
		printf("  %-12s %-6s %-10s due %-10s %s\n", list[i]->code,
		       vt_rag_names[list[i]->rag], list[i]->agency,
		       list[i]->due ? list[i]->due : "-", list[i]->title);
	if (vt_actions_all_green(&def, code))
		printf("every linked action is green or complete: if the "
		       "measure is getting worse, ask why\n");
	free(list);
out:
	vt_def_release(&def);
	vt_store_close(store);
	return status;
}

int cmd_measures(struct cli *cli, int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "actions") && argv[2][0] != '-')
		return actions_of(cli, argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "status"))
		return cmd_measures_status(cli, argc, argv);
	return cli_usage("measures");
}
