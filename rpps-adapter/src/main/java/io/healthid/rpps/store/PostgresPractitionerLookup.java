package io.healthid.rpps.store;

import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.lookup.LookupIds;
import io.healthid.rpps.lookup.PractitionerLookup;
import io.healthid.rpps.model.Practitioner;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a practitioner from the {@code directory} schema over R2DBC. One statement returns the person with its
 * exercices, savoir-faire and activities as JSON arrays: one round trip, and one snapshot, so a lookup running while
 * an import swaps the tables sees either the old directory or the new one, never a mix.
 */
public final class PostgresPractitionerLookup implements PractitionerLookup {

    private static final String LOOKUP = """
            SELECT p.id_nat, p.civility_code, p.civility_label, p.family_name, p.given_names,
                   p.correspondence_email, p.correspondence_mobile,
                   (SELECT json_agg(e ORDER BY e.ord)::text FROM directory.exercice e WHERE e.id_nat = p.id_nat) AS ex,
                   (SELECT json_agg(s ORDER BY s.ord)::text FROM directory.savoir_faire s WHERE s.id_nat = p.id_nat) AS sf,
                   (SELECT json_agg(a ORDER BY a.ord)::text FROM directory.activity a WHERE a.id_nat = p.id_nat) AS ac
              FROM directory.person p
             WHERE p.id_nat = :idNat""";
    private static final String[] PERSON_COLUMNS = {"id_nat", "civility_code", "civility_label", "family_name",
        "given_names", "correspondence_email", "correspondence_mobile"};

    private final DatabaseClient client;
    private final Duration timeout;
    private final PractitionerRowMapper mapper = new PractitionerRowMapper(JsonMapper.builder().build());

    /**
     * @param connectionFactory a pooled R2DBC connection factory (r2dbc-pool)
     * @param timeout           a lookup taking longer is reported as {@link DirectoryUnavailableException}
     */
    public PostgresPractitionerLookup(ConnectionFactory connectionFactory, Duration timeout) {
        this.client = DatabaseClient.create(Objects.requireNonNull(connectionFactory, "connectionFactory"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public PostgresPractitionerLookup(ConnectionFactory connectionFactory) {
        this(connectionFactory, Duration.ofSeconds(2));
    }

    @Override
    public Mono<Practitioner> findByNationalId(String idNat) {
        return Mono.fromCallable(() -> LookupIds.normalise(idNat))
                .flatMap(id -> client.sql(LOOKUP).bind("idNat", id)
                        .map((row, meta) -> {
                            Map<String, String> person = new HashMap<>();
                            for (String c : PERSON_COLUMNS) {
                                person.put(c, row.get(c, String.class));
                            }
                            return mapper.map(person, row.get("ex", String.class), row.get("sf", String.class),
                                    row.get("ac", String.class));
                        })
                        .one()
                        .timeout(timeout)
                        .onErrorMap(e -> !(e instanceof DirectoryUnavailableException),
                                e -> new DirectoryUnavailableException("directory database lookup failed", e)));
    }

    /** The generation of the directory readers see now (changes with every import that changed something). */
    public Mono<Long> currentGeneration() {
        return client.sql("SELECT generation FROM directory.directory_state WHERE id = 1")
                .map((row, meta) -> row.get(0, Long.class))
                .one()
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof DirectoryUnavailableException),
                        e -> new DirectoryUnavailableException("directory database unavailable", e));
    }
}
