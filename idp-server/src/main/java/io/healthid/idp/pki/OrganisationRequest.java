package io.healthid.idp.pki;

import java.util.Objects;

/**
 * A relying party's organisation certificate: {@code CN=<commonName>, OU=<structureId>, O=<organisationName>, C=FR}.
 *
 * @param commonName the software or host the certificate is for, e.g. {@code client-demo.example.fr}
 * @param structureId the organisation's technical identifier, e.g. a FINESS or SIRET number
 * @param organisationName the organisation's name
 */
public record OrganisationRequest(String commonName, String structureId, String organisationName) {

    public OrganisationRequest {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(structureId, "structureId");
        Objects.requireNonNull(organisationName, "organisationName");
    }
}
