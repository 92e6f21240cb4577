package io.healthid.idp.protocol.discovery;

import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.keys.SigningKeyService;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /protocol/openid-connect/certs}: the published keys' public parts, as a JWK set. Relying parties may
 * cache it for {@code jwks-max-age}, which the configuration keeps shorter than the publish-ahead, so they hold a
 * new key before it signs.
 */
public class JwksHandler {

    private final SigningKeyService keys;
    private final CacheControl cacheControl;

    public JwksHandler(SigningKeyService keys, KeyProperties properties) {
        this.keys = keys;
        this.cacheControl = CacheControl.maxAge(properties.jwksMaxAge()).cachePublic();
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        // publicKeysOnly again: the set is public already, this keeps it so whatever publishedKeys() becomes
        String jwks = keys.publishedKeys().toString(true);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(cacheControl).bodyValue(jwks);
    }
}
