package io.healthid.idp.x509;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches CRLs over HTTP with {@link HttpClient}: bounded in time (connect and whole response) and in size, so a slow
 * or hostile distribution point cannot hold a login thread or fill the heap. Blocking: call it off event loops.
 */
public final class HttpCrlSource implements CrlSource {

    /** IGC-Santé's largest CRLs are a few megabytes; anything far beyond is not a CRL we want in memory. */
    public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    /** How long a distribution point may take to answer before the check goes on without it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The source the server uses: {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_MAX_BYTES}. */
    public static HttpCrlSource standard() {
        return new HttpCrlSource(DEFAULT_TIMEOUT);
    }

    public HttpCrlSource(Duration timeout) {
        this(timeout, DEFAULT_MAX_BYTES);
    }

    public HttpCrlSource(Duration timeout, int maxBytes) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public byte[] fetch(URI distributionPoint) throws IOException {
        String scheme = distributionPoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IOException("not an HTTP distribution point: " + distributionPoint);
        }
        HttpRequest request = HttpRequest.newBuilder(distributionPoint).timeout(this.timeout).GET().build();
        try {
            HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + distributionPoint);
                }
                byte[] crl = body.readNBytes(this.maxBytes + 1);
                if (crl.length > this.maxBytes) {
                    throw new IOException("CRL larger than " + this.maxBytes + " bytes at " + distributionPoint);
                }
                return crl;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + distributionPoint, e);
        }
    }
}
