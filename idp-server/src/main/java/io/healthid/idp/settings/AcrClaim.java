package io.healthid.idp.settings;

/** Per client: which {@code acr} its tokens carry (see {@code claims.ReturnedAcr}). */
public enum AcrClaim {

    /** The strongest value the client requested in {@code acr_values} that the login satisfies (PSC's behaviour). */
    REQUESTED,

    /** The level the login achieved, whatever was requested. */
    ACHIEVED
}
