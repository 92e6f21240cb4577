package io.healthid.idp.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One server under test as a relying party sees it: the same Keycloak-shaped endpoints on both sides
 * ({@code /auth/realms/esante-wallet/protocol/openid-connect/...}), the same confidential client {@code client-demo}
 * with PKCE, and a way to mint an authorization code by a complete login.
 */
final class Peer {

    static final String CLIENT = "client-demo";
    static final String SECRET = "client-demo-secret";
    static final String REDIRECT = "http://localhost:8081/login/oauth2/code/psc";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    final String name;
    final String base;
    /** A complete login ending at the relying party's callback: its URL, or {@code null}. */
    final Supplier<String> login;

    Peer(String name, String base, Supplier<String> login) {
        this.name = name;
        this.base = base;
        this.login = login;
    }

    String endpoint(String path) {
        return this.base + path(path);
    }

    /** A code from a complete login, or {@code null}. */
    String mintCode() {
        String callback = this.login.get();
        if (callback == null) {
            return null;
        }
        Matcher code = CODE.matcher(callback);
        return code.find() ? URLDecoder.decode(code.group(1), StandardCharsets.UTF_8) : null;
    }

    HttpRequest clientCredentials() {
        return tokenRequest(Map.of("grant_type", "client_credentials"));
    }

    HttpRequest redeem(String code) {
        return tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", VERIFIER));
    }

    HttpRequest refresh(String refreshToken) {
        return tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    HttpRequest userinfo(String accessToken) {
        return HttpRequest.newBuilder(URI.create(endpoint("/userinfo"))).timeout(java.time.Duration.ofSeconds(30)).header("Authorization", "Bearer " + accessToken)
            .GET().build();
    }

    HttpRequest introspect(String accessToken) {
        return form(endpoint("/token/introspect"), Map.of("token", accessToken), true);
    }

    /** The same requests for {@code wrk}: {@code {}} in a body is a value of the phase's pool. */
    Wrk.Request wrk(String endpoint, String accessToken) {
        String token = path("/token");
        return switch (endpoint) {
            case "client_credentials" -> new Wrk.Request("POST", token, basic(), "grant_type=client_credentials", null,
                    "access_token");
            case "refresh_token" -> new Wrk.Request("POST", token, basic(), "grant_type=refresh_token&refresh_token={}",
                    "refresh_token", "access_token");
            case "authorization_code" -> new Wrk.Request("POST", token, basic(), "grant_type=authorization_code&code={}&"
                    + encode(Map.of("redirect_uri", REDIRECT, "code_verifier", VERIFIER)), null, "id_token");
            case "userinfo" -> new Wrk.Request("GET", path("/userinfo"), "Bearer " + accessToken, null, null, "\"sub\"");
            case "introspection" -> new Wrk.Request("POST", path("/token/introspect"), basic(), "token=" + accessToken,
                    null, "\"active\":true");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private static String path(String endpoint) {
        return "/auth/realms/esante-wallet/protocol/openid-connect" + endpoint;
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest tokenRequest(Map<String, String> parameters) {
        return form(endpoint("/token"), parameters, true);
    }

    static HttpRequest form(String url, Map<String, String> parameters, boolean demoClient) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(parameters)));
        if (demoClient) {
            request.header("Authorization", basic());
        }
        return request.build();
    }

    static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A string member of a JSON response, without a JSON library (the load generator's client must stay cheap). */
    static String member(HttpResponse<String> response, String name) {
        return member(response.body(), name);
    }

    static String member(String json, String name) {
        Matcher value = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return value.find() ? value.group(1) : null;
    }
}
