/* Writing CSV fields: quoted where needed, never read back as a formula. */
#include <stdbool.h>
#include <string.h>

#include "vitals/csv.h"
#include "vitals/strparse.h"

enum vt_err vt_csv_put(FILE *f, const char *text, char end)
{
	bool quote, formula;
	double number;
	const char *p;
	int ok = 1;

	if (!text)
		text = "";
	quote = strpbrk(text, ",\"\r\n") != NULL;
	/* A negative number is a number, not a formula: it stays one. */
	formula = text[0] && strchr("=+-@\t\r", text[0]) &&
		  vt_parse_double(text, &number) != VT_OK;
	if (quote)
		ok = fputc('"', f) != EOF;
	/* Inside the quotes: the apostrophe is part of the field. */
	if (ok && formula)
		ok = fputc('\'', f) != EOF;
	for (p = text; ok && *p; p++)
		ok = (*p != '"' || fputc('"', f) != EOF) &&
		     fputc(*p, f) != EOF;
	if (ok && quote)
		ok = fputc('"', f) != EOF;
	ok = ok && fputc(end, f) != EOF;
	return ok ? VT_OK : VT_EIO;
}
