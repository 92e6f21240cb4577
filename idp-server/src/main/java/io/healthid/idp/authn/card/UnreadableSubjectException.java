package io.healthid.idp.authn.card;

/** The certificate names no usable card holder: maps to CARD_UNREADABLE_SUBJECT. */
public final class UnreadableSubjectException extends Exception {

    public UnreadableSubjectException(String message) {
        super(message);
    }
}
