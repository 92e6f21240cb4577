package io.healthid.idp.embedded;

import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * Where this package's messages go: SLF4J, except while Spring Boot prepares its environment, when logging is not
 * started yet and would drop them; then Boot's deferred log, replayed once logging is up. A store starting on a
 * thread of its own keeps the deferred log of the thread that started it: it may speak before logging is up too.
 */
final class StoreLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.healthid.idp.embedded");
    private static final ThreadLocal<Log> DEFERRED = new ThreadLocal<>();

    private StoreLog() {
    }

    static <T> T deferredTo(Log log, Supplier<T> action) {
        Log previous = DEFERRED.get();
        DEFERRED.set(log);
        try {
            return action.get();
        }
        finally {
            DEFERRED.set(previous);
        }
    }

    /** {@code task}, to run on another thread, logging where this thread logs now. */
    static Runnable carriedToAnotherThread(Runnable task) {
        Log log = DEFERRED.get();
        return log == null ? task : () -> deferredTo(log, () -> {
            task.run();
            return null;
        });
    }

    static void info(String pattern, Object... arguments) {
        write(false, MessageFormatter.arrayFormat(pattern, arguments));
    }

    static void warn(String pattern, Object... arguments) {
        write(true, MessageFormatter.arrayFormat(pattern, arguments));
    }

    private static synchronized void write(boolean warning, FormattingTuple message) {
        Log deferred = DEFERRED.get();
        if (deferred != null && warning) {
            deferred.warn(message.getMessage(), message.getThrowable());
        }
        else if (deferred != null) {
            deferred.info(message.getMessage(), message.getThrowable());
        }
        else if (warning) {
            LOG.warn(message.getMessage(), message.getThrowable());
        }
        else {
            LOG.info(message.getMessage(), message.getThrowable());
        }
    }
}
