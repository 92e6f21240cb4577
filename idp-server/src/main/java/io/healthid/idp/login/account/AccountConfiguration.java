package io.healthid.idp.login.account;

import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.login.LogoutEverywhere;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The account page's routes under the issuer; its device list only while e-CPS is on. */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    @Bean
    RouterFunction<ServerResponse> accountRoutes(Issuer issuer, LoginSessionStore sessions, SessionCookies cookies,
            ObjectProvider<DeviceRepository> devices, LogoutEverywhere logoutEverywhere, Clock clock) {
        AccountPage page = new AccountPage(sessions, cookies, Optional.ofNullable(devices.getIfAvailable()), logoutEverywhere,
                issuer, clock);
        return RouterFunctions.route()
            .GET(issuer.route(AccountPage.PATH), page::show)
            .POST(issuer.route(AccountPage.REVOKE_PATH), page::revokeDevice)
            .POST(issuer.route(AccountPage.LOGOUT_EVERYWHERE_PATH), page::logoutEverywhere)
            .build();
    }
}
