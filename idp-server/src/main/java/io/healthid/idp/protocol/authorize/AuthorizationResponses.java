package io.healthid.idp.protocol.authorize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RenderingResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Sends the browser back to the relying party with {@code code} or {@code error}, always with {@code state} as
 * received and {@code iss} (RFC 9207, so a client talking to several providers can tell which one answered): in the
 * query of a redirect, or as a form posted to the redirect URI ({@code response_mode=form_post}).
 */
public final class AuthorizationResponses {

    private final String issuer;

    public AuthorizationResponses(String issuer) {
        this.issuer = issuer;
    }

    public Mono<ServerResponse> code(OAuth2AuthorizationCodeRequestAuthenticationToken result, ResponseModes mode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", result.getAuthorizationCode().getTokenValue());
        return respond(result.getRedirectUri(), fields, result.getState(), mode);
    }

    /** Only for errors SAS attached a validated redirect URI to. */
    public Mono<ServerResponse> error(OAuth2Error error, String redirectUri, String state, ResponseModes mode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("error", error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            fields.put("error_description", error.getDescription());
        }
        return respond(redirectUri, fields, state, mode);
    }

    private Mono<ServerResponse> respond(String redirectUri, Map<String, String> fields, String state, ResponseModes mode) {
        if (StringUtils.hasText(state)) {
            fields.put("state", state);
        }
        fields.put("iss", this.issuer);
        return mode == ResponseModes.FORM_POST ? formPost(redirectUri, fields) : redirect(redirectUri, fields);
    }

    /** OAuth 2.0 Form Post Response Mode 2: an auto-submitted form, its one script allowed by a nonce. */
    private static Mono<ServerResponse> formPost(String redirectUri, Map<String, String> fields) {
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(KeyGenerators.secureRandom(16).generateKey());
        return RenderingResponse.create("form-post")
            .status(HttpStatus.OK)
            .header(HttpHeaders.CONTENT_TYPE, new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8).toString())
            .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
            .header("X-Frame-Options", "DENY")
            .header("Content-Security-Policy", "default-src 'self'; script-src 'nonce-" + nonce + "'; frame-ancestors 'none'")
            .modelAttribute("redirectUri", redirectUri)
            .modelAttribute("fields", fields)
            .modelAttribute("nonce", nonce)
            .build()
            .cast(ServerResponse.class);
    }

    private static Mono<ServerResponse> redirect(String redirectUri, Map<String, String> fields) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri);
        fields.forEach((name, value) -> uri.queryParam(name, encode(value)));
        return ServerResponse.status(302)
            .location(URI.create(uri.build(true).toUriString()))
            .cacheControl(CacheControl.noStore())
            .build();
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
