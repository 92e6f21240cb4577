package io.healthid.idp.x509;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How client certificates (cards, organisation certificates) are validated (ADR 0004). Immutable; made with {@link #builder()}.
 *
 * <ul>
 * <li>{@code trustAnchors}: the IGC-Santé roots (for the test hierarchy, {@code TestPki.trustAnchors()});</li>
 * <li>{@code issuers}: the CAs allowed to issue login cards ({@code ... PERSONNES}), each under a trust anchor. A
 * card is checked against these, never against intermediates the client sends, so a certificate from
 * {@code ... ORGANISATIONS} or any other branch of the same root is not a card;</li>
 * <li>{@code revocationMode}: FAIL_CLOSED unless said otherwise;</li>
 * <li>{@code crlCacheLifetime}: how long a CRL is used before it is fetched again (at most until its nextUpdate);</li>
 * <li>{@code crlRetryAfterFailure}: how long an unreachable distribution point is left alone;</li>
 * <li>{@code clock}: the validation time.</li>
 * </ul>
 */
public final class ValidationSettings {

    private final List<X509Certificate> trustAnchors;
    private final List<X509Certificate> issuers;
    private final RevocationMode revocationMode;
    private final Duration crlCacheLifetime;
    private final Duration crlRetryAfterFailure;
    private final Clock clock;

    private ValidationSettings(Builder builder) {
        this.trustAnchors = List.copyOf(builder.trustAnchors);
        this.issuers = List.copyOf(builder.issuers);
        this.revocationMode = builder.revocationMode;
        this.crlCacheLifetime = builder.crlCacheLifetime;
        this.crlRetryAfterFailure = builder.crlRetryAfterFailure;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<X509Certificate> trustAnchors() {
        return this.trustAnchors;
    }

    public List<X509Certificate> issuers() {
        return this.issuers;
    }

    public RevocationMode revocationMode() {
        return this.revocationMode;
    }

    public Duration crlCacheLifetime() {
        return this.crlCacheLifetime;
    }

    public Duration crlRetryAfterFailure() {
        return this.crlRetryAfterFailure;
    }

    public Clock clock() {
        return this.clock;
    }

    public static final class Builder {

        private List<X509Certificate> trustAnchors = List.of();
        private List<X509Certificate> issuers = List.of();
        private RevocationMode revocationMode = RevocationMode.FAIL_CLOSED;
        private Duration crlCacheLifetime = Duration.ofHours(1);
        private Duration crlRetryAfterFailure = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder trustAnchors(List<X509Certificate> trustAnchors) {
            this.trustAnchors = List.copyOf(trustAnchors);
            return this;
        }

        public Builder issuers(List<X509Certificate> issuers) {
            this.issuers = List.copyOf(issuers);
            return this;
        }

        public Builder revocationMode(RevocationMode revocationMode) {
            this.revocationMode = Objects.requireNonNull(revocationMode, "revocationMode");
            return this;
        }

        public Builder crlCacheLifetime(Duration crlCacheLifetime) {
            this.crlCacheLifetime = positive(crlCacheLifetime, "crlCacheLifetime");
            return this;
        }

        public Builder crlRetryAfterFailure(Duration crlRetryAfterFailure) {
            this.crlRetryAfterFailure = Objects.requireNonNull(crlRetryAfterFailure, "crlRetryAfterFailure");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ValidationSettings build() {
            if (this.trustAnchors.isEmpty()) {
                throw new IllegalStateException("card validation needs at least one trust anchor");
            }
            if (this.issuers.isEmpty()) {
                throw new IllegalStateException("card validation needs at least one card issuer");
            }
            return new ValidationSettings(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }
}
