package io.healthid.idp.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A generated copy of the IGC-Santé TEST hierarchy (ADR 0004): root {@code TEST AC RACINE IGC-SANTE ELEMENTAIRE},
 * under it {@code ... PERSONNES} (issues every card) and {@code ... ORGANISATIONS} (issues relying parties'
 * certificates). It issues card certificates with the real shapes, signs one CRL per CA on demand, and lives in a
 * directory so the embedded server creates it once and reuses it.
 *
 * <p>Immutable: {@link #revoke} returns a new instance. Issued certificates are not remembered (only revocations are),
 * so issuing never needs a {@link #save}.
 */
public final class TestPki {

    /** Certificates start this long before "now", so a client whose clock is a little behind still accepts them. */
    static final Duration BACKDATING = Duration.ofHours(1);

    private final Settings settings;
    private final Map<CaName, CertificateAuthority> authorities;
    private final Map<CaName, Map<BigInteger, Instant>> revocations;

    TestPki(Settings settings, Map<CaName, CertificateAuthority> authorities,
            Map<CaName, Map<BigInteger, Instant>> revocations) {
        this.settings = settings;
        this.authorities = Collections.unmodifiableMap(new EnumMap<>(authorities));
        Map<CaName, Map<BigInteger, Instant>> copy = new EnumMap<>(CaName.class);
        for (CaName ca : CaName.values()) {
            copy.put(ca, Collections.unmodifiableMap(new LinkedHashMap<>(revocations.getOrDefault(ca, Map.of()))));
        }
        this.revocations = Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads the PKI saved in {@code dir}; the clock is the only setting not stored there. */
    public static TestPki load(Path dir, Clock clock) throws IOException {
        return PkiDirectory.load(dir, clock);
    }

    /**
     * The PKI of {@code dir} if one was saved there, else a new one from {@code builder}, saved there. A loaded PKI
     * keeps its stored base URL and key size: they are written in its CA certificates; delete the directory to
     * change them.
     */
    public static TestPki loadOrCreate(Path dir, Builder builder) throws IOException {
        if (PkiDirectory.exists(dir)) {
            return PkiDirectory.load(dir, builder.clock);
        }
        TestPki pki = builder.build();
        pki.save(dir);
        return pki;
    }

    public void save(Path dir) throws IOException {
        PkiDirectory.save(this, dir);
    }

    /** Issues a card's certificate under {@code ... PERSONNES}, like IGC-Santé (structure staff are persons too). */
    public IssuedCard issueCard(CardRequest request) {
        CertificateAuthority issuer = authority(CaName.PERSONNES);
        KeyPair keys = CertificateMaker.newRsaKeyPair(this.settings.keySize);
        Instant notBefore = request.notBefore().orElseGet(() -> now().minus(BACKDATING));
        Instant notAfter = request.notAfter().orElseGet(() -> notBefore.plus(this.settings.cardValidity));
        X509Certificate certificate = CertificateMaker.card(request, keys.getPublic(), issuer, notBefore, notAfter,
                crlUrl(CaName.PERSONNES));
        return new IssuedCard(chainFrom(certificate, CaName.PERSONNES), keys.getPrivate());
    }

    /** Issues a relying party's {@code tls_client_auth} certificate under {@code ... ORGANISATIONS}. */
    public IssuedOrganisationCertificate issueOrganisation(OrganisationRequest request) {
        CertificateAuthority issuer = authority(CaName.ORGANISATIONS);
        KeyPair keys = CertificateMaker.newRsaKeyPair(this.settings.keySize);
        Instant notBefore = now().minus(BACKDATING);
        X509Certificate certificate = CertificateMaker.organisation(request, keys.getPublic(), issuer, notBefore,
                notBefore.plus(this.settings.cardValidity), crlUrl(CaName.ORGANISATIONS));
        return new IssuedOrganisationCertificate(chainFrom(certificate, CaName.ORGANISATIONS), keys.getPrivate());
    }

    /**
     * A TLS server certificate for {@code hostNames} (DNS names or IP addresses), issued by the ORGANISATIONS CA, on an
     * ECDSA P-256 key: the card listener signs one handshake per card login, and the JDK's RSA-2048 signature made a
     * third of a login's server CPU (ADR 0004).
     */
    public IssuedOrganisationCertificate issueServer(List<String> hostNames) {
        CertificateAuthority issuer = authority(CaName.ORGANISATIONS);
        KeyPair keys = CertificateMaker.newEcKeyPair();
        Instant notBefore = now().minus(BACKDATING);
        X509Certificate certificate = CertificateMaker.server(hostNames, keys.getPublic(), issuer, notBefore,
                notBefore.plus(this.settings.cardValidity), crlUrl(CaName.ORGANISATIONS));
        return new IssuedOrganisationCertificate(chainFrom(certificate, CaName.ORGANISATIONS), keys.getPrivate());
    }

    /** A PKI whose CRL of the certificate's issuer lists it, revoked now. */
    public TestPki revoke(X509Certificate certificate) {
        for (CertificateAuthority ca : this.authorities.values()) {
            if (ca.certificate().getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return revoke(ca.name(), certificate.getSerialNumber());
            }
        }
        throw new IllegalArgumentException("not issued by this PKI: " + certificate.getIssuerX500Principal());
    }

    /** A PKI whose CRL of {@code issuer} lists {@code serial}, revoked now. */
    public TestPki revoke(CaName issuer, BigInteger serial) {
        Map<CaName, Map<BigInteger, Instant>> next = new EnumMap<>(this.revocations);
        Map<BigInteger, Instant> revoked = new LinkedHashMap<>(next.get(issuer));
        revoked.putIfAbsent(serial, now());
        next.put(issuer, revoked);
        return new TestPki(this.settings, this.authorities, next);
    }

    /** The CA's CRL (DER), signed now and valid for the configured CRL validity. */
    public byte[] crl(CaName ca) {
        Instant now = now();
        try {
            return CertificateMaker.crl(authority(ca), this.revocations.get(ca), now, now.plus(this.settings.crlValidity))
                    .getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where certificates issued by {@code ca} say its CRL is: {@code {baseUrl}/pki/crl/<ca>.crl}. */
    public URI crlUrl(CaName ca) {
        return this.settings.baseUrl.resolve("pki/crl/" + ca.fileStem() + ".crl");
    }

    /** The roots to trust: the card validator's trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return List.of(certificate(CaName.RACINE));
    }

    /** The CAs that issue cards: the card validator's card issuers. */
    public List<X509Certificate> cardIssuers() {
        return List.of(certificate(CaName.PERSONNES));
    }

    public X509Certificate certificate(CaName ca) {
        return authority(ca).certificate();
    }

    public URI baseUrl() {
        return this.settings.baseUrl;
    }

    /**
     * Writes the credential, its chain and key to a PKCS#12 file that Firefox and Chrome import (ADR 0004: PBES2
     * AES-256-CBC, HMAC-SHA-256 MAC). Returns the password: {@code password}, or a generated one when it is null.
     */
    public static String writePkcs12(Credential credential, String password, Path file) throws IOException {
        return Pkcs12Writer.write(credential, password, file);
    }

    Settings settings() {
        return this.settings;
    }

    CertificateAuthority authority(CaName ca) {
        return this.authorities.get(ca);
    }

    Map<BigInteger, Instant> revocations(CaName ca) {
        return this.revocations.get(ca);
    }

    Instant now() {
        return this.settings.clock.instant();
    }

    private List<X509Certificate> chainFrom(X509Certificate leaf, CaName issuer) {
        return List.of(leaf, certificate(issuer), certificate(CaName.RACINE));
    }

    /** What a PKI is made with; stored with it, except the clock. */
    record Settings(URI baseUrl, String environment, int keySize, Duration caValidity, Duration cardValidity,
            Duration crlValidity, Clock clock) {
    }

    public static final class Builder {

        private URI baseUrl = URI.create("http://localhost:8080/");
        private String environment = "TEST";
        private int keySize = 2048;
        private Duration caValidity = Duration.ofDays(10 * 365);
        private Duration cardValidity = Duration.ofDays(3 * 365);
        private Duration crlValidity = Duration.ofDays(7);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The server's public URL; CRLs are published under {@code {baseUrl}/pki/crl/}. */
        public Builder baseUrl(URI baseUrl) {
            String url = baseUrl.toString();
            // resolve() against a base without a trailing slash would drop its last path segment
            this.baseUrl = URI.create(url.endsWith("/") ? url : url + "/");
            return this;
        }

        /** The word in the CA names ({@code TEST}); another word makes an unrelated hierarchy. */
        public Builder environment(String environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** RSA modulus size of the CAs', cards' and organisations' keys: 2048 as real cards (ANSSI's minimum to 2030). */
        public Builder keySize(int keySize) {
            if (keySize < 2048) {
                throw new IllegalArgumentException("RSA keys below 2048 bits are refused by current JDKs and browsers");
            }
            this.keySize = keySize;
            return this;
        }

        public Builder caValidity(Duration caValidity) {
            this.caValidity = Objects.requireNonNull(caValidity, "caValidity");
            return this;
        }

        /** Validity of issued cards and organisation certificates: 3 years as CPx cards. */
        public Builder cardValidity(Duration cardValidity) {
            this.cardValidity = Objects.requireNonNull(cardValidity, "cardValidity");
            return this;
        }

        /** How long after its signature each CRL says it is current (its nextUpdate). */
        public Builder crlValidity(Duration crlValidity) {
            this.crlValidity = Objects.requireNonNull(crlValidity, "crlValidity");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Generates the three CAs (a few seconds of RSA key generation). */
        public TestPki build() {
            Settings settings = new Settings(this.baseUrl, this.environment, this.keySize, this.caValidity,
                    this.cardValidity, this.crlValidity, this.clock);
            Instant notBefore = this.clock.instant().minus(BACKDATING);
            Instant notAfter = notBefore.plus(this.caValidity);
            Map<CaName, CertificateAuthority> authorities = new EnumMap<>(CaName.class);
            // the three keys at once: RSA key generation is most of a first start's CPU on a cold JVM
            Map<CaName, CompletableFuture<KeyPair>> intermediateKeys = new EnumMap<>(CaName.class);
            for (CaName ca : List.of(CaName.PERSONNES, CaName.ORGANISATIONS)) {
                intermediateKeys.put(ca, CompletableFuture.supplyAsync(() -> CertificateMaker.newRsaKeyPair(this.keySize)));
            }
            KeyPair rootKeys = CertificateMaker.newRsaKeyPair(this.keySize);
            CertificateAuthority root = new CertificateAuthority(CaName.RACINE, CertificateMaker.root(
                    CertificateMaker.caName(CaName.RACINE, this.environment), rootKeys, notBefore, notAfter),
                    rootKeys.getPrivate());
            authorities.put(CaName.RACINE, root);
            TestPki rootOnly = new TestPki(settings, authorities, Map.of());
            for (CaName ca : List.of(CaName.PERSONNES, CaName.ORGANISATIONS)) {
                KeyPair keys = intermediateKeys.get(ca).join();
                X509Certificate certificate = CertificateMaker.intermediate(CertificateMaker.caName(ca, this.environment),
                        keys.getPublic(), root, notBefore, notAfter, rootOnly.crlUrl(CaName.RACINE));
                authorities.put(ca, new CertificateAuthority(ca, certificate, keys.getPrivate()));
            }
            return new TestPki(settings, authorities, Map.of());
        }
    }
}
