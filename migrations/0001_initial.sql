-- Amparo vault schema, version 1. Dates are ISO 8601 text (YYYY-MM-DD); timestamps are
-- RFC 3339 UTC text. Soft delete (deleted_at) for clients and matters: nothing is lost
-- by one mis-click.

CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE clients (
    id                 INTEGER PRIMARY KEY,
    given_name         TEXT NOT NULL,
    family_name        TEXT NOT NULL,
    date_of_birth      TEXT,
    nationality        TEXT,
    languages          TEXT NOT NULL DEFAULT '[]',
    interpreter_needed INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),
    a_number           TEXT CHECK (a_number IS NULL OR (length(a_number) = 9 AND a_number NOT GLOB '*[^0-9]*')),
    no_a_number        INTEGER NOT NULL DEFAULT 0 CHECK (no_a_number IN (0, 1)),
    phone              TEXT,
    email              TEXT,
    address            TEXT,
    detention_status   TEXT NOT NULL DEFAULT 'not_detained',
    detention_facility TEXT,
    detained_since     TEXT,
    released_on        TEXT,
    last_arrival       TEXT,
    manner_of_entry    TEXT,
    principal_id       INTEGER REFERENCES clients (id),
    relationship       TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
) STRICT;
-- One living client per A-number; a deleted one does not block re-entry.
CREATE UNIQUE INDEX clients_a_number ON clients (a_number) WHERE a_number IS NOT NULL AND deleted_at IS NULL;
-- The client list's order, so a page is read from the index instead of sorting everyone.
CREATE INDEX clients_names ON clients (family_name COLLATE NOCASE, given_name COLLATE NOCASE, id);
CREATE INDEX clients_principal ON clients (principal_id);

CREATE TABLE client_aliases (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients (id),
    name      TEXT NOT NULL
) STRICT;
CREATE INDEX client_aliases_client ON client_aliases (client_id);

CREATE TABLE matters (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    kind        TEXT NOT NULL,
    forum       TEXT NOT NULL,
    court_name  TEXT,
    judge       TEXT,
    status      TEXT NOT NULL DEFAULT 'open',
    stage       TEXT,
    assigned_to TEXT,
    opened_on   TEXT NOT NULL,
    closed_on   TEXT,
    outcome     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX matters_client ON matters (client_id);

CREATE TABLE hearings (
    id         INTEGER PRIMARY KEY,
    matter_id  INTEGER NOT NULL REFERENCES matters (id),
    kind       TEXT NOT NULL,
    starts_at  TEXT NOT NULL,
    court      TEXT,
    judge      TEXT,
    detained   INTEGER NOT NULL DEFAULT 0 CHECK (detained IN (0, 1)),
    attendance TEXT NOT NULL DEFAULT 'in_person',
    outcome    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX hearings_matter ON hearings (matter_id);
CREATE INDEX hearings_when ON hearings (starts_at);

CREATE TABLE deadlines (
    id            INTEGER PRIMARY KEY,
    matter_id     INTEGER NOT NULL REFERENCES matters (id),
    title         TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    rule_id       TEXT,
    trigger_on    TEXT,
    manual_reason TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'waived')),
    done_on       TEXT,
    waived_reason TEXT,
    assigned_to   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- Every deadline says where its date comes from.
    CHECK ((rule_id IS NOT NULL AND trigger_on IS NOT NULL) OR manual_reason IS NOT NULL),
    CHECK (status <> 'done' OR done_on IS NOT NULL),
    CHECK (status <> 'waived' OR waived_reason IS NOT NULL)
) STRICT;
CREATE INDEX deadlines_due ON deadlines (status, due_on);
CREATE INDEX deadlines_matter ON deadlines (matter_id);

CREATE TABLE filings (
    id              INTEGER PRIMARY KEY,
    matter_id       INTEGER NOT NULL REFERENCES matters (id),
    form            TEXT NOT NULL,
    description     TEXT,
    filed_on        TEXT,
    method          TEXT,
    tracking_number TEXT,
    received_on     TEXT,
    receipt_number  TEXT CHECK (receipt_number IS NULL OR length(receipt_number) = 13),
    status          TEXT NOT NULL DEFAULT 'draft',
    deadline_id     INTEGER REFERENCES deadlines (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX filings_matter ON filings (matter_id);
CREATE INDEX filings_receipt ON filings (receipt_number);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER REFERENCES clients (id),
    matter_id  INTEGER REFERENCES matters (id),
    created_at TEXT NOT NULL,
    CHECK ((client_id IS NULL) <> (matter_id IS NULL))
) STRICT;
CREATE INDEX notes_client ON notes (client_id);
CREATE INDEX notes_matter ON notes (matter_id);

-- Append-only: an edit adds a row; the triggers below refuse changing or removing one.
CREATE TABLE note_versions (
    id         INTEGER PRIMARY KEY,
    note_id    INTEGER NOT NULL REFERENCES notes (id),
    body       TEXT NOT NULL,
    written_at TEXT NOT NULL
) STRICT;
CREATE INDEX note_versions_note ON note_versions (note_id, id);
CREATE TRIGGER note_versions_no_update BEFORE UPDATE ON note_versions
BEGIN SELECT RAISE(ABORT, 'note history cannot be changed'); END;
CREATE TRIGGER note_versions_no_delete BEFORE DELETE ON note_versions
BEGIN SELECT RAISE(ABORT, 'note history cannot be deleted'); END;

-- Every create, update, delete, restore, export and import.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    changes   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;

-- Full-text search over names, aliases, A-numbers and matters, inside the encrypted file.
-- One row per client, whose rowid IS the client's id (so updating one is a keyed write,
-- not a scan). Kept in step by the store in the same transaction as each write.
CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
