/* Record-level extracts (CIN census, Annex A, SSDA903): their case records, pseudonymised as they are read. */
#ifndef VITALS_EXTRACT_H
#define VITALS_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vitals/diag.h"
#include "vitals/error.h"

/*
 * What an extract is made of, whatever its format: the events of a
 * child's journey through children's social care that the plans'
 * measures count.  A record is one event with its dates; an open one has
 * no end.
 */
enum vt_case_kind {
	VT_CASE_REFERRAL,	/* a referral: an episode of need, opened */
	VT_CASE_ASSESSMENT,	/* a social work assessment */
	VT_CASE_CIN_PLAN,	/* a child in need plan */
	VT_CASE_CP_PLAN,	/* a child protection plan */
	VT_CASE_CLA_EPISODE,	/* an episode of being looked after */
	VT_CASE__MAX
};

/* "referral", "assessment", "cin-plan", "cp-plan", "cla-episode". */
extern const char *const vt_case_kind_names[VT_CASE__MAX];

enum vt_extract_format {
	VT_EXTRACT_CIN,		/* the DfE's CIN census XML */
	VT_EXTRACT_ANNEX_A,	/* Ofsted's Annex A workbook (lists 1-11) */
	VT_EXTRACT_SSDA903,	/* the DfE's looked-after return, as CSVs */
	VT_EXTRACT__MAX
};

/* "cin", "annex-a", "ssda903". */
extern const char *const vt_extract_format_names[VT_EXTRACT__MAX];

/* A format's name as people know it ("CIN census", "Annex A",
   "SSDA903"), from its name in files; the name itself when unknown. */
const char *vt_extract_format_words(const char *name);

/* A child's keyed hash in hex: never the identifier itself. */
#define VT_CHILD_HASH_HEX 64
#define VT_CASE_CODE_MAX 8	/* "NEG", "N1", "RC8", "1A", "E11" */

/*
 * One case record as it is kept: nothing in it names or identifies a
 * child.  Dates are ISO (YYYY-MM-DD); "" when absent ('end' of an open
 * record).  The codes are as the format publishes them, checked against
 * its code lists; "" when the record has none.
 */
struct vt_case_record {
	enum vt_case_kind kind;
	char child[VT_CHILD_HASH_HEX + 1];
	char birth_month[8];	/* "YYYY-MM": the date of birth goes no
				   further; "" when unknown */
	char start[11];
	char end[11];
	/* A CP plan: its latest category of abuse (NEG, EMO, PHY, SAB,
	   MUL); a referral or a CIN plan: the episode's primary need code
	   (N1-N9); a CLA episode: its legal status (C1, C2, ...). */
	char category[VT_CASE_CODE_MAX];
	/* A CP plan: its initial category of abuse; else "". */
	char initial_category[VT_CASE_CODE_MAX];
	/* A referral: its source (1A-10); a CLA episode: its reason for
	   new episode (S, L, P, T, U, B); else "". */
	char source[VT_CASE_CODE_MAX];
	/* A referral: its reason for closure (RC1-RC8); a CLA episode: its
	   reason for ceasing (E11, E12, ...); else "". */
	char reason[VT_CASE_CODE_MAX];
	bool no_further_action;	/* a referral closed with no further
				   action (ReferralNFA) */
	/* Where it was read, for messages only (never kept): the file and
	   its line (XML, CSV) or sheet and row (Annex A). */
	const char *source_name;
	long line;
};

/*
 * The partnership's key for the children's hashes, kept outside the
 * database (a file of mode 0600, or the environment): the same child
 * has the same hash in every extract read with the same key, and no
 * hash can be turned back into the identifier without it.
 */
#define VT_PSEUDO_KEY_BYTES 32

struct vt_pseudo_key {
	unsigned char bytes[VT_PSEUDO_KEY_BYTES];
};

/*
 * The keyed hash (libsodium's generic hash, BLAKE2b, keyed) of a child's
 * identifier as 64 hex digits into 'out'.  The identifier is taken as
 * written, its surrounding blanks left out and letters made upper case
 * (a UPN is upper case by definition; a LA child ID is compared as the
 * authority writes it).  VT_EINVAL for an empty identifier.
 */
VT_MUST_USE
enum vt_err vt_pseudo_child(const struct vt_pseudo_key *key, const char *id,
			    char out[VT_CHILD_HASH_HEX + 1]);

/* "YYYY-MM" of an ISO date of birth into 'out'; VT_EINVAL when 'date'
   is not a date. */
VT_MUST_USE
enum vt_err vt_pseudo_birth_month(const char *date, char out[8]);

/*
 * What an extract says of itself, filled in by its reader where the
 * format holds it (the CIN census header's reference date and LA; an
 * SSDA903 return's collection year) and otherwise left as the caller
 * set it (an Annex A workbook has no header: the caller gives its
 * as-at date).  'from' and 'to' are the period the extract covers.
 */
struct vt_extract_meta {
	enum vt_extract_format format;
	char as_at[11];		/* the day the extract was taken */
	char from[11];		/* the period it covers: first day ... */
	char to[11];		/* ... last day */
	char la[8];		/* the local authority's code, "" unknown */
};

/*
 * Each record read is given to the sink as soon as it is read (the
 * reader keeps nothing, so memory stays flat in the file's size); a
 * sink's error stops the reading and is returned.
 */
typedef enum vt_err (*vt_case_sink)(void *arg,
				    const struct vt_case_record *record);

/*
 * The readers.  Every problem goes into 'diags' with its place
 * ("cin.xml:1234: ...", "annex_a.xlsx:List 7!D12: ...", "episodes.csv:
 * 17: ..."), and reading goes on to find the others; records are still
 * given to the sink, so a caller writing them must keep them only when
 * diags->errors is 0 (all or nothing).  VT_OK when the file was read to
 * its end (with or without problems in 'diags'); another error when it
 * could not be (not the format, unreadable, a sink's error), with the
 * problem in 'diags' too.  Identifiers are hashed with 'key' before a
 * record is made; names, addresses and postcodes are never read into a
 * record.
 */
VT_MUST_USE
enum vt_err vt_cin_read(FILE *f, const char *source_name,
			const struct vt_pseudo_key *key,
			struct vt_extract_meta *meta, vt_case_sink sink,
			void *arg, struct vt_diagq *diags);

VT_MUST_USE
enum vt_err vt_annex_a_read(const char *path,
			    const struct vt_pseudo_key *key,
			    struct vt_extract_meta *meta, vt_case_sink sink,
			    void *arg, struct vt_diagq *diags);

/* An SSDA903 return is several CSV files, each known by its header row
   (header, episodes, reviews, missing, OC2, OC3, ...): all are read
   together, so that an episode is checked against its child's header. */
VT_MUST_USE
enum vt_err vt_ssda903_read(const char *const *paths, size_t npaths,
			    const struct vt_pseudo_key *key,
			    struct vt_extract_meta *meta, vt_case_sink sink,
			    void *arg, struct vt_diagq *diags);

#endif
