/*
 * gen: a partnership definition and a large long-form return for
 * benchmarking `vitals returns import`.
 *
 *   gen ROWS DEF.json DATA.csv [MEASURES [AGENCIES [SEED]]]
 *
 * DEF.json holds one partnership, AGENCIES agencies (default 20), one
 * plan and MEASURES quarterly count measures (default 2000), each owned
 * by one agency (measures are dealt out in equal blocks).  DATA.csv is
 * `agency,measure,period,value` with ROWS rows (default 1,000,000):
 * period after period from 1900Q1, and within a period every measure of
 * every agency in turn, as a run of quarterly returns would be.  With
 * the defaults 1,000,000 rows are 500 quarters (1900Q1..2024Q4) of 2,000
 * measures; fewer rows are fewer quarters, so the definition is the same
 * whatever the size.
 *
 * Values are whole numbers near a level fixed per measure (xorshift64*,
 * seeded by SEED, default 1), so the output is the same on every run and
 * machine.  Every row is valid: the import must accept the whole file.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUARTERS_MAX ((9999 - 1900 + 1) * 4)

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * UINT64_C(2685821657736338717);
}

static unsigned long parse_count(const char *s, const char *what,
				 unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "gen: %s '%s' is not a number in %lu..%lu\n",
			what, s, min, max);
		exit(2);
	}
	return v;
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "gen: cannot write '%s': %s\n", path,
			strerror(errno));
		exit(1);
	}
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen: cannot write '%s'\n", path);
		exit(1);
	}
}

static void write_def(const char *path, unsigned long measures,
		      unsigned long agencies)
{
	FILE *f = open_out(path);
	unsigned long i;

	fprintf(f, "{\n  \"vitals\": 1,\n"
		"  \"partnership\": {\"code\": \"bench\", \"name\": "
		"\"Benchmark Safeguarding Children Partnership\", "
		"\"fy_start_month\": 4},\n  \"agencies\": [\n");
	for (i = 0; i < agencies; i++)
		fprintf(f, "    {\"code\": \"a%03lu\", \"name\": \"Agency %lu\", "
			"\"sector\": \"other\", \"kind\": \"relevant-agency\"}%s\n",
			i + 1, i + 1, i + 1 < agencies ? "," : "");
	fprintf(f, "  ],\n  \"plans\": [\n    {\"code\": \"bench\", \"title\": "
		"\"Benchmark plan\", \"kind\": \"strategic\"}\n  ],\n"
		"  \"measures\": [\n");
	for (i = 0; i < measures; i++)
		fprintf(f, "    {\"code\": \"m%05lu\", \"title\": \"Measure %lu\", "
			"\"plan\": \"bench\", \"agency\": \"a%03lu\", "
			"\"direction\": \"none\", \"unit\": \"count\", "
			"\"frequency\": \"quarterly\"}%s\n", i + 1, i + 1,
			i * agencies / measures + 1,
			i + 1 < measures ? "," : "");
	fprintf(f, "  ]\n}\n");
	close_out(f, path);
}

static void write_data(const char *path, unsigned long rows,
		       unsigned long measures, unsigned long agencies)
{
	FILE *f = open_out(path);
	unsigned long *level = malloc(measures * sizeof(*level));
	unsigned long n = 0, q, i;
	static char buf[1 << 16];

	if (!level) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	setvbuf(f, buf, _IOFBF, sizeof(buf));
	/* A level per measure: tens to tens of thousands. */
	for (i = 0; i < measures; i++)
		level[i] = 10 + rng_next() % 20000;
	fputs("agency,measure,period,value\n", f);
	for (q = 0; n < rows; q++) {
		for (i = 0; i < measures && n < rows; i++, n++) {
			/* within 10% of the level either way */
			unsigned long spread = level[i] / 10 + 1;
			unsigned long v = level[i] - spread +
					  rng_next() % (2 * spread + 1);

			fprintf(f, "a%03lu,m%05lu,%lu" "Q%lu,%lu\n",
				i * agencies / measures + 1, i + 1,
				1900 + q / 4, q % 4 + 1, v);
		}
	}
	free(level);
	close_out(f, path);
}

int main(int argc, char **argv)
{
	unsigned long rows = 1000000, measures = 2000, agencies = 20;
	unsigned long long seed = 1;

	if (argc < 4 || argc > 7) {
		fprintf(stderr, "usage: gen ROWS DEF.json DATA.csv "
			"[MEASURES [AGENCIES [SEED]]]\n");
		return 2;
	}
	rows = parse_count(argv[1], "ROWS", 1, 1000000000UL);
	if (argc > 4)
		measures = parse_count(argv[4], "MEASURES", 1, 999999);
	if (argc > 5)
		agencies = parse_count(argv[5], "AGENCIES", 1, 999);
	if (argc > 6)
		seed = parse_count(argv[6], "SEED", 1, 4000000000UL);
	if (agencies > measures) {
		fprintf(stderr, "gen: more agencies than measures\n");
		return 2;
	}
	if ((rows + measures - 1) / measures > QUARTERS_MAX) {
		fprintf(stderr, "gen: %lu rows of %lu measures need more than "
			"the %d quarters from 1900Q1 to 9999Q4\n", rows,
			measures, QUARTERS_MAX);
		return 2;
	}
	rng_state = seed * UINT64_C(0x9E3779B97F4A7C15) | 1;
	write_def(argv[2], measures, agencies);
	write_data(argv[3], rows, measures, agencies);
	return 0;
}
