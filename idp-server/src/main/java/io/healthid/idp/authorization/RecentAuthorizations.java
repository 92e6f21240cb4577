package io.healthid.idp.authorization;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The authorizations this node wrote lately, by the exact document it wrote. A read that finds the same document in
 * Redis gets the object back without decoding it: the token request after the authorization response, userinfo and
 * introspection after the token response, the refresh after that. Redis is still read every time, so a revocation or
 * another node's write (a different document) is seen as before. {@link OAuth2Authorization} is immutable, which is
 * what makes handing out the same instance safe. Bounded: when full it starts over.
 */
final class RecentAuthorizations {

    private final int capacity;
    private volatile Map<String, OAuth2Authorization> byDocument = new ConcurrentHashMap<>();

    RecentAuthorizations(int capacity) {
        this.capacity = capacity;
    }

    void wrote(String document, OAuth2Authorization authorization) {
        if (this.capacity <= 0) {
            return;
        }
        Map<String, OAuth2Authorization> current = this.byDocument;
        if (current.size() >= this.capacity) {
            current = new ConcurrentHashMap<>();
            this.byDocument = current;
        }
        current.put(document, authorization);
    }

    OAuth2Authorization read(String document) {
        return this.byDocument.get(document);
    }
}
