package io.healthid.idp.authorization;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Reads the {@link OAuth2AuthorizationRequest} that SAS's mixin wrote (same document, so stored authorizations stay
 * readable both ways). SAS's own deserializer has Jackson build new, uncacheable typed deserializers for the scopes
 * and both parameter maps on every read (bench/README.md); the values SAS stores there are strings and string arrays,
 * read here directly. Any other value goes through Jackson with the allowlist, as before.
 */
final class AuthorizationRequestDeserializer extends ValueDeserializer<OAuth2AuthorizationRequest> {

    private static final String STRING_ARRAY = String[].class.getName();
    private static final String TYPE_PROPERTY = "@class";

    @Override
    public OAuth2AuthorizationRequest deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode root = context.readTree(parser);
        JsonNode grantType = root.path("authorizationGrantType").path("value");
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equalsIgnoreCase(grantType.asString(""))) {
            throw InvalidFormatException.from(parser, "Invalid authorizationGrantType", grantType.asString(""),
                    AuthorizationGrantType.class);
        }
        return OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri(text(root, "authorizationUri"))
            .clientId(text(root, "clientId"))
            .redirectUri(text(root, "redirectUri"))
            .scopes(scopes(root.get("scopes")))
            .state(text(root, "state"))
            .additionalParameters(map(root.get("additionalParameters"), context))
            .authorizationRequestUri(text(root, "authorizationRequestUri"))
            .attributes(map(root.get("attributes"), context))
            .build();
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** {@code ["java.util.Collections$UnmodifiableSet", ["openid", ...]]}: the set's class, then its elements. */
    private static Set<String> scopes(JsonNode node) {
        Set<String> scopes = new LinkedHashSet<>();
        JsonNode elements = node != null && node.isArray() && node.size() == 2 && node.get(1).isArray() ? node.get(1)
                : node;
        if (elements != null && elements.isArray()) {
            for (JsonNode scope : elements) {
                scopes.add(scope.asString());
            }
        }
        return scopes;
    }

    private static Map<String, Object> map(JsonNode node, DeserializationContext context) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return values;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!TYPE_PROPERTY.equals(entry.getKey())) {
                values.put(entry.getKey(), value(entry.getValue(), context));
            }
        }
        return values;
    }

    private static Object value(JsonNode node, DeserializationContext context) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isArray() && node.size() == 2 && STRING_ARRAY.equals(node.get(0).asString(""))
                && node.get(1).isArray()) {
            JsonNode elements = node.get(1);
            String[] strings = new String[elements.size()];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = elements.get(i).asString();
            }
            return strings;
        }
        return context.readTreeAsValue(node, Object.class);
    }
}
