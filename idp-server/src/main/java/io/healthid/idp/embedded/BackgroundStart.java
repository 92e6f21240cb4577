package io.healthid.idp.embedded;

import java.util.concurrent.CompletableFuture;

/**
 * A store's start on a thread of its own, so that Spring builds the context meanwhile (ADR 0007, start-up in
 * parallel). The start runs holding the store's monitor, as every other call on that store does; a call that gets the
 * monitor first (a stop at JVM exit, a test asking for the URL) waits until the start has ended, so that nothing sees
 * a store half started, or starts a second one.
 */
final class BackgroundStart {

    /** Where the store will answer, known at once, and when it does (or why it never will). */
    record Starting<T>(T address, CompletableFuture<Void> started) {
    }

    private final Object monitor;
    private final String store;
    private boolean running;

    BackgroundStart(Object monitor, String store) {
        this.monitor = monitor;
        this.store = store;
    }

    /** Runs {@code start} on a new thread; the caller holds the monitor. */
    CompletableFuture<Void> begin(Runnable start) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Runnable logged = StoreLog.carriedToAnotherThread(start);
        this.running = true;
        // not a daemon: a JVM whose start-up failed elsewhere lets the store finish starting, then stops it at exit
        new Thread(() -> {
            synchronized (this.monitor) {
                try {
                    logged.run();
                    started.complete(null);
                }
                catch (RuntimeException | Error ex) {
                    started.completeExceptionally(ex);
                }
                finally {
                    this.running = false;
                    this.monitor.notifyAll();
                }
            }
        }, "embedded-" + this.store + "-start").start();
        return started;
    }

    /** Waits, the caller holding the monitor, until a start in the background has ended, well or not. */
    void awaitEnd() {
        while (this.running) {
            try {
                this.monitor.wait();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the embedded " + this.store + " was starting", ex);
            }
        }
    }
}
