package dev.reminderstore.api;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem details and their HTTP answers; the only place that knows their shape. */
public final class Problems {

    private Problems() {
    }

    public static Problem of(int status, String title, String detail, List<Problem.FieldError> errors) {
        return new Problem("about:blank", title, status, detail, errors == null || errors.isEmpty() ? null : errors);
    }

    public static Problem of(int status, String detail) {
        return of(status, ApiException.reasonOf(status), detail, null);
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String detail) {
        return response(of(status, detail));
    }
}
