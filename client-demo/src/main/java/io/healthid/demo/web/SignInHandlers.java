package io.healthid.demo.web;

import io.healthid.demo.context.ContextChooser;
import io.healthid.demo.context.WorkingContext;
import io.healthid.demo.psc.PscProfile;
import io.healthid.demo.settings.DemoProperties;
import io.healthid.demo.trace.HttpExchangeRecord;
import io.healthid.demo.trace.LoginTrace;
import io.healthid.demo.trace.Masking;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * What the demo does around Spring's login: notes the authorization request and the callback for the trace page,
 * keeps the tokens and userinfo to show them, proposes the working context when there is only one, and turns a
 * refused login into a page that says why.
 */
@Component
public class SignInHandlers {

    private final ServerOAuth2AuthorizedClientRepository authorizedClients;
    private final ContextChooser chooser = new ContextChooser();

    public SignInHandlers(ServerOAuth2AuthorizedClientRepository authorizedClients) {
        this.authorizedClients = authorizedClients;
    }

    /** The authorization request resolver, also keeping the request (masked) for the trace of this login. */
    public ServerOAuth2AuthorizationRequestResolver recording(ServerOAuth2AuthorizationRequestResolver resolver) {
        return new ServerOAuth2AuthorizationRequestResolver() {
            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                return remember(exchange, resolver.resolve(exchange));
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String clientRegistrationId) {
                return remember(exchange, resolver.resolve(exchange, clientRegistrationId));
            }
        };
    }

    private static Mono<OAuth2AuthorizationRequest> remember(ServerWebExchange exchange, Mono<OAuth2AuthorizationRequest> request) {
        return request.flatMap(authorization -> exchange.getSession().map(session -> {
            session.getAttributes().put(LoginTrace.PENDING_AUTHORIZATION, new HttpExchangeRecord("trace.step.authorize",
                    "browser", "GET " + Masking.url(URI.create(authorization.getAuthorizationRequestUri())), List.of(), "",
                    "", List.of(), ""));
            return authorization;
        }));
    }

    public ServerAuthenticationSuccessHandler success() {
        RedirectServerAuthenticationSuccessHandler redirect = new RedirectServerAuthenticationSuccessHandler("/profile");
        return (webFilterExchange, authentication) -> {
            ServerWebExchange exchange = webFilterExchange.getExchange();
            return this.authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient(DemoProperties.REGISTRATION_ID,
                    authentication, exchange)
                .zipWith(exchange.getSession())
                .doOnNext(loaded -> remember(exchange, loaded.getT2(), authentication, loaded.getT1()))
                .then(redirect.onAuthenticationSuccess(webFilterExchange, authentication));
        };
    }

    private void remember(ServerWebExchange exchange, WebSession session, Authentication authentication,
            OAuth2AuthorizedClient client) {
        if (!(authentication instanceof OAuth2AuthenticationToken token) || !(token.getPrincipal() instanceof OidcUser user)) {
            return;
        }
        Map<String, Object> userInfo = user.getUserInfo() == null ? Map.of() : user.getUserInfo().getClaims();
        session.getAttributes().put(SignedIn.SESSION_ATTRIBUTE, new SignedIn(user.getIdToken().getTokenValue(),
                client.getAccessToken().getTokenValue(), client.getAccessToken().getExpiresAt(),
                client.getRefreshToken() != null, userInfo, null, null));

        List<HttpExchangeRecord> trace = new ArrayList<>();
        Object authorization = session.getAttributes().remove(LoginTrace.PENDING_AUTHORIZATION);
        if (authorization instanceof HttpExchangeRecord record) {
            trace.add(record);
        }
        trace.add(new HttpExchangeRecord("trace.step.callback", "browser",
                "GET " + Masking.url(exchange.getRequest().getURI()), List.of(), "", "302",
                List.of("Location: /profile"), ""));
        trace.addAll(LoginTrace.of(exchange).exchanges());
        session.getAttributes().put(LoginTrace.SESSION_ATTRIBUTE, new ArrayList<>(trace));

        PscProfile profile = PscProfile.fromUserInfo(userInfo);
        WorkingContext previous = (WorkingContext) session.getAttributes().get(WorkingContext.SESSION_ATTRIBUTE);
        this.chooser.stillValid(profile, previous).or(() -> this.chooser.onlyChoice(profile)).ifPresentOrElse(
                context -> session.getAttributes().put(WorkingContext.SESSION_ATTRIBUTE, context),
                () -> session.getAttributes().remove(WorkingContext.SESSION_ATTRIBUTE));
    }

    /** A refused login (the person cancelled, the directory refused them, a check failed) ends on the home page. */
    public ServerAuthenticationFailureHandler failure() {
        return (WebFilterExchange webFilterExchange, AuthenticationException exception) -> {
            String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "login_failed";
            ServerWebExchange exchange = webFilterExchange.getExchange();
            exchange.getResponse().setStatusCode(HttpStatus.FOUND);
            exchange.getResponse().getHeaders().setLocation(URI.create("/?error=" + code.replaceAll("[^a-z_]", "")));
            return exchange.getResponse().setComplete();
        };
    }
}
