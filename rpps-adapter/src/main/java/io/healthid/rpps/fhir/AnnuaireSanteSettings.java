package io.healthid.rpps.fhir;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Annuaire Santé FHIR client.
 *
 * @param baseUrl         FHIR base, {@code https://gateway.api.esante.gouv.fr/fhir/v2} by default
 * @param apiKey          sent as {@code ESANTE-API-KEY}
 * @param timeout         for one HTTP call (30 s, as ANS documents)
 * @param callsPerSecond  client-side limit (ANS allows 17 calls/s per key); share one {@link RateLimiter} between all
 *                        clients using the same key
 * @param maxRetries      retries after a 429, a 5xx or a connection failure (not after a timeout)
 * @param initialBackoff  first retry delay, doubled each time, unless the server sends {@code Retry-After}
 * @param maxBackoff      cap of any retry delay, including {@code Retry-After}
 * @param maxPages        safety stop when following {@code next} links
 */
public record AnnuaireSanteSettings(URI baseUrl, String apiKey, Duration timeout, int callsPerSecond, int maxRetries,
        Duration initialBackoff, Duration maxBackoff, int maxPages) {

    public static final URI PRODUCTION = URI.create("https://gateway.api.esante.gouv.fr/fhir/v2");

    public AnnuaireSanteSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        String b = baseUrl.toString();
        if (b.endsWith("/")) {
            baseUrl = URI.create(b.substring(0, b.length() - 1));
        }
    }

    public static Builder builder(String apiKey) {
        return new Builder(apiKey);
    }

    public static final class Builder {
        private final String apiKey;
        private URI baseUrl = PRODUCTION;
        private Duration timeout = Duration.ofSeconds(30);
        private int callsPerSecond = 17;
        private int maxRetries = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private int maxPages = 10_000;

        private Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        public Builder baseUrl(String value) {
            this.baseUrl = URI.create(value);
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder callsPerSecond(int value) {
            this.callsPerSecond = value;
            return this;
        }

        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            this.initialBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        public Builder maxPages(int value) {
            this.maxPages = value;
            return this;
        }

        public AnnuaireSanteSettings build() {
            return new AnnuaireSanteSettings(baseUrl, apiKey, timeout, callsPerSecond, maxRetries, initialBackoff,
                    maxBackoff, maxPages);
        }
    }
}
