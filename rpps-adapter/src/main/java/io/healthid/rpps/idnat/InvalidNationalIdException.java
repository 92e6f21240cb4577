package io.healthid.rpps.idnat;

/** Thrown when a string given as a national identifier is not one. */
public class InvalidNationalIdException extends IllegalArgumentException {

    private final transient String input;
    private final InvalidReason reason;

    public InvalidNationalIdException(String input, InvalidReason reason) {
        super("not a national identifier (" + reason + "): '" + input + "'");
        this.input = input;
        this.reason = reason;
    }

    public String input() {
        return input;
    }

    public InvalidReason reason() {
        return reason;
    }
}
