-- Schema 23: what a group is for (its terms of reference and desired
-- outcomes, its quorum and member agencies by role title) and its
-- meetings: the agenda, attendance, decisions and reports received.

ALTER TABLE board_group ADD COLUMN terms TEXT;
ALTER TABLE board_group ADD COLUMN outcomes TEXT;
ALTER TABLE board_group ADD COLUMN quorum INTEGER NOT NULL DEFAULT 0;

-- A member agency of a group, by the role title it sends.
CREATE TABLE group_member (
	board_group TEXT NOT NULL REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	role TEXT NOT NULL,
	PRIMARY KEY (board_group, pos)
) STRICT;

-- A meeting of a group on a day; whether it was quorate is worked out.
CREATE TABLE meeting (
	id INTEGER PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	board_group TEXT NOT NULL REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED,
	date TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('planned', 'held',
		'cancelled'))
) STRICT;

-- An item of its agenda.
CREATE TABLE meeting_item (
	meeting TEXT NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (meeting, pos)
) STRICT;

-- How each agency was at it.
CREATE TABLE meeting_attendance (
	meeting TEXT NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	attended TEXT NOT NULL CHECK (attended IN ('present', 'apologies',
		'absent')),
	PRIMARY KEY (meeting, pos)
) STRICT;

-- What it decided, who owns each decision (a role title), when due and
-- done.
CREATE TABLE meeting_decision (
	meeting TEXT NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	number INTEGER NOT NULL,
	text TEXT NOT NULL,
	owner TEXT NOT NULL,
	agency TEXT NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	due TEXT,
	done TEXT,
	PRIMARY KEY (meeting, pos)
) STRICT;

-- A report it received ('return:police/2026Q2', 'audit:REF', 'pack:2026Q2').
CREATE TABLE meeting_report (
	meeting TEXT NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	subject TEXT NOT NULL,
	note TEXT,
	PRIMARY KEY (meeting, pos)
) STRICT;
