package dev.reminderstore.reaction;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.db.SetReplacement;
import dev.reminderstore.event.EventResource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events/{messageId}/reactions")
@Tag(name = "Reactions", description = "Members' answers to events")
public class ReactionResource {

    private final ReactionService reactions;

    public ReactionResource(ReactionService reactions) {
        this.reactions = reactions;
    }

    @GET
    @Operation(operationId = "listReactions", summary = "List an event's reactions, by user id")
    @APIResponse(responseCode = "200", description = "One page of reactions")
    @APIResponse(responseCode = "404", description = "Event not watched")
    public Page<ReactionView> list(@PathParam("messageId") String messageId,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        long message = Ids.parse("messageId", messageId);
        return reactions.list(message, PageRequest.of(limit, cursor)).orElseThrow(() -> EventResource.notFound(messageId));
    }

    @PUT
    @Operation(operationId = "replaceReactions", summary = "Replace the event's reactions in bulk")
    @APIResponse(responseCode = "200", description = "What changed")
    @APIResponse(responseCode = "400", description = "Invalid answer, or a user listed twice")
    @APIResponse(responseCode = "404", description = "Event not watched")
    public SetReplacement.Counts replace(@PathParam("messageId") String messageId,
                                         @NotNull List<@NotNull @Valid AnswerRequest> body) {
        return reactions.replace(Ids.parse("messageId", messageId), body).orElseThrow(() -> EventResource.notFound(messageId));
    }

    @PUT
    @Path("/{userId}")
    @Operation(operationId = "upsertReaction", summary = "Record a user's answer")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReactionView.class)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReactionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id or emoji")
    @APIResponse(responseCode = "404", description = "Event not watched")
    public CompletionStage<Response> put(@PathParam("messageId") String messageId, @PathParam("userId") String userId,
                                         @Valid @NotNull ReactionRequest body, @Context UriInfo uri) {
        URI location = uri.getRequestUri();
        return reactions.upsert(Ids.parse("messageId", messageId), Ids.parse("userId", userId), body.emoji())
                .thenApply(upserted -> upserted.orElseThrow(() -> EventResource.notFound(messageId)).toResponse(location));
    }

    @DELETE
    @Path("/{userId}")
    @Operation(operationId = "deleteReaction", summary = "Remove a user's answer")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Event not watched, or the user had not answered")
    public CompletionStage<Void> delete(@PathParam("messageId") String messageId, @PathParam("userId") String userId) {
        return reactions.delete(Ids.parse("messageId", messageId), Ids.parse("userId", userId)).thenAccept(found -> {
            if (!found.orElseThrow(() -> EventResource.notFound(messageId))) {
                throw ApiException.notFound("user " + userId + " has no reaction on event " + messageId);
            }
        });
    }
}
