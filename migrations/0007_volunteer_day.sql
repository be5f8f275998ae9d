-- A volunteer's whole day: family members named as derivatives, how a matter closed and
-- how far the clinic represents the client, where a hearing date came from and when it
-- was last confirmed, and a form's unsaved draft kept (encrypted, like all of this) across
-- an auto-lock.

-- Included on the principal's I-589 as a spouse or child (INA 208(b)(3)(A)).
ALTER TABLE clients ADD COLUMN derivative INTEGER NOT NULL DEFAULT 0 CHECK (derivative IN (0, 1));

ALTER TABLE matters ADD COLUMN closing_reason TEXT;
-- full: EOIR-28 / G-28; limited: EOIR-61 document assistance; pro_se_help: advice only.
ALTER TABLE matters ADD COLUMN representation TEXT
    CHECK (representation IS NULL OR representation IN ('full', 'limited', 'pro_se_help'));

-- notice, eoir_line, eoir_portal, ecas, client, other.
ALTER TABLE hearings ADD COLUMN date_source TEXT;
ALTER TABLE hearings ADD COLUMN confirmed_on TEXT;
