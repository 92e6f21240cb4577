package io.healthid.rpps.idnat;

/**
 * Whether a wrong Luhn digit rejects the identifier. User input is checked (a typo is caught before a lookup);
 * identifiers coming from ANS itself (files, API, card certificates) are authoritative even when they break the
 * rule: ANS's own test fixtures do, and refusing them would lock a real person out.
 */
public enum CheckDigitPolicy {
    ENFORCE,
    IGNORE
}
