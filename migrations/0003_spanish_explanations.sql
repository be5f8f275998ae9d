-- The engine explains each computed deadline in English and Spanish; the Spanish is kept
-- beside the English so a Spanish-speaking volunteer reads why a date is what it is.
-- Deadlines saved before this version have only the English (shown as is).
ALTER TABLE deadlines ADD COLUMN explanation_es TEXT;
