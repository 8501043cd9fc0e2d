/* Allocation-failure injection for tests: the Nth allocation of this thread fails while armed. */
#include <stddef.h>
#include <string.h>

#include "allocfail.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/* Per thread: a server's other threads allocate as they please. */
static __thread unsigned long fail_at;	/* 0: not armed */
static __thread unsigned long calls;
static __thread bool fired;

void allocfail_arm(unsigned long n)
{
	fail_at = n;
	calls = 0;
	fired = false;
}

bool allocfail_disarm(unsigned long *seen)
{
	fail_at = 0;
	if (seen)
		*seen = calls;
	return fired;
}

static bool fail_now(void)
{
	if (!fail_at)
		return false;
	if (++calls != fail_at)
		return false;
	fired = true;
	return true;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}
