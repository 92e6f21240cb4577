package io.healthid.idp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak as the peer: the realm {@code esante-wallet} and the same client made through its admin REST API, and a
 * password user whose complete logins (login page, form post) mint the codes.
 */
final class KeycloakPeer {

    static final String USER = "bench-user";
    static final String PASSWORD = "bench-password";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION_ANY = Pattern.compile("action=\"([^\"]+login-actions/authenticate[^\"]*)\"");

    private KeycloakPeer() {
    }

    /** Creates the realm, the client and the user with the bootstrap admin's credentials. */
    static void setUp(HttpClient http, String base, String admin, String adminPassword) throws Exception {
        HttpResponse<String> token = http.send(Peer.form(base + "/auth/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", admin, "password", adminPassword),
                false), HttpResponse.BodyHandlers.ofString());
        String adminToken = Peer.member(token, "access_token");
        if (adminToken == null) {
            throw new IllegalStateException("Keycloak admin login failed: " + token.statusCode());
        }
        // Keycloak 26 introspects only tokens whose audience holds the caller: the client is put in its own tokens'
        // audience, as our server does. Codes live 10 minutes (they are minted ahead); a cheap password hash, since minting is not what is measured
        post(http, base + "/auth/admin/realms", adminToken, """
                {"realm":"esante-wallet","enabled":true,"accessCodeLifespan":600,"accessCodeLifespanLogin":1800,
                 "passwordPolicy":"hashAlgorithm(pbkdf2-sha256) and hashIterations(1)","accessTokenLifespan":120,"ssoSessionIdleTimeout":1800}""");
        post(http, base + "/auth/admin/realms/esante-wallet/clients", adminToken, """
                {"clientId":"client-demo","enabled":true,"publicClient":false,"secret":"client-demo-secret",
                 "clientAuthenticatorType":"client-secret","standardFlowEnabled":true,"serviceAccountsEnabled":true,
                 "directAccessGrantsEnabled":false,"redirectUris":["http://localhost:8081/login/oauth2/code/psc"],
                 "attributes":{"pkce.code.challenge.method":"S256"},
                 "protocolMappers":[{"name":"client-demo audience","protocol":"openid-connect",
                   "protocolMapper":"oidc-audience-mapper","config":{"included.client.audience":"client-demo",
                   "access.token.claim":"true","introspection.token.claim":"true"}}]}""");
        post(http, base + "/auth/admin/realms/esante-wallet/users", adminToken, """
                {"username":"bench-user","enabled":true,"emailVerified":true,"firstName":"Sophie","lastName":"Martin",
                 "email":"bench-user@example.test",
                 "credentials":[{"type":"password","value":"bench-password","temporary":false}]}""");
    }

    private static void post(HttpClient http, String url, String token, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak admin " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** A complete password login with fresh cookies: the callback URL with the code, or {@code null}. */
    static String login(HttpClient http, String base) {
        try {
            String authorize = base + "/auth/realms/esante-wallet/protocol/openid-connect/auth?response_type=code"
                    + "&client_id=client-demo&redirect_uri=" + Peer.REDIRECT + "&scope=openid&state=s&nonce=n"
                    + "&code_challenge=" + Peer.CHALLENGE + "&code_challenge_method=S256";
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(authorize)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher action = FORM_ACTION.matcher(page.body());
            if (!action.find()) {
                action = FORM_ACTION_ANY.matcher(page.body());
                if (!action.find()) {
                    return null;
                }
            }
            String cookies = String.join("; ", cookies(page));
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(Peer.encode(Map.of("username", USER, "password", PASSWORD,
                        "credentialId", ""))))
                .build(), HttpResponse.BodyHandlers.ofString());
            return posted.headers().firstValue("Location").orElse(null);
        }
        catch (IOException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> cookies(HttpResponse<?> response) {
        List<String> cookies = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            cookies.add(header.split(";", 2)[0]);
        }
        return cookies;
    }
}
