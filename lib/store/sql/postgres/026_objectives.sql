-- Schema 26: the objectives a measure or an action serves (PostgreSQL;
-- the same as sql/sqlite/026_objectives.sql).  It asks nothing of 23-25.
CREATE TABLE measure_objective (
	measure text NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	objective text NOT NULL REFERENCES objective (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (measure, pos)
);

CREATE TABLE action_objective (
	action text NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos bigint NOT NULL,
	objective text NOT NULL REFERENCES objective (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (action, pos)
);
