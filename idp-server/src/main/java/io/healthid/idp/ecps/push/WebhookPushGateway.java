package io.healthid.idp.ecps.push;

import io.healthid.idp.ecps.push.PushTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** {@code POST <url> {"challengeId"}} to an allowed host: the phone simulator's and the tests' gateway. */
public class WebhookPushGateway implements PushGateway {

    private final WebClient client;
    private final WebhookHosts hosts;
    private final Duration timeout;

    public WebhookPushGateway(WebClient client, WebhookHosts hosts, Duration timeout) {
        this.client = client;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    @Override
    public PushTarget.Type type() {
        return PushTarget.Type.WEBHOOK;
    }

    @Override
    public boolean accepts(String address) {
        return this.hosts.allows(address);
    }

    @Override
    public Mono<Void> send(String address, String challengeId) {
        if (!this.hosts.allows(address)) {
            // the list may have shrunk since the device registered
            return Mono.error(new PushFailedException("webhook host no longer allowed", null));
        }
        return this.client.post().uri(URI.create(address))
            .bodyValue(Map.of("challengeId", challengeId))
            .retrieve()
            .toBodilessEntity()
            .timeout(this.timeout)
            .onErrorMap(ex -> !(ex instanceof PushFailedException), ex -> new PushFailedException("webhook push failed: "
                    + ex.getClass().getSimpleName(), ex))
            .then();
    }
}
