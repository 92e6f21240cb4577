package io.healthid.demo.config;

import io.healthid.demo.outbox.SmsGatewayEndpoint;
import io.healthid.demo.phone.PushReceiver;
import io.healthid.demo.psc.PscRegistrationRepository;
import io.healthid.demo.settings.DemoProperties;
import io.healthid.demo.trace.RecordingConnector;
import io.healthid.demo.web.SignInHandlers;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.OidcBackChannelServerLogoutHandler;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.server.session.InMemoryReactiveOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.server.session.ReactiveOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring Security's reactive OAuth2 client, set up as a PSC integrator should: authorization code with PKCE,
 * {@code acr_values=eidas1}, {@code scope=openid scope_all}, the userinfo call (Spring skips it by default for
 * scopes other than OIDC's standard ones, and PSC's claims are all there), RP-initiated logout, and back-channel
 * logout (Spring's receiver checks the logout token and ends the matching sessions).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Where the identity provider posts logout tokens: Spring's default path for the {@code psc} registration. */
    public static final String BACKCHANNEL_LOGOUT_PATH = "/logout/connect/back-channel/" + DemoProperties.REGISTRATION_ID;

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(DemoProperties properties) {
        return new PscRegistrationRepository(properties);
    }

    /** Shared by Spring's back-channel logout receiver and the handler below. */
    @Bean
    ReactiveOidcSessionRegistry oidcSessions() {
        return new InMemoryReactiveOidcSessionRegistry();
    }

    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** The client for every call to the identity provider; each call made while handling a login is traced. */
    @Bean
    WebClient identityProviderClient() {
        return WebClient.builder()
            .clientConnector(new RecordingConnector(new ReactorClientHttpConnector(), SecurityConfiguration::stepOf))
            .build();
    }

    @Bean
    WebClientReactiveRefreshTokenTokenResponseClient refreshTokenClient(WebClient identityProviderClient) {
        WebClientReactiveRefreshTokenTokenResponseClient client = new WebClientReactiveRefreshTokenTokenResponseClient();
        client.setWebClient(identityProviderClient);
        return client;
    }

    @Bean
    DefaultReactiveOAuth2UserService userInfoClient(WebClient identityProviderClient) {
        DefaultReactiveOAuth2UserService userInfo = new DefaultReactiveOAuth2UserService();
        userInfo.setWebClient(identityProviderClient);
        return userInfo;
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients, WebClient identityProviderClient,
            DefaultReactiveOAuth2UserService userInfoClient, SignInHandlers signIn, DemoProperties properties,
            ReactiveOidcSessionRegistry oidcSessions, @Value("${server.reactive.session.cookie.name}") String sessionCookie) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
            .andThen(request -> request.additionalParameters(parameters -> parameters.put("acr_values", "eidas1"))));

        WebClientReactiveAuthorizationCodeTokenResponseClient tokenClient = new WebClientReactiveAuthorizationCodeTokenResponseClient();
        tokenClient.setWebClient(identityProviderClient);
        OidcReactiveOAuth2UserService oidcUsers = new OidcReactiveOAuth2UserService();
        oidcUsers.setOauth2UserService(userInfoClient);
        oidcUsers.setRetrieveUserInfo(request -> true);

        OidcClientInitiatedServerLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        logoutSuccess.setPostLogoutRedirectUri(properties.postLogoutRedirectUri());

        return http
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers("/", "/css/**", "/favicon.svg", "/test-cards", "/test-cards/**",
                        BACKCHANNEL_LOGOUT_PATH).permitAll()
                // the phone simulator and the outbox stand for things outside the relying party: no sign-in
                .pathMatchers("/phone", "/phone/**", "/outbox", "/outbox/**").permitAll()
                .anyExchange().authenticated())
            .oauth2Login(login -> login
                .authorizationRequestResolver(signIn.recording(resolver))
                .authenticationManager(new OidcAuthorizationCodeReactiveAuthenticationManager(tokenClient, oidcUsers))
                .authorizedClientRepository(authorizedClients)
                .authenticationSuccessHandler(signIn.success())
                .authenticationFailureHandler(signIn.failure()))
            // a page that needs a signed-in person starts the login at once: there is one identity provider
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(
                    new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/" + DemoProperties.REGISTRATION_ID)))
            .oidcLogout(logout -> logout.backChannel(backChannel -> backChannel.logoutHandler(
                    backChannelLogout(oidcSessions, sessionCookie))))
            .logout(logout -> logout
                .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                        new WebSessionServerLogoutHandler()))
                .logoutSuccessHandler(logoutSuccess))
            .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                    ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/**"),
                    // the identity provider, not a browser, posts to these: the logout token, an SMS, a push
                    new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(BACKCHANNEL_LOGOUT_PATH,
                            SmsGatewayEndpoint.PATH, PushReceiver.PATH + "*")))))
            .build();
    }

    /**
     * Spring's handler ends each matching session by calling the demo's own logout with that session's cookie: it must
     * know the cookie's name (ours is not Spring's default, see application.yml).
     */
    private static OidcBackChannelServerLogoutHandler backChannelLogout(ReactiveOidcSessionRegistry sessions, String cookie) {
        OidcBackChannelServerLogoutHandler handler = new OidcBackChannelServerLogoutHandler(sessions);
        handler.setSessionCookieName(cookie);
        return handler;
    }

    /** The trace step of a call to the identity provider, from its URL. */
    static String stepOf(URI uri) {
        String path = uri.getPath();
        if (path.endsWith("/token")) {
            return "trace.step.token";
        }
        if (path.endsWith("/userinfo")) {
            return "trace.step.userinfo";
        }
        return "trace.step.other";
    }
}
