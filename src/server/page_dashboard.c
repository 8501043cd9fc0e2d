/* The vital-signs dashboard: the summary of the latest period's pack. */
#include <stdio.h>

#include "server/server.h"

unsigned page_dashboard(struct req *r)
{
	struct pack pk;
	char title[96];
	unsigned status = pack_open(r, NULL, &pk);

	if (status)
		return status;
	if (!pk.built) {
		page_begin(r, "Vital signs");
		vt_html_element(&r->html, "p", "No figures yet.", "class",
				"govuk-body", NULL);
	} else {
		snprintf(title, sizeof(title), "Vital signs, %s", pk.rep.label);
		page_begin(r, title);
		vt_report_html_summary(&r->html, &pk.rep);
	}
	page_end(r);
	pack_close(&pk);
	return 200;
}
