-- Reminder Store schema, version 5: the operator console's activity chart counts log rows per time bucket and
-- status (GET /api/v1/admin/reminder-activity). With the status in the index that count reads the index alone,
-- never the table. The old index on scheduled_at is this one's prefix, so it goes: the since filter of the log
-- list and the clean-up's range (scheduled_at < cutoff) use the new one.
DROP INDEX reminderlog_scheduled_idx;
CREATE INDEX reminderlog_scheduled_status_idx ON reminderlog (scheduled_at, status);
