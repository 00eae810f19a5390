package dev.reminderstore.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every call of the REST API needs {@code Authorization: Bearer <key>}: the bot's key or the admin key, and the
 * admin key for {@code /api/v1/admin/**}. It runs before routing and before any other filter, so that a caller
 * without a key learns nothing, not even which paths exist. The Quarkus endpoints under {@code /q} are not part
 * of the REST API and stay open (move them to the management port to close them to the outside).
 */
public class ApiKeyFilter {

    private static final String BEARER = "bearer ";
    private static final String ADMIN_SEGMENT = "admin";
    private static final String CHALLENGE = "Bearer realm=\"reminder-store\"";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response requireKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized(CHALLENGE, "this API needs an Authorization: Bearer <key> header");
        }
        ApiKeys.Role role = keys.roleOf(authorization.substring(BEARER.length()).trim());
        if (role == ApiKeys.Role.NONE) {
            return unauthorized(CHALLENGE + ", error=\"invalid_token\"", "the key is not valid");
        }
        if (role != ApiKeys.Role.ADMIN && isAdminPath(request.getUriInfo().getPath())) {
            return Problems.response(403, "this endpoint needs the admin key (ADMIN_API_KEY)");
        }
        return null;
    }

    /**
     * Any path with an {@code admin} segment: also the spellings that routing might still lead to the admin endpoints
     * ("//admin", "/ADMIN", "/admin;x=1"). No call of the bot has such a segment.
     */
    static boolean isAdminPath(String path) {
        return Arrays.stream(path.split("/")).map(segment -> segment.split(";", 2)[0]).anyMatch(ADMIN_SEGMENT::equalsIgnoreCase);
    }

    private static Response unauthorized(String challenge, String detail) {
        return Response.fromResponse(Problems.response(401, detail)).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
