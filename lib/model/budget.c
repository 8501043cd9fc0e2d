/* The pooled budget's own words: its year's form and sums of money. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitals/model.h"

static int digits_at(const char *s, size_t from, size_t n)
{
	int v = 0;
	size_t i;

	for (i = from; i < from + n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool vt_budget_year_valid(const char *year)
{
	int first, second;

	if (!year || strlen(year) != 7 || year[4] != '-')
		return false;
	first = digits_at(year, 0, 4);
	second = digits_at(year, 5, 2);
	return first >= 1900 && second == (first + 1) % 100;
}

/*
 * Worked in whole pence so that 0.1 + 0.2 is never 0.30000000000000004;
 * the figures accepted (vt_unit_max) are far below 2^53 pence.
 */
void vt_money_text(double pounds, char *out, size_t size)
{
	char whole[40], grouped[64];
	long long pence, p;
	size_t n, i, k = 0;
	bool negative;

	if (!size)
		return;
	if (!isfinite(pounds)) {
		snprintf(out, size, "-");
		return;
	}
	pence = llround(pounds * 100.0);
	negative = pence < 0;
	p = negative ? -pence : pence;
	snprintf(whole, sizeof(whole), "%lld", p / 100);
	n = strlen(whole);
	for (i = 0; i < n && k + 2 < sizeof(grouped); i++) {
		if (i && (n - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = whole[i];
	}
	grouped[k] = '\0';
	if (p % 100)
		snprintf(out, size, "%s\xc2\xa3%s.%02lld", negative ? "-" : "",
			 grouped, p % 100);
	else
		snprintf(out, size, "%s\xc2\xa3%s", negative ? "-" : "",
			 grouped);
}
