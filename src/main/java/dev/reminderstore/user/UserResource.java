package dev.reminderstore.user;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.db.SetReplacement;
import dev.reminderstore.guild.GuildResource;
import dev.reminderstore.guild.GuildService;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/guilds/{guildId}/users")
@Tag(name = "Users", description = "Members of a guild")
public class UserResource {

    private final UserService users;
    private final GuildService guilds;

    public UserResource(UserService users, GuildService guilds) {
        this.users = users;
        this.guilds = guilds;
    }

    @GET
    @Operation(operationId = "listMembers", summary = "List a guild's members, by user id")
    @APIResponse(responseCode = "200", description = "One page of members")
    @APIResponse(responseCode = "400", description = "Bad id, limit or cursor")
    @APIResponse(responseCode = "404", description = "No such guild")
    public Page<UserView> list(@PathParam("guildId") String guildId,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        long guild = Ids.parse("guildId", guildId);
        PageRequest page = PageRequest.of(limit, cursor);
        if (!guilds.exists(guild)) {
            throw GuildResource.notFound(guildId);
        }
        return users.list(guild, page);
    }

    @PUT
    @Operation(operationId = "replaceMembers", summary = "Replace the guild's member list in bulk",
            description = "Adds the listed members that are new, updates the others, removes those not listed. "
                    + "The guild is created if it is unknown.")
    @APIResponse(responseCode = "200", description = "What changed")
    @APIResponse(responseCode = "400", description = "Invalid member, or a member listed twice")
    @APIResponse(responseCode = "413", description = "Body too large")
    public SetReplacement.Counts replace(@PathParam("guildId") String guildId, @NotNull List<@NotNull @Valid MemberRequest> body) {
        return users.replaceMembers(Ids.parse("guildId", guildId), body);
    }

    @GET
    @Path("/{userId}")
    @Operation(operationId = "getMember", summary = "Get a member")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "404", description = "No such member")
    public UserView get(@PathParam("guildId") String guildId, @PathParam("userId") String userId) {
        return users.find(Ids.parse("guildId", guildId), Ids.parse("userId", userId))
                .orElseThrow(() -> notFound(guildId, userId));
    }

    @PUT
    @Path("/{userId}")
    @Operation(operationId = "upsertMember", summary = "Create or replace a member", description = "The guild is created if it is unknown.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id or body")
    public Response put(@PathParam("guildId") String guildId, @PathParam("userId") String userId,
                        @Valid @NotNull UserRequest body, @Context UriInfo uri) {
        return users.upsert(Ids.parse("guildId", guildId), Ids.parse("userId", userId), body).toResponse(uri.getRequestUri());
    }

    @DELETE
    @Path("/{userId}")
    @Operation(operationId = "deleteMember", summary = "Remove a member")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such member")
    public void delete(@PathParam("guildId") String guildId, @PathParam("userId") String userId) {
        if (!users.delete(Ids.parse("guildId", guildId), Ids.parse("userId", userId))) {
            throw notFound(guildId, userId);
        }
    }

    private static ApiException notFound(String guildId, String userId) {
        return ApiException.notFound("user " + userId + " not found in guild " + guildId);
    }
}
