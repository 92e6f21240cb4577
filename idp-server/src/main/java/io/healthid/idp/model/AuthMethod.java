package io.healthid.idp.model;

import java.util.List;

/**
 * The means a person authenticated with. The names are PSC's {@code authMode} claim values (and its CIBA channel
 * names), so they appear unchanged in tokens, metrics and audit entries.
 */
public enum AuthMethod {

    /** A CPx smart card presented as a TLS client certificate. */
    CARD("sc", "hwk", "pin", "mfa"),

    /** The e-CPS mobile app: push to an enrolled device, confirmed with a PIN. */
    MOBILE("swk", "pin", "mfa");

    private final List<String> amr;

    AuthMethod(String... amr) {
        this.amr = List.of(amr);
    }

    /** RFC 8176 authentication method references this means satisfies. */
    public List<String> amr() {
        return this.amr;
    }
}
