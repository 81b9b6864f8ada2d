-- Issue 23: an agency's note on an approved submission is held from the
-- public letter and the extracts until the coordinator has accepted it.
ALTER TABLE value_notes ADD COLUMN held BOOLEAN DEFAULT false;
