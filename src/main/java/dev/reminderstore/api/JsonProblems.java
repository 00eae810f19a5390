package dev.reminderstore.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What is wrong with a JSON body, said in JSON's terms (field paths and JSON types, not Java classes). */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static Problem of(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return Problems.of(400, "the body is nested more than " + JsonLimits.MAX_NESTING_DEPTH
                    + " arrays and objects deep; this service accepts at most " + JsonLimits.MAX_NESTING_DEPTH);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            return of(parse); // a syntax error met while binding an element: still malformed JSON
        }
        if (e instanceof JsonParseException parse) {
            return Problems.of(400, "malformed JSON: " + parse.getOriginalMessage() + location(parse));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            String message = mismatch.getTargetType() == null ? "has the wrong type" : "must be " + jsonTypeOf(mismatch.getTargetType());
            if (field.isEmpty()) {
                return Problems.of(400, "the body " + message);
            }
            return Problems.of(400, "Bad Request", field + ": " + message, List.of(new Problem.FieldError(field, message)));
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            if (field.isEmpty()) {
                return Problems.of(400, "the body cannot be read: " + mapping.getOriginalMessage());
            }
            return Problems.of(400, "Bad Request", field + ": " + mapping.getOriginalMessage(),
                    List.of(new Problem.FieldError(field, mapping.getOriginalMessage())));
        }
        return Problems.of(400, "the body is not valid JSON: " + e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 UTC time such as 2026-11-25T16:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }
}
