package dev.reminderstore.guild;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/guilds")
@Tag(name = "Guilds", description = "Discord servers")
public class GuildResource {

    private final GuildService guilds;

    public GuildResource(GuildService guilds) {
        this.guilds = guilds;
    }

    @GET
    @Operation(operationId = "listGuilds", summary = "List guilds, by id")
    @APIResponse(responseCode = "200", description = "One page of guilds")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    public Page<GuildView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return guilds.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{guildId}")
    @Operation(operationId = "getGuild", summary = "Get a guild")
    @APIResponse(responseCode = "200", description = "The guild")
    @APIResponse(responseCode = "404", description = "No such guild")
    public GuildView get(@PathParam("guildId") String guildId) {
        return guilds.find(Ids.parse("guildId", guildId)).orElseThrow(() -> notFound(guildId));
    }

    @PUT
    @Path("/{guildId}")
    @Operation(operationId = "upsertGuild", summary = "Create or replace a guild")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuildView.class)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuildView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id or body")
    public Response put(@PathParam("guildId") String guildId, @Valid @NotNull GuildRequest body, @Context UriInfo uri) {
        return guilds.upsert(Ids.parse("guildId", guildId), body).toResponse(uri.getRequestUri());
    }

    @DELETE
    @Path("/{guildId}")
    @Operation(operationId = "deleteGuild", summary = "Delete a guild with its users, events, reactions and reminder logs")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such guild")
    public void delete(@PathParam("guildId") String guildId) {
        if (!guilds.delete(Ids.parse("guildId", guildId))) {
            throw notFound(guildId);
        }
    }

    public static ApiException notFound(String guildId) {
        return ApiException.notFound("guild " + guildId + " not found");
    }
}
