-- Documents: files attached to a client, a matter, a hearing or a filing, kept inside the
-- vault (so SQLCipher encrypts them with the vault's key, a backup or a passphrase change
-- carries them, and a copy of an old header opens none of them; docs/SECURITY.md).

-- The bytes, in chunks of at most 1 MiB, written in several short transactions so the WAL
-- stays small for a 200 MB file; `complete` is set in the transaction that adds the
-- document row, and a blob left incomplete by a crash is removed at the next unlock.
CREATE TABLE document_blobs (
    id         INTEGER PRIMARY KEY,
    complete   INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    size       INTEGER NOT NULL DEFAULT 0,
    sha256     TEXT,
    started_at TEXT NOT NULL
) STRICT;

CREATE TABLE document_chunks (
    blob_id INTEGER NOT NULL REFERENCES document_blobs (id),
    seq     INTEGER NOT NULL,
    bytes   BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
) STRICT;

-- One row per version. A document is never changed: a new version names the one it
-- supersedes, and the old one stays readable in the history.
CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    client_id      INTEGER REFERENCES clients (id),
    matter_id      INTEGER REFERENCES matters (id),
    hearing_id     INTEGER REFERENCES hearings (id),
    filing_id      INTEGER REFERENCES filings (id),
    name           TEXT NOT NULL,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    checklist_item TEXT,
    -- A PDF that names JavaScript or a launch action: the app says so before opening it.
    scripted       INTEGER NOT NULL DEFAULT 0 CHECK (scripted IN (0, 1)),
    -- 1, then one more for each version that supersedes the one before.
    version        INTEGER NOT NULL DEFAULT 1,
    supersedes     INTEGER UNIQUE REFERENCES documents (id),
    blob_id        INTEGER NOT NULL REFERENCES document_blobs (id),
    added_by       TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    CHECK ((client_id IS NOT NULL) + (matter_id IS NOT NULL) + (hearing_id IS NOT NULL) + (filing_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX documents_client ON documents (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX documents_matter ON documents (matter_id) WHERE matter_id IS NOT NULL;
CREATE INDEX documents_hearing ON documents (hearing_id) WHERE hearing_id IS NOT NULL;
CREATE INDEX documents_filing ON documents (filing_id) WHERE filing_id IS NOT NULL;
CREATE INDEX documents_item ON documents (checklist_item) WHERE checklist_item IS NOT NULL;

-- A clinic's own checklist items, beside the ones Amparo ships (data/checklists.toml).
CREATE TABLE checklist_items (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    label      TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    removed_at TEXT
) STRICT;

-- An item a volunteer marked without a document (seen in the original; not needed here).
CREATE TABLE checklist_marks (
    matter_id INTEGER NOT NULL REFERENCES matters (id),
    item      TEXT NOT NULL,
    state     TEXT NOT NULL CHECK (state IN ('have', 'not_needed')),
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (matter_id, item)
) STRICT;
