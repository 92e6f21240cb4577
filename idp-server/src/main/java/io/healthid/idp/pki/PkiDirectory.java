package io.healthid.idp.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Saves and loads a {@link TestPki} as plain files an operator can read with openssl:
 * <pre>
 * pki.properties                       index: format, environment, base-url, key-size, validities, revocations
 * racine.pem        racine.key         root certificate (PEM) and private key (PKCS#8 PEM, mode 0600)
 * personnes.pem     personnes.key      card CA
 * organisations.pem organisations.key  relying-party CA
 * </pre>
 * The index is written last, so a directory without it is treated as empty and regenerated.
 */
final class PkiDirectory {

    static final String INDEX = "pki.properties";
    private static final String FORMAT = "1";

    private PkiDirectory() {
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(INDEX));
    }

    static void save(TestPki pki, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (CaName ca : CaName.values()) {
            CertificateAuthority authority = pki.authority(ca);
            writeAtomically(dir.resolve(ca.fileStem() + ".pem"), pem(authority.certificate()), false);
            writeAtomically(dir.resolve(ca.fileStem() + ".key"), pem(new JcaPKCS8Generator(authority.privateKey(), null)), true);
        }
        TestPki.Settings settings = pki.settings();
        Properties index = new Properties();
        index.setProperty("format", FORMAT);
        index.setProperty("environment", settings.environment());
        index.setProperty("base-url", settings.baseUrl().toString());
        index.setProperty("key-size", Integer.toString(settings.keySize()));
        index.setProperty("ca-validity", settings.caValidity().toString());
        index.setProperty("card-validity", settings.cardValidity().toString());
        index.setProperty("crl-validity", settings.crlValidity().toString());
        for (CaName ca : CaName.values()) {
            index.setProperty("revoked." + ca.fileStem(), pki.revocations(ca).entrySet().stream()
                    .map(entry -> entry.getKey().toString(16) + "@" + entry.getValue().getEpochSecond())
                    .collect(Collectors.joining(",")));
        }
        StringWriter text = new StringWriter();
        index.store(text, "Test IGC-Sante PKI (ADR 0004). Keys are test keys: never trust this hierarchy in production.");
        writeAtomically(dir.resolve(INDEX), text.toString(), false);
    }

    static TestPki load(Path dir, Clock clock) throws IOException {
        Properties index = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(INDEX), StandardCharsets.UTF_8)) {
            index.load(reader);
        }
        if (!FORMAT.equals(index.getProperty("format"))) {
            throw new IOException(dir.resolve(INDEX) + ": unknown format " + index.getProperty("format"));
        }
        TestPki.Settings settings = new TestPki.Settings(URI.create(required(index, "base-url")),
                required(index, "environment"), Integer.parseInt(required(index, "key-size")),
                Duration.parse(required(index, "ca-validity")), Duration.parse(required(index, "card-validity")),
                Duration.parse(required(index, "crl-validity")), clock);
        Map<CaName, CertificateAuthority> authorities = new EnumMap<>(CaName.class);
        Map<CaName, Map<BigInteger, Instant>> revocations = new EnumMap<>(CaName.class);
        for (CaName ca : CaName.values()) {
            authorities.put(ca, new CertificateAuthority(ca, readCertificate(dir.resolve(ca.fileStem() + ".pem")),
                    readKey(dir.resolve(ca.fileStem() + ".key"))));
            revocations.put(ca, parseRevocations(index.getProperty("revoked." + ca.fileStem(), "")));
        }
        return new TestPki(settings, authorities, revocations);
    }

    private static Map<BigInteger, Instant> parseRevocations(String value) {
        Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (!entry.isBlank()) {
                String[] serialAndTime = entry.split("@", 2);
                revoked.put(new BigInteger(serialAndTime[0], 16), Instant.ofEpochSecond(Long.parseLong(serialAndTime[1])));
            }
        }
        return revoked;
    }

    private static String required(Properties index, String name) throws IOException {
        String value = index.getProperty(name);
        if (value == null) {
            throw new IOException(INDEX + " has no " + name);
        }
        return value;
    }

    private static X509Certificate readCertificate(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            if (parser.readObject() instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().getCertificate(holder);
            }
            throw new IOException(file + " holds no certificate");
        } catch (CertificateException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            if (parser.readObject() instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            throw new IOException(file + " holds no PKCS#8 private key");
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                restrictToOwner(temporary);
            }
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                writer.write(content);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL, which is the best we can do portably
        }
    }
}
