package io.healthid.idp.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** What a relying party does against the server: build requests, call the back channel, verify tokens. */
public final class RelyingParty {

    public static final String REALM = "/auth/realms/esante-wallet";
    public static final String DEMO_CLIENT = "client-demo";
    public static final String DEMO_SECRET = "client-demo-secret";
    public static final String DEMO_REDIRECT = "http://localhost:8081/login/oauth2/code/psc";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient client;
    private final int port;

    public RelyingParty(int port) {
        this.port = port;
        this.client = WebTestClient.bindToServer(TestConnections.connector()).baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30)).build();
    }

    public String issuer() {
        return "http://localhost:" + this.port + REALM;
    }

    public WebTestClient http() {
        return this.client;
    }

    public static UriComponentsBuilder authorizationRequest(String clientId, String redirectUri) {
        return UriComponentsBuilder.fromPath(REALM + "/protocol/openid-connect/auth")
            .queryParam("response_type", "code")
            .queryParam("client_id", clientId)
            .queryParam("redirect_uri", redirectUri)
            .queryParam("scope", "openid scope_all")
            .queryParam("state", "st-123")
            .queryParam("nonce", "n-456")
            .queryParam("acr_values", "eidas1");
    }

    public static String demoAuthorizationRequest() {
        return authorizationRequest(DEMO_CLIENT, DEMO_REDIRECT).queryParam("code_challenge", Pkce.CHALLENGE)
            .queryParam("code_challenge_method", "S256").encode().build().toUriString();
    }

    public WebTestClient.ResponseSpec token(Map<String, String> form, String basicClientId, String basicSecret) {
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return this.client.post()
            .uri(REALM + "/protocol/openid-connect/token")
            .headers(headers -> {
                if (basicClientId != null) {
                    headers.setBasicAuth(basicClientId, basicSecret);
                }
            })
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(body))
            .exchange();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> redeem(URI callback) {
        String code = Browser.query(callback).get("code");
        byte[] body = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT,
                "code_verifier", Pkce.VERIFIER), DEMO_CLIENT, DEMO_SECRET)
            .expectStatus().isOk()
            .expectBody().returnResult().getResponseBody();
        return JSON.readValue(body, Map.class);
    }

    public JWKSet jwks() throws Exception {
        String body = this.client.get().uri(REALM + "/protocol/openid-connect/certs").exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return JWKSet.parse(body);
    }

    /** Verifies the signature with the published key named by {@code kid}, and returns the claims. */
    public JWTClaimsSet verify(String jwt) throws Exception {
        SignedJWT signed = SignedJWT.parse(jwt);
        String kid = signed.getHeader().getKeyID();
        if (kid == null) {
            throw new AssertionError("JWT without kid");
        }
        JWK key = jwks().getKeyByKeyId(kid);
        if (key == null) {
            throw new AssertionError("kid " + kid + " is not in the JWKS");
        }
        boolean valid = JWSAlgorithm.Family.EC.contains(signed.getHeader().getAlgorithm())
                ? signed.verify(new ECDSAVerifier((ECKey) key))
                : signed.verify(new RSASSAVerifier((RSAKey) key));
        if (!valid) {
            throw new AssertionError("Bad signature");
        }
        return signed.getJWTClaimsSet();
    }

    public static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    /** A fixed PKCE pair (RFC 7636 appendix B). */
    public static final class Pkce {
        public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        public static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

        private Pkce() {
        }
    }
}
