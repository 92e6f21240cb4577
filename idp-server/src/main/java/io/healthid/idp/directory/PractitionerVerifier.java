package io.healthid.idp.directory;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import reactor.core.publisher.Mono;

/**
 * The last check before a session is opened: is this national identifier a professional we may sign in by this means?
 * The practitioner directory provides it; without one, every identifier an authenticator proved is accepted.
 */
public interface PractitionerVerifier {

    /** {@link ReasonCode#OK}, or the reason the person may not sign in (not in the directory, not eligible, directory down). */
    Mono<ReasonCode> verify(String nationalId, AuthMethod method);
}
