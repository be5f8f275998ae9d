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
