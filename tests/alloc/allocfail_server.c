/* A server whose requests named in VT_ALLOC_FAIL_PATHS ("GET:/actions POST:/actions/x") each fail one allocation: the 1st in the first such request, the 2nd in the next, and so on (every VT_ALLOC_STRIDE-th). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/server.h"
#include "allocfail.h"

unsigned __real_route_request(struct req *r);
unsigned __wrap_route_request(struct req *r);

/* Whether METHOD:PATH is one of the space-separated entries of 'list'. */
static bool listed(const char *list, const char *method, const char *where)
{
	char path[512];
	size_t len;
	const char *p = list;

	snprintf(path, sizeof(path), "%s:%s", method, where);
	len = strlen(path);
	while (p && (p = strstr(p, path))) {
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

static unsigned long next_failure = 1;

unsigned __wrap_route_request(struct req *r)
{
	const char *paths = getenv("VT_ALLOC_FAIL_PATHS");
	const char *stride = getenv("VT_ALLOC_STRIDE");
	unsigned long calls, n, step = stride && atol(stride) > 0
		? (unsigned long)atol(stride) : 1;
	unsigned status;

	if (!paths || !listed(paths, r->method, r->path))
		return __real_route_request(r);
	/* MHD may answer on several threads: one counter for all. */
	n = __atomic_fetch_add(&next_failure, step, __ATOMIC_SEQ_CST);
	allocfail_arm(n);
	status = __real_route_request(r);
	if (!allocfail_disarm(&calls)) {
		/* The test reads this: every allocation has now failed once. */
		fprintf(stderr, "allocfail: %s %s: %lu allocations, none "
			"failed: %u\n", r->method, r->path, calls, status);
		__atomic_store_n(&next_failure, 1, __ATOMIC_SEQ_CST);
	}
	return status;
}
