package io.healthid.idp.admin;

import io.healthid.idp.audit.TokenEventKind;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code /actuator/prometheus} (on the management listener) the way Prometheus does: one series by its full name and labels. */
final class Metrics {

    private Metrics() {
    }

    static String scrape(RelyingParty rp) {
        return ServerPort.management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
    }

    static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
            .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst()
            .orElseThrow(() -> new AssertionError("no series " + series));
    }

    /** A counter registered at its first increment: 0 until then. */
    static double lazyCount(String metrics, String series) {
        return metrics.lines().anyMatch(line -> line.startsWith(series + " ")) ? value(metrics, series) : 0;
    }

    static String authenticationSeries(String method, String outcome, String reason, String client) {
        return "idp_authentications_total{application=\"idp-server\",client=\"" + client + "\",method=\"" + method
                + "\",outcome=\"" + outcome + "\",reason=\"" + reason + "\"}";
    }

    static Map<String, Double> tokenEvents(RelyingParty rp, String client) {
        String metrics = scrape(rp);
        Map<String, Double> counts = new LinkedHashMap<>();
        for (TokenEventKind kind : TokenEventKind.values()) {
            counts.put(kind.label(), value(metrics, "idp_token_events_total{application=\"idp-server\",client=\"" + client
                    + "\",event=\"" + kind.label() + "\"}"));
        }
        return counts;
    }
}
