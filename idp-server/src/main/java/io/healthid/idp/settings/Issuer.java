package io.healthid.idp.settings;

/**
 * The issuer identifier and the PSC endpoint paths under it (psc-profile.md). The issuer comes from configuration,
 * never from the request's Host header, so a forged header cannot change what tokens say.
 */
public record Issuer(String value, String path) {

    public static final String AUTHORIZATION = "/protocol/openid-connect/auth";
    public static final String TOKEN = "/protocol/openid-connect/token";
    public static final String USERINFO = "/protocol/openid-connect/userinfo";
    public static final String JWKS = "/protocol/openid-connect/certs";
    public static final String LOGOUT = "/protocol/openid-connect/logout";
    public static final String INTROSPECTION = "/protocol/openid-connect/token/introspect";
    public static final String REVOCATION = "/protocol/openid-connect/revoke";
    public static final String OPENID_CONFIGURATION = "/.well-known/openid-configuration";
    public static final String WALLET_CONFIGURATION = "/.well-known/wallet-openid-configuration";
    public static final String LOGIN = "/login-actions/authenticate";

    public static Issuer of(IdpProperties properties) {
        String path = "/auth/realms/" + properties.realm();
        return new Issuer(properties.baseUrl() + path, path);
    }

    /** Absolute URL of an endpoint. */
    public String url(String endpoint) {
        return this.value + endpoint;
    }

    /** Server-relative path of an endpoint, for routing. */
    public String route(String endpoint) {
        return this.path + endpoint;
    }
}
