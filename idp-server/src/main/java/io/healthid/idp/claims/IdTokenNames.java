package io.healthid.idp.claims;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The directory names an ID token carries, looked up by the token endpoint before SAS runs the grant, so that the
 * token customizer (on a SAS worker thread) reads them from memory instead of waiting for the directory. A directory
 * that does not answer in time leaves the names out rather than failing the token request: login already verified
 * the person against it.
 */
public final class IdTokenNames {

    /**
     * Directory claims copied into the ID token, as PSC does; the full set (SubjectRefPro...) and the composed
     * {@code name} stay in userinfo: PSC's ID token has no {@code name}, and the OpenID Foundation's plan warns about
     * one nobody asked for.
     */
    static final List<String> CLAIMS = List.of("given_name", "family_name");

    private static final Logger logger = LoggerFactory.getLogger(IdTokenNames.class);
    private static final Duration DIRECTORY_WAIT = Duration.ofSeconds(2);

    private final Optional<DirectoryClaims> directory;
    private final Cache<String, Map<String, Object>> names;

    /** @param fresh how long names read from the directory are reused for the same person's next tokens */
    public IdTokenNames(Optional<DirectoryClaims> directory, Duration fresh) {
        this.directory = directory;
        this.names = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(fresh).build();
    }

    /** Reads the person's names from the directory unless they are fresh in memory; never fails. */
    public Mono<Void> prefetch(String nationalId) {
        if (this.directory.isEmpty() || this.names.getIfPresent(nationalId) != null) {
            return Mono.empty();
        }
        return this.directory.get().claimsFor(nationalId)
            .timeout(DIRECTORY_WAIT)
            .map(IdTokenNames::names)
            .doOnNext(found -> this.names.put(nationalId, found))
            .onErrorResume(ex -> {
                logger.warn("ID token issued without directory names: {}", ex.getMessage());
                return Mono.empty();
            })
            .then();
    }

    /** The names {@link #prefetch} found, empty when it found none. */
    public Map<String, Object> of(String nationalId) {
        Map<String, Object> found = this.names.getIfPresent(nationalId);
        return found == null ? Map.of() : found;
    }

    private static Map<String, Object> names(Map<String, Object> all) {
        Map<String, Object> names = new LinkedHashMap<>();
        CLAIMS.stream().filter(all::containsKey).forEach(name -> names.put(name, all.get(name)));
        return names;
    }
}
