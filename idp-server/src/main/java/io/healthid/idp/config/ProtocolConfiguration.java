package io.healthid.idp.config;

import io.healthid.idp.claims.DirectoryClaims;
import io.healthid.idp.claims.IdTokenNames;
import io.healthid.idp.claims.PscTokenCustomizer;
import io.healthid.idp.claims.SubjectIdentifiers;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.authorize.RequestObjectRefusal;
import io.healthid.idp.protocol.ciba.CibaGrantAuthenticationProvider;
import io.healthid.idp.protocol.clientauth.VerifiedClientSecrets;
import io.healthid.idp.protocol.token.RedeemedAuthorizations;
import io.healthid.idp.protocol.userinfo.UserInfoMapper;
import io.healthid.idp.session.PrincipalSessionRegistry;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.PublicClientAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.X509ClientCertificateAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import reactor.core.scheduler.Schedulers;

/**
 * SAS's protocol core, assembled without its servlet layer (architecture decision 1): the providers, the token
 * generators with our one customizer, and the bridge our WebFlux endpoints call them through.
 */
@Configuration(proxyBeanMethods = false)
public class ProtocolConfiguration {

    /** Endpoints relative to the issuer: SAS appends them to it (e.g. the accepted audiences of client assertions). */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(Issuer issuer) {
        return AuthorizationServerSettings.builder()
            .issuer(issuer.value())
            .authorizationEndpoint(Issuer.AUTHORIZATION)
            .tokenEndpoint(Issuer.TOKEN)
            .jwkSetEndpoint(Issuer.JWKS)
            .oidcUserInfoEndpoint(Issuer.USERINFO)
            .oidcLogoutEndpoint(Issuer.LOGOUT)
            .tokenIntrospectionEndpoint(Issuer.INTROSPECTION)
            .tokenRevocationEndpoint(Issuer.REVOCATION)
            .build();
    }

    @Bean
    SubjectIdentifiers subjectIdentifiers(IdpProperties properties, Issuer issuer) {
        return new SubjectIdentifiers(properties.subjectProviderId(), issuer.value());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Names read from the directory are reused for a minute of the same person's token requests. */
    @Bean
    IdTokenNames idTokenNames(ObjectProvider<DirectoryClaims> directoryClaims) {
        return new IdTokenNames(Optional.ofNullable(directoryClaims.getIfAvailable()), Duration.ofMinutes(1));
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder jwtEncoder, SubjectIdentifiers subjects, IdTokenNames names) {
        JwtGenerator jwtGenerator = new JwtGenerator(jwtEncoder);
        jwtGenerator.setJwtCustomizer(new PscTokenCustomizer(subjects, names));
        return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OAuth2RefreshTokenGenerator());
    }

    /** What SAS's providers read authorizations through: the store, plus the token endpoint's hand-overs. */
    @Bean
    RedeemedAuthorizations redeemedAuthorizations(OAuth2AuthorizationService authorizationService) {
        return new RedeemedAuthorizations(authorizationService);
    }

    @Bean
    ProtocolCore protocolCore(RegisteredClientRepository clients, RedeemedAuthorizations redeemed,
            OAuth2TokenGenerator<?> tokenGenerator, VerifiedClientSecrets verifiedSecrets, SubjectIdentifiers subjects,
            AuthorizationServerSettings settings, ObjectProvider<CibaGrantAuthenticationProvider> ciba) {
        PrincipalSessionRegistry sessionRegistry = new PrincipalSessionRegistry();
        OAuth2AuthorizationService authorizations = redeemed.forProviders();

        ClientSecretAuthenticationProvider clientSecret = new ClientSecretAuthenticationProvider(clients, authorizations);
        // the slow hash once per secret, then a keyed digest; encodings are never upgraded (ADR 0010)
        clientSecret.setPasswordEncoder(verifiedSecrets.passwordEncoder());

        OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest = new OAuth2AuthorizationCodeRequestAuthenticationProvider(
                clients, authorizations, new InMemoryOAuth2AuthorizationConsentService());
        // consent is never asked (health professionals sign in to their own tools), so the consent store stays empty
        codeRequest.setAuthenticationValidator(RequestObjectRefusal.withSasValidators());

        OAuth2AuthorizationCodeAuthenticationProvider code = new OAuth2AuthorizationCodeAuthenticationProvider(
                authorizations, tokenGenerator);
        code.setSessionRegistry(sessionRegistry);

        OidcUserInfoAuthenticationProvider userInfo = new OidcUserInfoAuthenticationProvider(authorizations);
        userInfo.setUserInfoMapper(new UserInfoMapper(subjects));

        List<AuthenticationProvider> providers = new ArrayList<>(List.of(
                clientSecret,
                new JwtClientAssertionAuthenticationProvider(clients, authorizations),
                new PublicClientAuthenticationProvider(clients, authorizations),
                new X509ClientCertificateAuthenticationProvider(clients, authorizations),
                codeRequest,
                code,
                new OAuth2RefreshTokenAuthenticationProvider(authorizations, tokenGenerator),
                new OAuth2ClientCredentialsAuthenticationProvider(authorizations, tokenGenerator),
                new OAuth2TokenIntrospectionAuthenticationProvider(clients, authorizations),
                new OAuth2TokenRevocationAuthenticationProvider(authorizations),
                userInfo,
                new OidcLogoutAuthenticationProvider(clients, authorizations, sessionRegistry)));
        // CIBA's grant, in SAS's shape (SAS has none); absent when e-CPS or CIBA is switched off
        ciba.ifAvailable(providers::add);
        ProviderManager manager = new ProviderManager(providers);
        manager.setEraseCredentialsAfterAuthentication(false);
        // bounded: SAS calls block on Redis; a queue caps memory when Redis is slow instead of spawning threads
        return new ProtocolCore(manager, Schedulers.newBoundedElastic(64, 10_000, "sas-core"), settings);
    }
}
