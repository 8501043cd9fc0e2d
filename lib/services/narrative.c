/* Saving a section of the annual report's narrative: each save a new version, written through the change log. */
#include <stdio.h>
#include <string.h>

#include "vitals/clock.h"
#include "vitals/narrative.h"
#include "vitals/strparse.h"
#include "store/store.h"

struct narrative_change {
	const char *year, *section, *text, *who;
	int64_t version;
};

enum vt_err vt_annual_year(const char *y, int *first)
{
	int a, b;
	size_t i, n = y ? strlen(y) : 0;

	if (n != 4 && n != 7)
		return VT_EINVAL;
	for (i = 0; i < n; i++)
		if (i == 4 ? y[i] != '-' : (y[i] < '0' || y[i] > '9'))
			return VT_EINVAL;
	a = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 +
		(y[3] - '0');
	if (a < 1900 || a > 9998)
		return VT_EINVAL;
	if (n == 7) {
		b = (y[5] - '0') * 10 + (y[6] - '0');
		if (b != (a + 1) % 100)
			return VT_EINVAL;
	}
	*first = a;
	return VT_OK;
}

const struct vt_narrative *vt_narrative_latest(const struct vt_def *def,
					       const char *year,
					       const char *section)
{
	const struct vt_narrative *best = NULL;
	size_t i, n = vt_def_count(def, VT_KIND_NARRATIVE);

	for (i = 0; i < n; i++) {
		const struct vt_narrative *x =
			vt_def_at(def, VT_KIND_NARRATIVE, i);

		if (strcmp(x->year, year) || strcmp(x->section, section))
			continue;
		if (!best || x->version > best->version)
			best = x;
	}
	return best;
}

static enum vt_err build_change(void *arg, const struct vt_def *meta,
				struct vt_def *change, struct vt_check *ck,
				char *why, size_t whysize)
{
	struct narrative_change *c = arg;
	const struct vt_narrative *last;
	struct vt_narrative *rec;
	char at[VT_TIMESTAMP_MAX];
	json_t *j;
	enum vt_err result;

	(void)why;
	(void)whysize;
	last = vt_narrative_latest(meta, c->year, c->section);
	c->version = last ? last->version + 1 : 1;
	vt_clock_now(at);
	j = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "year", c->year,
		      "section", c->section, "version",
		      (json_int_t)c->version, "text", c->text, "by", c->who,
		      "at", at);
	if (!j)
		return VT_ENOMEM;
	result = vt_def_append(change, VT_KIND_NARRATIVE, (void **)&rec);
	if (!result)
		result = vt_record_from_json(VT_KIND_NARRATIVE, j, "narrative",
					     ck, rec);
	json_decref(j);
	if (!result && !ck->dq->errors)
		result = vt_def_check(change, ck);
	return result;
}

enum vt_err vt_narrative_save(struct vt_store *s, const char *year,
			      const char *section, const char *text,
			      const char *who, int64_t *version, char *why,
			      size_t whysize)
{
	struct narrative_change c = { year, section, text, who, 0 };
	enum vt_err result;
	char canonical[8];
	int first;

	if (!year || vt_text_blank(year)) {
		snprintf(why, whysize, "year: say which year (2025-26)");
		return VT_EINVAL;
	}
	if (!section || vt_text_blank(section)) {
		snprintf(why, whysize, "section: say which section");
		return VT_EINVAL;
	}
	if (!text || vt_text_blank(text)) {
		snprintf(why, whysize, "text: write the section's text");
		return VT_EINVAL;
	}
	/* "2025" is said as the year it starts, "2025-26". */
	if (strlen(year) == 4 && !vt_annual_year(year, &first)) {
		snprintf(canonical, sizeof(canonical), "%04d-%02d", first,
			 (first + 1) % 100);
		c.year = canonical;
	}
	result = vt_store_change(s, build_change, &c, who, why, whysize);
	if (!result && version)
		*version = c.version;
	return result;
}
