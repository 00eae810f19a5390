package dev.reminderstore.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Every group the flush function was given, and a gate that holds the first group until the test opens it. */
    private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private GroupCommit<Integer, Integer> commit;

    private GroupCommit<Integer, Integer> doubling(int maxGroup) {
        commit = new GroupCommit<>("test-writer", maxGroup, group -> {
            groups.add(group);
            firstGroupStarted.countDown();
            await(gate);
            if (group.contains(-1)) {
                throw new IllegalStateException("disk I/O error");
            }
            return group.stream().map(command -> command * 2).toList();
        });
        return commit;
    }

    @AfterEach
    void close() throws InterruptedException {
        gate.countDown();
        commit.close();
    }

    @Test
    void commandsThatArriveWhileAGroupIsWrittenAreWrittenTogetherAndEachGetsItsOwnResult() throws Exception {
        doubling(256);
        CompletableFuture<Integer> first = commit.submit(1);
        await(firstGroupStarted);
        List<CompletableFuture<Integer>> waiting = IntStream.rangeClosed(2, 11).mapToObj(commit::submit).toList();

        gate.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(waiting).extracting(result -> result.get(5, TimeUnit.SECONDS))
                .containsExactly(4, 6, 8, 10, 12, 14, 16, 18, 20, 22);
        assertThat(groups).containsExactly(List.of(1), List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    }

    @Test
    void aGroupNeverHoldsMoreThanItsMaximum() throws Exception {
        doubling(4);
        commit.submit(0);
        await(firstGroupStarted);
        List<CompletableFuture<Integer>> waiting = IntStream.rangeClosed(1, 9).mapToObj(commit::submit).toList();

        gate.countDown();

        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertThat(groups).containsExactly(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9));
    }

    @Test
    void aFailedFlushFailsEveryCommandOfItsGroupAndNoOther() throws Exception {
        doubling(256);
        commit.submit(0);
        await(firstGroupStarted);
        CompletableFuture<Integer> sameGroupAsTheFault = commit.submit(5);
        CompletableFuture<Integer> fault = commit.submit(-1);
        gate.countDown();

        assertThatThrownBy(() -> sameGroupAsTheFault.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("disk I/O error");
        assertThatThrownBy(() -> fault.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("disk I/O error");
        assertThat(commit.submit(7).get(5, TimeUnit.SECONDS)).isEqualTo(14);
    }

    @Test
    void closingWritesWhatIsQueuedThenRefusesNewCommands() throws Exception {
        doubling(256);
        commit.submit(0);
        await(firstGroupStarted);
        CompletableFuture<Integer> queued = commit.submit(21);
        Thread closer = new Thread(() -> {
            try {
                commit.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        gate.countDown();
        closer.join(5_000);

        assertThat(queued).isCompletedWithValue(42);
        assertThatThrownBy(() -> commit.submit(1).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreBusyException.class)
                .hasRootCauseMessage("the service is stopping; try again shortly");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
