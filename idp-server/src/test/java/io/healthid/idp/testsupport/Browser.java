package io.healthid.idp.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A person's browser against the running server: keeps cookies, follows nothing by itself, so each test sees every
 * redirect the way a browser would.
 */
public final class Browser {

    private final WebTestClient client;
    private final Map<String, String> cookies = new HashMap<>();
    private final int port;

    public Browser(int port) {
        this.port = port;
        this.client = WebTestClient.bindToServer(TestConnections.connector()).baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30)).build();
    }

    public EntityExchangeResult<String> get(String uri) {
        return get(uri, Map.of());
    }

    /** GET with more headers (a User-Agent, an Accept-Language). */
    public EntityExchangeResult<String> get(String uri, Map<String, String> headers) {
        return keepCookies(this.client.get()
            .uri(absolute(this.port, uri))
            .headers(h -> headers.forEach(h::add))
            .headers(h -> this.cookies.forEach((name, value) -> h.add(HttpHeaders.COOKIE, name + "=" + value)))
            .exchange()
            .expectBody(String.class)
            .returnResult());
    }

    /** Submits a form as a browser does (application/x-www-form-urlencoded). */
    public EntityExchangeResult<String> postForm(String uri, Map<String, String> fields) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return keepCookies(this.client.post()
            .uri(absolute(this.port, uri))
            .headers(h -> this.cookies.forEach((name, value) -> h.add(HttpHeaders.COOKIE, name + "=" + value)))
            .body(BodyInserters.fromFormData(form))
            .exchange()
            .expectBody(String.class)
            .returnResult());
    }

    /** The cookie header this browser would send. */
    public String cookieHeader() {
        return String.join("; ", this.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private EntityExchangeResult<String> keepCookies(EntityExchangeResult<String> result) {
        result.getResponseCookies().forEach((name, list) -> list.forEach(cookie -> {
            if (cookie.getMaxAge().isZero()) {
                this.cookies.remove(name);
            }
            else {
                this.cookies.put(name, cookie.getValue());
            }
        }));
        return result;
    }

    /** A form POST with the browser's cookies (a confirmation the person submits). */
    public EntityExchangeResult<String> post(String uri, String form) {
        return this.client.post()
            .uri(absolute(this.port, uri))
            .headers(headers -> this.cookies.forEach((name, value) -> headers.add(HttpHeaders.COOKIE, name + "=" + value)))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue(form)
            .exchange()
            .expectBody(String.class)
            .returnResult();
    }

    /** Logout without id_token_hint: the confirmation page, then its form submitted (RP-Initiated Logout 6). */
    public EntityExchangeResult<String> confirmLogout(String logoutUri) {
        String page = get(logoutUri).getResponseBody();
        Matcher confirm = Pattern.compile("name=\"confirm\" value=\"([A-Za-z0-9_-]+)\"").matcher(page == null ? "" : page);
        if (!confirm.find()) {
            throw new AssertionError("No logout confirmation form in: " + page);
        }
        EntityExchangeResult<String> result = post(logoutUri, "confirm=" + confirm.group(1));
        result.getResponseCookies().forEach((name, list) -> list.forEach(cookie -> {
            if (cookie.getMaxAge().isZero()) {
                this.cookies.remove(name);
            }
        }));
        return result;
    }

    /** GET and expect a redirect; returns where it points. */
    public URI redirectFrom(String uri) {
        EntityExchangeResult<String> result = get(uri);
        URI location = result.getResponseHeaders().getLocation();
        if (result.getStatus().value() != 302 || location == null) {
            throw new AssertionError("Expected a redirect from " + uri + " but got " + result.getStatus() + ": "
                    + result.getResponseBody());
        }
        return location;
    }

    /** Authorization request → login page → test authenticator → back at the relying party: the final redirect. */
    public URI signIn(String authorizationUri, String nationalId) {
        URI login = redirectFrom(authorizationUri);
        String tx = UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
        return redirectFrom("/test-login?tx=" + tx + "&idnat=" + nationalId);
    }

    /** Already-encoded URIs go to the server as they are (WebTestClient would encode a relative string again). */
    public static URI absolute(int port, String uri) {
        return URI.create(uri.startsWith("http") ? uri : "http://localhost:" + port + uri);
    }

    public boolean hasSession() {
        return this.cookies.containsKey("IDP_SESSION");
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        UriComponentsBuilder.fromUri(uri).build().getQueryParams()
            .forEach((name, list) -> values.put(name, URLDecoder.decode(list.get(0), StandardCharsets.UTF_8)));
        return values;
    }
}
