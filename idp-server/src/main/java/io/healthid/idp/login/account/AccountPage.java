package io.healthid.idp.login.account;

import io.healthid.idp.ecps.device.Device;
import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.login.LogoutEverywhere;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.session.FormTokens;
import io.healthid.idp.session.LoginSession;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.Issuer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code {issuer}/account}: the signed-in person's page (their SSO session cookie says who): their e-CPS devices with
 * a button to revoke each, and "log out everywhere". Both buttons are forms posted back with an anti-CSRF token
 * derived from the session cookie ({@link FormTokens}); the cookie itself is SameSite=Lax, so another site's form
 * does not carry it either.
 */
public class AccountPage {

    public static final String PATH = "/account";
    public static final String REVOKE_PATH = PATH + "/devices/revoke";
    public static final String LOGOUT_EVERYWHERE_PATH = PATH + "/logout-everywhere";
    private static final String FORM_PURPOSE = "account";
    /** Dates as the person reads them: the day in France, where the directory and its people are. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.of("Europe/Paris"));

    private final LoginSessionStore sessions;
    private final SessionCookies cookies;
    private final Optional<DeviceRepository> devices;
    private final LogoutEverywhere logoutEverywhere;
    private final Issuer issuer;
    private final Clock clock;

    public AccountPage(LoginSessionStore sessions, SessionCookies cookies, Optional<DeviceRepository> devices,
            LogoutEverywhere logoutEverywhere, Issuer issuer, Clock clock) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.devices = devices;
        this.logoutEverywhere = logoutEverywhere;
        this.issuer = issuer;
        this.clock = clock;
    }

    public Mono<ServerResponse> show(ServerRequest request) {
        String cookie = this.cookies.read(request.exchange());
        return signedIn(cookie)
            .flatMap(session -> this.devices.map(repository -> repository.findByNationalId(session.nationalId()).collectList())
                .orElse(Mono.just(List.of()))
                .flatMap(list -> render(session, cookie, list)))
            .switchIfEmpty(Mono.defer(AccountPage::signedOut));
    }

    /** {@code POST deviceId, token}: revokes one of the person's devices, then shows the page again. */
    public Mono<ServerResponse> revokeDevice(ServerRequest request) {
        return confirmed(request, (session, form) -> this.devices
            .map(repository -> repository.revoke(session.nationalId(), String.valueOf(form.getFirst("deviceId")), this.clock.instant()))
            .orElse(Mono.just(false))
            .then(ServerResponse.seeOther(URI.create(this.issuer.url(PATH))).build()));
    }

    /** {@code POST token}: ends every session of the person, this one included, and revokes their tokens. */
    public Mono<ServerResponse> logoutEverywhere(ServerRequest request) {
        return confirmed(request, (session, form) -> this.logoutEverywhere.of(session.nationalId())
            .then(Pages.problem(HttpStatus.OK, "page.account.everywhere-done.title", "page.account.everywhere-done.message",
                    null, Map.of(), this.cookies.clear())));
    }

    private interface Action {
        Mono<ServerResponse> run(LoginSession session, MultiValueMap<String, String> form);
    }

    /** The action runs only for a live session whose own form token came back; anything else changes nothing. */
    private Mono<ServerResponse> confirmed(ServerRequest request, Action action) {
        String cookie = this.cookies.read(request.exchange());
        return signedIn(cookie)
            .flatMap(session -> request.formData().flatMap(form -> FormTokens.matches(FormTokens.tokenFor(FORM_PURPOSE, cookie),
                    form.getFirst("token")) ? action.run(session, form)
                    : Pages.problem(HttpStatus.FORBIDDEN, "page.account.form-expired.title",
                            "page.account.form-expired.message", null, Map.of("retryUri", this.issuer.url(PATH)))))
            .switchIfEmpty(Mono.defer(AccountPage::signedOut));
    }

    private Mono<LoginSession> signedIn(String cookie) {
        return cookie == null ? Mono.empty() : this.sessions.findByCookie(cookie);
    }

    private Mono<ServerResponse> render(LoginSession session, String cookie, List<Device> list) {
        Instant now = this.clock.instant();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("nationalId", session.nationalId());
        model.put("token", FormTokens.tokenFor(FORM_PURPOSE, cookie));
        model.put("ecps", this.devices.isPresent());
        model.put("devices", list.stream().map(device -> describe(device, now)).toList());
        model.put("revokeUri", this.issuer.url(REVOKE_PATH));
        model.put("logoutEverywhereUri", this.issuer.url(LOGOUT_EVERYWHERE_PATH));
        return Pages.render(HttpStatus.OK, "account", model);
    }

    private static Map<String, Object> describe(Device device, Instant now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", device.id());
        view.put("platform", device.platform().wireName());
        view.put("osVersion", device.osVersion());
        view.put("appVersion", device.appVersion());
        view.put("activatedBy", device.activatedBy().name().toLowerCase(Locale.ROOT));
        view.put("createdAt", DAY.format(device.createdAt()));
        view.put("expiresAt", DAY.format(device.expiresAt()));
        view.put("status", device.status(now).wireName());
        return view;
    }

    private static Mono<ServerResponse> signedOut() {
        return Pages.problem(HttpStatus.UNAUTHORIZED, "page.account.signed-out.title", "page.account.signed-out.message",
                null, Map.of());
    }
}
