/* The current time as Vitals records it: UTC, to the second. */
#ifndef VITALS_CLOCK_H
#define VITALS_CLOCK_H

/* "2024-10-15T09:30:00Z" and its NUL. */
#define VT_TIMESTAMP_MAX 21

/*
 * Write the current UTC time into 'out'.  VITALS_NOW, when set to a
 * timestamp of that shape, is used instead: tests and reproducible demos
 * need a fixed clock.
 */
void vt_clock_now(char out[VT_TIMESTAMP_MAX]);

/* "2024-10-15" and its NUL. */
#define VT_DAY_MAX 11

/* Today's date in UTC (YYYY-MM-DD), from the same clock. */
void vt_clock_today(char out[VT_DAY_MAX]);

#endif
