-- Deadlines computed by a rule keep what the engine said: the explanation, the rule
-- table's version, whether service was by mail, and, when the user chose another date,
-- the computed date and the reason for the change.
ALTER TABLE deadlines ADD COLUMN served_by_mail INTEGER NOT NULL DEFAULT 0 CHECK (served_by_mail IN (0, 1));
ALTER TABLE deadlines ADD COLUMN explanation TEXT;
ALTER TABLE deadlines ADD COLUMN rule_version TEXT;
ALTER TABLE deadlines ADD COLUMN computed_due_on TEXT;
ALTER TABLE deadlines ADD COLUMN override_reason TEXT;
CREATE INDEX deadlines_rule_trigger ON deadlines (matter_id, rule_id, trigger_on);
