-- Schema 28: an action's title and owner, and an update's note, may be
-- made up for the demo; they say so, as demo figures do.  Numbered 28 to
-- stand apart from 23 to 27 (migrations need only rise); it asks nothing
-- of them.
ALTER TABLE action ADD COLUMN illustrative INTEGER NOT NULL DEFAULT 0
	CHECK (illustrative IN (0, 1));
ALTER TABLE action_update ADD COLUMN illustrative INTEGER NOT NULL
	DEFAULT 0 CHECK (illustrative IN (0, 1));
