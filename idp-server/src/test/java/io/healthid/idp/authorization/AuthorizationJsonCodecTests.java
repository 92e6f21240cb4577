package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.model.PractitionerAuthentication;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import tools.jackson.databind.exc.InvalidTypeIdException;

class AuthorizationJsonCodecTests {

    private final AuthorizationJsonCodec codec = new AuthorizationJsonCodec();

    @Test
    void readWhenWrittenWithTokensThenEqualToOriginal() {
        OAuth2Authorization original = TestAuthorizations.withTokens(TestAuthorizations.withCode());

        OAuth2Authorization read = this.codec.read(this.codec.write(original));

        assertThat(read).isEqualTo(original);
        assertThat(read).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void readWhenWrittenThenPractitionerAndItsFactorAuthorityRoundTrip() {
        OAuth2Authorization original = TestAuthorizations.withCode();
        PractitionerAuthentication practitioner = original.getAttribute(Principal.class.getName());

        PractitionerAuthentication read = this.codec.read(this.codec.write(original))
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

        OAuth2Authorization read = this.codec.read(this.codec.write(original));

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

        OAuth2AuthorizationRequest read = this.codec.read(this.codec.write(original))
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
        String tampered = this.codec.write(OAuth2Authorization.from(codeStage)
                .attribute(OAuth2AuthorizationRequest.class.getName(), request).build())
            .replace(PractitionerAuthentication.class.getName(), InstantiationCanary.class.getName());

        assertThatThrownBy(() -> this.codec.read(tampered)).isInstanceOf(InvalidTypeIdException.class);
        assertThat(InstantiationCanary.instantiated()).isFalse();
    }

    @Test
    void readWhenDocumentNamesClassOutsideAllowlistThenRefusedWithoutInstantiating() {
        String tampered = this.codec.write(TestAuthorizations.withCode())
            .replace(PractitionerAuthentication.class.getName(), InstantiationCanary.class.getName());

        assertThatThrownBy(() -> this.codec.read(tampered)).isInstanceOf(InvalidTypeIdException.class);
        assertThat(InstantiationCanary.instantiated()).isFalse();
    }
}
