package io.healthid.idp.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Audit rows leave the request path but are never dropped silently: written in bounded batches, and on stop. */
class AuditBatchesTest {

    private final List<List<TokenRecord>> written = new ArrayList<>();
    private final AtomicInteger lost = new AtomicInteger();
    // an hour: nothing is written by the timer during a test, only by flush and stop
    private final AuditBatches<TokenRecord> batches = new AuditBatches<>(Duration.ofHours(1), batch -> {
        this.written.add(batch);
        return Mono.empty();
    }, this.lost::addAndGet);

    @Test
    void stopWhenRowsQueuedThenWritesThemAllInBatchesOfAtMost500() {
        this.batches.start();
        for (int i = 0; i < 1_201; i++) {
            this.batches.add(record(i));
        }
        assertThat(this.written).isEmpty();

        this.batches.stop();

        assertThat(this.written).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(this.written.stream().flatMap(List::stream).map(TokenRecord::correlationId))
            .containsExactlyElementsOf(IntStream.range(0, 1_201).mapToObj(i -> "ID-" + i).toList());
        assertThat(this.lost).hasValue(0);
        assertThat(this.batches.isRunning()).isFalse();
    }

    @Test
    void addWhenCapacityReachedThenRowIsCountedAsLost() {
        for (int i = 0; i < AuditBatches.CAPACITY + 3; i++) {
            this.batches.add(record(i));
        }
        assertThat(this.lost).hasValue(3);

        this.batches.flush().block();

        assertThat(this.written.stream().mapToInt(List::size).sum()).isEqualTo(AuditBatches.CAPACITY);
        this.batches.flush().block();
        assertThat(this.written.stream().mapToInt(List::size).sum()).isEqualTo(AuditBatches.CAPACITY);
    }

    @Test
    void flushWhenTheTimersWriteIsUnderWayThenCompletesOnlyAfterIt() {
        Sinks.Empty<Void> database = Sinks.empty();
        List<List<TokenRecord>> slow = new ArrayList<>();
        AuditBatches<TokenRecord> batches = new AuditBatches<>(Duration.ofHours(1), batch -> {
            slow.add(batch);
            return database.asMono();
        }, this.lost::addAndGet);
        batches.add(record(1));
        // the timer's flush has taken the row and waits for the database
        batches.flush().subscribe();
        assertThat(slow).hasSize(1);

        AtomicBoolean readerMayRead = new AtomicBoolean();
        batches.flush().subscribe(null, null, () -> readerMayRead.set(true));
        assertThat(readerMayRead).isFalse();

        database.tryEmitEmpty();
        assertThat(readerMayRead).isTrue();
    }

    private static TokenRecord record(int i) {
        return new TokenRecord(Instant.EPOCH.plusSeconds(i), TokenEventKind.ISSUED, "client-demo", "client_credentials",
                null, "0123456789abcdef", "ID-" + i);
    }
}
