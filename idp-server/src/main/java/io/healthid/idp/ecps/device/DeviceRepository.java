package io.healthid.idp.ecps.device;

import com.nimbusds.jose.jwk.ECKey;
import io.healthid.idp.ecps.push.PushTarget;
import io.r2dbc.spi.Readable;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Activated phones in PostgreSQL (architecture decision 2: what must last). */
public class DeviceRepository {

    private static final String COLUMNS = "id, national_id, key_thumbprint, public_key, platform, os_version, app_version, "
            + "push_type, push_address, activated_by, created_at, expires_at, revoked_at";

    private final DatabaseClient database;

    public DeviceRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Device> insert(Device device) {
        return this.database.sql("INSERT INTO ecps_device (" + COLUMNS + ") VALUES (:id, :nationalId, :thumbprint, "
                + ":publicKey, :platform, :osVersion, :appVersion, :pushType, :pushAddress, :activatedBy, :createdAt, "
                + ":expiresAt, NULL)")
            .bind("id", device.id())
            .bind("nationalId", device.nationalId())
            .bind("thumbprint", device.keyThumbprint())
            .bind("publicKey", device.publicKey().toJSONString())
            .bind("platform", device.platform().name())
            .bind("osVersion", device.osVersion())
            .bind("appVersion", device.appVersion())
            .bind("pushType", device.push().type().name())
            .bind("pushAddress", device.push().address())
            .bind("activatedBy", device.activatedBy().name())
            .bind("createdAt", utc(device.createdAt()))
            .bind("expiresAt", utc(device.expiresAt()))
            .then()
            .thenReturn(device);
    }

    public Mono<Device> findById(String id) {
        return this.database.sql("SELECT " + COLUMNS + " FROM ecps_device WHERE id = :id").bind("id", id)
            .map(DeviceRepository::read).one();
    }

    public Mono<Device> findByThumbprint(String thumbprint) {
        return this.database.sql("SELECT " + COLUMNS + " FROM ecps_device WHERE key_thumbprint = :thumbprint")
            .bind("thumbprint", thumbprint).map(DeviceRepository::read).one();
    }

    /** Every registration of a person, newest first, revoked and expired ones included (the phone's list shows them). */
    public Flux<Device> findByNationalId(String nationalId) {
        return this.database.sql("SELECT " + COLUMNS + " FROM ecps_device WHERE national_id = :nationalId ORDER BY created_at DESC")
            .bind("nationalId", nationalId).map(DeviceRepository::read).all();
    }

    /** Revokes one device of a person; false when it is not theirs or already revoked. */
    public Mono<Boolean> revoke(String nationalId, String id, Instant at) {
        return this.database.sql("UPDATE ecps_device SET revoked_at = :at WHERE id = :id AND national_id = :nationalId "
                + "AND revoked_at IS NULL")
            .bind("at", utc(at)).bind("id", id).bind("nationalId", nationalId)
            .fetch().rowsUpdated().map(count -> count > 0);
    }

    private static Device read(Readable row) {
        try {
            return new Device(row.get("id", String.class), row.get("national_id", String.class),
                    ECKey.parse(row.get("public_key", String.class)), row.get("key_thumbprint", String.class),
                    Platform.valueOf(row.get("platform", String.class)), row.get("os_version", String.class),
                    row.get("app_version", String.class),
                    new PushTarget(PushTarget.Type.valueOf(row.get("push_type", String.class)), row.get("push_address", String.class)),
                    Device.ActivationMeans.valueOf(row.get("activated_by", String.class)),
                    instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("expires_at", OffsetDateTime.class)),
                    instant(row.get("revoked_at", OffsetDateTime.class)));
        }
        catch (ParseException ex) {
            throw new IllegalStateException("A stored device key does not parse", ex);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
