package io.healthid.demo.outbox;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The demo's SMS gateway: the identity provider's {@code idp.ecps.sms.url} points here and POSTs
 * {@code {"to", "text"}}; the message goes to the outbox instead of a phone network.
 */
@RestController
public class SmsGatewayEndpoint {

    public static final String PATH = "/outbox/sms";
    private static final int MAX_TO = 32;
    private static final int MAX_TEXT = 1600;

    private final SmsInbox inbox;
    private final Clock clock;

    public SmsGatewayEndpoint(SmsInbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> receive(@RequestBody Mono<JsonNode> body) {
        return body
            .map(sms -> {
                JsonNode to = sms.path("to");
                JsonNode text = sms.path("text");
                if (!to.isString() || !text.isString() || to.asString().isBlank() || to.asString().length() > MAX_TO
                        || text.asString().length() > MAX_TEXT) {
                    return ResponseEntity.badRequest().<Void>build();
                }
                this.inbox.add(new OutboxMessage(OutboxMessage.Channel.SMS, to.asString(), "", text.asString(),
                        this.clock.instant()));
                return ResponseEntity.status(HttpStatus.ACCEPTED).<Void>build();
            })
            .onErrorResume(ex -> Mono.just(ResponseEntity.badRequest().build()))
            .defaultIfEmpty(ResponseEntity.badRequest().build());
    }
}
