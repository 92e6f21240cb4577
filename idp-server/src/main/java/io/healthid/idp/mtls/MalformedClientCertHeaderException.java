package io.healthid.idp.mtls;

/** A forwarded client-certificate header that is not what its format requires; the message says what is wrong. */
public final class MalformedClientCertHeaderException extends Exception {

    public MalformedClientCertHeaderException(String message) {
        super(message);
    }

    public MalformedClientCertHeaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
