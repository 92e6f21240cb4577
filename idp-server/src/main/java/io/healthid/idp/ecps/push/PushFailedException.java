package io.healthid.idp.ecps.push;

/** A gateway did not take a push; the message says which gateway and how, never the address or a token. */
public class PushFailedException extends RuntimeException {

    public PushFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
