package dev.reminderstore.reminder;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.reminderstore.Api;
import dev.reminderstore.Fixtures;
import dev.reminderstore.api.Times;
import dev.reminderstore.event.EventResource;
import dev.reminderstore.FixedTime;
import dev.reminderstore.config.TimeSource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's endpoints: activity per bucket, next due, last failures, events paused by the delivery. */
@QuarkusTest
class AdminReminderResourceTest {

    /** The tests' "now": days no other test logs reminders on (and each counting test clears its own). */
    static final Instant NOW = Instant.parse("2024-06-15T12:30:00Z");
    static final Instant DAILY_NOW = Instant.parse("2024-03-15T12:30:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void countsPerHourAndStatusFromTheBucketHoldingSince() throws SQLException {
        QuarkusMock.installMockForType(new FixedTime(NOW), TimeSource.class);
        clearLog("2024-06-15T00:00:00Z", "2024-06-16T00:00:00Z");
        long event = eventRow();
        log(event, "2024-06-15T09:59:59.999Z", "sent"); // before the first bucket
        log(event, "2024-06-15T10:00:00Z", "pending");
        log(event, "2024-06-15T11:05:00Z", "sent");
        log(event, "2024-06-15T11:59:59.999Z", "sent");
        log(event, "2024-06-15T11:30:00Z", "failed");
        log(event, "2024-06-15T12:10:00Z", "sent");
        JsonPath answer = activity("since=2024-06-15T10:20:00Z&bucket=PT1H");
        assertThat(answer.getString("bucket")).isEqualTo("PT1H");
        assertThat(answer.getList("buckets.start")).containsExactly(
                "2024-06-15T10:00:00Z", "2024-06-15T11:00:00Z", "2024-06-15T12:00:00Z");
        assertThat(answer.getList("buckets.sent", Integer.class)).containsExactly(0, 2, 1);
        assertThat(answer.getList("buckets.failed", Integer.class)).containsExactly(0, 1, 0);
        assertThat(answer.getList("buckets.pending", Integer.class)).containsExactly(1, 0, 0);
        assertThat(answer.getList("buckets.skipped", Integer.class)).containsExactly(0, 0, 0);
        // An age reaches back from now: PT2H is 10:30, in the 10:00 bucket.
        assertThat(activity("since=PT2H&bucket=PT1H").getList("buckets.sent", Integer.class)).containsExactly(0, 2, 1);
    }

    @Test
    void countsPerUtcDay() throws SQLException {
        QuarkusMock.installMockForType(new FixedTime(DAILY_NOW), TimeSource.class);
        clearLog("2024-03-12T00:00:00Z", "2024-03-16T00:00:00Z");
        long event = eventRow();
        log(event, "2024-03-12T23:59:59.999Z", "failed");
        log(event, "2024-03-13T00:00:00Z", "failed");
        log(event, "2024-03-14T23:59:59.999Z", "sent");
        log(event, "2024-03-14T00:00:00Z", "sent");
        JsonPath answer = activity("since=2024-03-13T05:00:00Z&bucket=P1D");
        assertThat(answer.getList("buckets.start")).containsExactly(
                "2024-03-13T00:00:00Z", "2024-03-14T00:00:00Z", "2024-03-15T00:00:00Z");
        assertThat(answer.getList("buckets.sent", Integer.class)).containsExactly(0, 2, 0);
        assertThat(answer.getList("buckets.failed", Integer.class)).containsExactly(1, 0, 0);
    }

    @Test
    void withoutSinceADayByHoursOrThirtyDaysByDays() {
        QuarkusMock.installMockForType(new FixedTime(NOW), TimeSource.class);
        JsonPath hourly = activity("bucket=PT1H");
        assertThat(hourly.getString("since")).isEqualTo("2024-06-14T12:30:00Z");
        assertThat(hourly.getList("buckets")).hasSize(25);
        JsonPath daily = activity("bucket=P1D");
        assertThat(daily.getString("since")).isEqualTo("2024-05-16T12:30:00Z");
        assertThat(daily.getList("buckets")).hasSize(31);
    }

    @Test
    void boundsOfSince() {
        QuarkusMock.installMockForType(new FixedTime(NOW), TimeSource.class);
        badRequest("since=2024-06-15T12:30:00.001Z", "since: must not be in the future");
        badRequest("since=1999-12-31T23:59:59Z", "since: " + Times.RANGE);
        badRequest("since=10000-01-01T00:00:00Z", "since: must be an ISO-8601 UTC time such as 2026-11-25T16:00:00Z");
        badRequest("since=yesterday", "since: must be an ISO-8601 UTC time such as 2026-11-25T16:00:00Z");
        String tooFar = "since: must be at most 1000 buckets before now (41 days by PT1H, 1000 days by P1D)";
        // 1000 hourly buckets end with the one holding now (12:00): the first starts 999 hours before it.
        assertThat(activity("since=2024-05-04T21:00:00Z&bucket=PT1H").getList("buckets")).hasSize(1000);
        badRequest("since=2024-05-04T20:59:59.999Z&bucket=PT1H", tooFar);
        assertThat(activity("since=2021-09-20T00:00:00Z&bucket=P1D").getList("buckets")).hasSize(1000);
        badRequest("since=2021-09-19T23:59:59.999Z&bucket=P1D", tooFar);
    }

