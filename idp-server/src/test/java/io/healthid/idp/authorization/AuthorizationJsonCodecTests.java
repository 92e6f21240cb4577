package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.healthid.idp.model.PractitionerAuthentication;
import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import tools.jackson.databind.exc.InvalidTypeIdException;

class AuthorizationJsonCodecTests {

    private final AuthorizationJsonCodec codec = new AuthorizationJsonCodec();

    private String write(OAuth2Authorization authorization) {
        return this.codec.write(authorization, null).document();
    }

    @Test
    void readWhenWrittenWithTokensThenEqualToOriginal() {
        OAuth2Authorization original = TestAuthorizations.withTokens(TestAuthorizations.withCode());

        OAuth2Authorization read = this.codec.read(write(original));

        assertThat(read).isEqualTo(original);
        assertThat(read).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void readWhenWrittenThenPractitionerAndItsFactorAuthorityRoundTrip() {
        OAuth2Authorization original = TestAuthorizations.withCode();
        PractitionerAuthentication practitioner = original.getAttribute(Principal.class.getName());

        PractitionerAuthentication read = this.codec.read(write(original))
            .getAttribute(Principal.class.getName());

        assertThat(read).isEqualTo(practitioner);
        assertThat(read.getSessionId()).isEqualTo(practitioner.getSessionId());
        assertThat(read.isAuthenticated()).isTrue();
        assertThat(read.getAuthorities()).singleElement()
            .isInstanceOfSatisfying(FactorGrantedAuthority.class, authority -> assertThat(authority.getIssuedAt())
                .isEqualTo(practitioner.getAuthenticatedAt()));
        assertThat(read.getAuthorities()).usingRecursiveComparison().isEqualTo(practitioner.getAuthorities());
    }

    @Test
    void readWhenWrittenThenTokenMetadataKeepsTypesAndInvalidatedFlag() {
        OAuth2Authorization original = TestAuthorizations.withTokens(TestAuthorizations.withCode());

        OAuth2Authorization read = this.codec.read(write(original));

        assertThat(read.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isTrue();
        assertThat(read.getAccessToken().isInvalidated()).isFalse();
        assertThat(read.getAccessToken().getToken().getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
        assertThat(read.getAccessToken().getToken().getScopes()).containsExactlyInAnyOrder("openid", "scope_all");
        OidcIdToken idToken = read.getToken(OidcIdToken.class).getToken();
        assertThat(idToken.getNonce()).isEqualTo("n-0S6_WzA2Mj");
        assertThat(idToken.getClaims().get("auth_time")).isInstanceOf(Instant.class);
        assertThat(idToken.getClaimAsStringList("amr")).containsExactly("sc", "hwk", "pin", "mfa");
        assertThat(idToken.<String>getClaim("sid")).isEqualTo("sid-hash-of-session");
    }

    @Test
    void readWhenRequestHadRepeatedParametersAndTypedAttributesThenTheyComeBackWithTheirTypes() {
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        OAuth2AuthorizationRequest request = codeStage.getAttribute(OAuth2AuthorizationRequest.class.getName());
        OAuth2AuthorizationRequest repeated = OAuth2AuthorizationRequest.from(request)
            .additionalParameters(parameters -> parameters.put("resource", new String[] { "https://a.example", "https://b.example" }))
            .attributes(attributes -> {
                attributes.put("audiences", List.of("a", "b"));
                attributes.put("issued", Instant.parse("2026-12-02T04:00:00Z"));
            })
            .build();
        OAuth2Authorization original = OAuth2Authorization.from(codeStage)
            .attribute(OAuth2AuthorizationRequest.class.getName(), repeated)
            .build();

        OAuth2AuthorizationRequest read = this.codec.read(write(original))
            .getAttribute(OAuth2AuthorizationRequest.class.getName());

        assertThat(read).usingRecursiveComparison().isEqualTo(repeated);
        assertThat(read.getAdditionalParameters().get("resource")).isInstanceOf(String[].class);
        assertThat(read.<Instant>getAttribute("issued")).isEqualTo(Instant.parse("2026-12-02T04:00:00Z"));
        assertThat(read.getScopes()).containsExactlyInAnyOrder("openid", "scope_all");
    }

    @Test
    void readWhenRequestAttributeNamesClassOutsideAllowlistThenRefusedWithoutInstantiating() {
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest
            .from(codeStage.getAttribute(OAuth2AuthorizationRequest.class.getName()))
            .attributes(attributes -> attributes.put("who", TestAuthorizations.practitioner()))
            .build();
        String tampered = write(OAuth2Authorization.from(codeStage)
                .attribute(OAuth2AuthorizationRequest.class.getName(), request).build())
            .replace(PractitionerAuthentication.class.getName(), InstantiationCanary.class.getName());

        assertThatThrownBy(() -> this.codec.read(tampered)).isInstanceOf(InvalidTypeIdException.class);
        assertThat(InstantiationCanary.instantiated()).isFalse();
    }

    @Test
    void readWhenDocumentNamesClassOutsideAllowlistThenRefusedWithoutInstantiating() {
        String tampered = write(TestAuthorizations.withCode())
            .replace(PractitionerAuthentication.class.getName(), InstantiationCanary.class.getName());

        assertThatThrownBy(() -> this.codec.read(tampered)).isInstanceOf(InvalidTypeIdException.class);
        assertThat(InstantiationCanary.instantiated()).isFalse();
    }

    @Test
    void writeWhenRefreshedFromWhatItWroteThenReusesUnchangedPartsAndWritesTheSameDocumentAsAfresh() {
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        WrittenAuthorization before = this.codec.write(tokenStage, null);
        OAuth2Authorization refreshed = TestAuthorizations.refreshed(tokenStage);

        WrittenAuthorization after = this.codec.write(refreshed, before);

        assertThat(after.attributes()).isSameAs(before.attributes());
        OAuth2Authorization.Token<OAuth2AuthorizationCode> usedCode = refreshed.getToken(OAuth2AuthorizationCode.class);
        assertThat(after.tokens().get(usedCode)).isSameAs(before.tokens().get(usedCode));
        assertThat(after.document()).isEqualTo(new AuthorizationJsonCodec().write(refreshed, null).document());
        assertThat(this.codec.read(after.document())).usingRecursiveComparison().isEqualTo(refreshed);
    }

    @Test
    void writeWhenAnAttributeChangedThenWritesTheNewAttributes() {
        OAuth2Authorization awaitingConsent = TestAuthorizations.awaitingConsent();
        WrittenAuthorization before = this.codec.write(awaitingConsent, null);
        OAuth2Authorization newState = OAuth2Authorization.from(awaitingConsent)
            .attribute(OAuth2ParameterNames.STATE, "another-state")
            .build();

        String document = this.codec.write(newState, before).document();

        assertThat(document).isEqualTo(new AuthorizationJsonCodec().write(newState, null).document());
        assertThat(this.codec.read(document).<String>getAttribute(OAuth2ParameterNames.STATE)).isEqualTo("another-state");
    }

    @Test
    void writeWhenTokensAreJwtsThenTheirClaimsAreLeftOutAndReadBackFromTheTokens() {
        Instant now = Instant.now();
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        OidcIdToken idToken = new OidcIdToken(jwt(new JWTClaimsSet.Builder().issuer("https://auth.healthid.example")
            .subject("f:app:899700218896").audience("pro-sante-app").issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600))).claim("auth_time", now.minusSeconds(30).getEpochSecond())
            .claim("sid", "sid-hash-of-session").claim("amr", List.of("sc", "pin"))
            .claim("SubjectRefPro", Map.of("codeProfession", "10")).build()), now, now.plusSeconds(600),
                Map.of("sub", "typed claims as SAS keeps them"));
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                jwt(new JWTClaimsSet.Builder().subject("f:app:899700218896").claim("scope", List.of("openid", "scope_all"))
                    .expirationTime(Date.from(now.plusSeconds(600))).claim("acr", "eidas3").build()),
                now, now.plusSeconds(600), Set.of("openid", "scope_all"));
        OAuth2Authorization original = OAuth2Authorization.from(codeStage)
            .token(accessToken, metadata -> {
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, Map.of("acr", "typed"));
                metadata.put(OAuth2TokenFormat.class.getName(), OAuth2TokenFormat.SELF_CONTAINED.getValue());
            })
            .token(idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()))
            .build();

        String document = write(original);
        OAuth2Authorization read = this.codec.read(document);

        assertThat(document).doesNotContain("typed claims as SAS keeps them").doesNotContain("\"typed\"");
        OidcIdToken readIdToken = read.getToken(OidcIdToken.class).getToken();
        assertThat(readIdToken.getSubject()).isEqualTo("f:app:899700218896");
        assertThat(readIdToken.getAudience()).containsExactly("pro-sante-app");
        assertThat(readIdToken.getClaimAsInstant("iat")).isEqualTo(now.truncatedTo(ChronoUnit.SECONDS));
        assertThat(readIdToken.getAuthenticatedAt()).isEqualTo(now.minusSeconds(30).truncatedTo(ChronoUnit.SECONDS));
        assertThat(readIdToken.getClaims().get("auth_time")).isInstanceOf(Instant.class);
        assertThat(readIdToken.getClaimAsString("sid")).isEqualTo("sid-hash-of-session");
        assertThat(readIdToken.getClaimAsStringList("amr")).containsExactly("sc", "pin");
        assertThat(readIdToken.getClaimAsMap("SubjectRefPro")).containsEntry("codeProfession", "10");
        assertThat(read.getToken(OidcIdToken.class).getClaims()).isEqualTo(readIdToken.getClaims());
        assertThat(read.getAccessToken().getClaims()).containsEntry("acr", "eidas3")
            .containsEntry("scope", List.of("openid", "scope_all"))
            .containsEntry("exp", now.plusSeconds(600).truncatedTo(ChronoUnit.SECONDS));
        assertThat(read.getAccessToken().getToken().getTokenValue()).isEqualTo(accessToken.getTokenValue());
    }

    @Test
    void readWhenClaimsAreLeftToATokenThatIsNoJwtThenRefused() {
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        String idTokenValue = tokenStage.getToken(OidcIdToken.class).getToken().getTokenValue();
        String tampered = write(tokenStage).replace(idTokenValue, "not.a.jwt")
            .replace("\"" + OAuth2Authorization.Token.CLAIMS_METADATA_NAME + "\"", "\"renamed\"");

        assertThatThrownBy(() -> this.codec.read(tampered)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String jwt(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
