-- Reminder Store schema, version 2: what a delivered reminder left behind in Discord, for auto-delete.
-- A sent Discord reminder keeps its channel and message id; delete_at is when it is due for deletion, and goes
-- back to NULL once it is deleted (or found gone), so the deletion job's search is a range on a small index.

ALTER TABLE reminderlog ADD COLUMN discord_channel_id INTEGER;
ALTER TABLE reminderlog ADD COLUMN discord_message_id INTEGER;
ALTER TABLE reminderlog ADD COLUMN delete_at TIMESTAMP;
CREATE INDEX reminderlog_delete_at_idx ON reminderlog (delete_at) WHERE delete_at IS NOT NULL;
