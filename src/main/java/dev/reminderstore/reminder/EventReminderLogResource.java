package dev.reminderstore.reminder;

import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Params;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventResource;
import dev.reminderstore.event.EventService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events/{messageId}/reminder-logs")
@Tag(name = "Reminder logs")
public class EventReminderLogResource {

    private final ReminderLogService logs;
    private final EventService events;

    public EventReminderLogResource(ReminderLogService logs, EventService events) {
        this.logs = logs;
        this.events = events;
    }

    @GET
    @Operation(operationId = "listEventReminderLogs", summary = "List one event's reminder logs, oldest first")
    @APIResponse(responseCode = "200", description = "One page of log rows")
    @APIResponse(responseCode = "404", description = "Event not watched")
    public Page<ReminderLogView> listForEvent(@PathParam("messageId") String messageId,
                                              @Parameter(schema = @Schema(implementation = ReminderStatus.class)) @QueryParam("status") String status,
                                              @Parameter(description = "Only rows scheduled since this time",
                                                      schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                                              @QueryParam("since") String since,
                                              @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Event event = events.findEntity(Ids.parse("messageId", messageId)).orElseThrow(() -> EventResource.notFound(messageId));
        return logs.list(event.id, ReminderLogResource.status(status), Params.instant("since", since), PageRequest.of(limit, cursor));
    }
}
