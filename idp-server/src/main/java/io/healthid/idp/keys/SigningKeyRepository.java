package io.healthid.idp.keys;

import com.nimbusds.jose.jwk.JWK;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Table {@code signing_key}: the public JWK in clear, the private part encrypted with the key-encryption key.
 */
public class SigningKeyRepository {

    /** Any constant works: it only has to be the same on every node and unused by other advisory locks. */
    private static final long ROTATION_LOCK = 0x6b6579_726f74L; // "key rot"

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final KeyEncryptionKey keyEncryptionKey;

    public SigningKeyRepository(ConnectionFactory connectionFactory, KeyEncryptionKey keyEncryptionKey) {
        this.database = DatabaseClient.create(connectionFactory);
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(connectionFactory));
        this.keyEncryptionKey = keyEncryptionKey;
    }

    /**
     * Runs {@code work} in one transaction holding the cluster-wide rotation lock: nodes deciding a rotation at the
     * same moment take turns, and each sees what the previous one wrote.
     */
    public <T> Mono<T> underRotationLock(Mono<T> work) {
        Mono<Void> lock = database.sql("SELECT pg_advisory_xact_lock(:lock)").bind("lock", ROTATION_LOCK).then();
        return transactions.transactional(lock.then(work));
    }

    public Mono<Void> insert(SigningKey key) {
        return database.sql("""
                INSERT INTO signing_key (kid, algorithm, public_jwk, encrypted_private_key, created_at, signs_from)
                VALUES (:kid, :algorithm, :publicJwk, :encryptedPrivateKey, :createdAt, :signsFrom)""")
            .bind("kid", key.kid())
            .bind("algorithm", key.algorithm().name())
            .bind("publicJwk", key.publicJwk().toJSONString())
            .bind("encryptedPrivateKey", keyEncryptionKey.encrypt(utf8(key.jwk().toJSONString()), key.kid()))
            .bind("createdAt", key.createdAt())
            .bind("signsFrom", key.signsFrom())
            .then();
    }

    /** Every key still published at {@code now}: pending, current and recently retired ones. */
    public Flux<SigningKey> findPublishedAt(Instant now) {
        return database.sql("""
                SELECT kid, algorithm, encrypted_private_key, created_at, signs_from, signs_until, published_until
                FROM signing_key
                WHERE published_until IS NULL OR published_until > :now""")
            .bind("now", now)
            .map(this::toSigningKey)
            .all();
    }

    /** Stops the key signing at {@code signsUntil} and unpublishes it at {@code publishedUntil}. */
    public Mono<Void> markRetired(String kid, Instant signsUntil, Instant publishedUntil) {
        return database.sql("""
                UPDATE signing_key SET signs_until = :signsUntil, published_until = :publishedUntil
                WHERE kid = :kid""")
            .bind("kid", kid)
            .bind("signsUntil", signsUntil)
            .bind("publishedUntil", publishedUntil)
            .fetch()
            .rowsUpdated()
            .flatMap(rows -> rows == 1
                ? Mono.<Void>empty()
                : Mono.error(new IllegalArgumentException("No signing key " + kid)));
    }

    private SigningKey toSigningKey(Readable row) {
        String kid = row.get("kid", String.class);
        byte[] privateJwk = keyEncryptionKey.decrypt(row.get("encrypted_private_key", byte[].class), kid);
        JWK jwk;
        try {
            jwk = JWK.parse(new String(privateJwk, StandardCharsets.UTF_8));
        }
        catch (ParseException ex) {
            // no cause: its message could quote the decrypted key
            throw new IllegalStateException("Signing key " + kid + " decrypts to something that is not a JWK");
        }
        return new SigningKey(kid, SigningAlgorithm.valueOf(row.get("algorithm", String.class)), jwk,
            row.get("created_at", Instant.class), row.get("signs_from", Instant.class),
            row.get("signs_until", Instant.class), row.get("published_until", Instant.class));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
