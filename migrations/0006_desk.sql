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
