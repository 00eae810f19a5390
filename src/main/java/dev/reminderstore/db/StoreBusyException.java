package dev.reminderstore.db;

/** Writes could not get their turn in time: the client should retry (503 with Retry-After). */
public class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}
