package io.healthid.idp.config;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.authn.AuthenticationEvent;
import io.healthid.idp.authn.AuthenticationEvents;
import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.authn.card.CardProperties;
import io.healthid.idp.authorization.UsedClientAssertions;
import io.healthid.idp.authorization.UsedTokens;
import io.healthid.idp.claims.DirectoryClaims;
import io.healthid.idp.claims.IdTokenNames;
import io.healthid.idp.client.CachedRegisteredClientRepository;
import io.healthid.idp.fault.RequestErrorHandler;
import io.healthid.idp.fault.StoreUnavailableHandler;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.observability.ClientTags;
import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.observability.TokenEvents;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.ProtocolErrors;
import io.healthid.idp.protocol.authorize.AuthorizationEndpoint;
import io.healthid.idp.protocol.authorize.SsoPolicy;
import io.healthid.idp.protocol.ciba.CibaAuthenticationEndpoint;
import io.healthid.idp.protocol.ciba.CibaOutcomes;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import io.healthid.idp.protocol.clientauth.FailedSecretLimiter;
import io.healthid.idp.protocol.discovery.DiscoveryEndpoint;
import io.healthid.idp.protocol.discovery.JwksHandler;
import io.healthid.idp.protocol.introspect.IntrospectionEndpoint;
import io.healthid.idp.protocol.logout.LogoutEndpoint;
import io.healthid.idp.protocol.revoke.RevocationEndpoint;
import io.healthid.idp.protocol.token.RedeemedAuthorizations;
import io.healthid.idp.protocol.token.SessionBoundRefresh;
import io.healthid.idp.protocol.token.TokenEndpoint;
import io.healthid.idp.protocol.token.TokenReplayDefense;
import io.healthid.idp.protocol.token.TokenResponses;
import io.healthid.idp.protocol.userinfo.UserInfoEndpoint;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.LoginTransactionLimiter;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.IntrospectionProperties;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.x509.CertificateValidator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import reactor.core.publisher.Mono;

