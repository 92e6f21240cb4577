package io.healthid.idp.client;

import io.healthid.idp.settings.ClientDefinition;
import io.r2dbc.postgresql.codec.Json;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Registered clients in PostgreSQL: one row per client, its definition as JSON (secret already hashed). */
public class ClientStore {

    /** A stored client: its stable internal id and its definition. */
    public record StoredClient(String id, ClientDefinition definition) {
    }

    private final DatabaseClient database;
    private final JsonMapper json;

    public ClientStore(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Flux<StoredClient> findAll() {
        return this.database.sql("SELECT id, definition FROM registered_client")
            .map(row -> new StoredClient(row.get("id", String.class),
                    this.json.readValue(row.get("definition", Json.class).asString(), ClientDefinition.class)))
            .all();
    }

    public Mono<StoredClient> findByClientId(String clientId) {
        return this.database.sql("SELECT id, definition FROM registered_client WHERE client_id = :clientId")
            .bind("clientId", clientId)
            .map(row -> new StoredClient(row.get("id", String.class),
                    this.json.readValue(row.get("definition", Json.class).asString(), ClientDefinition.class)))
            .one();
    }

    /** Inserts the client, or replaces the definition of the client with the same client id. */
    public Mono<Void> upsert(ClientDefinition definition) {
        return this.database.sql("""
                INSERT INTO registered_client (id, client_id, definition) VALUES (:id, :clientId, :definition)
                ON CONFLICT (client_id) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()
                """)
            .bind("id", UUID.randomUUID().toString())
            .bind("clientId", definition.clientId())
            .bind("definition", Json.of(this.json.writeValueAsString(definition)))
            .then();
    }
}
