-- What clinics track beyond hearings: appointments with ICE, ISAP and USCIS; each period
-- a client spent in custody, with its bond and any alternative to detention; when a
-- filing's USCIS case status was last checked; and retention (a closed client archived,
-- later purged leaving only a tombstone).

-- ICE and ISAP check-ins, biometrics, asylum office and USCIS interviews: a client misses
-- one at the risk of arrest or a referral to court, so each has a time, a place, who goes
-- with the client, and what happened.
CREATE TABLE appointments (
    id             INTEGER PRIMARY KEY,
    matter_id      INTEGER NOT NULL REFERENCES matters (id),
    kind           TEXT NOT NULL,
    starts_at      TEXT NOT NULL,
    place          TEXT,
    accompanied_by TEXT,
    outcome        TEXT,
    outcome_note   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX appointments_matter ON appointments (matter_id);
CREATE INDEX appointments_when ON appointments (starts_at);

-- One row per period in custody; the client's own detention fields stay what the latest
-- period says (the store keeps them in step). Bond in whole dollars. Earlier custody is
-- not copied in: two laptops of one clinic would each make the same period.
CREATE TABLE custody_periods (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    facility      TEXT,
    detained_on   TEXT NOT NULL,
    released_on   TEXT,
    bond_amount   INTEGER CHECK (bond_amount IS NULL OR bond_amount BETWEEN 0 AND 10000000),
    bond_status   TEXT,
    alternative   TEXT,
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (released_on IS NULL OR released_on >= detained_on)
) STRICT;
CREATE INDEX custody_periods_client ON custody_periods (client_id, detained_on);

ALTER TABLE filings ADD COLUMN status_checked_on TEXT;

-- Archived: every matter closed and the client set aside; hidden from lists and search,
-- purged once the clinic's retention period has passed.
ALTER TABLE clients ADD COLUMN archived_at TEXT;

-- Present only inside the transaction that purges a client (like sync_applying), so the
-- append-only guards let that one transaction remove the client's notes and history.
CREATE TABLE purging (id INTEGER PRIMARY KEY) STRICT;
DROP TRIGGER note_versions_no_delete;
CREATE TRIGGER note_versions_no_delete BEFORE DELETE ON note_versions WHEN NOT EXISTS (SELECT 1 FROM purging)
BEGIN SELECT RAISE(ABORT, 'note history cannot be deleted'); END;
DROP TRIGGER audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log WHEN NOT EXISTS (SELECT 1 FROM purging)
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;

-- Uids of purged records: what another laptop still sends about them is not brought back.
CREATE TABLE sync_purged (uid TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

CREATE TRIGGER appointments_sync_insert AFTER INSERT ON appointments WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('appointment', NEW.id); END;
CREATE TRIGGER appointments_sync_update AFTER UPDATE ON appointments WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('appointment', NEW.id); END;
CREATE TRIGGER custody_periods_sync_insert AFTER INSERT ON custody_periods WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('custody_period', NEW.id); END;
CREATE TRIGGER custody_periods_sync_update AFTER UPDATE ON custody_periods WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('custody_period', NEW.id); END;

-- A case opened, reopened or restored for an archived client (in the app, the CLI, an
-- import or from another laptop) brings the client back, so that a purge can never take a
-- live case with it. The purge checks again as well.
CREATE TRIGGER clients_unarchive_on_case AFTER INSERT ON matters
WHEN NEW.status <> 'closed' AND NEW.deleted_at IS NULL
BEGIN
    UPDATE clients SET archived_at = NULL WHERE id = NEW.client_id AND archived_at IS NOT NULL;
END;
CREATE TRIGGER clients_unarchive_on_reopen AFTER UPDATE OF status, deleted_at ON matters
WHEN NEW.status <> 'closed' AND NEW.deleted_at IS NULL
BEGIN
    UPDATE clients SET archived_at = NULL WHERE id = NEW.client_id AND archived_at IS NOT NULL;
END;
