package io.healthid.idp.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The service's displayed name is {@code idp.display-name} (the test profile names it "Santé Connect de test"): the
 * header and title of the pages people see, and the texts that name the service.
 */
@IdpIntegrationTest
class ServiceNameTest {

    static final String TEST_NAME = "Santé Connect de test";

    @Test
    void pagesWhenDisplayNameConfiguredThenHeaderTitleAndTextsUseIt() {
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        String page = browser.get(login + "&" + Authenticator.NOT_DETECTED + "=CARD").getResponseBody();
        assertThat(page).contains("<title>Connexion · " + TEST_NAME + "</title>")
            .contains("<p class=\"brand\">" + TEST_NAME + "</p>")
            .doesNotContain(">Pro Santé Connect<");

        // without a session, logout says at once which service the person left
        EntityExchangeResult<String> closed = new Browser(ServerPort.PORT).get(RelyingParty.REALM + "/protocol/openid-connect/logout");
        assertThat(closed.getResponseBody()).contains("Vous êtes déconnecté de " + TEST_NAME + ".")
            .contains("<title>Session fermée · " + TEST_NAME + "</title>");
        assertThat(new Browser(ServerPort.PORT).get(RelyingParty.REALM + "/account").getResponseBody())
            .contains("Connectez-vous d&#39;abord à une application avec " + TEST_NAME + ",");
    }

    @Test
    void displayNameWhenNotConfiguredThenProSanteConnect() {
        IdpProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of("idp.realm", "esante-wallet")))
            .bindOrCreate("idp", IdpProperties.class);
        assertThat(defaults.displayName()).isEqualTo("Pro Santé Connect");
    }
}
