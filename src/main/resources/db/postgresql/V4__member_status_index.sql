-- Reminder Store schema, version 4 (PostgreSQL): the members an event's answers are counted against.
-- Status and the reminder claim (event/Attendance) read a guild's non-bot members in user id order and count them:
-- with is_bot in the key both are a range scan of this index alone, without a visit to the table rows.
CREATE INDEX user_guild_bot_user_idx ON "user" (guild_id, is_bot, user_id);
