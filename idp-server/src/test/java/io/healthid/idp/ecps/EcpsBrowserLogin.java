package io.healthid.idp.ecps;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.authn.ecps.EcpsAuthenticator;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.TestConnections;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The steps of an e-CPS login as the person takes them, for tests that need one done (EcpsBrowserLoginTest proves
 * each step and its failures): the {@code nationalId} form, the number on the waiting page, its event stream, the
 * phone approving that number.
 */
public final class EcpsBrowserLogin {

    private static final Pattern NUMBER = Pattern.compile("id=\"ecps-number\"[^>]*>(\\d+)<");
    private static final Pattern EVENTS = Pattern.compile("data-events=\"([^\"]+)\"");

    private EcpsBrowserLogin() {
    }

    /** The e-CPS form of a login transaction, under {@code base} (the issuer, or one node's own URL and path). */
    public static String formUri(String base, String tx) {
        return base + EcpsAuthenticator.LOGIN_PATH + "?tx=" + tx;
    }

    /** Submits the national id: the waiting page the browser is sent to (303), as the server wrote it. */
    public static URI submit(Browser browser, String formUri, String nationalId) {
        EntityExchangeResult<String> submitted = browser.postForm(formUri, Map.of("nationalId", nationalId));
        assertThat(submitted.getStatus().value()).as(submitted.getResponseBody()).isEqualTo(303);
        return submitted.getResponseHeaders().getLocation();
    }

    /** The number the waiting page shows ({@code id="ecps-number"}). */
    public static int numberOn(String waitingPage) {
        Matcher matcher = NUMBER.matcher(waitingPage);
        assertThat(matcher.find()).as(waitingPage).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Where the waiting page's script opens its server-sent events. */
    public static URI eventsOn(String waitingPage) {
        Matcher matcher = EVENTS.matcher(waitingPage);
        assertThat(matcher.find()).as(waitingPage).isTrue();
        return URI.create(matcher.group(1).replace("&amp;", "&"));
    }

    /** Opens the event stream with the browser's cookies, as its EventSource does: the first named event to come. */
    public static CompletableFuture<ServerSentEvent<String>> firstEvent(URI events, Browser browser) {
        return openStream(events, browser).retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
            })
            .filter(event -> event.event() != null).next().toFuture();
    }

    /** The headers the event stream answers with; the stream itself is then closed. */
    public static HttpHeaders streamHeaders(URI events, Browser browser) {
        ResponseEntity<Flux<String>> stream = openStream(events, browser).retrieve().toEntityFlux(String.class)
            .block(Duration.ofSeconds(30));
        // cancelling the body closes the connection: the stream would otherwise stay open until it settles
        stream.getBody().subscribe().dispose();
        return stream.getHeaders();
    }

    private static WebClient.RequestHeadersSpec<?> openStream(URI events, Browser browser) {
        return WebClient.builder().clientConnector(TestConnections.connector()).build().get().uri(events)
            .header("Cookie", browser.cookieHeader()).accept(MediaType.TEXT_EVENT_STREAM);
    }

    /** The phone takes its next push, reads the challenge and approves the number the browser shows. */
    public static void approveShownNumber(TestDevice phone, int shown) {
        String challengeId = phone.nextPush();
        JsonNode challenge = TestDevice.json(phone.challenge(challengeId));
        assertThat(phone.approve(challengeId, phone.pickNumber(challenge, shown)).getStatus().value()).isEqualTo(200);
    }
}
