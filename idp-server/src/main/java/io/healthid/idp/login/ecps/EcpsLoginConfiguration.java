package io.healthid.idp.login.ecps;

import io.healthid.idp.authn.card.CardCertificateValidator;
import io.healthid.idp.authn.ecps.EcpsAuthenticator;
import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsProperties;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.activation.CorrespondenceActivation;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.ecps.device.DeviceProofs;
import io.healthid.idp.ecps.device.DeviceRegistration;
import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.login.LogoutEverywhere;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/**
 * e-CPS over HTTP: the device API under {@code {issuer}/ecps/v1} (the phone's side of the ceremony), the e-CPS
 * authenticator on the login page and the browser's side (form, waiting page, events).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(ChallengeService.class)
public class EcpsLoginConfiguration {

    public static final String API = "/ecps/v1";

    @Bean
    EcpsAuthenticator ecpsAuthenticator(Issuer issuer) {
        return new EcpsAuthenticator(issuer);
    }

    @Bean
    RouterFunction<ServerResponse> ecpsLoginRoutes(Issuer issuer, LoginTransactionStore transactions,
            RegisteredClientRepository clients, ChallengeService challenges, LoginCompletion completion,
            EcpsAuthenticator authenticator, Clock clock) {
        EcpsLoginEndpoint login = new EcpsLoginEndpoint(transactions, clients, challenges, completion, authenticator,
                new BrowserBinding(issuer.path(), issuer.value().startsWith("https:")), issuer, clock);
        return RouterFunctions.route()
            .GET(issuer.route(EcpsAuthenticator.LOGIN_PATH), login::form)
            .POST(issuer.route(EcpsAuthenticator.LOGIN_PATH), login::start)
            .GET(issuer.route(EcpsLoginEndpoint.WAIT_PATH), login::await)
            .GET(issuer.route(EcpsLoginEndpoint.EVENTS_PATH), login::events)
            .build();
    }

    /** Served on every listener; only the card listener (or the proxy's card host) brings a card certificate. */
    @Bean
    @ConditionalOnBean(CardCertificateValidator.class)
    RouterFunction<ServerResponse> ecpsCardActivationRoute(Issuer issuer, PresentedCertificateConverter certificates,
            CardCertificateValidator validator, ObjectProvider<PractitionerVerifier> verifier, ActivationStore activations,
            EcpsProperties properties) {
        CardActivationPage page = new CardActivationPage(certificates, validator, Optional.ofNullable(verifier.getIfAvailable()),
                activations, properties.activation().cardCodeLifetime(), Schedulers.boundedElastic());
        return RouterFunctions.route().GET(issuer.route(CardActivationPage.PATH), page::show).build();
    }

    @Bean
    RouterFunction<ServerResponse> ecpsDeviceApiRoutes(Issuer issuer, CorrespondenceActivation activation,
            DeviceRegistration registration, DeviceRepository devices, DeviceProofs proofs, ChallengeService challenges,
            LogoutEverywhere logoutEverywhere, EcpsMetrics metrics, Clock clock) {
        RequestProofs requestProofs = new RequestProofs(proofs, metrics);
        ActivationEndpoint activationEndpoint = new ActivationEndpoint(activation, metrics);
        DeviceEndpoint deviceEndpoint = new DeviceEndpoint(registration, requestProofs, devices, logoutEverywhere, metrics,
                clock);
        ChallengeEndpoint challengeEndpoint = new ChallengeEndpoint(challenges, requestProofs, metrics);
        String api = issuer.route(API);
        return RouterFunctions.route()
            .POST(api + "/activations", activationEndpoint::start)
            .POST(api + "/devices", deviceEndpoint::register)
            .GET(api + "/devices", deviceEndpoint::list)
            .DELETE(api + "/devices/{deviceId}", deviceEndpoint::revoke)
            .POST(api + "/devices/{deviceId}/logout-everywhere", deviceEndpoint::logoutEverywhere)
            .GET(api + "/challenges/{challengeId}", challengeEndpoint::show)
            .POST(api + "/challenges/{challengeId}", challengeEndpoint::answer)
            .build();
    }
}
