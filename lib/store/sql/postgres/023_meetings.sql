-- Schema 23: what a group is for (its terms of reference and desired
-- outcomes, its quorum and member agencies by role title) and its
-- meetings: the agenda, attendance, decisions and reports received.
-- (PostgreSQL; the same as sql/sqlite/023_meetings.sql.)

ALTER TABLE board_group ADD COLUMN terms text;
ALTER TABLE board_group ADD COLUMN outcomes text;
ALTER TABLE board_group ADD COLUMN quorum bigint NOT NULL DEFAULT 0;

-- A member agency of a group, by the role title it sends.
CREATE TABLE group_member (
	board_group text NOT NULL REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	role text NOT NULL,
	PRIMARY KEY (board_group, pos)
);

-- A meeting of a group on a day; whether it was quorate is worked out.
CREATE TABLE meeting (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ref text NOT NULL UNIQUE,
	board_group text NOT NULL REFERENCES board_group (code)
		DEFERRABLE INITIALLY DEFERRED,
	date text NOT NULL,
	status text NOT NULL CHECK (status IN ('planned', 'held',
		'cancelled'))
);

-- An item of its agenda.
CREATE TABLE meeting_item (
	meeting text NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	text text NOT NULL,
	PRIMARY KEY (meeting, pos)
);

-- How each agency was at it.
CREATE TABLE meeting_attendance (
	meeting text NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	attended text NOT NULL CHECK (attended IN ('present', 'apologies',
		'absent')),
	PRIMARY KEY (meeting, pos)
);

-- What it decided, who owns each decision (a role title), when due and
-- done.
CREATE TABLE meeting_decision (
	meeting text NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	number bigint NOT NULL,
	text text NOT NULL,
	owner text NOT NULL,
	agency text NOT NULL REFERENCES agency (code)
		DEFERRABLE INITIALLY DEFERRED,
	due text,
	done text,
	PRIMARY KEY (meeting, pos)
);

-- A report it received ('return:police/2026Q2', 'audit:REF', 'pack:2026Q2').
CREATE TABLE meeting_report (
	meeting text NOT NULL REFERENCES meeting (ref)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	subject text NOT NULL,
	note text,
	PRIMARY KEY (meeting, pos)
);
