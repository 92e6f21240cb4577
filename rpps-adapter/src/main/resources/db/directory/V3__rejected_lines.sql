-- How many lines the import that built the live directory rejected (malformed, invalid idNat, unknown codes...):
-- operators see it next to the counts, so a file that lost a share of its lines does not pass unnoticed.
ALTER TABLE directory.directory_state
    ADD COLUMN rejected_lines bigint NOT NULL DEFAULT 0;
