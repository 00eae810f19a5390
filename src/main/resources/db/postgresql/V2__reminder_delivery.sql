-- Reminder Store schema, version 2 (PostgreSQL): what a delivered reminder left behind in Discord, for auto-delete.
-- The same columns and partial index as db/sqlite/V2.

ALTER TABLE reminderlog ADD COLUMN discord_channel_id BIGINT;
ALTER TABLE reminderlog ADD COLUMN discord_message_id BIGINT;
ALTER TABLE reminderlog ADD COLUMN delete_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX reminderlog_delete_at_idx ON reminderlog (delete_at) WHERE delete_at IS NOT NULL;
