-- Reminder Store schema, version 3 (PostgreSQL; the same as db/sqlite/V3): a claim is a lease. claimed_by names the instance that holds a pending row,
-- claim_expires_at until when (the holder renews it while it delivers). A pending row whose lease has expired was
-- left by an instance that died; any instance takes it over (docs/reminders.md, "Leases"). The partial index keeps
-- that search, run at every tick, a range over the few pending rows.

ALTER TABLE reminderlog ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE reminderlog ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;
-- Rows left pending by a version without leases: expired since their claim, so the next tick records them.
UPDATE reminderlog SET claim_expires_at = created_at WHERE status = 'pending';
CREATE INDEX reminderlog_claim_expires_at_idx ON reminderlog (claim_expires_at) WHERE status = 'pending';
