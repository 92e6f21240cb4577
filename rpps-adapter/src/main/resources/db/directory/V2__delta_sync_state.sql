-- Delta sync from the Annuaire Santé FHIR API (DirectorySync). The API answers "changed since <date>" for 30 days,
-- so the sync remembers the day it last fetched: changes of that day and later may not be applied yet, and the next
-- sync asks from that day on (re-applying a change is harmless). NULL: never synced.
ALTER TABLE directory.directory_state
    ADD COLUMN last_sync_on date,
    ADD COLUMN last_sync_at timestamptz;
