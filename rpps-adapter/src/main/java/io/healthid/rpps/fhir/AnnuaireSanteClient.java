package io.healthid.rpps.fhir;

import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.lookup.LookupIds;
import io.healthid.rpps.lookup.PractitionerLookup;
import io.healthid.rpps.model.Practitioner;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of the Annuaire Santé FHIR API (V2): key header, shared client-side rate limit, timeouts, retries with
 * backoff on 429/5xx (honouring {@code Retry-After}), {@code OperationOutcome} errors turned into
 * {@link AnnuaireSanteException}, paging through {@code link[relation=next]}.
 *
 * <p>As a {@link PractitionerLookup} it assembles a person from all their Practitioner resources (one per exercice)
 * and the PractitionerRoles and Organizations they point to; API failures then surface as
 * {@link DirectoryUnavailableException} (cause: the {@link AnnuaireSanteException}).
 */
public final class AnnuaireSanteClient implements PractitionerLookup {

    private static final Logger LOG = LoggerFactory.getLogger(AnnuaireSanteClient.class);
    private static final String API_KEY_HEADER = "ESANTE-API-KEY";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final int CHANGE_CONCURRENCY = 4;

    private final AnnuaireSanteSettings settings;
    private final RateLimiter limiter;
    private final WebClient web;
    private final JsonMapper json = JsonMapper.builder().build();
    private final FhirPractitionerMapper mapper = new FhirPractitionerMapper();

