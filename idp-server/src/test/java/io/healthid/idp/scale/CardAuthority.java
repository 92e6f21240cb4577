package io.healthid.idp.scale;

import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.pki.IssuedOrganisationCertificate;
import io.healthid.idp.pki.TestPki;
import io.healthid.rpps.sample.SampleDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * The IGC-Santé stand-in of a multi-node test: a test PKI whose CRLs it publishes on a loopback port (as the real
 * CAs publish theirs), its certificates as the PEM files an operator gives nginx and the nodes, and the front proxy's
 * server certificate.
 */
final class CardAuthority implements AutoCloseable {

    private final TestPki pki;
    private final HttpServer crlServer;
    private final Path directory;

    private CardAuthority(TestPki pki, HttpServer crlServer, Path directory) {
        this.pki = pki;
        this.crlServer = crlServer;
        this.directory = directory;
    }

    static CardAuthority start(Path directory) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestPki pki = TestPki.builder().baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
        server.createContext("/pki/crl/", exchange -> {
            String file = exchange.getRequestURI().getPath().substring("/pki/crl/".length());
            byte[] body = null;
            for (CaName ca : CaName.values()) {
                if (file.equals(ca.fileStem() + ".crl")) {
                    body = pki.crl(ca);
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Files.createDirectories(directory);
        CardAuthority authority = new CardAuthority(pki, server, directory);
        authority.write("racine.pem", pem(pki.trustAnchors()));
        authority.write("personnes.pem", pem(pki.cardIssuers()));
        authority.write("organisations.pem", pem(List.of(pki.certificate(CaName.ORGANISATIONS))));
        IssuedOrganisationCertificate front = pki.issueServer(List.of("localhost", "127.0.0.1"));
        authority.write("front.pem", pem(front.chain()));
        authority.write("front.key", pem(List.of(new JcaPKCS8Generator(front.privateKey(), null))));
        return authority;
    }

    /** The nodes' {@code idp.card.*} trust settings: the same roots and CAs as the proxy's. */
    Map<String, String> nodeTrust() {
        return Map.of("idp.card.trust-anchors", file("racine.pem").toString(),
                "idp.card.card-issuers", file("personnes.pem").toString(),
                "idp.card.organisation-issuers", file("organisations.pem").toString());
    }

    Path file(String name) {
        return this.directory.resolve(name);
    }

    /** A CPS card of a practitioner of the sample directory. */
    IssuedCard issueCps() {
        return this.pki.issueCard(CardRequest.nominative(CardType.CPS, SampleDirectory.TWO_PROFESSIONS, "MARTIN", "SOPHIE",
                "Sage-Femme").build());
    }

    /** A card of another hierarchy, which neither the proxy nor the nodes trust. */
    static IssuedCard rogueCard() {
        return TestPki.builder().environment("ROGUE").build().issueCard(CardRequest.nominative(CardType.CPS,
                SampleDirectory.TWO_PROFESSIONS, "MARTIN", "SOPHIE", "Sage-Femme").build());
    }

    @Override
    public void close() {
        this.crlServer.stop(0);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(file(name), content);
    }

    private static String pem(List<?> objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof X509Certificate certificate) {
                    writer.writeObject(certificate);
                }
                else {
                    writer.writeObject((PemObjectGenerator) object);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return text.toString();
    }
}
