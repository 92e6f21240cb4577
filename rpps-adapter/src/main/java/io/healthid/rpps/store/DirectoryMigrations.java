package io.healthid.rpps.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the {@code directory} schema. It has its own Flyway history table so that the server's own
 * migrations (elsewhere, another location and history) never interfere with it.
 */
public final class DirectoryMigrations {

    public static final String SCHEMA = "directory";
    public static final String LOCATION = "classpath:db/directory";
    public static final String HISTORY_TABLE = "flyway_directory_history";

    private DirectoryMigrations() {
    }

    /** Applies pending migrations; safe to call at every start. Returns the number of migrations applied. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(DirectoryMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
