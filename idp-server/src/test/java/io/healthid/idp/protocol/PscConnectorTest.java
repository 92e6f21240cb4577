package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * ANS's Keycloak connector ({@code keycloak-prosanteconnect}) as it behaves out of the box, pointed at us with only its
 * URLs changed: {@code client_secret_post}, {@code scope=openid}, {@code acr_values=eidas1}, a 64-hex nonce, no PKCE;
 * it verifies the ID token with the JWKS key named by {@code kid} among those with {@code "use":"sig"}, reads userinfo
 * as JSON or as a signed JWT, requires the same {@code sub} in both, and refuses any {@code acr} but {@code eidas1} or
 * none. Real card logins drive it (the test authenticator reaches only eidas1 and says TEST).
 */
@IdpIntegrationTest
@Tag("PSC-compat")
class PscConnectorTest {

    static final String BROKER_ENDPOINT = "http://localhost:8180/realms/rp/broker/psc/endpoint";

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Autowired
    private EmbeddedPki pki;

    @Test
    @DisplayName("card login through the connector: ID token checked like the connector does, userinfo JSON and JWT with equal sub, acr eidas1")
    void connectorWhenCardLoginThenEveryCheckOfTheConnectorPasses() throws Exception {
        IssuedCard card = card();
        String nonce = randomHexNonce();

        Map<String, Object> tokens = redeem("psc-connector", cardLogin(card, connectorRequest("psc-connector", nonce)));

        JWTClaimsSet idToken = verifyLikeTheConnector((String) tokens.get("id_token"));
        assertThat(idToken.getIssuer()).isEqualTo(this.rp.issuer());
        assertThat(idToken.getAudience()).contains("psc-connector");
        assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
        assertAcceptedAcr(idToken.getStringClaim("acr"));
        // the strength actually achieved stays visible
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("CARD");
        assertThat(idToken.getStringListClaim("amr")).contains("sc", "hwk", "pin");

        Map<?, ?> json = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(json.get("sub")).isEqualTo(idToken.getSubject());
        // scope=openid only, and still PSC's claims
        assertThat(json.keySet()).extracting(Object::toString).contains("SubjectNameID", "SubjectRefPro", "SubjectRole", "given_name", "family_name", "otherIds");
        assertThat(json.get("SubjectNameID")).isEqualTo(SampleDirectory.TWO_PROFESSIONS);

        // the same person through the connector registered for signed userinfo
        Map<String, Object> jwtTokens = redeem("psc-connector-jwt", cardLogin(card, connectorRequest("psc-connector-jwt", randomHexNonce())));
        JWTClaimsSet jwtIdToken = verifyLikeTheConnector((String) jwtTokens.get("id_token"));
        assertAcceptedAcr(jwtIdToken.getStringClaim("acr"));
        String signedUserinfo = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) jwtTokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(new MediaType("application", "jwt"))
            .expectBody(String.class).returnResult().getResponseBody();
        JWTClaimsSet userinfoJwt = verifyLikeTheConnector(signedUserinfo);
        assertThat(userinfoJwt.getSubject()).isEqualTo(jwtIdToken.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(userinfoJwt.getClaim("SubjectRefPro")).isNotNull();
    }

    @Test
    @DisplayName("acr: eidas1 asked, a card login (eidas3) answers eidas1 by default; strongest requested level the login satisfies")
    void idTokenWhenStrongerLoginThanRequestedThenStrongestSatisfiedRequestedAcr() throws Exception {
        IssuedCard card = card();
        assertThat(acrAfterLogin(card, "psc-connector", "eidas1")).isEqualTo("eidas1");
        assertThat(acrAfterLogin(card, "psc-connector", "eidas1 eidas2")).isEqualTo("eidas2");
        assertThat(acrAfterLogin(card, "psc-connector", null)).as("nothing requested: the achieved level").isEqualTo("eidas3");
    }

    @Test
    @DisplayName("acr-claim: achieved: the client gets the level the login achieved; minimal ID token: only the standard claims")
    void idTokenWhenClientWantsAchievedAcrAndMinimalTokenThenEidas3AndNoPscClaims() throws Exception {
        String request = UriComponentsBuilder.fromUriString(connectorRequestFor("strict-app", "https://strict.example/cb", "n-1", "eidas1"))
            .queryParam("code_challenge", RelyingParty.Pkce.CHALLENGE).queryParam("code_challenge_method", "S256")
            .build(true).toUriString();
        URI callback = cardLogin(card(), request, "https://strict.example/cb");
        byte[] body = this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", "https://strict.example/cb", "code_verifier", RelyingParty.Pkce.VERIFIER), "strict-app",
                "strict-app-secret").expectStatus().isOk().expectBody().returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
        JWTClaimsSet idToken = this.rp.verify((String) tokens.get("id_token"));

