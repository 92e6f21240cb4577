package io.healthid.idp.settings;

import java.util.List;

/** How clients may authenticate (OIDC Core 9, RFC 8705): what clients may be registered with. */
public final class ClientAuthenticationMethods {

    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final String TLS_CLIENT_AUTH = "tls_client_auth";
    /** A public client: no authentication, PKCE required. */
    public static final String NONE = "none";

    public static final List<String> ALL = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT,
            TLS_CLIENT_AUTH, NONE);

    /** The methods that present a shared secret. */
    public static final List<String> SECRET = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST);

    /**
     * What discovery advertises on the main host; {@code tls_client_auth} is added where the card listener serves
     * mutual TLS.
     */
    public static final List<String> REMOTE = List.of(CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT);

    /** The JWS algorithms a {@code private_key_jwt} client signs its assertions with. */
    public static final List<String> ASSERTION_ALGORITHMS = List.of("RS256");

    private ClientAuthenticationMethods() {
    }
}
