package dev.reminderstore.api;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The result of a PUT by natural key: 201 with Location when it created the resource, 200 when it replaced it. */
public record Upserted<T>(T value, boolean created) {

    public Response toResponse(URI location) {
        return created ? Response.created(location).entity(value).build() : Response.ok(value).build();
    }
}
