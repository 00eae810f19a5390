package dev.reminderstore.reminder;

/** A reminder's state; the names are the stored and the JSON values. */
public enum ReminderStatus {
    pending, sent, failed
}
