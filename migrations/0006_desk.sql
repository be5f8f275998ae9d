-- The coordinator's desk: review and sign-off of filings, the preparer an I-589 must
-- name, and the cases given to this vault's member since they last looked.

-- Review travels with the filing like its other fields. Who asked and who decided are
-- member ids of the clinic roster (the app shows their names).
ALTER TABLE filings ADD COLUMN review_status TEXT NOT NULL DEFAULT 'none'
    CHECK (review_status IN ('none', 'requested', 'changes_requested', 'approved'));
ALTER TABLE filings ADD COLUMN review_requested_by TEXT;
ALTER TABLE filings ADD COLUMN review_requested_at TEXT;
ALTER TABLE filings ADD COLUMN reviewed_by TEXT;
ALTER TABLE filings ADD COLUMN reviewed_at TEXT;
ALTER TABLE filings ADD COLUMN review_comment TEXT;
-- 8 CFR 208.3(c)(2): whoever helped prepare an I-589 signs it as preparer.
ALTER TABLE filings ADD COLUMN preparer TEXT;
CREATE INDEX filings_review ON filings (review_status) WHERE review_status <> 'none';

-- Cases a coordinator gave this vault's member, until they open or dismiss them.
CREATE TABLE sync_new_to_me (
    matter_uid  TEXT PRIMARY KEY,
    assigned_at TEXT NOT NULL,
    seen_at     TEXT
) STRICT;

-- When each member's laptop was last heard from (the board and the calendar's flags).
CREATE INDEX sync_seen_device ON sync_seen (device, at);

