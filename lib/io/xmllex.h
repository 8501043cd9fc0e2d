/* Where the last unfinished piece of XML markup began, so expat is fed whole markup only (internal). */
#ifndef VT_IO_XMLLEX_H
#define VT_IO_XMLLEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Expat before 2.6 scans an unfinished token again from its start each
 * time more input comes, so one huge tag or comment fed in chunks costs
 * time quadratic in its size.  A streaming reader therefore hands expat
 * only whole markup: this lexer finds where the last unfinished token
 * began, and the bytes from there wait for the next chunk.  It need not
 * judge XML as expat does: a mistake costs only time, never a wrong
 * parse.  The .xlsx and CIN census readers share it.
 */
enum vt_xml_lex_state {
	VT_LX_TEXT,
	VT_LX_REF,		/* &name; */
	VT_LX_LT,		/* just after '<' */
	VT_LX_TAG,		/* <name ...> or </name> */
	VT_LX_TAG_DQ,		/* in a "value" */
	VT_LX_TAG_SQ,		/* in a 'value' */
	VT_LX_BANG,		/* <! */
	VT_LX_BANG_DASH,	/* <!- */
	VT_LX_DECL,		/* <!DOCTYPE ...> and the like */
	VT_LX_COMMENT,		/* <!-- ... --> */
	VT_LX_CDATA,		/* <![CDATA[ ... ]]> */
	VT_LX_PI,		/* <? ... ?> */
};

struct vt_xml_lexer {
	enum vt_xml_lex_state st;	/* VT_LX_TEXT to begin with */
	int run;	/* '-', ']' or '?' just seen, for the closers */
};

#define VT_LX_NONE SIZE_MAX

/*
 * Lexes 'n' new bytes that sit at offset 'base' of the held input;
 * '*tok' is the offset where the unfinished token began, or VT_LX_NONE.
 */
void vt_xml_lex(struct vt_xml_lexer *lx, const char *p, size_t n,
		size_t base, size_t *tok);

#endif
