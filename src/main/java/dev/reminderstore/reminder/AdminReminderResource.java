package dev.reminderstore.reminder;

import dev.reminderstore.api.Params;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.event.EventView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reminders as the operator console shows them. Admin key only (the path has an admin segment). */
@Path("/api/v1/admin")
@Tag(name = "Administration")
public class AdminReminderResource {

    /** How many rows each console list shows. */
    static final int LIST_SIZE = 20;
    static final int PAUSED_LIST_SIZE = 100;

    private final ReminderActivity activity;
    private final ReminderOverview overview;
    private final TimeSource time;

    public AdminReminderResource(ReminderActivity activity, ReminderOverview overview, TimeSource time) {
        this.activity = activity;
        this.overview = overview;
        this.time = time;
    }

    @GET
    @Path("/reminder-activity")
    @Operation(operationId = "getReminderActivity",
            summary = "Reminder log rows per bucket (PT1H or P1D, UTC-aligned) and status, from since (a time or an age"
                    + " such as P1D; default one day for PT1H, 30 days for P1D) to now, empty buckets included")
    @APIResponse(responseCode = "200", description = "Counts per bucket: sent, failed, pending, skipped (0: parks are not logged)")
    @APIResponse(responseCode = "400", description = "Bad bucket, or since not a time, in the future or more than 1000 buckets back")
    public ReminderActivity.Answer reminderActivity(@QueryParam("since") String since, @QueryParam("bucket") String bucket)
            throws SQLException {
        Duration width = bucket == null || bucket.isEmpty() ? ReminderActivity.HOUR : ReminderActivity.bucket(bucket);
        Instant now = time.now();
        Instant from = since == null || since.isEmpty() ? now.minus(ReminderActivity.defaultSpan(width))
                : Params.instantOrAge("since", since, now);
        return activity.count(from, width, now);
    }

    @GET
    @Path("/upcoming-reminders")
    @Operation(operationId = "listUpcomingReminders", summary = "The next 20 events due, soonest first")
    @APIResponse(responseCode = "200", description = "Events with their nextReminderAt")
    public List<EventView> upcoming() {
        return overview.upcoming(LIST_SIZE);
    }

    @GET
    @Path("/reminder-failures")
    @Operation(operationId = "listReminderFailures", summary = "The last 20 failed reminders, newest first, with their errorMessage")
    @APIResponse(responseCode = "200", description = "Failed log rows")
    public List<ReminderLogView> failures() {
        return overview.failures(LIST_SIZE);
    }

    @GET
    @Path("/paused-events")
    @Operation(operationId = "listPausedEvents", summary = "Events the delivery paused (Discord answered 403 or 404), with the failure;"
            + " resume one with PATCH /api/v1/events/{messageId} {\"isPaused\": false}")
    @APIResponse(responseCode = "200", description = "Up to 100 paused events, oldest first")
    public List<ReminderOverview.PausedEvent> paused() {
        return overview.pausedByDelivery(PAUSED_LIST_SIZE);
    }
}
