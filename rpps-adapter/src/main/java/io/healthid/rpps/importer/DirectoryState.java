package io.healthid.rpps.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The row that says which directory readers see: generation, content hash and counts. */
record DirectoryState(long generation, String contentSha256, long persons, long exercices, long activities) {

    static DirectoryState read(Connection connection, boolean forUpdate) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT generation, content_sha256, persons, exercices, activities"
                        + " FROM directory.directory_state WHERE id = 1" + (forUpdate ? " FOR UPDATE" : ""))) {
            if (!rs.next()) {
                throw new IllegalStateException("directory.directory_state is empty: migrations not applied?");
            }
            return new DirectoryState(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
    }

    /**
     * Replaces the live tables with the {@code *_next} ones and records the new state, in one transaction: readers
     * see the old directory until commit and the new one after. DROP/RENAME wait for running lookups (they are short).
     */
    static void swap(Connection connection, DirectoryState next, String sources, long rejectedLines) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            read(connection, true);
            for (String t : DirectoryBuilder.TABLES) {
                st.execute("DROP TABLE directory." + t);
                st.execute("ALTER TABLE directory." + t + "_next RENAME TO " + t);
            }
            try (PreparedStatement ps = connection.prepareStatement("UPDATE directory.directory_state SET"
                    + " generation = ?, content_sha256 = ?, imported_at = now(), sources = ?, persons = ?,"
                    + " exercices = ?, activities = ?, rejected_lines = ? WHERE id = 1")) {
                ps.setLong(1, next.generation());
                ps.setString(2, next.contentSha256());
                ps.setString(3, sources);
                ps.setLong(4, next.persons());
                ps.setLong(5, next.exercices());
                ps.setLong(6, next.activities());
                ps.setLong(7, rejectedLines);
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
