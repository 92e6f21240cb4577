package io.healthid.idp.settings;

/** Per client: the claims of its ID tokens. */
public enum IdTokenClaims {

    /**
     * PSC's shape: the protocol claims plus {@code SubjectNameID}, {@code preferred_username}, {@code authMode} and the
     * names, which PSC integrators read from the ID token without calling userinfo.
     */
    PSC,

    /**
     * Only what OIDC Core 2 and 3.1.3.6 define for the code flow ({@code iss}, {@code sub}, {@code aud}, times,
     * {@code nonce}, {@code acr}, {@code amr}, {@code azp}, {@code sid}, {@code at_hash}); identity claims come from
     * userinfo.
     */
    MINIMAL
}
