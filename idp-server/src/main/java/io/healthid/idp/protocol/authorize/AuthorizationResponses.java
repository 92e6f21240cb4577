package io.healthid.idp.protocol.authorize;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Redirects back to the relying party with {@code code} or {@code error}, always with {@code state} as received and
 * {@code iss} (RFC 9207, so a client talking to several providers can tell which one answered).
 */
public final class AuthorizationResponses {

    private final String issuer;

    public AuthorizationResponses(String issuer) {
        this.issuer = issuer;
    }

    public Mono<ServerResponse> code(OAuth2AuthorizationCodeRequestAuthenticationToken result) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
            .queryParam("code", encode(result.getAuthorizationCode().getTokenValue()));
        return redirect(uri, result.getState());
    }

    /** Only for errors SAS attached a validated redirect URI to. */
    public Mono<ServerResponse> error(OAuth2Error error, String redirectUri, String state) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri).queryParam("error", encode(error.getErrorCode()));
        if (StringUtils.hasText(error.getDescription())) {
            uri.queryParam("error_description", encode(error.getDescription()));
        }
        return redirect(uri, state);
    }

    private Mono<ServerResponse> redirect(UriComponentsBuilder uri, String state) {
        if (StringUtils.hasText(state)) {
            uri.queryParam("state", encode(state));
        }
        uri.queryParam("iss", encode(this.issuer));
        return ServerResponse.status(302)
            .location(URI.create(uri.build(true).toUriString()))
            .cacheControl(CacheControl.noStore())
            .build();
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
