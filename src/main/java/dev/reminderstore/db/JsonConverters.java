package dev.reminderstore.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text columns: the same TEXT on SQLite and PostgreSQL, read and written with Jackson. */
public final class JsonConverters {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonConverters() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON column", e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON column cannot be read", e);
        }
    }

    @Converter
    public static class StringList implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value == null ? List.of() : value);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return json == null ? List.of() : read(json, new TypeReference<List<String>>() { });
        }
    }

    @Converter
    public static class ObjectMap implements AttributeConverter<Map<String, Object>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, Object> value) {
            return write(value == null ? Map.of() : value);
        }

        @Override
        public Map<String, Object> convertToEntityAttribute(String json) {
            return json == null ? new LinkedHashMap<>() : read(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
    }
}
