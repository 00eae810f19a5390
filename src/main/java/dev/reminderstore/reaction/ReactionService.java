package dev.reminderstore.reaction;

import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Upserted;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.GroupCommit;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.SetReplacement;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventService;
import dev.reminderstore.reminder.ReminderSchedule;
import dev.reminderstore.reaction.AnswerWriter.AnswerChange;
import dev.reminderstore.reaction.AnswerWriter.AnswerOutcome;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Answers to events. Every method answers empty when the event is not watched, for the resource to say 404. */
@ApplicationScoped
public class ReactionService {

    /** Bounds one group's transaction, so that other writers wait for the writer's lock a few milliseconds at most. */
    private static final int MAX_ANSWERS_PER_COMMIT = 256;

    private final EventService events;
    private final TimeSource time;
    private final ReminderSchedule reminders;
    private final GroupCommit<AnswerChange, AnswerOutcome> answers;

    public ReactionService(EventService events, TimeSource time, ReminderSchedule reminders, AnswerWriter writer) {
        this.events = events;
        this.time = time;
        this.reminders = reminders;
        this.answers = new GroupCommit<>("reaction-writer", MAX_ANSWERS_PER_COMMIT, writer::write);
    }

    /** Records a user's answer; it is committed together with the answers that arrive at the same time. */
    public CompletionStage<Optional<Upserted<ReactionView>>> upsert(long messageId, long userId, String emoji) {
        return answers.submit(new AnswerChange(messageId, userId, emoji)).thenApply(outcome -> outcome.eventWatched()
                ? Optional.of(new Upserted<>(outcome.after().orElseThrow(), outcome.before().isEmpty()))
                : Optional.empty());
    }

    /** Withdraws a user's answer; answers empty when the event is unknown, else whether the user had reacted. */
    public CompletionStage<Optional<Boolean>> delete(long messageId, long userId) {
        return answers.submit(new AnswerChange(messageId, userId, null)).thenApply(outcome -> outcome.eventWatched()
                ? Optional.of(outcome.before().isPresent())
                : Optional.empty());
    }

    @PreDestroy
    void finishQueuedAnswers() throws InterruptedException {
        answers.close();
    }

    public Optional<Page<ReactionView>> list(long messageId, PageRequest page) {
        return events.findEntity(messageId).map(event -> Page.of(
                Reaction.<Reaction>find("eventId = ?1 and userId > ?2 order by userId", event.id, page.after())
                        .page(0, page.fetchSize()).list(),
                page, r -> r.userId, r -> ReactionView.of(messageId, r)));
    }

    /** Makes the event's reactions exactly {@code answers}; a kept answer keeps its time unless its emoji changed. */
    @WriteTransaction
    public Optional<SetReplacement.Counts> replace(long messageId, List<AnswerRequest> answers) {
        Map<Long, AnswerRequest> wanted = Ids.distinct(answers, AnswerRequest::userId, "userId");
        Optional<Event> found = events.findEntity(messageId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long eventId = found.get().id;
        reminders.rearmEvents(List.of(eventId));
        Timestamp now = Jdbc.time(time.now());
        return Optional.of(Jdbc.inTransaction(connection -> SetReplacement.replace(connection, eventId, wanted,
                "select user_id from reaction where event_id = ?",
                "insert into reaction (event_id, user_id, emoji, reacted_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
                (insert, userId, answer) -> {
                    insert.setLong(1, eventId);
                    insert.setLong(2, userId);
                    insert.setString(3, answer.emoji());
                    insert.setTimestamp(4, now);
                    insert.setTimestamp(5, now);
                    insert.setTimestamp(6, now);
                },
                "update reaction set reacted_at = case when emoji = ? then reacted_at else ? end, emoji = ?, updated_at = ?"
                        + " where event_id = ? and user_id = ?",
                (update, userId, answer) -> {
                    update.setString(1, answer.emoji());
                    update.setTimestamp(2, now);
                    update.setString(3, answer.emoji());
                    update.setTimestamp(4, now);
                    update.setLong(5, eventId);
                    update.setLong(6, userId);
                },
                "delete from reaction where event_id = ? and user_id = ?")));
    }
}