        assertThat(idToken.getStringClaim("acr")).isEqualTo("eidas3");
        assertThat(idToken.getClaims()).containsKeys("iss", "sub", "aud", "exp", "iat", "nonce", "acr", "amr", "at_hash", "sid")
            .doesNotContainKeys("SubjectNameID", "preferred_username", "authMode", "given_name", "family_name", "name");
        Map<?, ?> userinfo = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(userinfo.get("acr")).isEqualTo("eidas3");
        assertThat(userinfo.get("SubjectNameID")).isEqualTo(SampleDirectory.TWO_PROFESSIONS);
        assertThat(userinfo.keySet()).extracting(Object::toString).contains("name", "given_name", "SubjectRefPro");
    }

    @Test
    @DisplayName("wallet alias: PSC's https://wallet.<env>/auth layout reaches the authorization endpoint, query unchanged")
    void walletAuthWhenCalledThenSentToAuthorizationEndpointWithSameRequest() {
        String request = connectorRequest("psc-connector", randomHexNonce());
        String query = URI.create("http://x" + request).getRawQuery();
        var wallet = this.rp.http().get().uri(URI.create("http://127.0.0.1:" + ServerPort.PORT + "/auth?" + query)).exchange()
            .expectStatus().isFound().returnResult(String.class);
        URI target = wallet.getResponseHeaders().getLocation();
        assertThat(target.toString()).isEqualTo(this.rp.issuer() + "/protocol/openid-connect/auth?" + query);
        assertThat(new Browser(ServerPort.PORT).redirectFrom(target.toString()).getPath()).endsWith("/login-actions/authenticate");

        this.rp.http().post().uri(URI.create("http://127.0.0.1:" + ServerPort.PORT + "/auth"))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(query).exchange()
            .expectStatus().isTemporaryRedirect()
            .expectHeader().valueEquals(HttpHeaders.LOCATION, this.rp.issuer() + "/protocol/openid-connect/auth");
    }

    /** Authorization request, login page, card reader on the card listener: back at the broker endpoint. */
    private static URI cardLogin(IssuedCard card, String authorizationRequest) {
        return cardLogin(card, authorizationRequest, BROKER_ENDPOINT);
    }

    private static URI cardLogin(IssuedCard card, String authorizationRequest, String redirectUri) {
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(authorizationRequest);
        CardReader.Response response = CardReader.with(card).get(browser.redirectFrom(login.toString()).toString());
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).startsWith(redirectUri + "?code=");
        return URI.create(response.location());
    }

    /** A CPS card of the person the tests sign in (a card login achieves eidas3). */
    private IssuedCard card() {
        return this.pki.current().issueCard(CardRequest.nominative(CardType.CPS, SampleDirectory.TWO_PROFESSIONS,
                "MARTIN", "SOPHIE", "Sage-Femme").build());
    }

    private String acrAfterLogin(IssuedCard card, String clientId, String acrValues) throws Exception {
        String request = connectorRequestFor(clientId, BROKER_ENDPOINT, randomHexNonce(), acrValues);
        return verifyLikeTheConnector((String) redeem(clientId, cardLogin(card, request)).get("id_token")).getStringClaim("acr");
    }

    private static String connectorRequest(String clientId, String nonce) {
        return connectorRequestFor(clientId, BROKER_ENDPOINT, nonce, "eidas1");
    }

    private static String connectorRequestFor(String clientId, String redirectUri, String nonce, String acrValues) {
        UriComponentsBuilder request = UriComponentsBuilder.fromPath(RelyingParty.REALM + "/protocol/openid-connect/auth")
            .queryParam("scope", "openid")
            .queryParam("state", "kc-state-1")
            .queryParam("response_type", "code")
            .queryParam("client_id", clientId)
            .queryParam("redirect_uri", redirectUri)
            .queryParam("nonce", nonce);
        if (acrValues != null) {
            request.queryParam("acr_values", acrValues);
        }
        return request.encode().build().toUriString();
    }

    /** The token request of the connector: client_secret_post, no code_verifier. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> redeem(String clientId, URI callback) {
        assertThat(Browser.query(callback)).containsEntry("state", "kc-state-1").containsKey("code");
        return this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", BROKER_ENDPOINT, "client_id", clientId, "client_secret", clientId + "-secret"), null, null)
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Keycloak's check: the JWKS key with the JWT's kid among the signature keys ("use":"sig"), then the signature. */
    private JWTClaimsSet verifyLikeTheConnector(String jwt) throws Exception {
        SignedJWT signed = SignedJWT.parse(jwt);
        assertThat(signed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWK key = this.rp.jwks().getKeys().stream()
            .filter(candidate -> KeyUse.SIGNATURE.equals(candidate.getKeyUse()))
            .filter(candidate -> candidate.getKeyID().equals(signed.getHeader().getKeyID()))
            .findFirst().orElseThrow(() -> new AssertionError("no signature key with kid " + signed.getHeader().getKeyID()));
        assertThat(signed.verify(new RSASSAVerifier((RSAKey) key))).isTrue();
        return signed.getJWTClaimsSet();
    }

    /** The connector: "The returned eIDAS level is not supported" unless acr is eidas1 or absent. */
    private static void assertAcceptedAcr(String acr) {
        assertThat(acr == null || "eidas1".equals(acr)).as("acr " + acr + " accepted by the connector").isTrue();
    }

    private static String randomHexNonce() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
