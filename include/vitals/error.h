/* Error codes returned by every libvitals call. */
#ifndef VITALS_ERROR_H
#define VITALS_ERROR_H

/*
 * Every library function returns one of these; 0 is success.  Codes are
 * only ever added at the end (before VT_ERR__MAX): scripts and later
 * versions rely on the numbers.
 */
enum vt_err {
	VT_OK = 0,
	VT_ENOMEM,	/* out of memory */
	VT_EINVAL,	/* an argument or input was refused */
	VT_EIO,		/* a file could not be read or written */
	VT_EDB,		/* the database engine reported an error */
	VT_ENOTFOUND,	/* the thing asked for does not exist */
	VT_ECONFLICT,	/* a write would overwrite or lose accepted data */
	VT_ETOOBIG,	/* a size cap was reached */
	VT_ESCHEMA,	/* the database needs 'vitals init' (missing or older) */
	VT_ETEMP,	/* a temporary file could not be written ($TMPDIR) */
	VT_EDENIED,	/* wrong credentials, or a session that is over */
	VT_ETHROTTLED,	/* too many failed sign-ins: wait */
	VT_ERR__MAX
};

/*
 * On every function that returns an enum vt_err: a result dropped on the
 * floor is a refusal or failure nobody hears of, so the compiler says so.
 * (A call whose result truly does not matter keeps it in a variable,
 * and says why it may be dropped.)
 */
#define VT_MUST_USE __attribute__((warn_unused_result))

/* A short lower-case description of 'err'; never NULL, never freed. */
const char *vt_strerror(enum vt_err err);

#endif
