package io.healthid.idp.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's policy ({@code idp.audit.*}).
 *
 * @param retention how long rows are kept; older ones are purged every {@code purgeInterval}
 * @param recordNationalId whether rows carry the practitioner's national identifier; when the deployment's policy says
 *        no, rows are still written (and found by correlation id or client) without it
 * @param flushInterval how long an audit row (a token or authentication event) may wait in memory before its batch is
 *        written
 */
@ConfigurationProperties("idp.audit")
public record AuditProperties(@DefaultValue("365d") Duration retention, @DefaultValue("6h") Duration purgeInterval,
        @DefaultValue("true") boolean recordNationalId, @DefaultValue("250ms") Duration flushInterval) {
}
