package dev.reminderstore.event;

import dev.reminderstore.Databases.SqliteOnly;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** TEST_MODE=true: an in-memory database and the wide interval limits of 0.5..10080 minutes. */
@QuarkusTest
@TestProfile(TestModeTest.TestMode.class)
class TestModeTest {

    public static class TestMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reminder.test-mode", "true");
        }
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    @SqliteOnly
    void databaseIsInMemory() {
        assertThat(jdbcUrl).isEqualTo("jdbc:sqlite:file:reminder-store?mode=memory&cache=shared");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 10080})
    void wideIntervalsAreAccepted(double minutes) {
        api().body(Map.of("messageId", newId(), "channelId", "1", "guildId", "2", "title", "t", "intervalMinutes", minutes))
                .post("/api/v1/events").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.49, 10080.5})
    void intervalsOutsideTheTestLimitsAreRefused(double minutes) {
        api().body(Map.of("messageId", newId(), "channelId", "1", "guildId", "2", "title", "t", "intervalMinutes", minutes))
                .post("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("intervalMinutes: must be from 0.5 to 10080 minutes"));
    }
}
