-- The clinic exchange (docs/CLINIC.md). Everything here stays inside the encrypted vault:
-- this device's secret keys, the roster it trusts, the history of every synced field.

-- This vault's membership: at most one clinic. The secret keys never leave this table
-- except inside an encrypted backup of the whole vault.
CREATE TABLE clinic_self (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    clinic_id     TEXT NOT NULL,
    clinic_name   TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    member_name   TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    signing_key   TEXT NOT NULL,
    age_identity  TEXT NOT NULL,
    -- The coordinator key pinned from the invitation (our own for the clinic's creator):
    -- the first roster must be signed by it.
    pinned_key    TEXT NOT NULL,
    -- The inviting coordinator's public keys, to show the pairing words again until admitted.
    inviter       TEXT,
    -- A volunteer's join request, kept until the roster admits them.
    joined        INTEGER NOT NULL DEFAULT 0 CHECK (joined IN (0, 1)),
    roster        TEXT,
    roster_seq    INTEGER NOT NULL DEFAULT 0,
    roster_published INTEGER NOT NULL DEFAULT 0,
    next_seq      INTEGER NOT NULL DEFAULT 1,
    last_hash     TEXT,
    hlc           INTEGER NOT NULL DEFAULT 0,
    remote        TEXT,
    -- S3 credentials, when the user gave them in the app (the CLI reads AWS_* instead).
    remote_key_id TEXT,
    remote_secret TEXT,
    last_sync     TEXT,
    last_report   TEXT
) STRICT;

-- A UUIDv7 beside each synced record's local id: bundles name records only by uid.
CREATE TABLE sync_ids (
    entity   TEXT NOT NULL,
    local_id INTEGER NOT NULL,
    uid      TEXT NOT NULL UNIQUE,
    PRIMARY KEY (entity, local_id)
) STRICT, WITHOUT ROWID;

-- Who made each synced record (as its first bundle here said, or this vault): a volunteer
-- may change a record that belongs to no case only if they made it.
CREATE TABLE sync_creators (
    uid    TEXT PRIMARY KEY,
    member TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Rows written locally since the last sync (set by the triggers below).
CREATE TABLE sync_dirty (
    entity   TEXT NOT NULL,
    local_id INTEGER NOT NULL,
    PRIMARY KEY (entity, local_id)
) STRICT, WITHOUT ROWID;

-- Present only inside the transaction that applies a bundle, so the triggers do not mark
-- what arrived as a local change. Other connections never see the row (it is not committed).
CREATE TABLE sync_applying (id INTEGER PRIMARY KEY) STRICT;

-- The value of each synced field as last written or received, to tell local changes apart.
CREATE TABLE sync_fields (
    uid   TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (uid, field)
) STRICT, WITHOUT ROWID;

-- Every field operation this vault wrote or received: the merge is a function of this set.
-- parents: the versions ("hlc.device") this write replaced.
CREATE TABLE sync_ops (
    uid     TEXT NOT NULL,
    field   TEXT NOT NULL,
    hlc     INTEGER NOT NULL,
    device  TEXT NOT NULL,
    entity  TEXT NOT NULL,
    value   TEXT NOT NULL,
    parents TEXT NOT NULL DEFAULT '[]',
    member  TEXT NOT NULL,
    -- 0 for this vault's own operations not yet put in a bundle.
    sent    INTEGER NOT NULL DEFAULT 1 CHECK (sent IN (0, 1)),
    PRIMARY KEY (uid, field, hlc, device)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_ops_unsent ON sync_ops (sent) WHERE sent = 0;

-- Bundles sealed and numbered but not yet written to the remote (the remote was away).
CREATE TABLE sync_outbox (
    name  TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
) STRICT;

-- Each remote object this vault has looked at, by name: applied, not for this device, or
-- refused (with the reason). A bundle is applied at most once.
CREATE TABLE sync_seen (
    name   TEXT PRIMARY KEY,
    device TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    hash   TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('applied', 'not_for_me', 'refused', 'own')),
    detail TEXT,
    at     TEXT NOT NULL
) STRICT;

-- Concurrent writes to a field that a person must settle (derived from sync_ops).
CREATE TABLE sync_conflicts (
    uid      TEXT NOT NULL,
    field    TEXT NOT NULL,
    entity   TEXT NOT NULL,
    versions TEXT NOT NULL,
    PRIMARY KEY (uid, field)
) STRICT;

-- Possible duplicates and records kept against a delete: shown until dismissed.
CREATE TABLE sync_alerts (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    detail       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    dismissed_at TEXT,
    UNIQUE (kind, key)
) STRICT;

-- Who a case belongs to when the roster has not assigned it (its creator), and every
-- member a case was ever assigned to (a volunteer may still send edits made before a
-- hand-off).
CREATE TABLE sync_case_members (
    matter_uid TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    PRIMARY KEY (matter_uid, member_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_case_owner (
    matter_uid TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL
) STRICT;

-- Cases whose whole history goes to a newly assigned volunteer at the next sync.
CREATE TABLE sync_transfers (
    matter_uid TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    PRIMARY KEY (matter_uid, member_id)
) STRICT;

-- A write marks its row for the next sync, whichever path made it (app, CLI, import), but
-- only once this vault belongs to a clinic, and not while a bundle is being applied.
CREATE TRIGGER clients_sync_insert AFTER INSERT ON clients WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('client', NEW.id); END;
CREATE TRIGGER clients_sync_update AFTER UPDATE ON clients WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('client', NEW.id); END;
CREATE TRIGGER matters_sync_insert AFTER INSERT ON matters WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('matter', NEW.id); END;
CREATE TRIGGER matters_sync_update AFTER UPDATE ON matters WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('matter', NEW.id); END;
CREATE TRIGGER hearings_sync_insert AFTER INSERT ON hearings WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('hearing', NEW.id); END;
CREATE TRIGGER hearings_sync_update AFTER UPDATE ON hearings WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('hearing', NEW.id); END;
CREATE TRIGGER deadlines_sync_insert AFTER INSERT ON deadlines WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('deadline', NEW.id); END;
CREATE TRIGGER deadlines_sync_update AFTER UPDATE ON deadlines WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('deadline', NEW.id); END;
CREATE TRIGGER filings_sync_insert AFTER INSERT ON filings WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('filing', NEW.id); END;
CREATE TRIGGER filings_sync_update AFTER UPDATE ON filings WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('filing', NEW.id); END;
CREATE TRIGGER notes_sync_insert AFTER INSERT ON notes WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('note', NEW.id); END;
CREATE TRIGGER notes_sync_update AFTER UPDATE ON notes WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('note', NEW.id); END;
CREATE TRIGGER note_versions_sync_insert AFTER INSERT ON note_versions WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('note_version', NEW.id); END;
CREATE TRIGGER audit_log_sync_insert AFTER INSERT ON audit_log WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('audit', NEW.id); END;
CREATE TRIGGER client_aliases_sync_insert AFTER INSERT ON client_aliases WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('client', NEW.client_id); END;
CREATE TRIGGER client_aliases_sync_delete AFTER DELETE ON client_aliases WHEN EXISTS (SELECT 1 FROM clinic_self) AND NOT EXISTS (SELECT 1 FROM sync_applying)
BEGIN INSERT OR IGNORE INTO sync_dirty (entity, local_id) VALUES ('client', OLD.client_id); END;
