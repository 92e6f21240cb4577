package io.healthid.idp.x509;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRLs by distribution point, refetched when their nextUpdate or the cache lifetime comes, whichever is first.
 *
 * <p>Stale-but-present policy (ADR 0004): when a refetch fails, the CRL we have is still handed out. The cache does
 * not judge it: the PKIX revocation checker accepts a CRL only up to its nextUpdate (plus the JDK's 15-minute clock
 * skew), so a CRL past its nextUpdate counts as no CRL (fail-closed: CARD_REVOCATION_UNKNOWN). The cache lifetime
 * therefore only sets how early a revocation is seen; nextUpdate sets how long a CRL is evidence. After a failed
 * fetch, the distribution point is left alone for the retry delay, so an unreachable CRL server costs one timeout
 * per delay, not one per login. Fetches of one distribution point are serialised; different ones run in parallel.
 */
final class CrlCache {

    private static final Logger logger = LoggerFactory.getLogger(CrlCache.class);

    private final CrlSource source;
    private final Duration lifetime;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private final ConcurrentMap<URI, Slot> slots = new ConcurrentHashMap<>();

    CrlCache(CrlSource source, Duration lifetime, Duration retryAfterFailure, Clock clock) {
        this.source = source;
        this.lifetime = lifetime;
        this.retryAfterFailure = retryAfterFailure;
        this.clock = clock;
    }

    /** The freshest CRL we could get for the distribution point, possibly stale, or empty if we never got one. */
    Optional<X509CRL> crl(URI distributionPoint) {
        if (this.source.isLocal(distributionPoint)) {
            try {
                return Optional.of(parse(this.source.fetch(distributionPoint)));
            } catch (IOException | CRLException | CertificateException e) {
                logger.warn("CRL unavailable at {} ({})", distributionPoint, e.getMessage());
                return Optional.empty();
            }
        }
        Slot slot = this.slots.computeIfAbsent(distributionPoint, uri -> new Slot());
        synchronized (slot) {
            Instant now = this.clock.instant();
            if (slot.crl != null && now.isBefore(slot.refreshAt) || now.isBefore(slot.quietUntil)) {
                return Optional.ofNullable(slot.crl);
            }
            try {
                X509CRL crl = parse(this.source.fetch(distributionPoint));
                slot.crl = crl;
                slot.refreshAt = refreshTime(crl, now);
                slot.quietUntil = Instant.MIN;
            } catch (IOException | CRLException | CertificateException e) {
                slot.quietUntil = now.plus(this.retryAfterFailure);
                logger.warn("CRL unavailable at " + distributionPoint + " (" + e.getMessage() + ")"
                        + (slot.crl != null ? "; keeping the CRL of " + slot.crl.getThisUpdate().toInstant() : ""));
            }
            return Optional.ofNullable(slot.crl);
        }
    }

    private Instant refreshTime(X509CRL crl, Instant now) {
        Instant byLifetime = now.plus(this.lifetime);
        if (crl.getNextUpdate() == null) {
            return byLifetime;
        }
        Instant nextUpdate = crl.getNextUpdate().toInstant();
        return nextUpdate.isBefore(byLifetime) ? nextUpdate : byLifetime;
    }

    private static X509CRL parse(byte[] encoded) throws CRLException, CertificateException {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
    }

    private static final class Slot {
        private X509CRL crl;
        private Instant refreshAt = Instant.MIN;
        private Instant quietUntil = Instant.MIN;
    }
}
