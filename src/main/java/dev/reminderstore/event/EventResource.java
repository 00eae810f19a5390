package dev.reminderstore.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Params;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Tag(name = "Events", description = "Watched Discord messages")
public class EventResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    private final EventService events;

    public EventResource(EventService events) {
        this.events = events;
    }

    @GET
    @Operation(operationId = "listEvents", summary = "List events, in creation order, with optional filters")
    @APIResponse(responseCode = "200", description = "One page of events")
    @APIResponse(responseCode = "400", description = "Bad filter, limit or cursor")
    public Page<EventView> list(@QueryParam("guildId") String guildId,
                                @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("paused") String paused,
                                @Parameter(description = "Only events whose next reminder is before this time",
                                        schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                                @QueryParam("dueBefore") String dueBefore,
                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return events.list(guildId == null ? null : Ids.parse("guildId", guildId), Params.bool("paused", paused),
                Params.instant("dueBefore", dueBefore), PageRequest.of(limit, cursor));
    }

    @POST
    @Operation(operationId = "createEvent", summary = "Start watching a message")
    @APIResponse(responseCode = "201", description = "Created; Location names it", headers = {
            @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag")},
                content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "409", description = "The message is watched already")
    public Response create(@Valid @NotNull EventRequest body, @Context UriInfo uri) {
        EventView created = events.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.messageId()).build())
                .tag(etag(created)).entity(created).build();
    }

    @GET
    @Path("/{messageId}")
    @Operation(operationId = "getEvent", summary = "Get an event; its ETag is its version")
    @APIResponse(responseCode = "200", description = "The event", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "404", description = "Not watched")
    public Response get(@PathParam("messageId") String messageId) {
        EventView event = events.find(Ids.parse("messageId", messageId)).orElseThrow(() -> notFound(messageId));
        return Response.ok(event).tag(etag(event)).build();
    }

    @PUT
    @Path("/{messageId}")
    @Operation(operationId = "upsertEvent", summary = "Watch a message, or edit it if watched already")
    @APIResponse(responseCode = "200", description = "Edited",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id or body")
    public Response put(@PathParam("messageId") String messageId, @Valid @NotNull EventRequest body, @Context UriInfo uri) {
        return events.upsert(Ids.parse("messageId", messageId), body).toResponse(uri.getRequestUri());
    }

    @PATCH
    @Path("/{messageId}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchEvent", summary = "Change title, description, intervalMinutes, isPaused or requiredReactions (JSON merge patch)",
            description = "With If-Match, the change is made only if the event is still at that version.")
    @APIResponse(responseCode = "200", description = "The changed event", headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "400", description = "Invalid patch")
    @APIResponse(responseCode = "404", description = "Not watched")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response patch(@PathParam("messageId") String messageId,
                          @Parameter(description = "The ETag of a GET: change only that version", example = "\"3\"")
                          @HeaderParam("If-Match") String ifMatch,
                          @RequestBody(required = true, content = {
                                  @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = EventPatch.class)),
                                  @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPatch.class))})
                          @NotNull JsonNode body) {
        EventView event = events.patch(Ids.parse("messageId", messageId), body, expectedVersion(ifMatch))
                .orElseThrow(() -> notFound(messageId));
        return Response.ok(event).tag(etag(event)).build();
    }

    @DELETE
    @Path("/{messageId}")
    @Operation(operationId = "deleteEvent", summary = "Stop watching a message; its reactions and reminder logs go with it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Not watched")
    public void delete(@PathParam("messageId") String messageId) {
        if (!events.delete(Ids.parse("messageId", messageId))) {
            throw notFound(messageId);
        }
    }

    @GET
    @Path("/{messageId}/status")
    @Operation(operationId = "getEventStatus", summary = "Who answered and who is missing",
            description = "The counts cover every non-bot member; the missing user ids come in pages, in id order:"
                    + " `limit` of them (default 50, at most 500), and `nextCursor` to pass as `cursor` for the next"
                    + " page (null on the last one).")
    @APIResponse(responseCode = "200", description = "Counts and one page of missing user ids")
    @APIResponse(responseCode = "400", description = "Bad id, limit or cursor")
    @APIResponse(responseCode = "404", description = "Not watched")
    public EventStatus status(@PathParam("messageId") String messageId, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        return events.status(Ids.parse("messageId", messageId), PageRequest.of(limit, cursor))
                .orElseThrow(() -> notFound(messageId));
    }

    public static ApiException notFound(String messageId) {
        return ApiException.notFound("event " + messageId + " not found");
    }

    private static EntityTag etag(EventView event) {
        return new EntityTag(Long.toString(event.version()));
    }

    /** The version an If-Match names; null for no header or "*". A tag that is no version never matches. */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
