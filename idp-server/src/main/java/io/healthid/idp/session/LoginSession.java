package io.healthid.idp.session;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.PractitionerAuthentication;
import java.time.Instant;

/**
 * An SSO session: who authenticated, how, and when. {@code id} is public (its hash is the ID token's {@code sid});
 * the browser holds a different random secret whose hash is the id, so neither Redis nor tokens hold the cookie.
 */
public record LoginSession(String id, String nationalId, AuthMethod method, String acr, Instant authenticatedAt) {

    public PractitionerAuthentication toAuthentication() {
        return new PractitionerAuthentication(this.nationalId, this.method, this.acr, this.authenticatedAt, this.id);
    }
}
