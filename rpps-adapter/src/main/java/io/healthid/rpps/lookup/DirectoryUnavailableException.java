package io.healthid.rpps.lookup;

/** The directory could not answer (database or remote API down, timed out, refusing). Not "not found". */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
