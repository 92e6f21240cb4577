package io.healthid.idp.login.ecps;

import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.login.ecps.EcpsResponses;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /challenges/{id}} (what the phone shows) and {@code POST /challenges/{id} {"response": JWS}} (the
 * person's answer), both with a DPoP proof of a device the challenge was sent to.
 */
public class ChallengeEndpoint {

    /** The answer's body. */
    public record Answer(String response) {
    }

    private final ChallengeService challenges;
    private final RequestProofs proofs;
    private final EcpsMetrics metrics;

    public ChallengeEndpoint(ChallengeService challenges, RequestProofs proofs, EcpsMetrics metrics) {
        this.challenges = challenges;
        this.proofs = proofs;
        this.metrics = metrics;
    }

    public Mono<ServerResponse> show(ServerRequest request) {
        String id = request.pathVariable("challengeId");
        return this.proofs.authenticate(request, device -> this.challenges.endForClock(id, device))
            .flatMap(device -> this.challenges.view(id, device))
            .flatMap(state -> EcpsResponses.json(HttpStatus.OK, describe(state)))
            .onErrorResume(EcpsResponses.errors());
    }

    public Mono<ServerResponse> answer(ServerRequest request) {
        String id = request.pathVariable("challengeId");
        return this.proofs.authenticate(request, device -> this.challenges.endForClock(id, device))
            .flatMap(device -> request.bodyToMono(Answer.class)
                .filter(answer -> answer.response() != null)
                .switchIfEmpty(Mono.error(new IllegalArgumentException("response is required")))
                .flatMap(answer -> this.challenges.respond(id, device, answer.response()))
                .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.RESPONSE, refusal.reason())))
            .flatMap(state -> EcpsResponses.json(HttpStatus.OK, Map.of("status", statusOf(state))))
            .onErrorResume(EcpsResponses.errors());
    }

    private static String statusOf(Challenge.State state) {
        return state.status() == Challenge.Status.APPROVED ? "approved" : "denied";
    }

    private static Map<String, Object> describe(Challenge.State state) {
        Challenge challenge = state.challenge();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("challengeId", challenge.id());
        view.put("client", challenge.clientName());
        if (challenge.kind() == Challenge.Kind.BROWSER) {
            view.put("numbers", challenge.numbers());
        }
        else {
            view.put("bindingMessage", challenge.bindingMessage() == null ? "" : challenge.bindingMessage());
        }
        view.put("expiresAt", challenge.expiresAt().toString());
        view.put("status", state.status().name().toLowerCase(Locale.ROOT));
        return view;
    }
}
