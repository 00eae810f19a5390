package dev.reminderstore.migration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.reminderstore.api.ApiException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a legacy document (one JSON object keyed by message id) one entry at a time, so that memory holds one
 * entry, never the file. Whether the document as a whole is sound is known only at its end: callers write inside
 * a transaction that an exception from here rolls back.
 */
final class LegacyDocumentReader implements Closeable {

    /** One entry: its key, and its value, or why the value could not be read. */
    record Entry(String key, JsonNode value, String unreadable) {
    }

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    private final JsonParser parser;
    private final ObjectReader entryReader;
    private JsonStreamContext document;

    LegacyDocumentReader(ObjectMapper mapper, InputStream body) throws IOException {
        // Python's json module writes NaN and Infinity; they are read here and refused per entry, not per file.
        this.parser = mapper.getFactory().rebuild().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().createParser(body);
        // One value per call in a stream of many: the tokens after it are the document's, not trailing garbage.
        this.entryReader = mapper.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The next entry, or null after the last one. */
    Entry next() throws IOException {
        if (document == null) {
            openDocument();
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("unexpected content after the end of the document" + location());
            }
            return null;
        }
        String key = parser.currentName();
        parser.nextToken();
        try {
            return new Entry(key, entryReader.readTree(parser), null);
        } catch (JsonMappingException duplicateField) {
            // The only mapping failure of a tree: a field named twice in one entry. The entry goes; the rest is read.
            Matcher field = QUOTED.matcher(duplicateField.getOriginalMessage());
            skipRestOfEntry();
            return new Entry(key, null, field.find() ? "the field " + field.group() + " appears twice in the entry"
                    : "a field appears twice in the entry");
        }
    }

    private void openDocument() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw ApiException.badRequest("the document is empty: a legacy document is a JSON object keyed by message id ({} for none)");
        }
        if (first != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("a legacy document is a JSON object keyed by message id, not "
                    + (first == JsonToken.START_ARRAY ? "an array" : "a single value"));
        }
        document = parser.getParsingContext();
    }

    private void skipRestOfEntry() throws IOException {
        while (parser.getParsingContext() != document) {
            if (parser.nextToken() == null) {
                return;
            }
        }
    }

    private String location() {
        return " (line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")";
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
