package io.healthid.demo.psc;

import io.healthid.demo.settings.DemoProperties;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one registration, {@code psc}, read from the identity provider's discovery document on first use rather than at
 * start-up: the demo starts even while the identity provider is still starting, and a failed read is tried again on
 * the next request instead of being remembered.
 */
public class PscRegistrationRepository implements ReactiveClientRegistrationRepository {

    private final DemoProperties properties;
    private final AtomicReference<ClientRegistration> discovered = new AtomicReference<>();

    public PscRegistrationRepository(DemoProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        if (!DemoProperties.REGISTRATION_ID.equals(registrationId)) {
            return Mono.empty();
        }
        ClientRegistration known = this.discovered.get();
        if (known != null) {
            return Mono.just(known);
        }
        return Mono.fromCallable(this::discover).subscribeOn(Schedulers.boundedElastic())
            .doOnNext(this.discovered::set);
    }

    private ClientRegistration discover() {
        return ClientRegistrations.fromIssuerLocation(this.properties.issuer())
            .registrationId(DemoProperties.REGISTRATION_ID)
            .clientName("Pro Santé Connect")
            .clientId(this.properties.clientId())
            .clientSecret(this.properties.clientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(this.properties.redirectUri())
            .scope("openid", "scope_all")
            // PSC's advice: key people on SubjectNameID (the idNat), never on sub
            .userNameAttributeName("SubjectNameID")
            .build();
    }
}
