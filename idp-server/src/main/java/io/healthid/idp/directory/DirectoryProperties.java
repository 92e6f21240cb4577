package io.healthid.idp.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The practitioner directory's settings ({@code idp.directory.*}).
 *
 * @param loadSample load the sample directory on first start (default: only with the embedded database)
 * @param cacheTtl how long a practitioner stays in the Redis cache (an import makes older entries unreachable)
 * @param annuaireSante the Annuaire Santé FHIR API, used as a fallback when its API key is set
 */
@ConfigurationProperties("idp.directory")
public record DirectoryProperties(Boolean loadSample, @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue AnnuaireSante annuaireSante) {

    /**
     * @param apiKey the {@code ESANTE-API-KEY}; blank disables the API
     * @param baseUrl the FHIR V2 base URL
     * @param fallback when to ask the API: {@code WHEN_NOT_FOUND} or {@code WHEN_NOT_FOUND_OR_UNAVAILABLE}
     * @param loginTimeout how long a login waits for the API before {@code DIRECTORY_UNAVAILABLE}
     */
    public record AnnuaireSante(@DefaultValue("") String apiKey,
            @DefaultValue("https://gateway.api.esante.gouv.fr/fhir/v2") String baseUrl,
            @DefaultValue("WHEN_NOT_FOUND") String fallback, @DefaultValue("5s") Duration loginTimeout) {

        public boolean enabled() {
            return !this.apiKey.isBlank();
        }
    }
}
