package io.healthid.idp.authorization;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Writes an {@link OAuth2Authorization} as JSON and reads it back, the way SAS's {@code JdbcOAuth2AuthorizationService}
 * does: Spring Security's Jackson 3 modules (which turn on class names in {@code @class} for the attribute and
 * metadata maps) with their allowlist of classes, extended with {@link io.healthid.idp.model.PractitionerAuthentication}.
 * A document naming any other class is refused before that class is loaded or instantiated.
 */
public final class AuthorizationJsonCodec {

    /** The attribute map as {@link StoredAuthorization} declares it: the same type information when written alone. */
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JsonMapper mapper;
    private final ObjectWriter attributesWriter;

    public AuthorizationJsonCodec() {
        HealthIdSecurityJacksonModule healthIdModule = new HealthIdSecurityJacksonModule();
        // our entries go on the same allowlist builder that Spring Security's modules fill, before it is built
        BasicPolymorphicTypeValidator.Builder allowlist = BasicPolymorphicTypeValidator.builder();
        healthIdModule.configurePolymorphicTypeValidator(allowlist);
        this.mapper = JsonMapper.builder()
            .addModules(SecurityJacksonModules.getModules(AuthorizationJsonCodec.class.getClassLoader(), allowlist))
            .addModule(healthIdModule)
            .build();
        this.attributesWriter = this.mapper.writerFor(ATTRIBUTES);
    }

    /**
     * @param previous what this codec wrote for the version the authorization was built from, if this node wrote it:
     *     the parts both share are not written again
     */
    public WrittenAuthorization write(OAuth2Authorization authorization, @Nullable WrittenAuthorization previous) {
        String attributes = previous != null
                && sameValues(previous.authorization().getAttributes(), authorization.getAttributes())
                ? previous.attributes() : this.attributesWriter.writeValueAsString(authorization.getAttributes());
        Map<OAuth2Authorization.Token<?>, String> tokens = new IdentityHashMap<>();
        List<RawJson> tokenList = new ArrayList<>();
        for (IndexedTokenType type : IndexedTokenType.values()) {
            if (type.tokenClass() != null) {
                OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type.tokenClass());
                if (token != null) {
                    String json = previous != null ? previous.tokens().get(token) : null;
                    if (json == null) {
                        json = this.mapper.writeValueAsString(StoredToken.of(type, token));
                    }
                    tokens.put(token, json);
                    tokenList.add(new RawJson(json));
                }
            }
        }
        String document = this.mapper.writeValueAsString(new DocumentParts(authorization.getId(),
                authorization.getRegisteredClientId(), authorization.getPrincipalName(),
                authorization.getAuthorizationGrantType().getValue(),
                new ArrayList<>(authorization.getAuthorizedScopes()), new RawJson(attributes), tokenList));
        return new WrittenAuthorization(document, authorization, attributes, tokens);
    }

    /** The same objects under the same names: {@code from(authorization)} copies the map, not its values. */
    private static boolean sameValues(Map<String, Object> previous, Map<String, Object> current) {
        if (previous.size() != current.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : current.entrySet()) {
            if (previous.get(entry.getKey()) != entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @throws JacksonException if the document is not one this codec wrote, in particular if it names a class
     * outside the allowlist
     * @throws IllegalArgumentException if it lacks what an authorization or one of its tokens requires
     */
    public OAuth2Authorization read(String json) {
        StoredAuthorization stored = this.mapper.readValue(json, StoredAuthorization.class);
        OAuth2Authorization.Builder builder = new RestoringBuilder(stored.registeredClientId())
            .id(stored.id())
            .principalName(stored.principalName())
            .authorizationGrantType(new AuthorizationGrantType(stored.authorizationGrantType()))
            .authorizedScopes(new LinkedHashSet<>(stored.authorizedScopes()))
            .attributes(attributes -> attributes.putAll(stored.attributes()));
        for (StoredToken token : stored.tokens()) {
            Map<String, Object> metadata = token.restoredMetadata();
            builder.token(token.toToken(metadata), restored -> restored.putAll(metadata));
        }
        return builder.build();
    }

    /**
     * SAS's public builder entry point wants the whole registered client although an authorization keeps only its
     * id; restoring from the id spares a client lookup on every read (SAS's providers load the client anyway and
     * reject an authorization whose client is gone).
     */
    private static final class RestoringBuilder extends OAuth2Authorization.Builder {

        private RestoringBuilder(String registeredClientId) {
            super(registeredClientId);
        }
    }

    /** What {@link StoredAuthorization} reads, written with its attributes and each token already in JSON. */
    private record DocumentParts(String id, String registeredClientId, String principalName,
            String authorizationGrantType, List<String> authorizedScopes, RawJson attributes, List<RawJson> tokens) {
    }

    /** JSON written as it is; a final type, so no type id goes around it. */
    @JsonSerialize(using = RawJsonSerializer.class)
    private record RawJson(String json) {
    }

    private static final class RawJsonSerializer extends ValueSerializer<RawJson> {

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializationContext context) {
            generator.writeRawValue(value.json());
        }
    }

    private record StoredAuthorization(String id, String registeredClientId, String principalName,
            String authorizationGrantType, List<String> authorizedScopes, Map<String, Object> attributes,
            List<StoredToken> tokens) {
    }
}
