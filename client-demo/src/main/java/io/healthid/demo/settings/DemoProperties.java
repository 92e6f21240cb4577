package io.healthid.demo.settings;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo's settings ({@code demo.*}).
 *
 * @param baseUrl this demo's public URL, from which the registered redirect and post-logout URIs are built
 * @param issuer the identity provider's issuer; its discovery document gives every endpoint
 * @param clientId the demo's client id at the identity provider
 * @param clientSecret its secret ({@code client_secret_basic})
 */
@ConfigurationProperties("demo")
public record DemoProperties(String baseUrl, String issuer, String clientId, String clientSecret) {

    public static final String REGISTRATION_ID = "psc";

    public String redirectUri() {
        return this.baseUrl + "/login/oauth2/code/" + REGISTRATION_ID;
    }

    public String postLogoutRedirectUri() {
        return this.baseUrl + "/";
    }

    /** The identity provider's origin (scheme, host, port), where it serves its test cards. */
    public String idpOrigin() {
        URI uri = URI.create(this.issuer);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
