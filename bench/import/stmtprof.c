/*
 * stmtprof: where an SQLite program's time goes, statement by statement.
 *
 *   cc -O2 -shared -fPIC -o stmtprof.so stmtprof.c -ldl
 *   STMTPROF_OUT=prof.txt LD_PRELOAD=./stmtprof.so vitals ... returns import F
 *
 * Interposes sqlite3_step and sqlite3_exec (the program must link SQLite
 * dynamically, as vitals does) and adds up, per SQL text, the calls and the
 * wall time spent inside them.  At exit it writes the statements, slowest
 * first, with the process's total wall time and, for each statement, when
 * it first started and last ended (seconds since start); what they do not
 * account for is the program's own work (reading, checking, callbacks).
 * Time spent in a callback of sqlite3_exec is counted in the exec.
 * For measurement only: it adds two clock reads to every step.
 *
 * STMTPROF_ON_OPEN, when set, is SQL run on every connection right after
 * sqlite3_open_v2 (say "PRAGMA cache_size = -65536"), to try a setting
 * without changing the program; its time is not counted.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

#define SLOTS 256

struct slot {
	const char *sql;	/* owned copy */
	unsigned long calls;
	double seconds;
	double first, last;	/* first start and last end, since start */
};

static struct slot slots[SLOTS];
static size_t nslots;
static double started, last_end;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct slot *slot_for(const char *sql)
{
	size_t i;

	if (!sql)
		sql = "(null)";
	for (i = 0; i < nslots; i++)
		if (slots[i].sql == sql || strcmp(slots[i].sql, sql) == 0)
			return &slots[i];
	if (nslots == SLOTS)
		return &slots[SLOTS - 1];
	slots[nslots].sql = strdup(sql);
	return &slots[nslots++];
}

static void account(struct slot *s, double t0)
{
	double t1 = now();

	if (!s->calls)
		s->first = t0 - started;
	s->calls++;
	s->seconds += t1 - t0;
	s->last = t1 - started;
	last_end = t1;
}

/* Prepared statements keep their text; remember the last one looked up. */
static int in_exec;	/* steps inside sqlite3_exec count in the exec */
static const char *last_sql;
static struct slot *last_slot;

int sqlite3_step(sqlite3_stmt *stmt)
{
	static int (*real)(sqlite3_stmt *);
	static const char *(*sql_of)(sqlite3_stmt *);
	const char *sql;
	struct slot *s;
	double t0;
	int rc;

	if (!real) {
		real = (int (*)(sqlite3_stmt *))dlsym(RTLD_NEXT,
						      "sqlite3_step");
		sql_of = (const char *(*)(sqlite3_stmt *))dlsym(RTLD_NEXT,
								"sqlite3_sql");
	}
	sql = sql_of(stmt);
	if (sql && sql == last_sql) {
		s = last_slot;
	} else {
		s = slot_for(sql);
		last_sql = sql;
		last_slot = s;
	}
	t0 = now();
	rc = real(stmt);
	account(s, t0);
	return rc;
}

int sqlite3_exec(sqlite3 *db, const char *sql,
		 int (*cb)(void *, int, char **, char **), void *arg,
		 char **errmsg)
{
	static int (*real)(sqlite3 *, const char *,
			   int (*)(void *, int, char **, char **), void *,
			   char **);
	struct slot *s;
	double t0;
	int rc;

	if (!real)
		real = (int (*)(sqlite3 *, const char *,
				int (*)(void *, int, char **, char **),
				void *, char **))dlsym(RTLD_NEXT,
						       "sqlite3_exec");
	s = slot_for(sql);
	t0 = now();
	in_exec++;
	rc = real(db, sql, cb, arg, errmsg);
	in_exec--;
	account(s, t0);
	return rc;
}

int sqlite3_open_v2(const char *name, sqlite3 **db, int flags,
		    const char *vfs)
{
	static int (*real)(const char *, sqlite3 **, int, const char *);
	static int (*exec)(sqlite3 *, const char *, void *, void *, char **);
	const char *sql = getenv("STMTPROF_ON_OPEN");
	int rc;

	if (!real) {
		real = (int (*)(const char *, sqlite3 **, int,
				const char *))dlsym(RTLD_NEXT,
						    "sqlite3_open_v2");
		exec = (int (*)(sqlite3 *, const char *, void *, void *,
				char **))dlsym(RTLD_NEXT, "sqlite3_exec");
	}
	rc = real(name, db, flags, vfs);
	if (rc == 0 && sql && *sql && exec(*db, sql, NULL, NULL, NULL) != 0)
		fprintf(stderr, "stmtprof: STMTPROF_ON_OPEN failed\n");
	return rc;
}

static int by_time(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	return x->seconds < y->seconds ? 1 : x->seconds > y->seconds ? -1 : 0;
}

__attribute__((constructor)) static void start(void)
{
	started = now();
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("STMTPROF_OUT");
	FILE *f = path ? fopen(path, "w") : stderr;
	double total = now() - started, in_sql = 0;
	size_t i;

	if (!f)
		return;
	qsort(slots, nslots, sizeof(slots[0]), by_time);
	for (i = 0; i < nslots; i++)
		in_sql += slots[i].seconds;
	fprintf(f, "total %.3f s; in SQLite steps and execs %.3f s; "
		"elsewhere %.3f s, of which %.3f s after the last statement "
		"(close, checkpoint, exit)\n", total, in_sql, total - in_sql,
		last_end ? now() - last_end : 0.0);
	fprintf(f, "%8s %9s %8s %8s  %s\n", "seconds", "calls", "from",
		"to", "statement");
	for (i = 0; i < nslots; i++)
		fprintf(f, "%8.3f %9lu %8.3f %8.3f  %.150s\n",
			slots[i].seconds, slots[i].calls, slots[i].first,
			slots[i].last, slots[i].sql);
	if (f != stderr)
		fclose(f);
}
