package dev.reminderstore.reminder;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Params;
import dev.reminderstore.config.TimeSource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reminder-logs")
@Tag(name = "Reminder logs", description = "One row per reminder: pending, sent or failed")
public class ReminderLogResource {

    private final ReminderLogService logs;
    private final TimeSource time;

    public ReminderLogResource(ReminderLogService logs, TimeSource time) {
        this.logs = logs;
        this.time = time;
    }

    /** Answer of the clean-up. */
    public record Deleted(long deleted) {
    }

    @GET
    @Operation(operationId = "listReminderLogs", summary = "List reminder logs, oldest first")
    @APIResponse(responseCode = "200", description = "One page of log rows")
    @APIResponse(responseCode = "400", description = "Bad status, since, limit or cursor")
    public Page<ReminderLogView> list(@Parameter(schema = @Schema(implementation = ReminderStatus.class)) @QueryParam("status") String status,
                                      @Parameter(description = "Only rows scheduled since this time",
                                              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                                      @QueryParam("since") String since,
                                      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return logs.list(null, status(status), Params.instant("since", since), PageRequest.of(limit, cursor));
    }

    @DELETE
    @Operation(operationId = "cleanUpReminderLogs", summary = "Delete finished log rows scheduled before a time (olderThan=2026-01-01T00:00:00Z) or age (olderThan=P30D)")
    @APIResponse(responseCode = "200", description = "How many rows were deleted")
    @APIResponse(responseCode = "400", description = "olderThan missing or invalid")
    public Deleted cleanUp(@QueryParam("olderThan") String olderThan) {
        if (olderThan == null || olderThan.isEmpty()) {
            throw ApiException.invalid("olderThan", "is required: a time such as 2026-01-01T00:00:00Z or an age such as P30D");
        }
        return new Deleted(logs.deleteOlderThan(Params.instantOrAge("olderThan", olderThan, time.now())));
    }

    static ReminderStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        return Arrays.stream(ReminderStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                .orElseThrow(() -> ApiException.invalid("status", "must be one of pending, sent, failed"));
    }
}