-- Who holds each case now (its primary volunteer): the roster's assignment, else the
-- volunteer who opened it, with the local matter once it is here. Kept beside the roster
-- so the board, the clinic calendar and the court-day list join it by the matter's own id
-- (and sum per member in index order) instead of loading every ownership row.
CREATE TABLE sync_case_holder (
    matter_uid TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL,
    matter_id  INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_case_holder_member ON sync_case_holder (member_id, matter_id);
CREATE INDEX sync_case_holder_matter ON sync_case_holder (matter_id);
INSERT OR REPLACE INTO sync_case_holder (matter_uid, member_id) SELECT matter_uid, member_id FROM sync_case_owner;
INSERT OR REPLACE INTO sync_case_holder (matter_uid, member_id)
    SELECT j.key, j.value FROM clinic_self, json_each(clinic_self.roster, '$.assignments') AS j
    WHERE clinic_self.roster IS NOT NULL;
UPDATE sync_case_holder
    SET matter_id = (SELECT local_id FROM sync_ids WHERE entity = 'matter' AND uid = sync_case_holder.matter_uid);
CREATE TRIGGER sync_case_owner_holds AFTER INSERT ON sync_case_owner
BEGIN
    INSERT OR IGNORE INTO sync_case_holder (matter_uid, member_id, matter_id)
    VALUES (NEW.matter_uid, NEW.member_id,
            (SELECT local_id FROM sync_ids WHERE entity = 'matter' AND uid = NEW.matter_uid));
END;
-- A case assigned before its records arrived finds its local matter when they do.
CREATE TRIGGER sync_ids_holds AFTER INSERT ON sync_ids WHEN NEW.entity = 'matter'
BEGIN
    UPDATE sync_case_holder SET matter_id = NEW.local_id WHERE matter_uid = NEW.uid;
END;

-- One row per matter for the coordinator's board, kept current by triggers: who holds it
-- ('' for no one), whether it counts as open (open, and neither it nor its client
-- deleted), and the day of its last activity. The board then counts index ranges instead
-- of visiting every matter, its client and its children.
CREATE TABLE desk_matters (
    matter_id INTEGER PRIMARY KEY,
    member_id TEXT NOT NULL DEFAULT '',
    open      INTEGER NOT NULL,
    active    TEXT NOT NULL
) STRICT;
CREATE INDEX desk_matters_board ON desk_matters (member_id, open, active);
INSERT INTO desk_matters (matter_id, member_id, open, active)
SELECT m.id, COALESCE(ho.member_id, ''),
       m.status = 'open' AND m.deleted_at IS NULL AND c.deleted_at IS NULL,
       substr(max(m.updated_at,
                  COALESCE((SELECT max(updated_at) FROM hearings WHERE matter_id = m.id), ''),
                  COALESCE((SELECT max(updated_at) FROM deadlines WHERE matter_id = m.id), ''),
                  COALESCE((SELECT max(updated_at) FROM filings WHERE matter_id = m.id), ''),
                  COALESCE((SELECT max(v.written_at) FROM notes n JOIN note_versions v ON v.note_id = n.id
                            WHERE n.matter_id = m.id), '')), 1, 10)
FROM matters m JOIN clients c ON c.id = m.client_id
LEFT JOIN sync_case_holder ho ON ho.matter_id = m.id;

CREATE TRIGGER desk_matters_insert AFTER INSERT ON matters
BEGIN
    INSERT OR REPLACE INTO desk_matters (matter_id, member_id, open, active)
    VALUES (NEW.id, COALESCE((SELECT member_id FROM sync_case_holder WHERE matter_id = NEW.id), ''),
            NEW.status = 'open' AND NEW.deleted_at IS NULL
              AND (SELECT deleted_at IS NULL FROM clients WHERE id = NEW.client_id),
            substr(NEW.updated_at, 1, 10));
END;
CREATE TRIGGER desk_matters_update AFTER UPDATE ON matters
BEGIN
    UPDATE desk_matters
    SET open = NEW.status = 'open' AND NEW.deleted_at IS NULL
               AND (SELECT deleted_at IS NULL FROM clients WHERE id = NEW.client_id),
        active = max(active, substr(NEW.updated_at, 1, 10))
    WHERE matter_id = NEW.id;
END;
CREATE TRIGGER desk_matters_client AFTER UPDATE OF deleted_at ON clients
BEGIN
    UPDATE desk_matters
    SET open = (SELECT m.status = 'open' AND m.deleted_at IS NULL AND NEW.deleted_at IS NULL
                FROM matters m WHERE m.id = desk_matters.matter_id)
    WHERE matter_id IN (SELECT id FROM matters WHERE client_id = NEW.id);
END;
CREATE TRIGGER desk_holder_insert AFTER INSERT ON sync_case_holder WHEN NEW.matter_id IS NOT NULL
BEGIN
    UPDATE desk_matters SET member_id = NEW.member_id WHERE matter_id = NEW.matter_id;
END;
CREATE TRIGGER desk_holder_update AFTER UPDATE ON sync_case_holder WHEN NEW.matter_id IS NOT NULL
BEGIN
    UPDATE desk_matters SET member_id = NEW.member_id WHERE matter_id = NEW.matter_id;
END;
CREATE TRIGGER desk_holder_delete AFTER DELETE ON sync_case_holder WHEN OLD.matter_id IS NOT NULL
BEGIN
    UPDATE desk_matters SET member_id = '' WHERE matter_id = OLD.matter_id;
END;
CREATE TRIGGER desk_active_hearing_insert AFTER INSERT ON hearings
BEGIN UPDATE desk_matters SET active = max(active, substr(NEW.updated_at, 1, 10)) WHERE matter_id = NEW.matter_id; END;
CREATE TRIGGER desk_active_hearing_update AFTER UPDATE ON hearings
BEGIN UPDATE desk_matters SET active = max(active, substr(NEW.updated_at, 1, 10)) WHERE matter_id = NEW.matter_id; END;
CREATE TRIGGER desk_active_deadline_insert AFTER INSERT ON deadlines
BEGIN UPDATE desk_matters SET active = max(active, substr(NEW.updated_at, 1, 10)) WHERE matter_id = NEW.matter_id; END;
CREATE TRIGGER desk_active_deadline_update AFTER UPDATE ON deadlines
BEGIN UPDATE desk_matters SET active = max(active, substr(NEW.updated_at, 1, 10)) WHERE matter_id = NEW.matter_id; END;
CREATE TRIGGER desk_active_filing_insert AFTER INSERT ON filings
BEGIN UPDATE desk_matters SET active = max(active, substr(NEW.updated_at, 1, 10)) WHERE matter_id = NEW.matter_id; END;
CREATE TRIGGER desk_active_filing_update AFTER UPDATE ON filings
BEGIN UPDATE desk_matters SET active = max(active, substr(NEW.updated_at, 1, 10)) WHERE matter_id = NEW.matter_id; END;
CREATE TRIGGER desk_active_note AFTER INSERT ON note_versions
BEGIN
    UPDATE desk_matters SET active = max(active, substr(NEW.written_at, 1, 10))
    WHERE matter_id = (SELECT matter_id FROM notes WHERE id = NEW.note_id);
END;
