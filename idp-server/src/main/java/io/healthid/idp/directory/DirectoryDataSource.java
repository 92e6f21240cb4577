package io.healthid.idp.directory;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.env.Environment;

/**
 * The JDBC side of the directory database, for what runs as a batch (migrations, bulk import with COPY): the same
 * server as R2DBC, named by {@code spring.flyway.url} (derived from {@code spring.r2dbc.url} when not set).
 */
public final class DirectoryDataSource {

    private DirectoryDataSource() {
    }

    public static DataSource from(Environment environment) {
        String url = environment.getProperty("spring.flyway.url");
        if (url == null) {
            throw new IllegalStateException("No database configured: set spring.r2dbc.url (or spring.flyway.url)");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(environment.getProperty("spring.flyway.user"));
        dataSource.setPassword(environment.getProperty("spring.flyway.password", ""));
        return dataSource;
    }
}
