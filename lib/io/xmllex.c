/* Where the last unfinished piece of XML markup began (see xmllex.h). */
#include "io/xmllex.h"

#include <stdbool.h>

void vt_xml_lex(struct vt_xml_lexer *lx, const char *p, size_t n,
		size_t base, size_t *tok)
{
	bool done;
	size_t i;
	char ch;

	for (i = 0; i < n; i++) {
		ch = p[i];
		done = false;
		switch (lx->st) {
		case VT_LX_TEXT:
			if (ch == '<' || ch == '&') {
				lx->st = ch == '<' ? VT_LX_LT : VT_LX_REF;
				*tok = base + i;
			}
			break;
		case VT_LX_REF:
			done = ch == ';';
			break;
		case VT_LX_LT:
			lx->run = 0;
			if (ch == '!') {
				lx->st = VT_LX_BANG;
			} else if (ch == '?') {
				lx->st = VT_LX_PI;
			} else {
				lx->st = VT_LX_TAG;
				done = ch == '>';
				if (ch == '"')
					lx->st = VT_LX_TAG_DQ;
				else if (ch == '\'')
					lx->st = VT_LX_TAG_SQ;
			}
			break;
		case VT_LX_TAG:
			if (ch == '"')
				lx->st = VT_LX_TAG_DQ;
			else if (ch == '\'')
				lx->st = VT_LX_TAG_SQ;
			done = ch == '>';
			break;
		case VT_LX_TAG_DQ:
			if (ch == '"')
				lx->st = VT_LX_TAG;
			break;
		case VT_LX_TAG_SQ:
			if (ch == '\'')
				lx->st = VT_LX_TAG;
			break;
		case VT_LX_BANG:
			lx->st = ch == '-' ? VT_LX_BANG_DASH
			       : ch == '[' ? VT_LX_CDATA : VT_LX_DECL;
			done = ch == '>';
			break;
		case VT_LX_BANG_DASH:
			lx->st = ch == '-' ? VT_LX_COMMENT : VT_LX_DECL;
			done = ch == '>';
			break;
		case VT_LX_DECL:
			done = ch == '>';
			break;
		case VT_LX_COMMENT:
		case VT_LX_CDATA:
			if (ch == (lx->st == VT_LX_COMMENT ? '-' : ']'))
				lx->run++;
			else if (ch == '>' && lx->run >= 2)
				done = true;
			else
				lx->run = 0;
			break;
		case VT_LX_PI:
			done = ch == '>' && lx->run;
			lx->run = ch == '?';
			break;
		}
		if (done) {
			lx->st = VT_LX_TEXT;
			*tok = VT_LX_NONE;
		}
	}
}
