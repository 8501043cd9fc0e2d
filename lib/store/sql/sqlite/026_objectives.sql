-- Schema 26: the objectives a measure or an action serves, each a list of
-- objective codes in the order given.  Numbered 26 to stand apart from
-- its neighbours (migrations need only rise); it asks nothing of 23-25.
CREATE TABLE measure_objective (
	measure TEXT NOT NULL REFERENCES measure (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	objective TEXT NOT NULL REFERENCES objective (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (measure, pos)
) STRICT;

CREATE TABLE action_objective (
	action TEXT NOT NULL REFERENCES action (code)
		DEFERRABLE INITIALLY DEFERRED,
	pos INTEGER NOT NULL,
	objective TEXT NOT NULL REFERENCES objective (code)
		DEFERRABLE INITIALLY DEFERRED,
	PRIMARY KEY (action, pos)
) STRICT;
