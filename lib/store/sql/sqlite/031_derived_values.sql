-- Schema 31: a figure computed from extracts says so: the snapshots it
-- was counted from (their ids and hashes) and the version of its
-- measure's "derive", e.g. "extract 3 sha256:5f2c9a1b0d3e; derive
-- sha256:1a2b3c4d5e6f".  NULL for a figure returned or typed.
ALTER TABLE measure_value ADD COLUMN derived TEXT;
