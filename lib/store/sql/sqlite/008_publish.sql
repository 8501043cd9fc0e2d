-- Schema 8: whether published packs include submitted figures not yet
-- approved (marked provisional); off unless the partnership says so.
ALTER TABLE partnership ADD COLUMN publish_submitted INTEGER NOT NULL
	DEFAULT 0 CHECK (publish_submitted IN (0, 1));
