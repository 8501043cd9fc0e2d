/* The DfE code lists the record-level readers and the derive engine share, and a lookup in them (internal). */
#ifndef VT_IO_CODELISTS_H
#define VT_IO_CODELISTS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Each list is NULL-ended, in the order the DfE's guidance gives it.  One
 * list for each code, so a reader and a derived measure's filter can never
 * disagree on what a category or a need is.
 */
extern const char *const vt_codes_abuse[];	/* CP plan category */
extern const char *const vt_codes_need[];	/* primary need, N0-N9 */
extern const char *const vt_codes_source[];	/* referral source */
extern const char *const vt_codes_legal[];	/* looked-after legal status */

/* Whether 'code' is one of 'list's, exactly. */
bool vt_code_listed(const char *code, const char *const *list);

/* 'list' as "NEG, EMO, PHY", cut to fit 'size' (at least 1). */
void vt_codes_text(const char *const *list, char *out, size_t size);

#endif
