/* Fuzz target for the CIN census reader: every record it gives is whole, and every refusal is placed. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vitals/extract.h"
#include "vitals/strparse.h"
#include "check.h"

struct seen {
	long records;
};

static bool is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < VT_CHILD_HASH_HEX; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return false;
	return s[i] == '\0';
}

static bool is_date_or_empty(const char *s)
{
	struct vt_date d;

	return !*s || vt_parse_date(s, &d) == VT_OK;
}

/*
 * What the reader promises of a record, whatever the input: a child's
 * hash and never anything else in its place, a real start date, an end
 * that is a date or absent, short codes, a line of the file.
 */
static enum vt_err check_record(void *arg, const struct vt_case_record *r)
{
	struct seen *s = arg;
	struct vt_date d;

	CHECK(r->kind >= VT_CASE_REFERRAL && r->kind < VT_CASE_CLA_EPISODE);
	CHECK(is_hex64(r->child));
	CHECK(vt_parse_date(r->start, &d) == VT_OK);
	CHECK(is_date_or_empty(r->end));
	CHECK(strlen(r->birth_month) == 0 || strlen(r->birth_month) == 7);
	CHECK(strlen(r->category) < VT_CASE_CODE_MAX);
	CHECK(strlen(r->initial_category) < VT_CASE_CODE_MAX);
	CHECK(strlen(r->source) < VT_CASE_CODE_MAX);
	CHECK(strlen(r->reason) < VT_CASE_CODE_MAX);
	CHECK(r->source_name && strcmp(r->source_name, "fuzz.xml") == 0);
	CHECK(r->line >= 1);
	s->records++;
	return VT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_extract_meta meta = { .format = VT_EXTRACT_ANNEX_A };
	struct vt_pseudo_key key;
	struct seen s = { 0 };
	struct vt_diagq q;
	enum vt_err result;
	FILE *f;

	if (size == 0)
		return 0;	/* fmemopen refuses an empty buffer */
	memset(key.bytes, 0x5a, sizeof(key.bytes));
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	vt_diagq_init(&q);
	result = vt_cin_read(f, "fuzz.xml", &key, &meta, check_record, &s,
			     &q);
	fclose(f);
	/* The sink never fails: the file is read, or refused as not XML
	   or not a census, with the reason given. */
	CHECK(result == VT_OK || result == VT_EINVAL);
	if (result) {
		CHECK(q.errors > 0);
		CHECK(meta.format == VT_EXTRACT_ANNEX_A);
	} else {
		CHECK(meta.format == VT_EXTRACT_CIN);
		CHECK(is_date_or_empty(meta.as_at));
		CHECK(is_date_or_empty(meta.from));
		CHECK(strcmp(meta.from, meta.to) <= 0 || !meta.to[0]);
	}
	vt_diagq_release(&q);
	return 0;
}
