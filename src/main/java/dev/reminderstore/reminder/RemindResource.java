package dev.reminderstore.reminder;

import dev.reminderstore.api.Ids;
import dev.reminderstore.event.EventResource;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events/{messageId}/remind")
@Tag(name = "Reminders", description = "Sending reminders on demand")
public class RemindResource {

    private final ReminderDispatcher dispatcher;

    public RemindResource(ReminderDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @POST
    @Operation(operationId = "remindNow", summary = "Remind the missing members now (the bot's /remind); the next scheduled reminder comes one interval later")
    @APIResponse(responseCode = "200", description = "The log entry of the attempt: status sent, or failed with the error")
    @APIResponse(responseCode = "400", description = "messageId is not a Discord id")
    @APIResponse(responseCode = "404", description = "Event not watched")
    @APIResponse(responseCode = "409", description = "Nobody is missing: nothing was sent")
    public ReminderLogView remind(@PathParam("messageId") String messageId) {
        return dispatcher.remindNow(Ids.parse("messageId", messageId)).orElseThrow(() -> EventResource.notFound(messageId));
    }
}
