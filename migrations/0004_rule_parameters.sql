-- What a rule needed besides its trigger, so that a deadline can be computed again when
-- its trigger moves: the days an order set (voluntary departure), whether it was granted
-- before the conclusion of proceedings, and whether the forum is in the Washington area
-- (where Inauguration Day is an optional closure).
ALTER TABLE deadlines ADD COLUMN rule_days INTEGER CHECK (rule_days IS NULL OR rule_days > 0);
ALTER TABLE deadlines ADD COLUMN before_conclusion INTEGER NOT NULL DEFAULT 0 CHECK (before_conclusion IN (0, 1));
ALTER TABLE deadlines ADD COLUMN washington_area INTEGER NOT NULL DEFAULT 0 CHECK (washington_area IN (0, 1));
