/* The JSON API: the same documents the command line prints with --json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vitals/actions.h"
#include "vitals/clock.h"
#include "vitals/returns.h"
#include "vitals/spc.h"
#include "vitals/strparse.h"
#include "server/server.h"

unsigned req_json(struct req *r, unsigned status, json_t *j)
{
	r->content_type = "application/json";
	if (!j || json_dumpf(j, r->page, JSON_COMPACT |
			     JSON_REAL_PRECISION(10))) {
		json_decref(j);
		return 500;
	}
	json_decref(j);
	return status;
}

unsigned api_error(struct req *r, unsigned status, const char *message)
{
	return req_json(r, status, json_pack("{s:s}", "error", message));
}

unsigned api_query_error(struct req *r, const struct vt_diagq *dq)
{
	const struct vt_diag *d = dq->n ? &dq->items[0] : NULL;

	return req_json(r, 400, json_pack("{s:s, s:s?}", "error",
					  d ? d->message : "the query is refused",
					  "field", d ? d->field : NULL));
}

/* Today as the command line sees it (VITALS_NOW fixes it in tests). */
void server_today(char out[11])
{
	vt_clock_today(out);
}

unsigned api_actions_summary(struct req *r)
{
	struct vt_action_filter f;
	struct vt_action_report rep;
	struct vt_action_slip *slips;
	struct vt_def def;
	char day[11];
	size_t n;
	unsigned status;

	server_today(day);
	if (!req_read_visible_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	/* The plans in force, as the tracker and the command line. */
	memset(&f, 0, sizeof(f));
	f.rag = -1;
	f.in_force = !(req_query(r, "closed") &&
		       !strcmp(req_query(r, "closed"), "1"));
	if (vt_actions_report(&def, &f, day, vt_actions_stale_days(&def),
			      &rep)) {
		vt_def_release(&def);
		return api_error(r, 503, "the database does not answer");
	}
	if (!vt_action_slips(r->store, &slips, &n)) {
		vt_actions_mark_slipped(&rep, slips, n);
		vt_action_slips_release(slips, n);
	}
	status = req_json(r, 200, vt_actions_summary_json(&rep));
	vt_action_report_release(&rep);
	vt_def_release(&def);
	return status;
}

unsigned api_measure_spc(struct req *r)
{
	struct vt_spc_request req = { NULL, 0, NULL, 0, false };
	struct vt_def def;
	char why[256];
	json_t *chart;
	enum vt_err result;

	if (!req_read_visible_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	result = vt_spc_measure_json(&def, r->params[0], &req, &chart, why,
				     sizeof(why));
	vt_def_release(&def);
	if (result == VT_ENOTFOUND)
		return api_error(r, 404, why);
	if (result)
		return api_error(r, 500, vt_strerror(result));
	return req_json(r, 200, chart);
}

/*
 * An agency lead reads its own agency's return in any state, and another
 * agency's only once submitted: a draft is the agency's own.
 */
unsigned api_return(struct req *r)
{
	const char *agency = r->params[0], *period = r->params[1];
	const struct vt_return *ret;
	struct vt_def def;
	unsigned status;
	bool shared;

	if (!req_read_visible_def(r, &def))
		return api_error(r, 503, "the database does not answer");
	ret = vt_return_find(&def, agency, period);
	shared = ret && (ret->status == VT_RETURN_SUBMITTED ||
			 ret->status == VT_RETURN_APPROVED);
	if (!vt_def_find(&def, VT_KIND_AGENCY, agency))
		status = api_error(r, 404, "there is no such agency");
	else if (r->who.role == VT_ROLE_AGENCY_LEAD &&
		 strcmp(r->who.agency, agency) && !shared)
		status = api_error(r, 403, "another agency's return is its "
				   "own until submitted");
	else
		status = req_json(r, 200, vt_return_json(&def, agency,
							  period));
	vt_def_release(&def);
	return status;
}
