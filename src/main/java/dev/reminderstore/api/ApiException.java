package dev.reminderstore.api;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * A failure that the client can act on, answered as problem+json with its status. The services throw it;
 * {@link ProblemMappers} turns it into the answer.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    /** Carries a problem built elsewhere (a JSON body that cannot be read, say) out of a service. */
    public ApiException(Problem problem) {
        this(problem.status(), problem.title(), problem.detail(), problem.errors());
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "Precondition Failed", detail, null);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail, null);
    }

    /** One invalid field, answered like a Bean Validation failure. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "Bad Request", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public Problem toProblem() {
        return Problems.of(status, title, getMessage(), errors);
    }

    public int status() {
        return status;
    }

    static String reasonOf(int status) {
        Status known = Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
