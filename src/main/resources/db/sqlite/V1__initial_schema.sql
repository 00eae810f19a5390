-- Reminder Store schema, version 1 (SQLite).
-- Times are stored as epoch milliseconds (Hibernate's SQLite mapping of Instant), so comparisons are integer comparisons.
-- Auto-numbered keys are INTEGER PRIMARY KEY: the rowid itself, no separate index.

CREATE TABLE guild (
    guild_id   INTEGER PRIMARY KEY NOT NULL,
    name       TEXT,
    settings   TEXT      NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE "user" (
    id         INTEGER PRIMARY KEY NOT NULL,
    guild_id   INTEGER   NOT NULL REFERENCES guild (guild_id) ON DELETE CASCADE,
    user_id    INTEGER   NOT NULL,
    username   TEXT,
    is_bot     BOOLEAN   NOT NULL DEFAULT 0,
    last_seen  TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT user_guild_user_unique UNIQUE (guild_id, user_id)
);

CREATE TABLE event (
    id                 INTEGER PRIMARY KEY NOT NULL,
    message_id         INTEGER   NOT NULL,
    channel_id         INTEGER   NOT NULL,
    guild_id           INTEGER   NOT NULL REFERENCES guild (guild_id) ON DELETE CASCADE,
    title              TEXT      NOT NULL,
    description        TEXT,
    interval_minutes   REAL      NOT NULL DEFAULT 60,
    is_paused          BOOLEAN   NOT NULL DEFAULT 0,
    last_reminder      TIMESTAMP NOT NULL,
    next_reminder_at   TIMESTAMP,
    required_reactions TEXT      NOT NULL,
    version            INTEGER   NOT NULL DEFAULT 0,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CONSTRAINT event_message_unique UNIQUE (message_id)
);
-- "Which events are due" is a range search on this index; paused and parked events have no next time.
CREATE INDEX event_next_reminder_at_idx ON event (next_reminder_at);
CREATE INDEX event_guild_idx ON event (guild_id, id);

CREATE TABLE reaction (
    id         INTEGER PRIMARY KEY NOT NULL,
    event_id   INTEGER   NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    user_id    INTEGER   NOT NULL,
    emoji      TEXT      NOT NULL,
    reacted_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT reaction_event_user_unique UNIQUE (event_id, user_id)
);

CREATE TABLE reminderlog (
    id             INTEGER PRIMARY KEY NOT NULL,
    event_id       INTEGER   NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    scheduled_at   TIMESTAMP NOT NULL,
    sent_at        TIMESTAMP,
    users_notified INTEGER   NOT NULL DEFAULT 0,
    status         TEXT      NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    error_message  TEXT,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX reminderlog_event_idx ON reminderlog (event_id, id);
CREATE INDEX reminderlog_status_idx ON reminderlog (status, id);
CREATE INDEX reminderlog_scheduled_idx ON reminderlog (scheduled_at);
