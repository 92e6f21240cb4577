package io.healthid.idp.testcards;

import io.healthid.idp.claims.DirectoryClaims;
import io.healthid.idp.observability.CorrelationId;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Test cards for the demo, offered only while the server trusts its own embedded test PKI: anyone who can download
 * one can sign in as that person, which is the point of a demo and would be a hole anywhere else.
 *
 * <ul>
 * <li>{@code GET /pki/test-cards}: what is offered, and the PKCS#12 password (the same for every test card);</li>
 * <li>{@code GET /pki/test-cards/root.pem}: the test root, so a browser can trust the card listener;</li>
 * <li>{@code GET /pki/test-cards/{idNat}.p12}: a new card for a person of the directory (404 otherwise).</li>
 * </ul>
 */
public class TestCardEndpoint {

    public static final String BASE = "/pki/test-cards";

    private static final MediaType PKCS12 = MediaType.parseMediaType("application/x-pkcs12");
    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private final TestCardIssuer issuer;
    private final DirectoryClaims directory;

    public TestCardEndpoint(TestCardIssuer issuer, DirectoryClaims directory) {
        this.issuer = issuer;
        this.directory = directory;
    }

    public Mono<ServerResponse> index(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
            .bodyValue(Map.of("password", this.issuer.password(), "root", BASE + "/root.pem",
                    "card", BASE + "/{idNat}.p12"));
    }

    public Mono<ServerResponse> root(ServerRequest request) {
        return ServerResponse.ok().contentType(PEM)
            .headers(headers -> headers.setContentDisposition(ContentDisposition.attachment().filename("racine-test.pem").build()))
            .bodyValue(this.issuer.rootPem());
    }

    public Mono<ServerResponse> card(ServerRequest request) {
        String nationalId = request.pathVariable("idNat");
        return this.directory.claimsFor(nationalId)
            .flatMap(claims -> Mono.fromCallable(() -> this.issuer.pkcs12For(nationalId, claims))
                .subscribeOn(Schedulers.boundedElastic()))
            .flatMap(pkcs12 -> ServerResponse.ok().contentType(PKCS12).cacheControl(CacheControl.noStore())
                .headers(headers -> headers.setContentDisposition(
                        ContentDisposition.attachment().filename("carte-" + nationalId + ".p12").build()))
                .bodyValue(pkcs12))
            .switchIfEmpty(Mono.defer(() -> error(HttpStatus.NOT_FOUND, "DIRECTORY_NOT_FOUND")))
            // the directory refuses what is not a national identifier at all
            .onErrorResume(IllegalArgumentException.class, ex -> error(HttpStatus.BAD_REQUEST, "invalid_national_id"));
    }

    private static Mono<ServerResponse> error(HttpStatus status, String reason) {
        return CorrelationId.errorBody(ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue()),
                Map.of("error", status == HttpStatus.NOT_FOUND ? "not_found" : "invalid_request", "reason", reason));
    }
}
