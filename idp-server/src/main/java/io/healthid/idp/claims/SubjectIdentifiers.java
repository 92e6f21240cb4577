package io.healthid.idp.claims;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * PSC-shaped subjects {@code f:<provider-uuid>:<idNat>} (psc-profile.md). Integrators are told to key on
 * {@code SubjectNameID}; we keep {@code sub} stable and in the same shape so code written against PSC keeps working.
 */
public final class SubjectIdentifiers {

    private final String providerId;

    /** @param configuredProviderId the UUID to use, or blank to derive a stable one from the issuer */
    public SubjectIdentifiers(String configuredProviderId, String issuer) {
        this.providerId = configuredProviderId == null || configuredProviderId.isBlank()
                ? UUID.nameUUIDFromBytes(issuer.getBytes(StandardCharsets.UTF_8)).toString()
                : UUID.fromString(configuredProviderId).toString();
    }

    public String subjectOf(String nationalId) {
        return "f:" + this.providerId + ":" + nationalId;
    }
}
