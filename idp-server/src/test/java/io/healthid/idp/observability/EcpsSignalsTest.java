package io.healthid.idp.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.observability.EcpsSignals.PushOutcome;
import io.healthid.idp.testsupport.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * How push attempts are told apart (a gateway that refuses the message from one that cannot be reached), and what the
 * console's "last hour" counts: only what happened since the newest sample an hour old.
 */
class EcpsSignalsTest {

    private enum Gateway {
        WEBHOOK, FCM
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final EcpsSignals signals = new EcpsSignals(this.meters, Gateway.class, Duration.ofSeconds(60), this.clock);

    @Test
    void outcomeWhenGatewayRefusesThenUndeliverableWhenUnreachableOrFailingThenFailed() {
        assertThat(PushOutcome.of(wrapped(answer(404)))).isEqualTo(PushOutcome.UNDELIVERABLE);
        assertThat(PushOutcome.of(wrapped(answer(400)))).isEqualTo(PushOutcome.UNDELIVERABLE);
        // no gateway for the type, a webhook host no longer allowed: nothing was sent
        assertThat(PushOutcome.of(new IllegalStateException("no gateway for FCM"))).isEqualTo(PushOutcome.UNDELIVERABLE);
        assertThat(PushOutcome.of(wrapped(answer(503)))).isEqualTo(PushOutcome.FAILED);
        assertThat(PushOutcome.of(wrapped(answer(429)))).isEqualTo(PushOutcome.FAILED);
        assertThat(PushOutcome.of(wrapped(new TimeoutException()))).isEqualTo(PushOutcome.FAILED);
        assertThat(PushOutcome.of(wrapped(new WebClientRequestException(new IOException("Connection refused"),
                HttpMethod.POST, URI.create("http://127.0.0.1:9/push"), new HttpHeaders())))).isEqualTo(PushOutcome.FAILED);
    }

    @Test
    void pushedWhenCountedThenEveryGatewayAndOutcomeIsASeriesFromTheStart() {
        for (Gateway gateway : Gateway.values()) {
            for (PushOutcome outcome : PushOutcome.values()) {
                assertThat(counter(gateway, outcome)).isZero();
            }
        }
        this.signals.pushed(Gateway.FCM, PushOutcome.FAILED);
        assertThat(counter(Gateway.FCM, PushOutcome.FAILED)).isEqualTo(1);
        assertThat(counter(Gateway.WEBHOOK, PushOutcome.FAILED)).isZero();
    }

    @Test
    void recentWhenAnHourHasPassedThenOnlyWhatCameSinceTheSampleAnHourOld() {
        this.signals.pushed(Gateway.WEBHOOK, PushOutcome.DELIVERED);
        this.signals.answered(Duration.ofSeconds(-90));
        this.signals.sample().block();
        for (int minute = 0; minute < 60; minute++) {
            this.clock.advance(Duration.ofMinutes(1));
            this.signals.sample().block();
        }
        this.signals.pushed(Gateway.WEBHOOK, PushOutcome.UNDELIVERABLE);
        this.signals.pushed(Gateway.WEBHOOK, PushOutcome.DELIVERED);
        this.signals.pushed(Gateway.WEBHOOK, PushOutcome.DELIVERED);
        this.signals.pushed(Gateway.WEBHOOK, PushOutcome.DELIVERED);
        this.signals.answered(Duration.ofSeconds(3));
        this.signals.answered(Duration.ofSeconds(4));
        this.signals.answered(Duration.ofSeconds(25));
        this.signals.answered(Duration.ofSeconds(61));

        EcpsSignals.Recent recent = this.signals.recent(Duration.ofHours(1));

        assertThat(recent.since()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        EcpsSignals.GatewayPushes webhook = recent.pushes().get(0);
        assertThat(webhook.gateway()).isEqualTo("webhook");
        assertThat(webhook.delivered()).isEqualTo(3);
        assertThat(webhook.undeliverable()).isEqualTo(1);
        assertThat(webhook.deliveredRatio()).isEqualTo(0.75);
        assertThat(recent.pushes().get(1).attempts()).isZero();
        assertThat(recent.answers()).isEqualTo(4);
        assertThat(recent.beyondAllowed()).isEqualTo(1);
        assertThat(recent.medianAtMost()).isEqualTo(5);
        assertThat(recent.p90AtMost()).isEqualTo(90);
        // the histogram counts every answer since start, early and late alike
        assertThat(this.meters.get("idp.ecps.clock.skew").summary().count()).isEqualTo(5);
        assertThat(this.meters.get("idp.ecps.clock.skew").summary().max()).isEqualTo(90);
    }

    private double counter(Gateway gateway, PushOutcome outcome) {
        return this.meters.get("idp.ecps.push").tag("gateway", EcpsSignals.label(gateway)).tag("outcome", outcome.label())
            .counter().count();
    }

    private static WebClientResponseException answer(int status) {
        return WebClientResponseException.create(status, "gateway", new HttpHeaders(), new byte[0], StandardCharsets.UTF_8);
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("push failed: " + cause.getClass().getSimpleName(), cause);
    }
}
