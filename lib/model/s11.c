/* Section 11 self-assessments: finding one by agency and cycle, and what a cycle's code is. */
#include <stdio.h>
#include <string.h>

#include "vitals/model.h"

static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool vt_s11_cycle_valid(const char *cycle)
{
	size_t n = cycle ? strlen(cycle) : 0;
	int year, next;

	if ((n != 4 && n != 7) || !digits(cycle, 4))
		return false;
	if (n == 4)
		return true;
	if (cycle[4] != '-' || !digits(cycle + 5, 2))
		return false;
	year = (cycle[0] - '0') * 1000 + (cycle[1] - '0') * 100 +
	       (cycle[2] - '0') * 10 + (cycle[3] - '0');
	next = (cycle[5] - '0') * 10 + (cycle[6] - '0');
	return (year + 1) % 100 == next;
}

struct vt_s11 *vt_s11_find(const struct vt_def *def, const char *agency,
			   const char *cycle)
{
	size_t i, n = vt_def_count(def, VT_KIND_S11);

	for (i = 0; agency && cycle && i < n; i++) {
		struct vt_s11 *a = vt_def_at(def, VT_KIND_S11, i);

		if (a->agency && a->cycle && !strcmp(a->agency, agency) &&
		    !strcmp(a->cycle, cycle))
			return a;
	}
	return NULL;
}

struct vt_s11 *vt_s11_find_key(const struct vt_def *def, const char *key)
{
	const char *slash = key ? strchr(key, '/') : NULL;
	char agency[128];

	if (!slash || (size_t)(slash - key) >= sizeof(agency))
		return NULL;
	memcpy(agency, key, (size_t)(slash - key));
	agency[slash - key] = '\0';
	return vt_s11_find(def, agency, slash + 1);
}

struct vt_s11_rating *vt_s11_rating_of(const struct vt_s11 *a,
				       const char *standard)
{
	size_t i;

	for (i = 0; a && standard && i < a->nratings; i++)
		if (a->ratings[i].standard &&
		    !strcmp(a->ratings[i].standard, standard))
			return &a->ratings[i];
	return NULL;
}
