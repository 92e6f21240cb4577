package io.healthid.idp.session;

import io.healthid.idp.model.PractitionerAuthentication;
import java.util.Date;
import java.util.List;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * SAS asks a {@link SessionRegistry} for the SSO session behind a principal, to put {@code sid} in ID tokens and check
 * it at logout. Our principal carries its session id, so the answer needs no lookup; sessions themselves live in
 * {@link LoginSessionStore}, which is why the registering methods do nothing.
 */
public class PrincipalSessionRegistry implements SessionRegistry {

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        if (principal instanceof PractitionerAuthentication person && person.getSessionId() != null) {
            return List.of(new SessionInformation(person, person.getSessionId(), Date.from(person.getAuthenticatedAt())));
        }
        return List.of();
    }

    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
        // the store restarts the idle timer on every use
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
        // sessions are created by LoginSessionStore
    }

    @Override
    public void removeSessionInformation(String sessionId) {
        // sessions are removed by LoginSessionStore
    }
}
