package io.healthid.idp.authorization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
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

    /** One token; the access token type and scopes are set for access tokens only. */
    private record StoredToken(String type, String value, Instant issuedAt, Instant expiresAt,
            Map<String, Object> metadata, String accessTokenType, List<String> accessTokenScopes) {

        static StoredToken of(IndexedTokenType type, OAuth2Authorization.Token<? extends OAuth2Token> token) {
            OAuth2Token value = token.getToken();
            String accessTokenType = null;
            List<String> accessTokenScopes = null;
            if (value instanceof OAuth2AccessToken accessToken) {
                accessTokenType = accessToken.getTokenType().getValue();
                accessTokenScopes = new ArrayList<>(accessToken.getScopes());
            }
            return new StoredToken(type.value(), value.getTokenValue(), value.getIssuedAt(), value.getExpiresAt(),
                    JwtValueClaims.storedMetadata(type, value.getTokenValue(), token.getMetadata()), accessTokenType,
                    accessTokenScopes);
        }

        /** The metadata SAS had, the claims of a JWT included. */
        Map<String, Object> restoredMetadata() {
            return JwtValueClaims.restoredMetadata(kind(), this.value, this.metadata);
        }

        private IndexedTokenType kind() {
            return Arrays.stream(IndexedTokenType.values())
                .filter(candidate -> candidate.tokenClass() != null && candidate.value().equals(this.type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown stored token type " + this.type));
        }

        /** @param metadata {@link #restoredMetadata}, which an ID token takes its claims from */
        OAuth2Token toToken(Map<String, Object> metadata) {
            return switch (kind()) {
                case CODE -> new OAuth2AuthorizationCode(this.value, this.issuedAt, this.expiresAt);
                case ACCESS_TOKEN -> new OAuth2AccessToken(parsedAccessTokenType(), this.value, this.issuedAt,
                        this.expiresAt, new LinkedHashSet<>(this.accessTokenScopes));
                case REFRESH_TOKEN -> new OAuth2RefreshToken(this.value, this.issuedAt, this.expiresAt);
                case ID_TOKEN -> new OidcIdToken(this.value, this.issuedAt, this.expiresAt, idTokenClaims(metadata));
                case USER_CODE -> new OAuth2UserCode(this.value, this.issuedAt, this.expiresAt);
                case DEVICE_CODE -> new OAuth2DeviceCode(this.value, this.issuedAt, this.expiresAt);
                case STATE -> throw new IllegalStateException("the state is an attribute, not a token");
            };
        }

        private OAuth2AccessToken.TokenType parsedAccessTokenType() {
            if (OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(this.accessTokenType)) {
                return OAuth2AccessToken.TokenType.BEARER;
            }
            if (OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(this.accessTokenType)) {
                return OAuth2AccessToken.TokenType.DPOP;
            }
            throw new IllegalArgumentException("Unknown access token type " + this.accessTokenType);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> idTokenClaims(Map<String, Object> metadata) {
            Object claims = metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
            if (!(claims instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("A stored ID token has no claims");
            }
            return (Map<String, Object>) claims;
        }
    }
}
