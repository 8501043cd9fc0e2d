/* Statutory deadlines ("clocks") of case reviews and escalations: a due date counted in working days (England and Wales) or calendar months, and whether it was met. */
#ifndef VITALS_DEADLINES_H
#define VITALS_DEADLINES_H

#include <stdbool.h>

#include "vitals/error.h"

/* How a timescale is counted. */
enum vt_deadline_unit {
	VT_DEADLINE_WORKING_DAYS,	/* Monday to Friday, no bank holiday */
	VT_DEADLINE_MONTHS,		/* calendar months */
	VT_DEADLINE_UNIT__MAX
};

/* "working-days", "months", indexed by the enum. */
extern const char *const vt_deadline_unit_names[VT_DEADLINE_UNIT__MAX];

enum vt_deadline_state {
	VT_DEADLINE_OPEN,	/* not done, not yet past its due date */
	VT_DEADLINE_MET,	/* done on or before its due date */
	VT_DEADLINE_MISSED,	/* done late, or not done and past due */
	VT_DEADLINE_STATE__MAX
};

/* "open", "met", "missed", indexed by the enum. */
extern const char *const vt_deadline_state_names[VT_DEADLINE_STATE__MAX];

/*
 * The date due 'amount' units after 'start' (YYYY-MM-DD), into 'due'.
 * Working days: the amount-th working day after 'start' (which does not
 * count): notification "on the 5th working day after the local
 * authority became aware".  A negative amount counts back: the report
 * sent "at least 7 working days before publication" is due on the 7th
 * working day before it.  Months: the same day of the month 'amount'
 * months on, or that month's last day when it is shorter (31 August + 6
 * months is 28 or 29 February).  VT_EINVAL for a date that is not one
 * or a unit that is none.
 */
VT_MUST_USE
enum vt_err vt_deadline_due(const char *start, enum vt_deadline_unit unit,
			    int amount, char due[11]);

/* An open deadline due within this many working days is at risk: the
   analyst's home and the pack name it before it is missed. */
#define VT_DEADLINE_AT_RISK_DAYS 2

/* A deadline judged on a day. */
struct vt_deadline {
	char start[11];
	char due[11];
	char done[11];			/* "" while not done */
	enum vt_deadline_state state;
	/* Not done: the working days from 'today' to 'due', negative once
	   past it ("3 working days over"); done: none (has_left false). */
	bool has_left;
	long working_days_left;
};

/*
 * Judge the deadline of 'amount' units from 'start', done on 'done'
 * (NULL or "" when not yet), as on 'today'.  A deadline is met when done
 * on its due date or before, missed when done after it or not done by
 * the end of it, and open otherwise.  VT_EINVAL for a date that is not
 * one.
 */
VT_MUST_USE
enum vt_err vt_deadline_judge(const char *start, enum vt_deadline_unit unit,
			      int amount, const char *done, const char *today,
			      struct vt_deadline *out);

/* Whether 'd' is open and due within VT_DEADLINE_AT_RISK_DAYS working
   days (a missed one is not "at risk": it is missed). */
bool vt_deadline_at_risk(const struct vt_deadline *d);

#endif
