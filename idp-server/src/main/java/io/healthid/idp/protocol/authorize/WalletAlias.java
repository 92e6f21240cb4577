package io.healthid.idp.protocol.authorize;

import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * PSC serves its authorization endpoint on a second host, {@code https://wallet.<env>/auth}, and integrators who
 * hard-coded that layout only swap hosts. That {@code /auth} sends the browser on, request unchanged, to our
 * authorization endpoint under the issuer: the SSO cookie lives there, so sessions and {@code prompt=none} behave the
 * same whichever URL the relying party used. GET is answered 302, POST 307 so the browser posts the same form again.
 */
public final class WalletAlias {

    private final String authorizationEndpoint;

    public WalletAlias(String authorizationEndpoint) {
        this.authorizationEndpoint = authorizationEndpoint;
    }

    public Mono<ServerResponse> redirect(ServerRequest request) {
        String query = request.uri().getRawQuery();
        URI target = URI.create(query == null ? this.authorizationEndpoint : this.authorizationEndpoint + "?" + query);
        HttpStatus status = HttpMethod.POST.equals(request.method()) ? HttpStatus.TEMPORARY_REDIRECT : HttpStatus.FOUND;
        return ServerResponse.status(status).location(target).cacheControl(CacheControl.noStore()).build();
    }
}
