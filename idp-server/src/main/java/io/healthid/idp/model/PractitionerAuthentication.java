package io.healthid.idp.model;

import java.io.Serial;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * A health professional authenticated by one of the authenticators: the principal of an SSO session and of every
 * authorization issued in it. Its name is the national identifier (idNat), which is what PSC integrators key on.
 *
 * <p>The factor authority carries the authentication instant: SAS's {@code JwtGenerator} reads {@code auth_time}
 * from it.
 */
public final class PractitionerAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String nationalId;
    private final AuthMethod method;
    private final String acr;
    private final Instant authenticatedAt;
    private final String sessionId;

    public PractitionerAuthentication(String nationalId, AuthMethod method, String acr, Instant authenticatedAt,
            String sessionId) {
        // an authenticator's result (method, acr, amr, national id) and, for a browser, its SSO session
        super(List.of(FactorGrantedAuthority.withFactor(method.factor()).issuedAt(authenticatedAt).build()));
        this.nationalId = Objects.requireNonNull(nationalId, "nationalId");
        this.method = Objects.requireNonNull(method, "method");
        this.acr = Objects.requireNonNull(acr, "acr");
        this.authenticatedAt = Objects.requireNonNull(authenticatedAt, "authenticatedAt");
        // null for tokens issued without a browser session (CIBA): they live by their own lifetimes
        this.sessionId = sessionId;
        super.setAuthenticated(true);
    }

    public String getNationalId() {
        return this.nationalId;
    }

    public AuthMethod getMethod() {
        return this.method;
    }

    /** The authentication context class actually achieved (never simply echoed from the request). */
    public String getAcr() {
        return this.acr;
    }

    public Instant getAuthenticatedAt() {
        return this.authenticatedAt;
    }

    /**
     * The SSO session this authentication belongs to; its hash is the ID token's {@code sid}. {@code null} when there
     * is no browser session (CIBA): nothing then ends with a session or carries a {@code sid}.
     */
    public String getSessionId() {
        return this.sessionId;
    }

    public List<String> getAmr() {
        return this.method.amr();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return this;
    }

    @Override
    public String getName() {
        return this.nationalId;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated != isAuthenticated()) {
            throw new IllegalArgumentException("A practitioner authentication is created authenticated and stays so");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PractitionerAuthentication that && this.nationalId.equals(that.nationalId)
                && this.method == that.method && this.acr.equals(that.acr)
                && this.authenticatedAt.equals(that.authenticatedAt) && Objects.equals(this.sessionId, that.sessionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.nationalId, this.method, this.authenticatedAt, this.sessionId);
    }

    @Override
    public String toString() {
        // no session id here: it is a bearer secret for the browser cookie
        return "PractitionerAuthentication[" + this.nationalId + ", " + this.method + ", " + this.acr + "]";
    }
}