    @Test
    void badBucket() {
        for (String bucket : List.of("PT2H", "pt1h", "P1W", "PT60M", "1h")) {
            badRequest("bucket=" + bucket, "bucket: must be PT1H or P1D");
        }
    }

    @Test
    void adminKeyOnly() {
        api().get("/api/v1/admin/reminder-activity").then().statusCode(403)
                .body("detail", equalTo("this endpoint needs the admin key (ADMIN_API_KEY)"));
    }

    @Test
    void nextDueSoonestFirst() {
        String guild = Fixtures.guildWithMembers(Api.newId());
        String soonest = Fixtures.event(guild, Map.of("lastReminder", "2000-01-01T00:00:00Z"));
        String paused = Fixtures.event(guild, Map.of("lastReminder", "2000-01-01T00:00:00Z", "isPaused", true));
        JsonPath upcoming = admin().get("/api/v1/admin/upcoming-reminders").then().statusCode(200).extract().jsonPath();
        List<String> due = upcoming.getList("nextReminderAt");
        assertThat(due).hasSizeLessThanOrEqualTo(20).isSorted().doesNotContainNull();
        assertThat(upcoming.getList("messageId")).contains(soonest).doesNotContain(paused);
        assertThat(upcoming.getString("find { it.messageId == '" + soonest + "' }.nextReminderAt")).isEqualTo("2000-01-01T01:00:00Z");
    }

    @Test
    void lastFailuresNewestFirstAndEventsPausedByTheDeliveryUntilResumed() throws SQLException {
        String guild = Fixtures.guildWithMembers(Api.newId());
        String gone = Fixtures.event(guild, Map.of("isPaused", true));
        String pausedByUser = Fixtures.event(guild, Map.of("isPaused", true));
        String failedThenSent = Fixtures.event(guild, Map.of("isPaused", true));
        long goneRow = eventRow(gone);
        log(goneRow, "2026-01-01T00:00:00Z", "failed", "Discord answered 404: Unknown Channel");
        log(eventRow(failedThenSent), "2026-01-01T00:00:00Z", "failed", "Discord answered 403: Missing Access");
        log(eventRow(failedThenSent), "2026-01-01T01:00:00Z", "sent", null);
        log(goneRow, "2026-01-01T01:00:00Z", "failed", "Discord answered 404: Unknown Channel (again)");

        JsonPath failures = admin().get("/api/v1/admin/reminder-failures").then().statusCode(200).extract().jsonPath();
        assertThat(failures.getList("id", Long.class)).hasSizeLessThanOrEqualTo(20).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(failures.getList("status")).containsOnly("failed");
        assertThat(failures.getString("[0].messageId")).isEqualTo(gone);
        assertThat(failures.getString("[0].errorMessage")).isEqualTo("Discord answered 404: Unknown Channel (again)");

        JsonPath paused = admin().get("/api/v1/admin/paused-events").then().statusCode(200).extract().jsonPath();
        assertThat(paused.getList("event.messageId")).contains(gone).doesNotContain(pausedByUser, failedThenSent);
        assertThat(paused.getString("find { it.event.messageId == '" + gone + "' }.reason"))
                .isEqualTo("Discord answered 404: Unknown Channel (again)");

        // Resuming is the events API's merge patch, which the console sends with the admin key.
        admin().contentType(EventResource.MERGE_PATCH).body(Map.of("isPaused", false))
                .patch("/api/v1/events/" + gone).then().statusCode(200).body("isPaused", equalTo(false));
        admin().get("/api/v1/admin/paused-events").then().statusCode(200).body("event.messageId", not(hasItem(gone)));
    }

    private JsonPath activity(String query) {
        return admin().get("/api/v1/admin/reminder-activity?" + query).then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static void badRequest(String query, String detail) {
        admin().get("/api/v1/admin/reminder-activity?" + query).then().statusCode(400).body("detail", equalTo(detail));
    }

    private long eventRow() throws SQLException {
        return eventRow(Fixtures.event(Fixtures.guildWithMembers(Api.newId())));
    }

    private long eventRow(String messageId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("select id from event where message_id = ?")) {
            query.setLong(1, Long.parseLong(messageId));
            try (var row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Deletes the log rows of earlier runs in the test's window (the test database outlives a run). */
    private void clearLog(String from, String until) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from reminderlog where scheduled_at >= ? and scheduled_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.parse(from)));
            delete.setTimestamp(2, Timestamp.from(Instant.parse(until)));
            delete.executeUpdate();
        }
    }

    private void log(long event, String scheduledAt, String status) throws SQLException {
        log(event, scheduledAt, status, null);
    }

    private void log(long event, String scheduledAt, String status, String error) throws SQLException {
        Timestamp at = Timestamp.from(Instant.parse(scheduledAt));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into reminderlog (event_id, scheduled_at, status,"
                     + " error_message, users_notified, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)")) {
            insert.setLong(1, event);
            insert.setTimestamp(2, at);
            insert.setString(3, status);
            insert.setString(4, error);
            insert.setTimestamp(5, at);
            insert.setTimestamp(6, at);
            insert.executeUpdate();
        }
    }
}
