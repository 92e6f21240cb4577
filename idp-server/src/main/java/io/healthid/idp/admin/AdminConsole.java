package io.healthid.idp.admin;

import io.healthid.idp.audit.AuditQueries;
import io.healthid.idp.audit.AuditQueries.SearchField;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.ClientTags;
import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.observability.EcpsSignals;
import io.healthid.idp.observability.OperationsStatus;
import io.healthid.idp.pages.Pages;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The console's pages: failures at a glance (chart, split by means and client, top failing clients, recent failures,
 * the directory, keys, CRLs and e-CPS rates), and the story of one attempt, person or client.
 */
class AdminConsole {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final Duration RATE_WINDOW = Duration.ofHours(1);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Audit rows name reasons; the story page shows their descriptions. */
    private static final Map<String, ReasonCode> REASONS = Arrays.stream(ReasonCode.values())
        .collect(Collectors.toUnmodifiableMap(Enum::name, reason -> reason));

    private final AdminSignIn signIn;
    private final AuditQueries audit;
    private final OperationsStatus operations;
    private final ClientTags clients;
    private final Optional<EcpsSignals> ecps;
    private final Clock clock;

    AdminConsole(AdminSignIn signIn, AuditQueries audit, OperationsStatus operations, ClientTags clients,
            Optional<EcpsSignals> ecps, Clock clock) {
        this.signIn = signIn;
        this.audit = audit;
        this.operations = operations;
        this.clients = clients;
        this.ecps = ecps;
        this.clock = clock;
    }

    Mono<ServerResponse> dashboard(ServerRequest request) {
        return asOperator(request, operator -> {
            String method = request.queryParam("method").filter(this::isMethod).orElse(null);
            String client = request.queryParam("client").filter(value -> !value.isBlank()).orElse(null);
            return Mono.zip(this.audit.hourlyFailures(WINDOW, method, client),
                    this.audit.failuresByMethodAndClient(WINDOW), this.audit.topFailingClients(WINDOW, 10),
                    this.audit.recentFailures(50), this.operations.refresh(),
                    this.audit.reasonsOf(AuthMethod.MOBILE.name(), RATE_WINDOW))
                .flatMap(data -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("operator", operator);
                    model.put("chart", FailureChart.svg(data.getT1(), this.clock.instant(), WINDOW, PARIS));
                    model.put("method", method == null ? "" : method);
                    model.put("client", client == null ? "" : client);
                    model.put("methods", AuthMethod.MEANS.stream().map(Enum::name).toList());
                    model.put("clients", this.clients.values().stream()
                        .filter(value -> !ClientTags.OTHER.equals(value) && !ClientTags.NONE.equals(value)).toList());
                    model.put("shares", data.getT2());
                    model.put("topClients", data.getT3());
                    model.put("recent", data.getT4());
                    model.put("ops", data.getT5());
                    model.put("now", data.getT5().takenAt());
                    model.put("ecps", EcpsRates.of(data.getT6()));
                    this.ecps.ifPresent(signals -> model.put("phones", signals.recent(RATE_WINDOW)));
                    model.put("zone", PARIS);
                    return Pages.render(HttpStatus.OK, "admin", model);
                });
        });
    }

    Mono<ServerResponse> search(ServerRequest request) {
        return asOperator(request, operator -> {
            String term = request.queryParam("q").map(String::strip).orElse("");
            Optional<String> correlationId = CorrelationId.parse(term);
            SearchField field = correlationId.isPresent() ? SearchField.CORRELATION_ID
                    : term.chars().allMatch(Character::isDigit) ? SearchField.NATIONAL_ID : SearchField.CLIENT_ID;
            String value = correlationId.orElse(term);
            Mono<List<AuditQueries.StoryStep>> steps = term.isEmpty() || term.length() > 128 ? Mono.just(List.of())
                    : this.audit.story(field, value);
            return steps.flatMap(story -> {
                Map<String, Object> model = new HashMap<>();
                model.put("operator", operator);
                model.put("q", term);
                model.put("field", field.name());
                model.put("steps", story);
                model.put("zone", PARIS);
                model.put("reasons", REASONS);
                return Pages.render(HttpStatus.OK, "admin-story", model);
            });
        });
    }

    private boolean isMethod(String value) {
        return Arrays.stream(AuthMethod.values()).anyMatch(method -> method.name().equals(value));
    }

    private Mono<ServerResponse> asOperator(ServerRequest request, Function<String, Mono<ServerResponse>> page) {
        return this.signIn.operator(request).flatMap(page).switchIfEmpty(Mono.defer(this.signIn::start));
    }

    /**
     * e-CPS logins over the last hour, all nodes (the audit trail): the share of attempts refused because no push
     * could be delivered, and for the phone's clock. The pushes and the clocks themselves are {@link EcpsSignals}'.
     */
    record EcpsRates(long attempts, long pushUndeliverable, long clockSkew) {

        static EcpsRates of(List<AuditQueries.HourlyFailures> reasons) {
            long attempts = reasons.stream().mapToLong(AuditQueries.HourlyFailures::count).sum();
            return new EcpsRates(attempts, count(reasons, ReasonCode.ECPS_PUSH_UNDELIVERABLE),
                    count(reasons, ReasonCode.ECPS_CLOCK_SKEW));
        }

        public double pushUndeliverableRatio() {
            return this.attempts == 0 ? 0 : (double) this.pushUndeliverable / this.attempts;
        }

        public double clockSkewRatio() {
            return this.attempts == 0 ? 0 : (double) this.clockSkew / this.attempts;
        }

        private static long count(List<AuditQueries.HourlyFailures> reasons, ReasonCode reason) {
            return reasons.stream().filter(row -> row.reason() == reason).mapToLong(AuditQueries.HourlyFailures::count)
                .sum();
        }
    }
}
