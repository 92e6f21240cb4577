package io.healthid.idp.protocol.ciba;

import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeListener;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * CIBA ping mode (CIBA Core section 10.2): once the phone has answered, tells the client at its registered
 * notification endpoint, with its {@code client_notification_token}, that a token request will now succeed or fail.
 * The endpoint is the client's registration, never something a request supplies.
 */
public class CibaPingNotifier implements ChallengeListener {

    private final CibaRequestStore requests;
    private final RegisteredClientRepository clients;
    private final WebClient http;
    private final Duration timeout;

    public CibaPingNotifier(CibaRequestStore requests, RegisteredClientRepository clients, WebClient http, Duration timeout) {
        this.requests = requests;
        this.clients = clients;
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> settled(Challenge.State state) {
        if (state.challenge().kind() != Challenge.Kind.CIBA) {
            return Mono.empty();
        }
        return this.requests.find(state.challenge().transactionId())
            .filter(request -> "ping".equals(request.deliveryMode()))
            .flatMap(request -> {
                RegisteredClient client = this.clients.findByClientId(request.clientId());
                String endpoint = client == null ? null
                        : client.getClientSettings().getSetting(RegisteredClientMapper.BACKCHANNEL_CLIENT_NOTIFICATION_ENDPOINT);
                if (endpoint == null) {
                    return Mono.empty();
                }
                return this.http.post().uri(URI.create(endpoint))
                    .headers(headers -> headers.setBearerAuth(request.notificationToken()))
                    .bodyValue(Map.of("auth_req_id", request.authReqId()))
                    .retrieve()
                    .toBodilessEntity()
                    .timeout(this.timeout)
                    .then();
            });
    }
}
