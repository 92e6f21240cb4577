package io.healthid.rpps.importer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's COPY text format straight from the input bytes, escaping only what the format
 * requires (backslash, tab, CR, LF), and hands them to the server in large chunks.
 */
final class CopyTextWriter {

    private final CopyIn copyIn;
    private final byte[] out = new byte[1 << 20];
    private int size;
    private boolean firstField = true;

    CopyTextWriter(CopyIn copyIn) {
        this.copyIn = copyIn;
    }

    void field(byte[] src, int start, int end) throws SQLException {
        separator();
        ensure((end - start) * 2);
        for (int i = start; i < end; i++) {
            byte b = src[i];
            switch (b) {
                case '\\' -> {
                    out[size++] = '\\';
                    out[size++] = '\\';
                }
                case '\t' -> {
                    out[size++] = '\\';
                    out[size++] = 't';
                }
                case '\r' -> {
                    out[size++] = '\\';
                    out[size++] = 'r';
                }
                case '\n' -> {
                    out[size++] = '\\';
                    out[size++] = 'n';
                }
                default -> out[size++] = b;
            }
        }
    }

    void emptyField() throws SQLException {
        separator();
    }

    void field(String value) throws SQLException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        field(bytes, 0, bytes.length);
    }

    void field(long value) throws SQLException {
        field(Long.toString(value));
    }

    void field(boolean value) throws SQLException {
        separator();
        ensure(1);
        out[size++] = (byte) (value ? 't' : 'f');
    }

    void endRow() throws SQLException {
        ensure(1);
        out[size++] = '\n';
        firstField = true;
    }

    /** Sends what is buffered and ends the COPY; returns the number of rows the server stored. */
    long finish() throws SQLException {
        flush();
        return copyIn.endCopy();
    }

    void cancel() {
        try {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the import is failing already; the original error is what matters
        }
    }

    private void separator() throws SQLException {
        if (firstField) {
            firstField = false;
        } else {
            ensure(1);
            out[size++] = '\t';
        }
    }

    private void ensure(int bytes) throws SQLException {
        if (size + bytes > out.length) {
            flush();
            if (bytes > out.length) {
                throw new IllegalStateException("field larger than the COPY buffer: " + bytes);
            }
        }
    }

    private void flush() throws SQLException {
        if (size > 0) {
            copyIn.writeToCopy(out, 0, size);
            size = 0;
        }
    }
}
