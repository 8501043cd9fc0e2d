/* An item of the scrutiny plan in its JSON form. */
#include "vitals/scrutiny.h"

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *vt_scrutiny_json(const struct vt_scrutiny *sc)
{
	json_t *fs = json_array();
	size_t i;

	for (i = 0; fs && i < sc->nfindings; i++) {
		const struct vt_scrutiny_finding *f = &sc->findings[i];

		if (json_array_append_new(fs, json_pack("{s:s, s:s, s:o, s:o}",
				"text", f->text,
				"becomes", vt_finding_becomes_names[f->becomes],
				"challenge", text_or_null(f->challenge),
				"action", text_or_null(f->action)))) {
			json_decref(fs);
			return NULL;
		}
	}
	if (!fs)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}",
			 "ref", sc->ref, "year", sc->year, "theme", sc->theme,
			 "method", vt_scrutiny_method_names[sc->method],
			 "planned", sc->planned,
			 "status", vt_scrutiny_status_names[sc->status],
			 "reported", text_or_null(sc->reported),
			 "summary", text_or_null(sc->summary),
			 "findings", fs);
}

bool vt_scrutiny_visible_to(int role)
{
	return role >= 0 && role < VT_ROLE__MAX && role != VT_ROLE_VIEWER;
}

bool vt_scrutiny_may_change(int role)
{
	return role == VT_ROLE_SCRUTINEER || role == VT_ROLE_ADMIN;
}
