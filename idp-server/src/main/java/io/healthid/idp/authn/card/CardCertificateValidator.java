package io.healthid.idp.authn.card;

import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.x509.CertificateCheck;
import io.healthid.idp.x509.CertificateFailure;
import io.healthid.idp.x509.CertificateThumbprint;
import io.healthid.idp.x509.CertificateValidator;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Validates the certificate a card presented, on the card listener or through a trusted proxy's header, and says who
 * holds it or the one reason code why not (ADR 0004): first trust, validity, revocation and purpose (the general
 * {@link CertificateValidator}, with the CAs that issue login cards), then the subject must name a card holder
 * (CARD_UNREADABLE_SUBJECT). Nothing an untrusted certificate says is read. Blocking when a CRL must be fetched.
 */
public final class CardCertificateValidator {

    private final CertificateValidator certificates;
    private final CardSubjectReader subjectReader = new CardSubjectReader();

    public CardCertificateValidator(CertificateValidator certificates) {
        this.certificates = certificates;
    }

    /** @param presented the client's certificates, card first; only the first is used */
    public CardValidationResult validate(List<X509Certificate> presented) {
        CertificateCheck check = this.certificates.check(presented);
        if (check instanceof CertificateCheck.Refused refused) {
            return new CardValidationResult.Rejected(reasonFor(refused.failure()), refused.detail());
        }
        X509Certificate card = presented.get(0);
        try {
            CardSubject subject = this.subjectReader.read(card);
            return new CardValidationResult.Accepted(CardHolder.of(subject, CertificateThumbprint.sha256(card)),
                    ((CertificateCheck.Trusted) check).revocationChecked());
        } catch (UnreadableSubjectException e) {
            return new CardValidationResult.Rejected(ReasonCode.CARD_UNREADABLE_SUBJECT, e.getMessage()
                    + " [serial " + card.getSerialNumber().toString(16) + ", issuer "
                    + card.getIssuerX500Principal().getName() + "]");
        }
    }

    static ReasonCode reasonFor(CertificateFailure failure) {
        return switch (failure) {
            case NO_CERTIFICATE -> ReasonCode.CARD_NO_CERTIFICATE;
            case EXPIRED -> ReasonCode.CARD_EXPIRED;
            case NOT_YET_VALID -> ReasonCode.CARD_NOT_YET_VALID;
            case REVOKED -> ReasonCode.CARD_REVOKED;
            case REVOCATION_UNKNOWN -> ReasonCode.CARD_REVOCATION_UNKNOWN;
            case UNTRUSTED_ISSUER -> ReasonCode.CARD_UNTRUSTED_ISSUER;
            case NOT_FOR_CLIENT_AUTH -> ReasonCode.CARD_NOT_FOR_LOGIN;
        };
    }
}
