-- A document attached by mistake (the wrong client's passport, the wrong file) can be
-- removed: its content is deleted (with secure_delete, overwritten) and its name blanked;
-- the row stays, with who removed it, when and why, so the history says a document was
-- there and is gone. It no longer supersedes anything: the version before it, if any, is
-- current again and can take a new version.
ALTER TABLE documents ADD COLUMN removed_at TEXT;
ALTER TABLE documents ADD COLUMN removed_by TEXT;
ALTER TABLE documents ADD COLUMN removed_reason TEXT;
-- The version a removed one superseded: a newer version arriving from another laptop,
-- written on top of the removed one, follows that one instead.
ALTER TABLE documents ADD COLUMN removed_from INTEGER REFERENCES documents (id);

-- Removals made here not yet sent to the clinic.
CREATE TABLE sync_document_removed (
    uid  TEXT PRIMARY KEY,
    sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
) STRICT;

-- Checklist marks made by hand here ("we have it", "not needed", or cleared), and a
-- clinic's own items added here, not yet sent to the clinic (src/clinic/checklist.rs).
-- A mark keeps its time: between two laptops the later mark wins.
CREATE TABLE sync_mark_out (
    matter_id INTEGER NOT NULL,
    item      TEXT NOT NULL,
    state     TEXT NOT NULL CHECK (state IN ('have', 'not_needed', 'missing')),
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (matter_id, item)
) STRICT;

CREATE TABLE sync_item_out (
    id TEXT PRIMARY KEY
) STRICT;
