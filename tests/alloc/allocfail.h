/* Allocation-failure injection for tests: the Nth allocation of this thread fails while armed. */
#ifndef VT_TESTS_ALLOCFAIL_H
#define VT_TESTS_ALLOCFAIL_H

#include <stdbool.h>

/*
 * From now on, this thread's 'n'th call (1, 2, ...) of malloc, calloc,
 * realloc, strdup or strndup from the linked objects returns NULL; the
 * others succeed.  The binary is linked with -Wl,--wrap of each.
 */
void allocfail_arm(unsigned long n);
/* Stop failing; true when the armed failure happened.  '*calls', if not
   NULL, is how many allocations were made while armed. */
bool allocfail_disarm(unsigned long *calls);

#endif
