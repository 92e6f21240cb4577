package io.healthid.demo.phone;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The phones' webhook: the identity provider's webhook push gateway POSTs {@code {"challengeId"}} here (on loopback,
 * a host of its {@code idp.ecps.push.webhook-hosts}), as FCM would wake a real phone.
 */
@RestController
public class PushReceiver {

    public static final String PATH = "/phone/push/";
    private static final int MAX_ID = 128;

    private final Phones phones;
    private final Clock clock;

    public PushReceiver(Phones phones, Clock clock) {
        this.phones = phones;
        this.clock = clock;
    }

    @PostMapping(path = PATH + "{phoneId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> push(@PathVariable String phoneId, @RequestBody Mono<JsonNode> body) {
        return body
            .map(push -> {
                String challengeId = push.path("challengeId").asString("");
                if (challengeId.isEmpty() || challengeId.length() > MAX_ID || !challengeId.matches("[A-Za-z0-9_-]+")) {
                    return ResponseEntity.badRequest().<Void>build();
                }
                return this.phones.find(phoneId).map(phone -> {
                    phone.pushed(challengeId, this.clock.instant());
                    return ResponseEntity.status(HttpStatus.NO_CONTENT).<Void>build();
                }).orElseGet(() -> ResponseEntity.notFound().build());
            })
            .onErrorResume(ex -> Mono.just(ResponseEntity.badRequest().build()))
            .defaultIfEmpty(ResponseEntity.badRequest().build());
    }
}
