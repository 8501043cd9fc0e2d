/* Working days in England and Wales, bank holidays included. */
#ifndef VITALS_WORKDAYS_H
#define VITALS_WORKDAYS_H

#include <stdbool.h>

#include "vitals/strparse.h"

/*
 * England and Wales bank holidays by rule: New Year's Day, Good Friday,
 * Easter Monday, early May (first Monday), spring (last Monday of May),
 * summer (last Monday of August), Christmas Day, Boxing Day, with
 * substitute days when they fall at a weekend; plus the one-off changes
 * of 1995-2023 (VE day moves, jubilees, royal weddings, the 2022 state
 * funeral, the 2023 coronation) as a table.
 */
bool vt_is_bank_holiday(const struct vt_date *d);

/* Monday to Friday and not a bank holiday. */
bool vt_is_working_day(const struct vt_date *d);

/*
 * The date 'n' working days after 'from' (n >= 0; from itself does not
 * count; n == 0 gives 'from').  A return due "20 working days after
 * quarter end" is vt_add_working_days(last day of quarter, 20).
 */
void vt_add_working_days(const struct vt_date *from, int n,
			 struct vt_date *out);

/* The working days after 'from' up to and including 'to': negative when
   'to' is before 'from'.  "Due 28 October, 18 working days ago". */
long vt_working_days_between(const struct vt_date *from,
			     const struct vt_date *to);

#endif
