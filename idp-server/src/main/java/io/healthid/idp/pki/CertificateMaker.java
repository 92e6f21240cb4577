package io.healthid.idp.pki;

import io.healthid.idp.model.CardType;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the certificates and CRLs of the test hierarchy with BouncyCastle; knows the IGC-Santé shapes. */
final class CertificateMaker {

    /** SAN otherName type of a Microsoft UPN, which CPx login certificates carry. */
    static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateMaker() {
    }

    static KeyPair newRsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    /** A P-256 key pair: the server certificates' (an ECDSA signature costs the JDK's TLS a fraction of RSA's). */
    static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation is unavailable", e);
        }
    }

    static X500Name caName(CaName ca, String environment) {
        // encoded from the country down: printed (RFC 4514, most specific first) as CN=..., OU=..., O=..., C=FR
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FR")
                .addRDN(BCStyle.O, "ASIP-SANTE")
                .addRDN(BCStyle.OU, "IGC-SANTE " + environment)
                .addRDN(BCStyle.CN, ca.commonName(environment))
                .build();
    }

    static X509Certificate root(X500Name name, KeyPair keys, Instant notBefore, Instant notAfter) {
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), notBefore, notAfter);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, keys.getPrivate());
    }

    static X509Certificate intermediate(X500Name name, PublicKey key, CertificateAuthority issuer, Instant notBefore,
            Instant notAfter, URI issuerCrl) {
        X509v3CertificateBuilder builder = issuedBy(issuer, name, key, notBefore, notAfter, issuerCrl);
        try {
            // pathLen 0: these CAs issue end entities only, as IGC-Santé's
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, issuer.privateKey());
    }

    static X509Certificate card(CardRequest request, PublicKey key, CertificateAuthority issuer, Instant notBefore,
            Instant notAfter, URI issuerCrl) {
        X509v3CertificateBuilder builder = issuedBy(issuer, cardSubject(request), key, notBefore, notAfter, issuerCrl);
        addCardExtensions(builder, request);
        return sign(builder, issuer.privateKey());
    }

    /** A card-shaped certificate signed by its own key: what a forger would present. */
    static X509Certificate selfSignedCard(CardRequest request, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name subject = cardSubject(request);
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), notBefore, notAfter);
        addCardExtensions(builder, request);
        return sign(builder, keys.getPrivate());
    }

    static X509Certificate organisation(OrganisationRequest request, PublicKey key, CertificateAuthority issuer,
            Instant notBefore, Instant notAfter, URI issuerCrl) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FR")
                .addRDN(BCStyle.O, request.organisationName())
                .addRDN(BCStyle.OU, request.structureId())
                .addRDN(BCStyle.CN, request.commonName())
                .build();
        X509v3CertificateBuilder builder = issuedBy(issuer, subject, key, notBefore, notAfter, issuerCrl);
        try {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, issuer.privateKey());
    }

    /** A TLS server certificate (the card listener's, in embedded mode): serverAuth, names in the SAN (RFC 6125). */
    static X509Certificate server(List<String> hostNames, PublicKey key, CertificateAuthority issuer, Instant notBefore,
            Instant notAfter, URI issuerCrl) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "FR")
                .addRDN(BCStyle.O, "IdP de test")
                .addRDN(BCStyle.CN, hostNames.get(0))
                .build();
        X509v3CertificateBuilder builder = issuedBy(issuer, subject, key, notBefore, notAfter, issuerCrl);
        try {
            // an ECDSA key signs the (EC)DHE parameters and nothing else: no key encipherment (RFC 8422 section 5.3)
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            GeneralName[] names = hostNames.stream()
                    .map(name -> name.matches("[0-9.]+|.*:.*")
                            ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name))
                    .toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(builder, issuer.privateKey());
    }

    static X509CRL crl(CertificateAuthority ca, Map<BigInteger, Instant> revoked, Instant thisUpdate,
            Instant nextUpdate) {
        JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.keyCompromise));
        try {
            // RFC 5280 5.2.3: a monotonically increasing number; the issue time in seconds is one
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(ca.privateKey())));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the CRL of " + ca.name(), e);
        }
    }

    /** Encoded from the country down, so it prints (RFC 4514, most specific first) as psc-profile.md shows it. */
    private static X500Name cardSubject(CardRequest request) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR");
        if (request.type().isStructureStaff()) {
            return subject.addRDN(BCStyle.L, request.city().orElseThrow())
                    .addRDN(BCStyle.O, request.structureName().orElseThrow())
                    .addRDN(BCStyle.OU, request.structureId().orElseThrow())
                    .addRDN(BCStyle.CN, request.nationalId())
                    .build();
        }
        // the multi-valued RDN of real nominative cards, which naive DN parsing gets wrong
        return subject.addRDN(BCStyle.T, request.title().orElseThrow())
                .addMultiValuedRDN(
                        new ASN1ObjectIdentifier[] {BCStyle.SURNAME, BCStyle.CN, BCStyle.GIVENNAME},
                        new String[] {request.surname().orElseThrow(), request.nationalId(), request.givenName().orElseThrow()})
                .build();
    }

    private static void addCardExtensions(X509v3CertificateBuilder builder, CardRequest request) {
        CardType type = request.type();
        try {
            if (request.purpose() == KeyPurpose.AUTHENTICATION) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
            }
            GeneralName upn = new GeneralName(GeneralName.otherName,
                    new OtherName(UPN, new DERUTF8String(request.userPrincipalName())));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(upn));
            builder.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(type.policyOid()))));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder issuedBy(CertificateAuthority issuer, X500Name subject, PublicKey key,
            Instant notBefore, Instant notAfter, URI issuerCrl) {
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                subject, key, notBefore, notAfter);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuer.certificate()));
            GeneralNames crlUrl = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, issuerCrl.toString()));
            builder.addExtension(Extension.cRLDistributionPoints, false,
                    new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(crlUrl), null, null)}));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return builder;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
            Instant notBefore, Instant notAfter) {
        // 127 random bits: positive, unique, and within RFC 5280's 20 octets
        BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
