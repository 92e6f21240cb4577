package io.healthid.idp.authorization;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The authorizations this node wrote lately, each by its id with the exact document it wrote. A read that finds the
 * same document in Redis gets the object back without decoding it: the token request after the authorization
 * response, userinfo and introspection after the token response, the refresh after that. Redis is still read every
 * time, so a revocation or another node's write (a different document) is seen as before. {@link OAuth2Authorization}
 * is immutable, which is what makes handing out the same instance safe. By id, so that a rewrite (every refresh)
 * replaces its entry instead of taking another; bounded: when full it starts over. A client-credentials authorization
 * is not kept: nothing reads it back unless a resource server introspects its token, and at the rate such tokens are
 * issued it would push out the logins' authorizations and keep the collector copying what no one asks for.
 */
final class RecentAuthorizations {

    private final int capacity;
    private volatile Map<String, WrittenAuthorization> byId = new ConcurrentHashMap<>();

    RecentAuthorizations(int capacity) {
        this.capacity = capacity;
    }

    void wrote(WrittenAuthorization written) {
        OAuth2Authorization authorization = written.authorization();
        if (this.capacity <= 0
                || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            return;
        }
        Map<String, WrittenAuthorization> current = this.byId;
        if (current.size() >= this.capacity && !current.containsKey(authorization.getId())) {
            current = new ConcurrentHashMap<>();
            this.byId = current;
        }
        current.put(authorization.getId(), written);
    }

    OAuth2Authorization read(String id, String document) {
        WrittenAuthorization written = this.byId.get(id);
        return written != null && written.document().equals(document) ? written.authorization() : null;
    }

    /** What this node wrote last for the authorization, for the codec to reuse its unchanged parts. */
    @Nullable WrittenAuthorization lastWritten(String id) {
        return this.byId.get(id);
    }

    void removed(String id) {
        this.byId.remove(id);
    }
}
