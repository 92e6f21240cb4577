package io.healthid.rpps.sync;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads where the next delta sync starts: the day the last successful one fetched its changes. */
public final class SyncCheckpoint {

    private final DataSource dataSource;

    public SyncCheckpoint(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Empty when no delta sync ever succeeded on this directory. */
    public Optional<LocalDate> lastSyncOn() {
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_sync_on FROM directory.directory_state WHERE id = 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("directory.directory_state is empty: migrations not applied?");
            }
            Date day = rs.getDate(1);
            return Optional.ofNullable(day).map(Date::toLocalDate);
        } catch (SQLException e) {
            throw new DirectorySyncException(DirectorySyncException.Reason.DATABASE_FAILED,
                    "cannot read the last sync date: " + e.getMessage(), e);
        }
    }
}
