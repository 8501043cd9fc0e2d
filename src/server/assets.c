/* Files the pages load, compiled into the binary: the stylesheet. */
#include "server/server.h"

/* tools/vitals.scss as sass built it (asset_css.c, made by CMake). */
extern const unsigned char vt_asset_css[];
extern const size_t vt_asset_css_len;

unsigned page_asset_css(struct req *r)
{
	/* Raw bytes, not through r->html: CSS is not text to escape. */
	if (fwrite(vt_asset_css, 1, vt_asset_css_len, r->page) !=
	    vt_asset_css_len)
		return 500;
	r->content_type = "text/css; charset=utf-8";
	/* The same in every copy of this binary, and fetched by every
	   page: a day's cache spares a request per page. */
	r->cache_control = "public, max-age=86400";
	return 200;
}
