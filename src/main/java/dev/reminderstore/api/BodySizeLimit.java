package dev.reminderstore.api;

import dev.reminderstore.config.StoreConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over {@code reminder.api.max-body-size} with 413 problem+json, before anything reads them; the
 * admin endpoints that take a whole store ({@link #IMPORT_PATHS}) have the larger {@code reminder.api.max-import-size}.
 * (The HTTP layer's own limit, {@code quarkus.http.limits.max-body-size}, stops bodies sent without a length.)
 */
public class BodySizeLimit {

    /** Paths whose bodies are whole stores or legacy files, streamed rather than held in memory. */
    public static final Set<String> IMPORT_PATHS = Set.of("/api/v1/admin/migrate", "/api/v1/admin/import");

    private final long maxBodySize;
    private final long maxImportSize;

    public BodySizeLimit(StoreConfig config) {
        this.maxBodySize = config.api().maxBodySize();
        this.maxImportSize = config.api().maxImportSize();
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseLargeBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Problems.response(400, "Content-Length is not a number");
        }
        long limit = IMPORT_PATHS.contains(request.getUriInfo().getPath()) ? maxImportSize : maxBodySize;
        if (declared > limit) {
            return Problems.response(413, "the body is " + declared + " bytes; this service accepts at most " + limit);
        }
        return null;
    }
}
