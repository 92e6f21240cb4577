package io.healthid.idp.authn.card;

import io.healthid.idp.model.CardType;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Reads the holder of a CPx card certificate from its subject, SAN UPN and certificate policies (psc-profile.md).
 *
 * <p>The subject is walked attribute by attribute through every RDN ({@link RDN#getTypesAndValues()}): a nominative
 * card's first RDN is multi-valued ({@code SN=..+CN=<idNat>+GN=..}), and parsing the DN as a string split on commas
 * loses its CN.
 */
public final class CardSubjectReader {

    private static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    /** {@code 8} + 11-digit RPPS, or {@code 0} + 9-character ADELI. */
    private static final Pattern PERSON_ID = Pattern.compile("8\\d{11}|0[0-9A-Za-z]{9}");
    /** {@code 3} + 9-digit FINESS or {@code 5} + 14-digit SIRET, then {@code /} and the structure's own staff id. */
    private static final Pattern STRUCTURE_STAFF_ID = Pattern.compile("(3\\d{9}|5\\d{14})/[^\\s/]+");
    private static final Pattern CARD_UPN = Pattern.compile("(\\d{2})\\.(.+)@carte-cps\\.fr", Pattern.CASE_INSENSITIVE);

    public CardSubject read(X509Certificate certificate) throws UnreadableSubjectException {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String nationalId = single(subject, BCStyle.CN)
                .orElseThrow(() -> new UnreadableSubjectException("subject has no single CN"));
        Optional<Upn> upn = upn(certificate);
        if (upn.isPresent() && !upn.get().nationalId().equals(nationalId)) {
            throw new UnreadableSubjectException("SAN UPN names " + upn.get().nationalId() + ", CN names " + nationalId);
        }
        CardType type = policyType(certificate).or(() -> upn.flatMap(Upn::type))
                .orElseThrow(() -> new UnreadableSubjectException("no card type in the certificate policies or the SAN UPN"));
        Pattern expected = type.isStructureStaff() ? STRUCTURE_STAFF_ID : PERSON_ID;
        if (!expected.matcher(nationalId).matches()) {
            throw new UnreadableSubjectException("CN " + nationalId + " is not the idNat of a " + type + " card");
        }
        if (type.isStructureStaff()) {
            return new CardSubject(nationalId, type, Optional.empty(), Optional.empty());
        }
        return new CardSubject(nationalId, type, single(subject, BCStyle.SURNAME), single(subject, BCStyle.GIVENNAME));
    }

    /** The value of the attribute when the subject holds it exactly once, in any RDN, multi-valued or not. */
    private static Optional<String> single(X500Name subject, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type) && attribute.getValue() instanceof ASN1String text) {
                    values.add(text.getString().trim());
                }
            }
        }
        return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
    }

    private static Optional<Upn> upn(X509Certificate certificate) throws UnreadableSubjectException {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            for (GeneralName name : GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getNames()) {
                if (name.getTagNo() == GeneralName.otherName) {
                    OtherName other = OtherName.getInstance(name.getName());
                    if (UPN.equals(other.getTypeID()) && other.getValue() instanceof ASN1String text) {
                        Matcher matcher = CARD_UPN.matcher(text.getString());
                        if (matcher.matches()) {
                            return Optional.of(new Upn(matcher.group(1), matcher.group(2)));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableSubjectException("unparsable subjectAltName: " + e.getMessage());
        }
    }

    private static Optional<CardType> policyType(X509Certificate certificate) throws UnreadableSubjectException {
        byte[] extension = certificate.getExtensionValue(Extension.certificatePolicies.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            for (PolicyInformation policy : CertificatePolicies.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                    .getPolicyInformation()) {
                Optional<CardType> type = CardType.fromPolicyOid(policy.getPolicyIdentifier().getId());
                if (type.isPresent()) {
                    return type;
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableSubjectException("unparsable certificatePolicies: " + e.getMessage());
        }
    }

    /** {@code <TRE_G02 code>.<idNat>@carte-cps.fr}. */
    private record Upn(String typeCode, String nationalId) {

        Optional<CardType> type() {
            return CardType.fromTreG02Code(this.typeCode);
        }
    }
}
