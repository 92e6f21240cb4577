package io.healthid.rpps.importer;

/** An import that was refused as a whole; the directory readers see is unchanged. */
public class DirectoryImportException extends RuntimeException {

    /** Why the whole import was refused. */
    public enum Reason {
        EMPTY_FILE,
        UNKNOWN_FILE_TYPE,
        MISSING_COLUMNS,
        DUPLICATE_COLUMN,
        INVALID_ENCODING,
        TOO_MANY_REJECTED_LINES,
        NO_PERSON_ACTIVITY_FILE,
        SEVERAL_PERSON_ACTIVITY_FILES,
        IMPORT_ALREADY_RUNNING,
        READ_FAILED,
        DATABASE_FAILED
    }

    private final Reason reason;
    private final String source;
    private final long lineNumber;

    public DirectoryImportException(Reason reason, String source, long lineNumber, String detail) {
        this(reason, source, lineNumber, detail, null);
    }

    public DirectoryImportException(Reason reason, String source, long lineNumber, String detail, Throwable cause) {
        super(reason + (source == null ? "" : " in " + source) + (lineNumber > 0 ? " at line " + lineNumber : "")
                + ": " + detail, cause);
        this.reason = reason;
        this.source = source;
        this.lineNumber = lineNumber;
    }

    public Reason reason() {
        return reason;
    }

    /** Name of the file concerned, or null. */
    public String source() {
        return source;
    }

    /** 1-based line number (the header is line 1), or 0 when not tied to a line. */
    public long lineNumber() {
        return lineNumber;
    }
}
