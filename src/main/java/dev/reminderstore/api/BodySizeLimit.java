package dev.reminderstore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.config.StoreConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bounds every API request body, whatever its framing: {@code reminder.api.max-body-size} (4 MiB), answered 413
 * problem+json before more than that is held. A declared Content-Length over the limit is refused before a byte of
 * the body is read (and a body cannot be longer than it declares). A chunked body is counted as it arrives (Vert.x's
 * body handler) and refused the moment it passes the limit; the rest of it is read and dropped. Only the admin
 * endpoints that take a whole store ({@link #IMPORT_PATHS}) have the larger {@code reminder.api.max-import-size}; they
 * stream their bodies to a file, and the HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}, the same
 * size) counts those bytes.
 *
 * <p>A Vert.x filter: Quarkus REST would read a chunked body whole before any of its filters could count it. The
 * counted body is then handed to Quarkus REST as the request's entity ({@link #useCountedBody}).
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Paths whose bodies are whole stores or legacy files, streamed rather than held in memory. */
    public static final Set<String> IMPORT_PATHS = Set.of("/api/v1/admin/migrate", "/api/v1/admin/import");
    /** Before the authentication and REST routes: nothing reads a body before it is bounded. */
    private static final int PRIORITY = 1000;

    private final long maxBodySize;
    private final long maxImportSize;
    private final BodyHandler apiBodies;
    private final ObjectMapper json;

    public BodySizeLimit(StoreConfig config, ObjectMapper json) {
        this.maxBodySize = config.api().maxBodySize();
        this.maxImportSize = config.api().maxImportSize();
        this.apiBodies = BodyHandler.create(false).setBodyLimit(maxBodySize);
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::bound, PRIORITY);
    }

    /** The body handler fails a chunked body that passes the limit with 413; its answer is a problem too. */
    void registerFailures(@Observes Router router) {
        router.route("/api/*").failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context, 413, "the body is larger than " + maxBodySize + " bytes; this service accepts at most "
                        + maxBodySize);
            } else {
                context.next();
            }
        });
    }

    private void bound(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.startsWith("/api/")) {
            context.next();
            return;
        }
        boolean importing = IMPORT_PATHS.contains(path);
        long limit = importing ? maxImportSize : maxBodySize;
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(context, 400, "Content-Length is not a number");
                return;
            }
            if (declared > limit) {
                refuse(context, 413, "the body is " + declared + " bytes; this service accepts at most " + limit);
                return;
            }
        }
        if (length == null && !importing && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            apiBodies.handle(context);
        } else {
            context.next();
        }
    }

    /** Quarkus REST reads the body itself unless it gets one: the chunked body counted above is that one. */
    @ServerRequestFilter(preMatching = true)
    public void useCountedBody(ContainerRequestContext request, RoutingContext context) {
        Buffer counted = context.body().buffer();
        if (counted != null) {
            request.setEntityStream(new ByteArrayInputStream(counted.getBytes()));
        }
    }

    private void refuse(RoutingContext context, int status, String detail) {
        String body;
        try {
            body = json.writeValueAsString(Problems.of(status, detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
