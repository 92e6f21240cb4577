package io.healthid.rpps.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one PostgreSQL advisory lock that every writer of the live directory takes (full import, delta sync), so that
 * they never interleave across nodes. Session-level and transaction-level advisory locks on the same key exclude each
 * other, so the importer (which holds it for its whole run) and the delta writer (which holds it for its transaction)
 * share it.
 */
public final class DirectoryLock {

    /** Advisory lock key ("RPPSIMPT"); changing it would let an old and a new node write at the same time. */
    public static final long KEY = 0x52505053_494D5054L;

    private DirectoryLock() {
    }

    /** Takes the lock until {@link #unlock}; false when another writer holds it. */
    public static boolean tryLock(Connection connection) throws SQLException {
        return query(connection, "SELECT pg_try_advisory_lock(" + KEY + ")");
    }

    public static void unlock(Connection connection) throws SQLException {
        query(connection, "SELECT pg_advisory_unlock(" + KEY + ")");
    }

    /** Takes the lock until the current transaction ends (commit or rollback); false when another writer holds it. */
    public static boolean tryLockForTransaction(Connection connection) throws SQLException {
        return query(connection, "SELECT pg_try_advisory_xact_lock(" + KEY + ")");
    }

    private static boolean query(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
