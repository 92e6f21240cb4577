package io.healthid.idp.protocol;

import io.netty.handler.timeout.ReadTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * What a malformed request throws while it is read (headers, percent-encoding, charsets, bodies over the codec
 * limit, a body that stops arriving): the caller's fault, answered 400 (413 for a body too large, 408 for a body
 * past {@code idp.resources.read-timeout}), never 500. One place that knows these types.
 */
public final class BadInput {

    private BadInput() {
    }

    /** What reading a request throws when the request itself is wrong. */
    private static final List<Class<? extends Throwable>> CALLER_FAULTS = List.of(ServerWebInputException.class,
            UnsupportedMediaTypeStatusException.class, InvalidMediaTypeException.class, IllegalCharsetNameException.class,
            UnsupportedCharsetException.class, DataBufferLimitException.class, CodecException.class,
            IllegalArgumentException.class, ReadTimeoutException.class);

    public static boolean isBadInput(Throwable ex) {
        return causedBy(ex, CALLER_FAULTS);
    }

    public static boolean isTooLarge(Throwable ex) {
        return causedBy(ex, List.of(DataBufferLimitException.class));
    }

    public static boolean isTimedOut(Throwable ex) {
        return causedBy(ex, List.of(ReadTimeoutException.class));
    }

    private static boolean causedBy(Throwable ex, List<Class<? extends Throwable>> types) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A fixed text per kind: never the input itself, never an exception name. */
    public static String describe(Throwable ex) {
        return isTooLarge(ex) ? "the request body is too large"
                : isTimedOut(ex) ? "the request body did not arrive in time" : "the request is malformed";
    }

    /**
     * {@code true} when the body is a form whose charset (if any) Java knows and that decodes as UTF-8 or a
     * superset the form reader handles; a missing or malformed {@code Content-Type} is {@code false}, not an error.
     */
    public static boolean isFormWithKnownCharset(HttpHeaders headers) {
        MediaType contentType;
        try {
            contentType = headers.getContentType();
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
        if (contentType == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType)) {
            return false;
        }
        String charset = contentType.getParameter("charset");
        if (charset == null) {
            return true;
        }
        try {
            Charset named = Charset.forName(charset.replace("\"", ""));
            return named.equals(StandardCharsets.UTF_8) || named.equals(StandardCharsets.US_ASCII)
                    || named.equals(StandardCharsets.ISO_8859_1);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
