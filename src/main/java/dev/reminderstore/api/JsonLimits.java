package dev.reminderstore.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;

/**
 * Bounds on what any JSON body may hold, set once on the shared mapper (API bodies, store documents, legacy files):
 * nesting at most {@link #MAX_NESTING_DEPTH} arrays and objects deep (deeper ones would cost a deep recursion when
 * written back), and every time within {@link Times}.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 64;

    /** Last, so that its Instant reader comes after (and so before, in Jackson's lookup) the JavaTimeModule's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        mapper.registerModule(new SimpleModule("bounded-times").addDeserializer(Instant.class, new BoundedInstants()));
    }

    /** Jackson's ISO-8601 reading of an instant, refused outside {@link Times}. */
    static final class BoundedInstants extends StdScalarDeserializer<Instant> {

        BoundedInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (instant != null && !Times.inRange(instant)) {
                throw JsonMappingException.from(parser, Times.RANGE);
            }
            return instant;
        }
    }
}
