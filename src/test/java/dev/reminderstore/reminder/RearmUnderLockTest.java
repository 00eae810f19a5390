package dev.reminderstore.reminder;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.reminderstore.Databases.PostgresqlOnly;
import dev.reminderstore.reaction.ReactionService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On PostgreSQL the reminder claim and the writers run side by side: a claim that locked an event and found nobody
 * missing parks it, while a change that makes someone missing commits beside it. Every such change re-arms under the
 * event's row lock, so the park cannot win. Its own profile: a fresh database, so the claims here take only these events.
 */
@QuarkusTest
@PostgresqlOnly
@TestProfile(RearmUnderLockTest.OwnDatabase.class)
class RearmUnderLockTest {

    public static final class OwnDatabase implements QuarkusTestProfile {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReminderLedger ledger;

    @Inject
    ReactionService reactions;

    /** A change that makes the one member ({@code userId}) of the event's guild missing again. */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("answer withdrawn", (BiConsumer<Watched, String>) (w, user) ->
                        api().delete("/api/v1/events/" + w.messageId + "/reactions/" + user).then().statusCode(204)),
                Arguments.of("answer changed to an emoji that does not count", (BiConsumer<Watched, String>) (w, user) ->
                        api().body(Map.of("emoji", "👍")).put("/api/v1/events/" + w.messageId + "/reactions/" + user)
                                .then().statusCode(200)),
                Arguments.of("answers replaced in bulk", (BiConsumer<Watched, String>) (w, user) ->
                        api().body(List.of()).put("/api/v1/events/" + w.messageId + "/reactions").then().statusCode(200)),
                Arguments.of("member added", (BiConsumer<Watched, String>) (w, user) ->
                        api().body(Map.of("username", "new")).put("/api/v1/guilds/" + w.guildId + "/users/" + newId())
                                .then().statusCode(201)),
                Arguments.of("member list replaced", (BiConsumer<Watched, String>) (w, user) ->
                        api().body(List.of(Map.of("userId", user, "username", "old"), Map.of("userId", newId(), "username", "new")))
                                .put("/api/v1/guilds/" + w.guildId + "/users").then().statusCode(200)),
                Arguments.of("required reactions changed", (BiConsumer<Watched, String>) (w, user) ->
                        api().contentType("application/merge-patch+json").body(Map.of("requiredReactions", List.of("👍")))
                                .patch("/api/v1/events/" + w.messageId).then().statusCode(200)),
                Arguments.of("migration adds a member", (BiConsumer<Watched, String>) (w, user) -> {
                    String imported = newId();
                    admin().body("{\"" + imported + "\": {\"message_id\": " + imported + ", \"channel_id\": " + newId()
                                    + ", \"guild_id\": " + w.guildId + ", \"title\": \"Imported\", \"interval_minutes\": 60.0,"
                                    + " \"required_reactions\": [\"✅\"], \"last_reminder\": \"2025-08-20T18:00:00\","
                                    + " \"is_paused\": true, \"all_users\": [" + newId() + "], \"users_who_reacted\": []}}")
                            .post("/api/v1/admin/migrate").then().statusCode(200).body("events", equalTo(1));
                }));
    }

    record Watched(String guildId, String messageId) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangeWaitsForTheClaimHoldingItsEventAndUndoesThePark(String kind, BiConsumer<Watched, String> change) throws Exception {
        String guildId = newId();
        String user = ReminderTesting.guildWithMembers(guildId, Map.of(), 1).get(0);
        Watched watched = new Watched(guildId, newId());
        ReminderTesting.watch(watched.messageId, newId(), guildId, kind, ReminderTesting.overdue());
        ReminderTesting.react(watched.messageId, user, "✅");

        // A claim as ReminderLedger makes it: it locks the due event, finds nobody missing, parks it and commits.
        try (Connection claim = dataSource.getConnection()) {
            claim.setAutoCommit(false);
            execute(claim, "select id from event where message_id = ? for update", watched.messageId);
            CompletableFuture<Void> changing = CompletableFuture.runAsync(() -> change.accept(watched, user));
            Thread.sleep(500); // the change meets the lock (today's code would have committed by now)
            execute(claim, "update event set next_reminder_at = null, version = version + 1 where message_id = ?",
                    watched.messageId);
            claim.commit();
            changing.get(20, TimeUnit.SECONDS);
        }

        api().get("/api/v1/events/" + watched.messageId).then().statusCode(200).body("nextReminderAt", notNullValue());
        api().get("/api/v1/events/" + watched.messageId + "/status").then().body("missing", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void thousandWithdrawalsRacingClaimsLeaveNoParkedEventWithSomeoneMissing() throws Exception {
        int events = 1_000;
        String guildId = newId();
        String user = ReminderTesting.guildWithMembers(guildId, Map.of(), 1).get(0);
        List<Long> messageIds = new ArrayList<>();
        Instant lastReminder = ReminderTesting.overdue().minusSeconds(events);
        for (int i = 0; i < events; i++) {
            String messageId = newId();
            ReminderTesting.watch(messageId, newId(), guildId, "Race " + i, lastReminder.plusSeconds(i)); // claimed in this order
            ReminderTesting.react(messageId, user, "✅");
            messageIds.add(Long.parseLong(messageId));
        }

        // Rounds of a claim of the next 5 due events started together with the withdrawals of those 5 answers.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        long member = Long.parseLong(user);
        for (int round = 0; round < events / 5; round++) {
            List<Long> batch = messageIds.subList(round * 5, round * 5 + 5);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<?> claim = threads.submit(() -> {
                start.await();
                return ledger.claimDue(Instant.now(), 5);
            });
            Future<?> withdrawals = threads.submit(() -> {
                start.await();
                List<CompletableFuture<Optional<Boolean>>> sent = batch.stream()
                        .map(messageId -> reactions.delete(messageId, member).toCompletableFuture()).toList();
                return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            });
            claim.get(20, TimeUnit.SECONDS);
            withdrawals.get(20, TimeUnit.SECONDS);
        }
        threads.shutdown();
        while (ledger.claimDue(Instant.now(), 500).examined() > 0) {
            // the claims that were left: everyone is missing now, so each is a reminder, never a park
        }

        try (Connection connection = dataSource.getConnection();
             PreparedStatement parked = connection.prepareStatement(
                     "select count(*) from event where guild_id = ? and next_reminder_at is null and not is_paused")) {
            parked.setLong(1, Long.parseLong(guildId));
            try (ResultSet row = parked.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).as("events parked although their one member is missing").isZero();
            }
        }
    }

    private static void execute(Connection connection, String sql, String messageId) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, Long.parseLong(messageId));
            statement.execute();
        }
    }
}
