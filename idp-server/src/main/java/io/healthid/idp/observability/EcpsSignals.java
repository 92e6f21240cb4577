package io.healthid.idp.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.DoubleStream;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * What e-CPS phones do beside the login outcomes: every push attempt by gateway and outcome
 * ({@code idp_ecps_push_total{gateway,outcome}}) and, for every signed answer to a challenge, how far the phone's
 * clock is from ours ({@code idp_ecps_clock_skew_seconds}, a histogram whose buckets include the allowed skew, so the
 * share of answers beyond it is a bucket away). The console reads the same counts for this node over the last hour,
 * from samples taken every minute ({@link #sample}).
 */
public final class EcpsSignals {

    /** Whether a push reached the gateway and the gateway took it. */
    public enum PushOutcome {
        DELIVERED, UNDELIVERABLE, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * {@code failed} when the gateway could not be reached or failed itself (timeout, I/O, 5xx, 408, 429): it may
         * work again by itself; {@code undeliverable} when it refused the message (4xx: an unknown or expired address)
         * or no gateway may carry it (none configured, host no longer allowed).
         */
        public static PushOutcome of(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof TimeoutException || cause instanceof IOException
                        || cause instanceof WebClientRequestException) {
                    return FAILED;
                }
                if (cause instanceof WebClientResponseException answer) {
                    int status = answer.getStatusCode().value();
                    return status >= 500 || status == 408 || status == 429 ? FAILED : UNDELIVERABLE;
                }
            }
            return UNDELIVERABLE;
        }
    }

    /** Counts of one gateway over a window. */
    public record GatewayPushes(String gateway, long delivered, long undeliverable, long failed) {

        public long attempts() {
            return this.delivered + this.undeliverable + this.failed;
        }

        public double deliveredRatio() {
            return attempts() == 0 ? 0 : (double) this.delivered / attempts();
        }
    }

    /**
     * This node's e-CPS signals since {@code since}: pushes per gateway; signed answers, those beyond the allowed
     * skew, and the bucket bounds (seconds) under which half and nine tenths of the answers' skews fall ({@code -1}
     * without answers, {@code +Inf} beyond the largest bucket).
     */
    public record Recent(Instant since, List<GatewayPushes> pushes, long answers, long beyondAllowed, Duration allowed,
            double medianAtMost, double p90AtMost) {

        public double beyondAllowedRatio() {
            return this.answers == 0 ? 0 : (double) this.beyondAllowed / this.answers;
        }
    }

    private static final double[] SKEW_BUCKETS = {1, 2, 5, 10, 20, 30, 45, 60, 90, 120, 300, 600, 1800, 3600, 86400};
    private static final Duration SAMPLE_KEPT = Duration.ofHours(1).plusMinutes(5);

    /** Cumulative counts at one instant: pushes by gateway then outcome, then answers per skew bucket and beyond. */
    private record Totals(Instant at, long[] pushes, long[] skews) {
    }

    private final List<String> gateways;
    private final Counter[] pushCounters;
    private final AtomicLongArray pushCounts;
    private final DistributionSummary skew;
    private final double[] buckets;
    private final AtomicLongArray skewCounts;
    private final Duration allowed;
    private final Clock clock;
    private final Deque<Totals> samples = new ArrayDeque<>();

    /**
     * @param gateways the kinds of push target, whose lower-case names label {@code gateway}
     * @param allowed how far a phone's clock may be from ours (a bucket bound of the histogram)
     */
    public EcpsSignals(MeterRegistry meters, Class<? extends Enum<?>> gateways, Duration allowed, Clock clock) {
        this.gateways = Arrays.stream(gateways.getEnumConstants()).map(EcpsSignals::label).toList();
        this.allowed = allowed;
        this.clock = clock;
        int outcomes = PushOutcome.values().length;
        this.pushCounters = new Counter[this.gateways.size() * outcomes];
        for (int g = 0; g < this.gateways.size(); g++) {
            for (PushOutcome outcome : PushOutcome.values()) {
                this.pushCounters[g * outcomes + outcome.ordinal()] = Counter.builder("idp.ecps.push")
                    .description("e-CPS push attempts by gateway and outcome (delivered, undeliverable, failed)")
                    .tag("gateway", this.gateways.get(g))
                    .tag("outcome", outcome.label())
                    .register(meters);
            }
        }
        this.pushCounts = new AtomicLongArray(this.pushCounters.length);
        this.buckets = DoubleStream.concat(Arrays.stream(SKEW_BUCKETS), DoubleStream.of(allowed.toMillis() / 1000.0))
            .distinct().sorted().toArray();
        this.skew = DistributionSummary.builder("idp.ecps.clock.skew")
            .description("How far phones' clocks are from the server's, |iat - now| of every signed challenge answer")
            .baseUnit("seconds")
            .serviceLevelObjectives(this.buckets)
            .register(meters);
        this.skewCounts = new AtomicLongArray(this.buckets.length + 1);
        this.samples.add(totals());
    }

    public static String label(Enum<?> gateway) {
        return gateway.name().toLowerCase(Locale.ROOT);
    }

    public void pushed(Enum<?> gateway, PushOutcome outcome) {
        int index = this.gateways.indexOf(label(gateway)) * PushOutcome.values().length + outcome.ordinal();
        this.pushCounters[index].increment();
        this.pushCounts.incrementAndGet(index);
    }

    /** One signed answer's skew, early or late alike. */
    public void answered(Duration skew) {
        double seconds = skew.abs().toMillis() / 1000.0;
        this.skew.record(seconds);
        int bucket = 0;
        while (bucket < this.buckets.length && seconds > this.buckets[bucket]) {
            bucket++;
        }
        this.skewCounts.incrementAndGet(bucket);
    }

    /** Keeps the counts as they stand, for {@link #recent}; older samples than an hour and a bit are dropped. */
    public Mono<Void> sample() {
        Totals now = totals();
        synchronized (this.samples) {
            this.samples.addLast(now);
            while (this.samples.size() > 2 && this.samples.peekFirst().at().isBefore(now.at().minus(SAMPLE_KEPT))) {
                this.samples.removeFirst();
            }
        }
        return Mono.empty();
    }

    /** The counts since the newest sample at least {@code window} old (the first one while the node is younger). */
    public Recent recent(Duration window) {
        Totals now = totals();
        Instant cutoff = now.at().minus(window);
        Totals base;
        synchronized (this.samples) {
            base = this.samples.peekFirst();
            for (Totals sample : this.samples) {
                if (sample.at().isAfter(cutoff)) {
                    break;
                }
                base = sample;
            }
        }
        int outcomes = PushOutcome.values().length;
        List<GatewayPushes> pushes = new ArrayList<>();
        for (int g = 0; g < this.gateways.size(); g++) {
            long[] counts = new long[outcomes];
            for (int o = 0; o < outcomes; o++) {
                counts[o] = now.pushes()[g * outcomes + o] - base.pushes()[g * outcomes + o];
            }
            pushes.add(new GatewayPushes(this.gateways.get(g), counts[PushOutcome.DELIVERED.ordinal()],
                    counts[PushOutcome.UNDELIVERABLE.ordinal()], counts[PushOutcome.FAILED.ordinal()]));
        }
        long[] skews = new long[now.skews().length];
        for (int b = 0; b < skews.length; b++) {
            skews[b] = now.skews()[b] - base.skews()[b];
        }
        long answers = Arrays.stream(skews).sum();
        int allowedBucket = Arrays.binarySearch(this.buckets, this.allowed.toMillis() / 1000.0);
        long beyond = Arrays.stream(skews, allowedBucket + 1, skews.length).sum();
        return new Recent(base.at(), pushes, answers, beyond, this.allowed, atMost(skews, answers, 0.5),
                atMost(skews, answers, 0.9));
    }

    /** The upper bound of the bucket where the quantile falls. */
    private double atMost(long[] skews, long answers, double quantile) {
        if (answers == 0) {
            return -1;
        }
        long seen = 0;
        for (int b = 0; b < skews.length; b++) {
            seen += skews[b];
            if (seen >= quantile * answers) {
                return b < this.buckets.length ? this.buckets[b] : Double.POSITIVE_INFINITY;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private Totals totals() {
        long[] pushes = new long[this.pushCounts.length()];
        for (int i = 0; i < pushes.length; i++) {
            pushes[i] = this.pushCounts.get(i);
        }
        long[] skews = new long[this.skewCounts.length()];
        for (int i = 0; i < skews.length; i++) {
            skews[i] = this.skewCounts.get(i);
        }
        return new Totals(this.clock.instant(), pushes, skews);
    }
}
