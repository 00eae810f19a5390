package dev.reminderstore.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error answer.
 *
 * <p>Exception mappers send it inside a {@code Response}, which Quarkus REST cannot see at build time: registered for
 * the native image, as is its FieldError.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "RFC 9457 problem detail", requiredProperties = {"type", "title", "status"},
        example = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"title: is required\","
                + "\"errors\":[{\"field\":\"title\",\"message\":\"is required\"}]}")
public record Problem(@Schema(examples = "about:blank") String type,
                      @Schema(examples = "Bad Request") String title,
                      @Schema(examples = "400") int status,
                      @Schema(description = "What went wrong, for a human") String detail,
                      @Schema(description = "Each invalid input (400 only)") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: the field (a JSON path or a parameter name) and what is wrong with it. */
    @RegisterForReflection
    @Schema(requiredProperties = {"field", "message"})
    public record FieldError(@Schema(examples = "title") String field, @Schema(examples = "is required") String message) {
    }
}
