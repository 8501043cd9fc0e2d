-- Schema 14: a return an analyst opened before its period ended: who,
-- when and why.  Numbered 14, not 13: migrations need only rise.
ALTER TABLE agency_return ADD COLUMN opened_early_by text;
ALTER TABLE agency_return ADD COLUMN opened_early_at text;
ALTER TABLE agency_return ADD COLUMN opened_early_reason text;
