-- Schema 27: the annual report's sections in the business manager's words,
-- each save a new version, never overwritten (SQLite).  Numbered 27 to
-- stand apart from 23 to 26 (migrations need only rise); it asks nothing
-- of them.

CREATE TABLE narrative (
	id INTEGER PRIMARY KEY,
	year TEXT NOT NULL,
	section TEXT NOT NULL CHECK (section IN ('foreword', 'summary',
		'arrangements', 'plans', 'impact', 'reviews', 'audits',
		'escalations', 'scrutiny', 'training', 'funding', 'next-year')),
	version INTEGER NOT NULL CHECK (version >= 1),
	text TEXT NOT NULL,
	by TEXT,
	at TEXT,
	UNIQUE (year, section, version)
) STRICT;
