package io.healthid.idp.embedded;

import io.healthid.idp.pki.IssuedCard;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a relying party and a practitioner with a CPS card do against the server over HTTP: card login (keeping the
 * SSO cookie), code and refresh-token exchanges, client_credentials, the JWKS.
 */
final class OpenIdSession {

    static final String REDIRECT_URI = "http://localhost:8081/login/oauth2/code/psc";
    private static final String CLIENT_AUTH = "Basic " + Base64.getEncoder()
        .encodeToString("client-demo:client-demo-secret".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The outcome of a login: the code (with the PKCE verifier that redeems it) and the SSO cookie it set. */
    record Login(String code, String verifier, String sessionCookie) {
    }

    private final String realm;
    private final HttpClient plain;
    private final HttpClient card;

    OpenIdSession(int port, IssuedCard card, X509Certificate trustAnchor) throws Exception {
        this.realm = "http://localhost:" + port + "/auth/realms/esante-wallet";
        this.plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
        this.card = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).sslContext(tls(card, trustAnchor)).build();
    }

    /** Authorization request, login page, card listener (TLS with the card), back at the relying party. */
    Login cardLogin() throws IOException, InterruptedException {
        String verifier = verifier();
        URI authorize = authorizeUri(verifier);
        URI login = redirect(this.plain, authorize, null).uri();
        URI cardDetection = redirect(this.plain, login, null).uri();
        Redirect callback = redirect(this.card, cardDetection, null);
        String cookie = callback.response().headers().allValues("set-cookie").stream()
            .filter(header -> header.startsWith("IDP_SESSION="))
            .map(header -> header.substring(0, header.indexOf(';') < 0 ? header.length() : header.indexOf(';')))
            .findFirst().orElseThrow(() -> new AssertionError("No SSO cookie on " + callback.uri()));
        return new Login(code(callback.uri()), verifier, cookie);
    }

    /** An authorization request carrying the SSO cookie: a live session answers with a code at once. */
    URI authorizeWithSession(String sessionCookie) throws IOException, InterruptedException {
        return redirect(this.plain, authorizeUri(verifier()), sessionCookie).uri();
    }

    /** Exchanges a login's code; returns the token response. */
    JsonNode exchange(Login login) throws IOException, InterruptedException {
        return token("grant_type=authorization_code&code=" + login.code() + "&redirect_uri=" + encode(REDIRECT_URI)
                + "&code_verifier=" + login.verifier());
    }

    HttpResponse<String> refresh(String refreshToken) throws IOException, InterruptedException {
        return post("grant_type=refresh_token&refresh_token=" + encode(refreshToken));
    }

    HttpResponse<String> clientCredentials() throws IOException, InterruptedException {
        return post("grant_type=client_credentials");
    }

    Set<String> publishedKeyIds() throws IOException, InterruptedException {
        HttpResponse<String> response = this.plain.send(HttpRequest.newBuilder(
                URI.create(this.realm + "/protocol/openid-connect/certs")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> kids = new HashSet<>();
        JSON.readTree(response.body()).get("keys").forEach(key -> kids.add(key.get("kid").asString()));
        return kids;
    }

    /** The {@code kid} in the header of a signed token. */
    static String keyIdOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JSON.readTree(header).get("kid").asString();
    }

    static JsonNode json(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode token(String form) throws IOException, InterruptedException {
        return json(post(form));
    }

    private HttpResponse<String> post(String form) throws IOException, InterruptedException {
        return this.plain.send(HttpRequest.newBuilder(URI.create(this.realm + "/protocol/openid-connect/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", CLIENT_AUTH)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Redirect(URI uri, HttpResponse<String> response) {
    }

    private static Redirect redirect(HttpClient client, URI uri, String cookie) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("location").orElse(null);
        if (response.statusCode() != 302 || location == null) {
            throw new AssertionError("Expected a redirect from " + uri.getPath() + ", got " + response.statusCode()
                    + ": " + response.body());
        }
        return new Redirect(uri.resolve(location), response);
    }

    private URI authorizeUri(String verifier) {
        return URI.create(this.realm + "/protocol/openid-connect/auth?response_type=code&client_id=client-demo"
                + "&redirect_uri=" + encode(REDIRECT_URI) + "&scope=openid%20scope_all&state=s&nonce=n"
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256");
    }

    static String code(URI callback) {
        if (!callback.toString().startsWith(REDIRECT_URI)) {
            throw new AssertionError("Not back at the relying party: " + callback);
        }
        for (String parameter : callback.getRawQuery().split("&")) {
            if (parameter.startsWith("code=")) {
                return parameter.substring("code=".length());
            }
        }
        throw new AssertionError("No code in " + callback);
    }

    private static String verifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static SSLContext tls(IssuedCard card, X509Certificate trustAnchor) throws Exception {
        char[] password = "card".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("card", card.privateKey(), password, card.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", trustAnchor);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
        return context;
    }
}
