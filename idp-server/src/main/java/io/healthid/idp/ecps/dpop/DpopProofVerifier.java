package io.healthid.idp.ecps.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.model.ReasonCode;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import reactor.core.publisher.Mono;

/**
 * RFC 9449 section 4.3 checks of a device's DPoP proof. Spring Security's {@link DPoPProofJwtDecoderFactory} checks
 * {@code typ=dpop+jwt}, the {@code jwk} header and the signature; this class adds what the device protocol narrows
 * (ES256 over a public P-256 key only), {@code htm} and {@code htu} against this request, {@code iat} within the
 * allowed skew of our clock, and {@code jti} single use across every node.
 */
public class DpopProofVerifier {

    private static final String DPOP_TYPE = "dpop+jwt";

    private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();
    private final OneTimeValues usedJtis;
    private final Clock clock;
    private final Duration skew;

    public DpopProofVerifier(OneTimeValues usedJtis, Clock clock, Duration skew) {
        this.usedJtis = usedJtis;
        this.clock = clock;
        this.skew = skew;
        this.decoders.setJwtValidatorFactory(context -> new RequestBoundClaims(context, clock, skew));
    }

    /**
     * @param proof the {@code DPoP} header's value
     * @param method the request's method
     * @param uri the request's public URI (the issuer's scheme and host, this request's path)
     */
    public Mono<DpopProof> verify(String proof, String method, URI uri) {
        return Mono.fromCallable(() -> check(proof, method, uri))
            .flatMap(verified -> this.usedJtis.claim(verified.proof().thumbprint(), verified.jti(), this.skew.multipliedBy(2))
                .flatMap(first -> first ? Mono.just(verified.proof())
                        : Mono.error(new EcpsRefusal(ReasonCode.ECPS_REPLAY, HttpStatus.UNAUTHORIZED))));
    }

    private record Verified(DpopProof proof, String jti) {
    }

    private Verified check(String proof, String method, URI uri) {
        if (proof == null || proof.isBlank() || proof.length() > 4096) {
            throw unauthorized(ReasonCode.ECPS_BAD_SIGNATURE);
        }
        ECKey key = deviceKey(proof);
        Jwt jwt;
        try {
            jwt = this.decoders.createDecoder(DPoPProofContext.withDPoPProof(proof).method(method)
                .targetUri(uri.toString()).build()).decode(proof);
        }
        catch (JwtValidationException ex) {
            // only the time wrong: the proof is otherwise this request's, signed by its key (the signature was checked first)
            boolean skewed = ex.getErrors().stream().allMatch(error -> RequestBoundClaims.CLOCK_SKEW.equals(error.getDescription()));
            throw unauthorized(skewed ? ReasonCode.ECPS_CLOCK_SKEW : ReasonCode.ECPS_BAD_SIGNATURE);
        }
        catch (JwtException | IllegalArgumentException ex) {
            throw unauthorized(ReasonCode.ECPS_BAD_SIGNATURE);
        }
        try {
            Base64URL thumbprint = key.computeThumbprint();
            return new Verified(new DpopProof(key, thumbprint.toString()), jwt.getId());
        }
        catch (JOSEException ex) {
            throw unauthorized(ReasonCode.ECPS_BAD_SIGNATURE);
        }
    }

    /**
     * The thumbprint of the key in {@code proof}'s header, read without any check: only for a proof {@link #verify}
     * refused with {@code ECPS_CLOCK_SKEW}, which it says after the signature by that key held.
     */
    public static String signerThumbprint(String proof) {
        try {
            return deviceKey(proof).computeThumbprint().toString();
        }
        catch (JOSEException ex) {
            throw unauthorized(ReasonCode.ECPS_BAD_SIGNATURE);
        }
    }

    /** The device protocol accepts ES256 with a public P-256 key only (architecture decision 9). */
    private static ECKey deviceKey(String proof) {
        try {
            JWSHeader header = JWSHeader.parse(Base64URL.from(proof.substring(0, Math.max(0, proof.indexOf('.')))));
            JWK jwk = header.getJWK();
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getType() == null
                    || !DPOP_TYPE.equals(header.getType().getType()) || !(jwk instanceof ECKey ec)
                    || !Curve.P_256.equals(ec.getCurve()) || ec.isPrivate()) {
                throw unauthorized(ReasonCode.ECPS_BAD_SIGNATURE);
            }
            return ec;
        }
        catch (ParseException | IllegalArgumentException ex) {
            throw unauthorized(ReasonCode.ECPS_BAD_SIGNATURE);
        }
    }

    static EcpsRefusal unauthorized(ReasonCode reason) {
        return new EcpsRefusal(reason, HttpStatus.UNAUTHORIZED);
    }

    /** {@code htm}, {@code htu} (without query and fragment), {@code iat} within the skew, and a {@code jti}. */
    private static final class RequestBoundClaims implements OAuth2TokenValidator<Jwt> {

        static final String CLOCK_SKEW = "iat outside the allowed clock skew";

        private final DPoPProofContext context;
        private final Clock clock;
        private final Duration skew;

        RequestBoundClaims(DPoPProofContext context, Clock clock, Duration skew) {
            this.context = context;
            this.clock = clock;
            this.skew = skew;
        }

        @Override
        public OAuth2TokenValidatorResult validate(Jwt jwt) {
            if (!this.context.getMethod().equals(jwt.getClaimAsString("htm"))) {
                return failure("htm does not match the request");
            }
            if (!sameTarget(jwt.getClaimAsString("htu"), this.context.getTargetUri())) {
                return failure("htu does not match the request");
            }
            String jti = jwt.getId();
            if (jti == null || jti.isBlank() || jti.length() > 256) {
                return failure("jti missing");
            }
            Instant iat = jwt.getIssuedAt();
            Instant now = this.clock.instant();
            if (iat == null) {
                return failure("iat missing");
            }
            if (iat.isBefore(now.minus(this.skew)) || iat.isAfter(now.plus(this.skew))) {
                return failure(CLOCK_SKEW);
            }
            return OAuth2TokenValidatorResult.success();
        }

        private static boolean sameTarget(String htu, String target) {
            if (htu == null) {
                return false;
            }
            try {
                URI claimed = URI.create(htu);
                URI expected = URI.create(target);
                return claimed.getScheme() != null && claimed.getScheme().equalsIgnoreCase(expected.getScheme())
                        && claimed.getHost() != null && claimed.getHost().equalsIgnoreCase(expected.getHost())
                        && port(claimed) == port(expected) && expected.getRawPath().equals(claimed.getRawPath());
            }
            catch (IllegalArgumentException ex) {
                return false;
            }
        }

        private static int port(URI uri) {
            return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }

        private static OAuth2TokenValidatorResult failure(String description) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_dpop_proof", description, null));
        }
    }
}
