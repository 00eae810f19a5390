package dev.reminderstore.api;

import dev.reminderstore.config.StoreConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over {@code reminder.api.max-body-size} with 413 problem+json, before anything reads them.
 * (The HTTP layer's own, larger limit, {@code quarkus.http.limits.max-body-size}, stops bodies sent without a length.)
 */
public class BodySizeLimit {

    private final long maxBodySize;

    public BodySizeLimit(StoreConfig config) {
        this.maxBodySize = config.api().maxBodySize();
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
        if (declared > maxBodySize) {
            return Problems.response(413, "the body is " + declared + " bytes; this service accepts at most " + maxBodySize);
        }
        return null;
    }
}
