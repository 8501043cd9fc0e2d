/* Pseudonymisation at the door: a child's identifier becomes a keyed hash, a date of birth its month. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "vitals/extract.h"
#include "vitals/strparse.h"

const char *const vt_case_kind_names[VT_CASE__MAX] = {
	"referral", "assessment", "cin-plan", "cp-plan", "cla-episode",
};

const char *const vt_extract_format_names[VT_EXTRACT__MAX] = {
	"cin", "annex-a", "ssda903",
};

const char *vt_extract_format_words(const char *name)
{
	static const char *const words[VT_EXTRACT__MAX] = {
		"CIN census", "Annex A", "SSDA903",
	};
	size_t i;

	for (i = 0; name && i < VT_EXTRACT__MAX; i++)
		if (!strcmp(name, vt_extract_format_names[i]))
			return words[i];
	return name ? name : "";
}

/* Identifiers are short: a UPN is 13 characters, a LA child ID at most
   36 in the CIN census. */
#define ID_MAX 128

enum vt_err vt_pseudo_child(const struct vt_pseudo_key *key, const char *id,
			    char out[VT_CHILD_HASH_HEX + 1])
{
	unsigned char hash[VT_CHILD_HASH_HEX / 2];
	char norm[ID_MAX];
	size_t len = 0, end;

	out[0] = '\0';
	while (*id == ' ' || *id == '\t')
		id++;
	end = strlen(id);
	while (end && (id[end - 1] == ' ' || id[end - 1] == '\t' ||
		       id[end - 1] == '\r' || id[end - 1] == '\n'))
		end--;
	if (!end || end >= sizeof(norm))
		return VT_EINVAL;
	for (len = 0; len < end; len++)
		norm[len] = (char)toupper((unsigned char)id[len]);
	if (sodium_init() < 0 ||
	    crypto_generichash(hash, sizeof(hash), (const unsigned char *)norm,
			       len, key->bytes, sizeof(key->bytes)))
		return VT_EINVAL;
	sodium_bin2hex(out, VT_CHILD_HASH_HEX + 1, hash, sizeof(hash));
	sodium_memzero(norm, sizeof(norm));
	return VT_OK;
}

enum vt_err vt_pseudo_birth_month(const char *date, char out[8])
{
	struct vt_date d;

	out[0] = '\0';
	if (strlen(date) != 10 || vt_parse_date(date, &d))
		return VT_EINVAL;
	snprintf(out, 8, "%04d-%02d", d.year, d.month);
	return VT_OK;
}
