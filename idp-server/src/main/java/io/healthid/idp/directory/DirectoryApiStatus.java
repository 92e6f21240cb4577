package io.healthid.idp.directory;

import io.healthid.rpps.lookup.PractitionerLookup;
import io.healthid.rpps.model.Practitioner;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The Annuaire Santé API as the logins see it: each lookup's outcome is remembered, and health says {@code DOWN}
 * while the last one failed (no answer in time, an error), {@code UP} once one succeeds. It is a component of
 * {@code /actuator/health} for operators, not of readiness: a node stays in service for the people of its own
 * directory when the remote API is slow.
 */
final class DirectoryApiStatus implements PractitionerLookup, HealthIndicator {

    private record Outcome(boolean failed, Instant at, String failure) {
    }

    private final PractitionerLookup api;
    private final Clock clock;
    private final AtomicReference<Outcome> last = new AtomicReference<>();

    DirectoryApiStatus(PractitionerLookup api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @Override
    public Mono<Practitioner> findByNationalId(String idNat) {
        return this.api.findByNationalId(idNat)
            .doOnSuccess(found -> this.last.set(new Outcome(false, this.clock.instant(), null)))
            .doOnError(failure -> this.last.set(new Outcome(true, this.clock.instant(),
                    failure.getClass().getSimpleName())));
    }

    @Override
    public Health health() {
        Outcome outcome = this.last.get();
        if (outcome == null) {
            return Health.unknown().withDetail("lastCall", "none yet").build();
        }
        Health.Builder health = outcome.failed() ? Health.down().withDetail("failure", outcome.failure()) : Health.up();
        return health.withDetail("lastCall", outcome.at().toString()).build();
    }
}
