package io.healthid.idp.directory;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.rpps.eligibility.EligibilityRules;
import io.healthid.rpps.idnat.InvalidNationalIdException;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.lookup.PractitionerLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The directory's word on an authenticated national identifier: known and eligible, not in the directory, not eligible
 * (e.g. a student outside the groups the RPPS holds), or directory unavailable. Each has its own reason code.
 */
public class DirectoryPractitionerVerifier implements PractitionerVerifier {

    private static final Logger logger = LoggerFactory.getLogger(DirectoryPractitionerVerifier.class);

    private final PractitionerLookup directory;
    private final EligibilityRules rules;

    public DirectoryPractitionerVerifier(PractitionerLookup directory, EligibilityRules rules) {
        this.directory = directory;
        this.rules = rules;
    }

    @Override
    public Mono<ReasonCode> verify(String nationalId, AuthMethod method) {
        return this.directory.findByNationalId(nationalId)
            .map(practitioner -> this.rules.checkAccess(practitioner).eligible() ? ReasonCode.OK : ReasonCode.DIRECTORY_NOT_ELIGIBLE)
            .defaultIfEmpty(ReasonCode.DIRECTORY_NOT_FOUND)
            .onErrorResume(InvalidNationalIdException.class, ex -> Mono.just(ReasonCode.DIRECTORY_NOT_FOUND))
            .onErrorResume(DirectoryUnavailableException.class, ex -> {
                logger.warn("Directory unavailable while verifying a " + method + " login: " + ex.getMessage());
                return Mono.just(ReasonCode.DIRECTORY_UNAVAILABLE);
            });
    }
}
