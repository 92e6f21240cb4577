package io.healthid.idp.protocol.token;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization service SAS's providers see ({@link #forProviders()}): the store, except that the authorization {@link TokenReplayDefense}
 * has just read for a code or refresh token is handed to SAS's provider of the same request instead of being read
 * and decoded from Redis a second time. A hand-over is taken once, by the token's value, and dropped when the
 * request ends; a revocation in between still wins, since the store refuses to save a removed authorization.
 */
public final class RedeemedAuthorizations {

    private final OAuth2AuthorizationService store;
    private final Map<String, OAuth2Authorization> handedOver = new ConcurrentHashMap<>();
    private final OAuth2AuthorizationService view = new OAuth2AuthorizationService() {

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            OAuth2Authorization handed = token == null ? null : RedeemedAuthorizations.this.handedOver.remove(token);
            return handed != null ? handed : RedeemedAuthorizations.this.store.findByToken(token, tokenType);
        }

        @Override
        public void save(OAuth2Authorization authorization) {
            RedeemedAuthorizations.this.store.save(authorization);
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            RedeemedAuthorizations.this.store.remove(authorization);
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return RedeemedAuthorizations.this.store.findById(id);
        }
    };

    public RedeemedAuthorizations(OAuth2AuthorizationService store) {
        this.store = store;
    }

    /** Not a bean of its own, so the application's one authorization service stays unambiguous. */
    public OAuth2AuthorizationService forProviders() {
        return this.view;
    }

    void handOver(String tokenValue, OAuth2Authorization authorization) {
        this.handedOver.put(tokenValue, authorization);
    }

    void release(String tokenValue) {
        this.handedOver.remove(tokenValue);
    }
}
