/* The DfE code lists shared by the CIN census, Annex A and SSDA903 readers and the derive engine. */
#include <stdio.h>
#include <string.h>

#include "io/codelists.h"

const char *const vt_codes_abuse[] = {
	"NEG", "EMO", "PHY", "SAB", "MUL", NULL
};

const char *const vt_codes_need[] = {
	"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", NULL
};

/* The CIN census's; Annex A's List 1 takes the same. */
const char *const vt_codes_source[] = {
	"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E",
	"3F", "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10", NULL
};

const char *const vt_codes_legal[] = {
	"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2",
	"V3", "V4", NULL
};

bool vt_code_listed(const char *code, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(code, *list))
			return true;
	return false;
}

void vt_codes_text(const char *const *list, char *out, size_t size)
{
	size_t at = 0;
	int n;

	out[0] = '\0';
	for (; *list && at < size; list++) {
		n = snprintf(out + at, size - at, "%s%s", at ? ", " : "",
			     *list);
		if (n < 0)
			break;
		at += (size_t)n;
	}
}
