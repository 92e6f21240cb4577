package io.healthid.idp.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The running server's clock in tests: real time, moved forward by a test (e.g. past {@code max_age}) and put back
 * when it is done, so no test sleeps for time to pass and the other tests sharing the server see real time.
 */
public final class TestClock extends Clock {

    private volatile Clock current = Clock.systemUTC();

    public void advance(Duration duration) {
        this.current = Clock.offset(this.current, duration);
    }

    public void reset() {
        this.current = Clock.systemUTC();
    }

    @Override
    public Instant instant() {
        return this.current.instant();
    }

    @Override
    public ZoneId getZone() {
        return this.current.getZone();
    }

    /** A clock in another zone that no longer follows {@link #advance} (the server only uses UTC). */
    @Override
    public Clock withZone(ZoneId zone) {
        return this.current.withZone(zone);
    }
}
