package io.healthid.rpps.lookup;

import io.healthid.rpps.model.Practitioner;
import reactor.core.publisher.Mono;

/** Finds a practitioner by national identifier. */
@FunctionalInterface
public interface PractitionerLookup {

    /**
     * @param idNat {@code 8}+RPPS, {@code 0}+ADELI or a bare 11-digit RPPS
     * @return the practitioner; empty when not in the directory; an {@link io.healthid.rpps.idnat.InvalidNationalIdException}
     *         error when {@code idNat} is not an identifier at all; a {@link DirectoryUnavailableException} error when
     *         the directory cannot be asked
     */
    Mono<Practitioner> findByNationalId(String idNat);
}
