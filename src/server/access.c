/* Who may do what with one agency's data: the rules the route table's roles cannot say alone. */
#include <string.h>

#include "vitals/visibility.h"
#include "server/server.h"

static bool own_agency(const struct req *r, const char *agency)
{
	return r->who.agency[0] && agency && !strcmp(r->who.agency, agency);
}

/*
 * An agency lead reads its own agency's return in any state, and another
 * agency's only once submitted: a draft, or a return sent back to be
 * mended, is the agency's own.  Other roles that reach the page read all.
 */
bool may_read_return(const struct req *r, const char *agency,
		     const struct vt_return *ret)
{
	bool shared = ret && (ret->status == VT_RETURN_SUBMITTED ||
			      ret->status == VT_RETURN_APPROVED);

	if (r->who.role == VT_ROLE_VIEWER)
		return false;
	return r->who.role != VT_ROLE_AGENCY_LEAD ||
	       own_agency(r, agency) || shared;
}

/* Figures are entered by the agency itself; an administrator may help. */
bool may_edit_return(const struct req *r, const char *agency)
{
	return r->who.role == VT_ROLE_ADMIN ||
	       (r->who.role == VT_ROLE_AGENCY_LEAD && own_agency(r, agency));
}

/* Approving and sending back is the analysts' check on the agencies. */
bool may_review_return(const struct req *r)
{
	return r->who.role == VT_ROLE_ADMIN || r->who.role == VT_ROLE_ANALYST;
}

/* An action is updated by its own agency, or by the partnership's
   analysts who keep the tracker. */
bool may_update_action(const struct req *r, const struct vt_action *a)
{
	return r->who.role == VT_ROLE_ADMIN ||
	       r->who.role == VT_ROLE_ANALYST ||
	       (r->who.role == VT_ROLE_AGENCY_LEAD &&
		own_agency(r, a->agency));
}

/* The reader the visibility rule judges: a viewer reads published
   outputs only. */
struct vt_reader req_reader(const struct req *r)
{
	struct vt_reader rd = { r->who.role, NULL, false, false };

	if (r->who.role == VT_ROLE_AGENCY_LEAD)
		rd.agency = r->who.agency;
	rd.published = r->who.role == VT_ROLE_VIEWER;
	return rd;
}

bool req_read_visible_def(struct req *r, struct vt_def *def)
{
	struct vt_reader rd = req_reader(r);

	vt_def_init(def);
	if (!vt_store_read_def(r->store, def) && !vt_def_restrict(def, &rd))
		return true;
	vt_def_release(def);
	return false;
}

bool req_read_def(struct req *r, struct vt_def *def, unsigned *status)
{
	if (req_read_visible_def(r, def)) {
		r->illustrative = vt_def_illustrative(def);
		return true;
	}
	vt_def_release(def);
	*status = page_error(r, 503, "The database does not answer.");
	return false;
}
