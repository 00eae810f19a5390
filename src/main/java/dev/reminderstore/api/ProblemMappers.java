package dev.reminderstore.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.reminderstore.db.StorageFaults;
import dev.reminderstore.db.StoreBusyException;
import io.quarkus.logging.Log;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.exception.DataException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem. Bad input is a 4xx that says what is wrong; anything
 * unexpected is a 500 with a reference to the log line, never a stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Problems.response(e.toProblem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
        return Problems.response(Problems.of(400, "Bad Request", detail, errors));
    }

    /** Jackson's exceptions, each named so that these win over the framework's own mappers for them. */
    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problems.response(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response wrongJsonType(MismatchedInputException e) {
        return Problems.response(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e) {
        return Problems.response(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return Problems.response(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return otherJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return Problems.response(status, httpDetail(status, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return Problems.response(409, "the resource was changed by another request at the same time; read it again and retry");
    }

    @ServerExceptionMapper
    public Response busy(StoreBusyException e) {
        Log.warnf("Write rejected: %s", e.getMessage());
        return Response.fromResponse(Problems.response(503, e.getMessage())).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Optional<String> storageFault = StorageFaults.describe(e);
        if (storageFault.isPresent()) {
            Log.errorf(e, "The database cannot be written: %s", storageFault.get());
            return Problems.response(503, "the database cannot be written: " + storageFault.get() + "; an operator must fix the storage");
        }
        Optional<DataException> badValue = causeOf(e, DataException.class);
        if (badValue.isPresent()) {
            // A value the database refuses to store (PostgreSQL: a NUL character in text, a number out of its range).
            String reason = String.valueOf(badValue.get().getSQLException().getMessage()).lines().findFirst().orElse("");
            Log.debugf("Value refused by the database: %s", reason);
            return Problems.response(400, "a value cannot be stored: " + reason.replaceFirst("^ERROR: ", ""));
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error (reference %s)", reference);
        return Problems.response(500, "unexpected error; the service log has the details under reference " + reference);
    }

    /** The first exception of the type among the causes and the suppressed ones (transactions add the latter). */
    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return Optional.of(type.cast(suppressed));
                }
            }
        }
        return Optional.empty();
    }

    private static String httpDetail(int status, String message) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "this resource answers application/json only";
            case 415 -> "the body must be application/json";
            default -> message == null ? ApiException.reasonOf(status) : message;
        };
    }

    /** A violation's field: the body property path ("members[3].userId"), or the parameter's name. */
    public static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null ? "body" : parameter;
    }
}
