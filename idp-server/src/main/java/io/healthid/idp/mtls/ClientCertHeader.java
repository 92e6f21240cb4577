package io.healthid.idp.mtls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads the client certificate a trusted front proxy forwards (architecture decision 5). Checking that the request
 * came from a trusted proxy (PROXY_HEADER_UNTRUSTED) is the caller's job, before this.
 */
public final class ClientCertHeader {

    /** How the proxy writes the certificate. */
    public enum Format {
        /**
         * RFC 9440 {@code Client-Cert}: an RFC 8941 byte sequence {@code :<base64 of DER>:}, optionally followed by
         * parameters, which we ignore. {@code Client-Cert-Chain} is a list of those, see {@link #parseChain}.
         */
        RFC_9440,
        /** nginx's {@code $ssl_client_escaped_cert}: the PEM, URL-escaped. */
        NGINX_ESCAPED_PEM
    }

    /** Far above a card certificate (about 2 KB), far below what would hurt. */
    static final int MAX_LENGTH = 16 * 1024;

    private final Format format;

    public ClientCertHeader(Format format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    public X509Certificate parse(String headerValue) throws MalformedClientCertHeaderException {
        if (headerValue == null || headerValue.isBlank()) {
            throw new MalformedClientCertHeaderException("empty client certificate header");
        }
        if (headerValue.length() > MAX_LENGTH) {
            throw new MalformedClientCertHeaderException("client certificate header longer than " + MAX_LENGTH);
        }
        return this.format == Format.RFC_9440 ? byteSequence(headerValue.trim()) : escapedPem(headerValue.trim());
    }

    /** RFC 9440 {@code Client-Cert-Chain}: a comma-separated list of byte sequences, issuer certificates in order. */
    public static List<X509Certificate> parseChain(String headerValue) throws MalformedClientCertHeaderException {
        List<X509Certificate> chain = new ArrayList<>();
        if (headerValue == null || headerValue.isBlank()) {
            return chain;
        }
        for (String member : headerValue.split(",")) {
            chain.add(byteSequence(member.trim()));
        }
        return chain;
    }

    private static X509Certificate byteSequence(String item) throws MalformedClientCertHeaderException {
        int end = item.indexOf(':', 1);
        if (!item.startsWith(":") || end < 0) {
            throw new MalformedClientCertHeaderException("not an RFC 8941 byte sequence (:base64:)");
        }
        String parameters = item.substring(end + 1);
        if (!parameters.isEmpty() && !parameters.startsWith(";")) {
            throw new MalformedClientCertHeaderException("unexpected characters after the byte sequence");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(item.substring(1, end));
        } catch (IllegalArgumentException e) {
            throw new MalformedClientCertHeaderException("byte sequence is not base64: " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = certificates(der);
        if (certificates.size() != 1) {
            throw new MalformedClientCertHeaderException("byte sequence holds " + certificates.size() + " certificates");
        }
        return certificates.get(0);
    }

    private static X509Certificate escapedPem(String value) throws MalformedClientCertHeaderException {
        byte[] pem = percentDecode(value);
        if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw new MalformedClientCertHeaderException("escaped header holds no PEM certificate");
        }
        List<X509Certificate> certificates = certificates(pem);
        if (certificates.size() != 1) {
            throw new MalformedClientCertHeaderException("escaped PEM holds " + certificates.size() + " certificates");
        }
        return certificates.get(0);
    }

    /**
     * Percent-decoding only: unlike {@code URLDecoder}, a literal '+' stays a '+', which base64 needs (whether the
     * proxy escapes '+' or not).
     */
    private static byte[] percentDecode(String value) throws MalformedClientCertHeaderException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new MalformedClientCertHeaderException("truncated percent-escape at " + i);
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new MalformedClientCertHeaderException("bad percent-escape at " + i);
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c > 0x7e) {
                throw new MalformedClientCertHeaderException("non-ASCII character at " + i);
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static List<X509Certificate> certificates(byte[] encoded) throws MalformedClientCertHeaderException {
        try {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(encoded));
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : parsed) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new MalformedClientCertHeaderException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
