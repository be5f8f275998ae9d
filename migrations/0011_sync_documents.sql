-- Documents in the clinic exchange (src/clinic/documents.rs). A document's description
-- travels inside a bundle; its content travels as its own object, encrypted (age, streamed)
-- to the same readers as that bundle, so a 200 MB recording never sits whole in memory.

-- A document's content to leave on the remote for these readers: sealed when the bundle
-- naming it was sealed, written before that bundle is. One document goes again, as a new
-- object, when its case passes to another volunteer.
CREATE TABLE sync_document_out (
    object     TEXT PRIMARY KEY,
    uid        TEXT NOT NULL,
    recipients TEXT NOT NULL,
    sent       INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
) STRICT;
CREATE INDEX sync_document_out_uid ON sync_document_out (uid);

-- A document another vault described, until its content is here: waiting (the object or
-- the record it belongs to has not arrived), stored, or refused (with the reason).
-- `volunteer`: the member who described it, when a volunteer: whether they may write to
-- its record is checked again when the record is here (it may arrive later).
CREATE TABLE sync_document_in (
    uid       TEXT PRIMARY KEY,
    item      TEXT NOT NULL,
    volunteer TEXT,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'stored', 'refused')),
    detail TEXT,
    at     TEXT NOT NULL
) STRICT;
