package io.healthid.idp.settings;

import java.util.List;

/** The grant types this provider serves: what clients may be registered with and what discovery advertises. */
public final class GrantTypes {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** OpenID CIBA Core section 10.1: the token request of a backchannel authentication. */
    public static final String CIBA = "urn:openid:params:grant-type:ciba";

    public static final List<String> SUPPORTED = List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS, CIBA);

    private GrantTypes() {
    }
}
