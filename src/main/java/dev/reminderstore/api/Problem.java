package dev.reminderstore.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 *
 * <p>Exception mappers send it inside a {@code Response}, which Quarkus REST cannot see at build time: registered for
 * the native image, as is its FieldError.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: the field (a JSON path or a parameter name) and what is wrong with it. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
