package dev.reminderstore.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/**
 * The head of /q/openapi. info.version is the API's version: it moves when a change could break a deployed bot
 * (docs/api-compatibility.md), and OpenApiCompatibilityTest holds it to that. Problem is listed here because the
 * exception mappers send it inside a Response, where the scanner cannot see it; ApiDocumentation points every error
 * answer at it. (The scanner reads this annotation on the JAX-RS Application only; this one adds nothing else.)
 */
@OpenAPIDefinition(
        info = @Info(title = "Reminder Store API", version = "1.1",
                description = "Persistent state and reminders of a Discord reminder bot.",
                license = @License(name = "Proprietary", identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/", description = "The service that serves this document"),
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class), headers = {
                @Header(name = "ETag", description = "The event's version; send it back in If-Match to change only that version",
                        schema = @Schema(type = SchemaType.STRING, examples = "\"3\"")),
                @Header(name = "Location", description = "URL of the created resource",
                        schema = @Schema(type = SchemaType.STRING, format = "uri"))}))
public class ApiDefinition extends Application {
}
