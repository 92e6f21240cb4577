package io.healthid.idp.pki;

/**
 * What a card key is for. A real CPx card holds two key pairs: the authentication one (the only one that may log in)
 * and the signature one, which browsers also offer and people pick by mistake.
 */
public enum KeyPurpose {
    /** keyUsage digitalSignature, EKU clientAuth: the login certificate. */
    AUTHENTICATION,
    /** keyUsage nonRepudiation only, no EKU: the card's signature certificate. */
    SIGNATURE
}