    /** @param limiter shared by every client of the same API key (ANS counts calls per key) */
    public AnnuaireSanteClient(AnnuaireSanteSettings settings, RateLimiter limiter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        HttpClient http = HttpClient.create()
                .responseTimeout(settings.timeout())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.timeout().toMillis(), 10_000));
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    public AnnuaireSanteClient(AnnuaireSanteSettings settings) {
        this(settings, new RateLimiter(settings.callsPerSecond()));
    }

    @Override
    public Mono<Practitioner> findByNationalId(String idNat) {
        return Mono.fromCallable(() -> LookupIds.normalise(idNat))
                .flatMap(id -> assemble(id)
                        .onErrorMap(AnnuaireSanteException.class,
                                e -> new DirectoryUnavailableException("Annuaire Santé lookup of " + id + " failed", e)));
    }

    /**
     * idNats of the practitioners changed since {@code since} (ANS keeps 30 days of history; deletions arrive as
     * {@code active=false}, so an id may be listed and then not be found).
     */
    public Flux<String> nationalIdsUpdatedSince(LocalDate since) {
        return search("Practitioner", Map.of("_lastUpdated", "ge" + since))
                .filter(r -> "Practitioner".equals(FhirPractitionerMapper.text(r, "resourceType")))
                .flatMapIterable(r -> FhirPractitionerMapper.nationalId(r).stream().toList())
                .distinct();
    }

    /**
     * The practitioners changed since {@code since}, each assembled from all its resources. Removed and unmappable ones
     * are left out: a delta sync needs {@link #changesSince(LocalDate)}.
     */
    public Flux<Practitioner> practitionersUpdatedSince(LocalDate since) {
        return nationalIdsUpdatedSince(since).concatMap(this::assemble);
    }

    /** A search, all pages followed; emits the resources of every entry (matches and included ones). */
    public Flux<JsonNode> search(String resourceType, Map<String, String> parameters) {
        URI first = URI.create(settings.baseUrl() + "/" + resourceType + "?" + query(parameters));
        Set<String> visited = ConcurrentHashMap.newKeySet();
        visited.add(first.toString());
        return get(first)
                .expand(bundle -> nextLink(bundle)
                        .filter(next -> visited.size() < settings.maxPages() && visited.add(next))
                        .map(next -> get(URI.create(next)))
                        .orElse(Mono.empty()))
                .flatMapIterable(bundle -> {
                    List<JsonNode> resources = new ArrayList<>();
                    for (JsonNode entry : bundle.path("entry")) {
                        if (entry.has("resource")) {
                            resources.add(entry.get("resource"));
                        }
                    }
                    return resources;
                });
    }

    /**
     * What the API says now about each practitioner changed since {@code since}: updated, removed ({@code active=false}
     * or gone) or unmappable. Fails with {@link AnnuaireSanteException} on the first API failure, so that a caller
     * never mistakes a failed call for a removal.
     */
    public Flux<PractitionerChange> changesSince(LocalDate since) {
        // a few calls in flight: the rate limiter, not latency, should be what bounds a large delta
        return nationalIdsUpdatedSince(since).flatMapSequential(this::change, CHANGE_CONCURRENCY);
    }

    private Mono<Practitioner> assemble(String idNat) {
        return change(idNat).flatMap(c -> c instanceof PractitionerChange.Updated u
                ? Mono.just(u.practitioner()) : Mono.empty());
    }

    private Mono<PractitionerChange> change(String idNat) {
        Map<String, String> byIdentifier = new LinkedHashMap<>();
        byIdentifier.put("identifier", idNat);
        byIdentifier.put("_revinclude", "PractitionerRole:practitioner");
        return search("Practitioner", byIdentifier).collectList().flatMap(found -> {
            List<JsonNode> practitioners = ofType(found, "Practitioner").stream()
                    .filter(p -> idNat.equals(FhirPractitionerMapper.nationalId(p).orElse(""))).toList();
            if (practitioners.isEmpty()) {
                return Mono.just(new PractitionerChange.Removed(idNat, "no Practitioner resource any more"));
            }
            if (practitioners.stream().noneMatch(FhirPractitionerMapper::active)) {
                return Mono.just(new PractitionerChange.Removed(idNat, "every Practitioner resource is inactive"));
            }
            String ids = practitioners.stream().map(p -> FhirPractitionerMapper.text(p, "id"))
                    .collect(Collectors.joining(","));
            Map<String, String> roles = new LinkedHashMap<>();
            roles.put("practitioner", ids);
            roles.put("_include", "PractitionerRole:organization");
            return search("PractitionerRole", roles).collectList().map(withOrgs -> {
                Map<String, JsonNode> rolesById = new LinkedHashMap<>();
                for (JsonNode r : ofType(found, "PractitionerRole")) {
                    rolesById.put(FhirPractitionerMapper.text(r, "id"), r);
                }
                for (JsonNode r : ofType(withOrgs, "PractitionerRole")) {
                    rolesById.put(FhirPractitionerMapper.text(r, "id"), r);
                }
                Map<String, JsonNode> orgs = new LinkedHashMap<>();
                for (JsonNode o : ofType(withOrgs, "Organization")) {
                    orgs.put(FhirPractitionerMapper.text(o, "id"), o);
                }
                return mapper.map(idNat, practitioners, rolesById.values(), orgs)
                        .<PractitionerChange>map(PractitionerChange.Updated::new)
                        .orElseGet(() -> new PractitionerChange.Unmappable(idNat,
                                "no active Practitioner resource with a profession (TRE_G15) qualification"));
            });
        });
    }

    private static List<JsonNode> ofType(List<JsonNode> resources, String type) {
        return resources.stream().filter(r -> type.equals(FhirPractitionerMapper.text(r, "resourceType"))).toList();
    }

    /** One GET: rate limited, timed out, retried on 429/5xx/connection failure. */
    Mono<JsonNode> get(URI uri) {
        return attempt(uri, 0);
    }

    private Mono<JsonNode> attempt(URI uri, int attempt) {
        return limiter.acquire()
                .then(Mono.defer(() -> web.get().uri(uri)
                        .header(API_KEY_HEADER, settings.apiKey())
                        .header("Accept", FHIR_JSON + ", application/json")
                        .exchangeToMono(response -> read(uri, response))))
                .timeout(settings.timeout())
                .onErrorMap(TimeoutException.class, e -> new AnnuaireSanteException(AnnuaireSanteException.Kind.TIMEOUT,
                        0, "no answer within " + settings.timeout() + " from " + where(uri), List.of(), e))
                .onErrorMap(WebClientRequestException.class, e -> isTimeout(e)
                        ? new AnnuaireSanteException(AnnuaireSanteException.Kind.TIMEOUT, 0,
                                "no answer within " + settings.timeout() + " from " + where(uri), List.of(), e)
                        : new Retryable(new AnnuaireSanteException(AnnuaireSanteException.Kind.UNREACHABLE, 0,
                                e.getMessage(), List.of(), e), null))
                .onErrorResume(Retryable.class, r -> {
                    if (attempt >= settings.maxRetries()) {
                        return Mono.error(r.failure);
                    }
                    Duration delay = backoff(attempt, r.retryAfter);
                    LOG.info("Annuaire Santé {}: retry {} of {} in {} ms", r.failure.getMessage(), attempt + 1,
                            settings.maxRetries(), delay.toMillis());
                    return Mono.delay(delay).then(attempt(uri, attempt + 1));
                });
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private Mono<JsonNode> read(URI uri, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(body -> {
            if (status >= 200 && status < 300) {
                return parse(body, status, uri);
            }
            List<AnnuaireSanteException.Issue> issues = issues(body);
            String where = where(uri);
            if (status == 429) {
                return Mono.error(new Retryable(new AnnuaireSanteException(AnnuaireSanteException.Kind.RATE_LIMITED,
                        status, where, issues, null), retryAfter(response)));
            }
            if (status >= 500) {
                return Mono.error(new Retryable(new AnnuaireSanteException(AnnuaireSanteException.Kind.SERVER_ERROR,
                        status, where, issues, null), retryAfter(response)));
            }
            AnnuaireSanteException.Kind kind = switch (status) {
                case 401, 403 -> AnnuaireSanteException.Kind.UNAUTHORIZED;
                case 404 -> AnnuaireSanteException.Kind.NOT_FOUND;
                default -> AnnuaireSanteException.Kind.BAD_REQUEST;
            };
            return Mono.error(new AnnuaireSanteException(kind, status, where, issues, null));
        });
    }

    /** The request in an error's text, which reaches the logs: the path only, the query names the practitioner. */
    private static String where(URI uri) {
        return "GET " + uri.getRawPath();
    }

    private Mono<JsonNode> parse(String body, int status, URI uri) {
        try {
            JsonNode node = json.readTree(body);
            if ("OperationOutcome".equals(FhirPractitionerMapper.text(node, "resourceType"))) {
                return Mono.error(new AnnuaireSanteException(AnnuaireSanteException.Kind.BAD_REQUEST, status,
                        where(uri) + " answered an OperationOutcome", issues(body), null));
            }
            if (!"Bundle".equals(FhirPractitionerMapper.text(node, "resourceType"))) {
                return Mono.error(new AnnuaireSanteException(AnnuaireSanteException.Kind.INVALID_RESPONSE, status,
                        where(uri) + " did not answer a Bundle", List.of(), null));
            }
            return Mono.just(node);
        } catch (JacksonException e) {
            return Mono.error(new AnnuaireSanteException(AnnuaireSanteException.Kind.INVALID_RESPONSE, status,
                    where(uri) + " answered something that is not JSON", List.of(), e));
        }
    }

    private List<AnnuaireSanteException.Issue> issues(String body) {
        try {
            JsonNode node = json.readTree(body);
            List<AnnuaireSanteException.Issue> issues = new ArrayList<>();
            if ("OperationOutcome".equals(FhirPractitionerMapper.text(node, "resourceType"))) {
                for (JsonNode issue : node.path("issue")) {
                    String diagnostics = FhirPractitionerMapper.text(issue, "diagnostics");
                    if (diagnostics.isEmpty()) {
                        diagnostics = FhirPractitionerMapper.text(issue.path("details"), "text");
                    }
                    issues.add(new AnnuaireSanteException.Issue(FhirPractitionerMapper.text(issue, "severity"),
                            FhirPractitionerMapper.text(issue, "code"), diagnostics));
                }
            }
            return issues;
        } catch (JacksonException e) {
            return List.of(); // a gateway error page, not FHIR
        }
    }

    private static Duration retryAfter(ClientResponse response) {
        String value = response.headers().asHttpHeaders().getFirst("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        Duration d = retryAfter != null ? retryAfter : settings.initialBackoff().multipliedBy(1L << Math.min(attempt, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private static Optional<String> nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(FhirPractitionerMapper.text(link, "relation"))
                    && !FhirPractitionerMapper.text(link, "url").isEmpty()) {
                return Optional.of(FhirPractitionerMapper.text(link, "url"));
            }
        }
        return Optional.empty();
    }

    private static String query(Map<String, String> parameters) {
        Set<String> parts = new LinkedHashSet<>();
        parameters.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)
                .replace("%3A", ":").replace("%2C", ",")));
        return String.join("&", parts);
    }

    /** A failure worth another try, with the server's wish of when. */
    private static final class Retryable extends RuntimeException {
        private final transient AnnuaireSanteException failure;
        private final transient Duration retryAfter;

        Retryable(AnnuaireSanteException failure, Duration retryAfter) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
            this.retryAfter = retryAfter;
        }
    }
}
