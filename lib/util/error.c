/* Descriptions of the library's error codes. */
#include "vitals/error.h"

/* Indexed by code; kept in the order of enum vt_err. */
static const char *const vt_err_names[VT_ERR__MAX] = {
	[VT_OK] = "success",
	[VT_ENOMEM] = "out of memory",
	[VT_EINVAL] = "invalid argument or input",
	[VT_EIO] = "input/output error",
	[VT_EDB] = "database error",
	[VT_ENOTFOUND] = "not found",
	[VT_ECONFLICT] = "conflicts with accepted data",
	[VT_ETOOBIG] = "size limit reached",
	[VT_ESCHEMA] = "database needs 'vitals init'",
	[VT_ETEMP] = "cannot write a temporary file",
	[VT_EDENIED] = "not signed in",
	[VT_ETHROTTLED] = "too many attempts; try again later",
};

const char *vt_strerror(enum vt_err err)
{
	/* The cast also catches negative values from a bad caller. */
	if ((unsigned)err >= VT_ERR__MAX || !vt_err_names[err])
		return "unknown error";
	return vt_err_names[err];
}
