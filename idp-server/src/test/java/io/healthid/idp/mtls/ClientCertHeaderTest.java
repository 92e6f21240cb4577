package io.healthid.idp.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.CardFixtures;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ClientCertHeaderTest {

    private static final CardFixtures fixtures = CardFixtures.shared();
    private static final X509Certificate card = fixtures.cps.certificate();

    private final ClientCertHeader rfc9440 = new ClientCertHeader(ClientCertHeader.Format.RFC_9440);
    private final ClientCertHeader nginx = new ClientCertHeader(ClientCertHeader.Format.NGINX_ESCAPED_PEM);

    @Test
    @Tag("RFC9440-2.2")
    void parseWhenRfc9440ByteSequenceThenTheCertificate() throws Exception {
        assertThat(this.rfc9440.parse(" :" + base64(card) + ": ")).isEqualTo(card);
    }

    @Test
    @Tag("RFC8941-3.1.2")
    void parseWhenByteSequenceHasParametersThenTheyAreIgnored() throws Exception {
        assertThat(this.rfc9440.parse(":" + base64(card) + ":;a=1")).isEqualTo(card);
    }

    @Test
    @Tag("RFC9440-2.3")
    void parseChainWhenListOfByteSequencesThenTheCertificatesInOrder() throws Exception {
        X509Certificate issuer = fixtures.pki.certificate(CaName.PERSONNES);
        X509Certificate root = fixtures.pki.certificate(CaName.RACINE);

        assertThat(ClientCertHeader.parseChain(":" + base64(issuer) + ":, :" + base64(root) + ":"))
                .containsExactly(issuer, root);
    }

    @Test
    void parseWhenNginxEscapedPemThenTheCertificate() throws Exception {
        assertThat(this.nginx.parse(escapeAllButUnreserved(pem(card)))).isEqualTo(card);
    }

    @Test
    void parseWhenNginxLeavesPlusUnescapedThenThePlusIsKept() throws Exception {
        String escaped = pem(card).replace("\n", "%0A").replace(" ", "%20").replace("=", "%3D").replace("/", "%2F");

        assertThat(this.nginx.parse(escaped)).isEqualTo(card);
    }

    @Test
    @Tag("RFC9440-2.2")
    void parseWhenNotAByteSequenceThenMalformed() {
        assertThatThrownBy(() -> this.rfc9440.parse(base64(card)))
                .isInstanceOf(MalformedClientCertHeaderException.class).hasMessageContaining(":base64:");
    }

    @Test
    void parseWhenBase64IsBrokenThenMalformed() {
        assertThatThrownBy(() -> this.rfc9440.parse(":not*base64:"))
                .isInstanceOf(MalformedClientCertHeaderException.class).hasMessageContaining("not base64");
    }

    @Test
    void parseWhenBytesAreNoCertificateThenMalformed() {
        String notACertificate = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> this.rfc9440.parse(":" + notACertificate + ":"))
                .isInstanceOf(MalformedClientCertHeaderException.class);
    }

    @Test
    void parseWhenEmptyThenMalformed() {
        assertThatThrownBy(() -> this.rfc9440.parse("")).isInstanceOf(MalformedClientCertHeaderException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> this.nginx.parse(null)).isInstanceOf(MalformedClientCertHeaderException.class);
    }

    @Test
    void parseWhenEscapedValueHoldsNoPemThenMalformed() {
        assertThatThrownBy(() -> this.nginx.parse(":" + base64(card) + ":"))
                .isInstanceOf(MalformedClientCertHeaderException.class).hasMessageContaining("no PEM");
    }

    @Test
    void parseWhenPercentEscapeTruncatedThenMalformed() {
        assertThatThrownBy(() -> this.nginx.parse("-----BEGIN%20CERTIFICATE-----%0"))
                .isInstanceOf(MalformedClientCertHeaderException.class).hasMessageContaining("percent-escape");
    }

    @Test
    void parseWhenOversizedThenMalformed() {
        assertThatThrownBy(() -> this.rfc9440.parse(":" + "A".repeat(ClientCertHeader.MAX_LENGTH) + ":"))
                .isInstanceOf(MalformedClientCertHeaderException.class).hasMessageContaining("longer than");
    }

    /** What nginx does to $ssl_client_escaped_cert: every byte outside RFC 3986's unreserved set becomes %XX. */
    private static String escapeAllButUnreserved(String text) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            char c = (char) b;
            if (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0) {
                escaped.append(c);
            } else {
                escaped.append(String.format("%%%02X", b));
            }
        }
        return escaped.toString();
    }

    private static String base64(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
