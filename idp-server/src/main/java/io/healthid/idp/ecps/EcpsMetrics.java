package io.healthid.idp.ecps;

import io.healthid.idp.model.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Every refusal of the device API counted by reason ({@code idp_ecps_refusals_total{operation,reason}}), beside the
 * login outcomes that {@code AuthenticationEvents} counts: operators see which step phones fail at.
 */
public class EcpsMetrics {

    /** Where in the device protocol a refusal happened. */
    public enum Operation {
        ACTIVATION, REGISTRATION, PROOF, CHALLENGE, RESPONSE, DEVICES
    }

    private final MeterRegistry meters;

    public EcpsMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void refused(Operation operation, ReasonCode reason) {
        Counter.builder("idp.ecps.refusals")
            .description("Device API refusals by operation and reason code")
            .tag("operation", operation.name().toLowerCase(Locale.ROOT))
            .tag("reason", reason.name())
            .register(this.meters)
            .increment();
    }

    public double count(Operation operation, ReasonCode reason) {
        Counter counter = this.meters.find("idp.ecps.refusals").tag("operation", operation.name().toLowerCase(Locale.ROOT))
            .tag("reason", reason.name()).counter();
        return counter == null ? 0 : counter.count();
    }
}
