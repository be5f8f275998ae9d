-- Speed at clinic scale (issue 14). The dashboard, the reminder and the volunteers' load
-- read open deadlines of living cases only; knowing that needed two lookups per deadline
-- (its matter, its client), thousands of random page reads on a large vault, each page
-- decrypted again. Each deadline now carries whether its case is living and whose it is,
-- kept by triggers, so those screens count and pick from small partial indexes alone.

ALTER TABLE deadlines ADD COLUMN live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1));
-- The deadline's own volunteer, or its matter's; '' for nobody.
ALTER TABLE deadlines ADD COLUMN volunteer TEXT NOT NULL DEFAULT '';

UPDATE deadlines SET
    live = COALESCE((SELECT m.deleted_at IS NULL AND c.deleted_at IS NULL
                     FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = deadlines.matter_id), 0),
    volunteer = COALESCE(assigned_to, (SELECT assigned_to FROM matters WHERE id = deadlines.matter_id), '');

CREATE TRIGGER deadlines_whose_insert AFTER INSERT ON deadlines
BEGIN
    UPDATE deadlines SET
        live = COALESCE((SELECT m.deleted_at IS NULL AND c.deleted_at IS NULL
                         FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = NEW.matter_id), 0),
        volunteer = COALESCE(NEW.assigned_to, (SELECT assigned_to FROM matters WHERE id = NEW.matter_id), '')
    WHERE id = NEW.id;
END;
CREATE TRIGGER deadlines_whose_update AFTER UPDATE OF matter_id, assigned_to ON deadlines
BEGIN
    UPDATE deadlines SET
        live = COALESCE((SELECT m.deleted_at IS NULL AND c.deleted_at IS NULL
                         FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = NEW.matter_id), 0),
        volunteer = COALESCE(NEW.assigned_to, (SELECT assigned_to FROM matters WHERE id = NEW.matter_id), '')
    WHERE id = NEW.id;
END;
CREATE TRIGGER deadlines_follow_matter AFTER UPDATE OF deleted_at, assigned_to, client_id ON matters
BEGIN
    UPDATE deadlines SET
        live = NEW.deleted_at IS NULL AND COALESCE((SELECT deleted_at IS NULL FROM clients WHERE id = NEW.client_id), 0),
        volunteer = COALESCE(assigned_to, NEW.assigned_to, '')
    WHERE matter_id = NEW.id;
END;
CREATE TRIGGER deadlines_follow_client AFTER UPDATE OF deleted_at ON clients
BEGIN
    UPDATE deadlines SET
        live = NEW.deleted_at IS NULL AND (SELECT deleted_at IS NULL FROM matters WHERE id = deadlines.matter_id)
    WHERE matter_id IN (SELECT id FROM matters WHERE client_id = NEW.id);
END;

-- Open deadlines of living cases by date (the dashboard's groups and counts, the reminder),
-- by rule (the one-year deadline) and by volunteer (the load table).
CREATE INDEX deadlines_open ON deadlines (due_on, id) WHERE status = 'open' AND live = 1;
CREATE INDEX deadlines_open_rule ON deadlines (rule_id, due_on, id) WHERE status = 'open' AND live = 1;
CREATE INDEX deadlines_open_volunteer ON deadlines (volunteer, due_on) WHERE status = 'open' AND live = 1;
-- The calendar reads every deadline in a range of days, whatever its status, and counts
-- each day's from the index alone.
CREATE INDEX deadlines_when ON deadlines (due_on, live);

-- Hearings carry the same mark, for the calendar and the dashboard's fortnight.
ALTER TABLE hearings ADD COLUMN live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1));
UPDATE hearings SET live = COALESCE((SELECT m.deleted_at IS NULL AND c.deleted_at IS NULL
    FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = hearings.matter_id), 0);
CREATE TRIGGER hearings_live_insert AFTER INSERT ON hearings
BEGIN
    UPDATE hearings SET live = COALESCE((SELECT m.deleted_at IS NULL AND c.deleted_at IS NULL
        FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = NEW.matter_id), 0)
    WHERE id = NEW.id;
END;
CREATE TRIGGER hearings_live_update AFTER UPDATE OF matter_id ON hearings
BEGIN
    UPDATE hearings SET live = COALESCE((SELECT m.deleted_at IS NULL AND c.deleted_at IS NULL
        FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = NEW.matter_id), 0)
    WHERE id = NEW.id;
END;
CREATE TRIGGER hearings_follow_matter AFTER UPDATE OF deleted_at, client_id ON matters
BEGIN
    UPDATE hearings SET
        live = NEW.deleted_at IS NULL AND COALESCE((SELECT deleted_at IS NULL FROM clients WHERE id = NEW.client_id), 0)
    WHERE matter_id = NEW.id;
END;
CREATE TRIGGER hearings_follow_client AFTER UPDATE OF deleted_at ON clients
BEGIN
    UPDATE hearings SET
        live = NEW.deleted_at IS NULL AND (SELECT deleted_at IS NULL FROM matters WHERE id = hearings.matter_id)
    WHERE matter_id IN (SELECT id FROM matters WHERE client_id = NEW.id);
END;
CREATE INDEX hearings_when_live ON hearings (starts_at, live);
DROP INDEX hearings_when;

-- A client's matters, in the client page's order.
CREATE INDEX matters_client_opened ON matters (client_id, opened_on DESC, id DESC);
DROP INDEX matters_client;

-- The client list: the current clients (neither deleted nor archived) in name order, from
-- an index that holds only them, so a page and the count read it alone.
CREATE INDEX clients_current ON clients (family_name COLLATE NOCASE, given_name COLLATE NOCASE, id, deleted_at, archived_at)
    WHERE deleted_at IS NULL AND archived_at IS NULL;

-- USCIS receipts to check again, oldest check first, from an index in that order.
CREATE INDEX filings_recheck ON filings (COALESCE(status_checked_on, ''), id)
    WHERE receipt_number IS NOT NULL AND status IN ('filed', 'received', 'rfe');
