package io.healthid.idp.x509;

/** What the validator does about revocation (ADR 0004). */
public enum RevocationMode {
    /** Check every certificate of the path against its CRL; no current CRL means CARD_REVOCATION_UNKNOWN. The default. */
    FAIL_CLOSED,
    /** Check when a current CRL can be had; without one, accept and say so ({@code revocationChecked = false}). */
    FAIL_OPEN,
    /** Never check: for a test bench without CRL distribution, never for production. */
    OFF
}
