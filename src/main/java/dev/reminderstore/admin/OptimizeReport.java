package dev.reminderstore.admin;

/** What {@code POST /api/v1/admin/optimize} did, with the database's sizes before and after. */
public record OptimizeReport(Sizes before, Sizes after, boolean vacuumed, String vacuumReason, Checkpoint checkpoint,
                             long durationMs) {

    /** File sizes in bytes (null in memory) and page counts. */
    public record Sizes(Long databaseBytes, Long walBytes, long pageCount, long freelistCount) {
    }

    /**
     * The answer of {@code PRAGMA wal_checkpoint}: {@code busy} when it could not finish (a reader held on to the
     * WAL), the frames in the WAL and how many were copied into the database.
     */
    public record Checkpoint(boolean busy, long walFrames, long checkpointedFrames) {
    }
}
