package io.healthid.rpps.lookup;

import io.healthid.rpps.model.Practitioner;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The local directory first, a remote source (the Annuaire Santé API) as a configurable fallback. */
public final class CompositePractitionerLookup implements PractitionerLookup {

    private static final Logger LOG = LoggerFactory.getLogger(CompositePractitionerLookup.class);

    /** When the remote source is asked. */
    public enum Fallback {
        /** Local directory only. */
        NEVER,
        /** When the local directory does not know the person (e.g. registered since the last daily file). */
        WHEN_NOT_FOUND,
        /** Also when the local directory is unavailable. */
        WHEN_NOT_FOUND_OR_UNAVAILABLE
    }

    private final PractitionerLookup local;
    private final PractitionerLookup remote;
    private final Fallback fallback;

    public CompositePractitionerLookup(PractitionerLookup local, PractitionerLookup remote, Fallback fallback) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Mono<Practitioner> findByNationalId(String idNat) {
        if (fallback == Fallback.NEVER) {
            return local.findByNationalId(idNat);
        }
        return local.findByNationalId(idNat)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(DirectoryUnavailableException.class, e -> {
                    if (fallback != Fallback.WHEN_NOT_FOUND_OR_UNAVAILABLE) {
                        return Mono.error(e);
                    }
                    LOG.warn("local directory unavailable, asking the remote source: {}", e.getMessage());
                    return Mono.just(Optional.empty());
                })
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> remote.findByNationalId(idNat)));
    }
}