/** The HTTP side: one handler per endpoint at PSC's paths, the login page, error handling and security headers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntrospectionProperties.class)
public class WebConfiguration {

    @Bean
    SessionCookies sessionCookies(Issuer issuer) {
        return new SessionCookies(issuer.path(), issuer.value().startsWith("https:"));
    }

    @Bean
    AuthenticationEvents authenticationEvents(MeterRegistry meters, AuditTrail audit, ClientTags clients,
            ObjectProvider<Authenticator> authenticators) {
        return new AuthenticationEvents(meters, audit, clients,
                authenticators.orderedStream().map(Authenticator::method).distinct().toList());
    }

    /** A backchannel (CIBA) login ends in the same one event as a browser login. */
    @Bean
    CibaOutcomes cibaOutcomes(AuthenticationEvents events, Clock clock) {
        return (request, reason, duration) -> events.publish(new AuthenticationEvent(clock.instant(), AuthMethod.MOBILE,
                reason, request.clientId(), request.nationalId(), duration));
    }

    @Bean
    AuthorizationEndpoint authorizationEndpoint(ProtocolCore core, LoginSessionStore sessions,
            LoginTransactionStore transactions, SessionCookies cookies, Clock clock, IdpProperties properties, Issuer issuer,
            LoginTransactionLimiter limiter) {
        return new AuthorizationEndpoint(core, sessions, transactions, cookies, new SsoPolicy(clock), properties.limits(), issuer,
                limiter);
    }

    /** Mutual-TLS client authentication exists only with the card listener's certificate handling. */
    @Bean
    ClientAuthentication clientAuthentication(ProtocolCore core, IdpProperties properties,
            ObjectProvider<PresentedCertificateConverter> certificates,
            ObjectProvider<CertificateValidator> organisationCertificates, UsedClientAssertions usedAssertions,
            FailedSecretLimiter failedSecrets, Clock clock) {
        return new ClientAuthentication(core, properties.limits(), certificates.getIfAvailable(),
                organisationCertificates.getIfAvailable(), usedAssertions, failedSecrets, clock);
    }

    @Bean
    TokenEndpoint tokenEndpoint(ProtocolCore core, ClientAuthentication clientAuthentication,
            OAuth2AuthorizationService authorizations, CachedRegisteredClientRepository clients, UsedTokens usedTokens,
            LoginSessionStore sessions, TokenEvents tokenEvents, IdTokenNames idTokenNames,
            RedeemedAuthorizations redeemed) {
        return new TokenEndpoint(core, clientAuthentication,
                new TokenReplayDefense(core, authorizations, clients, usedTokens, redeemed),
                new SessionBoundRefresh(core, authorizations, sessions), new TokenResponses(), tokenEvents, idTokenNames);
    }

    @Bean
    UserInfoEndpoint userInfoEndpoint(ProtocolCore core, ReactiveJwtDecoder accessTokenDecoder, JwtEncoder encoder,
            CachedRegisteredClientRepository clients, ObjectProvider<DirectoryClaims> directoryClaims, IdpProperties properties,
            Clock clock, ObjectProvider<PresentedCertificateConverter> certificates) {
        return new UserInfoEndpoint(core, accessTokenDecoder, encoder, clients,
                Optional.ofNullable(directoryClaims.getIfAvailable()), properties.limits(), clock,
                certificates.getIfAvailable());
    }

    @Bean
    RouterFunction<ServerResponse> protocolRoutes(Issuer issuer, DiscoveryEndpoint discovery,
            AuthorizationEndpoint authorization, TokenEndpoint token, UserInfoEndpoint userInfo,
            ProtocolCore core, OAuth2AuthorizationService authorizations, LoginSessionStore sessions,
            SessionCookies cookies, IdpProperties properties, JwksHandler jwks,
            ClientAuthentication clientAuthentication, ProtocolErrors protocolErrors,
            IntrospectionProperties introspectionProperties, TokenEvents tokenEvents) {
        IntrospectionEndpoint introspection = new IntrospectionEndpoint(core, clientAuthentication,
                introspectionProperties.allowed());
        RevocationEndpoint revocation = new RevocationEndpoint(core, clientAuthentication, tokenEvents);
        LogoutEndpoint logout = new LogoutEndpoint(core, authorizations, sessions, cookies, properties.limits());
        return route(GET(issuer.route(Issuer.OPENID_CONFIGURATION)), discovery::metadata)
            .andRoute(GET(issuer.route(Issuer.WALLET_CONFIGURATION)), discovery::metadata)
            .andRoute(GET(issuer.route(Issuer.JWKS)), jwks::handle)
            .andRoute(GET(issuer.route(Issuer.AUTHORIZATION)).or(POST(issuer.route(Issuer.AUTHORIZATION))), authorization::authorize)
            .andRoute(POST(issuer.route(Issuer.TOKEN)), token::token)
            .andRoute(GET(issuer.route(Issuer.USERINFO)).or(POST(issuer.route(Issuer.USERINFO))), userInfo::userinfo)
            .andRoute(POST(issuer.route(Issuer.INTROSPECTION)), introspection::introspect)
            .andRoute(POST(issuer.route(Issuer.REVOCATION)), revocation::revoke)
            .andRoute(GET(issuer.route(Issuer.LOGOUT)).or(POST(issuer.route(Issuer.LOGOUT))), logout::logout)
            .andRoute(path(issuer.route(Issuer.TOKEN)).or(path(issuer.route(Issuer.INTROSPECTION)))
                .or(path(issuer.route(Issuer.REVOCATION))), WebConfiguration::postOnly)
            .filter(protocolErrors);
    }

    private static Mono<ServerResponse> postOnly(ServerRequest request) {
        return CorrelationId.errorBody(ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
            .header(HttpHeaders.ALLOW, "POST").contentType(MediaType.APPLICATION_JSON),
                Map.of("error", "invalid_request", "error_description", "this endpoint accepts POST only"));
    }

    @Bean
    DiscoveryEndpoint discoveryEndpoint(Issuer issuer, ObjectProvider<CardProperties> card,
            ObjectProvider<CibaAuthenticationEndpoint> ciba) {
        CardProperties cardProperties = card.getIfAvailable();
        Optional<String> mutualTlsIssuer = cardProperties == null ? Optional.empty()
                : Optional.of(cardProperties.publicUrl() + issuer.path());
        return new DiscoveryEndpoint(issuer, mutualTlsIssuer,
                ciba.getIfAvailable() == null ? Map.of() : CibaAuthenticationEndpoint.discovery(issuer));
    }

    @Bean
    RequestErrorHandler requestErrorHandler(ServerCodecConfigurer codecs, List<ViewResolver> viewResolvers) {
        return new RequestErrorHandler(codecs, viewResolvers);
    }

    @Bean
    StoreUnavailableHandler storeUnavailableHandler(MeterRegistry meters, ServerCodecConfigurer codecs,
            List<ViewResolver> viewResolvers) {
        return new StoreUnavailableHandler(meters, codecs, viewResolvers);
    }

    /**
     * Spring Security's WebFlux chain only for what it does best here: response headers. Every endpoint authenticates
     * its own callers (clients, bearer tokens, sessions), and the forms are bound to unguessable transaction ids.
     */
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Issuer issuer) {
        boolean httpsIssuer = issuer.value().startsWith("https:");
        // every endpoint authenticates its caller itself (clients, bearer tokens, the SSO cookie, the console's own
        // sign-in): Spring Security contributes the firewall and the response headers, and no per-request
        // authentication or authorization step that would only ever permit
        return http
            .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .headers(headers -> headers
                .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                // HSTS binds a host, not a port: sent from the card listener of an http:// demo issuer, it would
                // make browsers rewrite the main port's URLs to https and break every flow
                .hsts(hsts -> {
                    if (!httpsIssuer) {
                        hsts.disable();
                    }
                }))
            .build();
    }
}
