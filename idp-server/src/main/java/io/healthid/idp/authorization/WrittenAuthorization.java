package io.healthid.idp.authorization;

import java.util.Map;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * A document as {@link AuthorizationJsonCodec} wrote it, with the JSON of its parts. The next version of the same
 * authorization holds the very same attribute and token objects for all it did not change (a refresh reissues the
 * access, refresh and ID tokens, never the attributes nor the used code), so their JSON is taken from here instead of
 * being written again. Sound because an {@link OAuth2Authorization} and what SAS puts in it are immutable.
 *
 * @param tokens the JSON of each token, by the token object's identity
 */
record WrittenAuthorization(String document, OAuth2Authorization authorization, String attributes,
        Map<OAuth2Authorization.Token<?>, String> tokens) {
}
