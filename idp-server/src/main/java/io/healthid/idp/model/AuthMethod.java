package io.healthid.idp.model;

import java.util.List;

/**
 * The means a person authenticated with. The names are PSC's {@code authMode} claim values (and its CIBA channel
 * names), so they appear unchanged in tokens, metrics and audit entries.
 */
public enum AuthMethod {

    /** A CPx smart card presented as a TLS client certificate. */
    CARD("X509", "sc", "hwk", "pin", "mfa"),

    /** The e-CPS mobile app: push to an enrolled device, confirmed with a PIN. */
    MOBILE("ECPS", "swk", "pin", "mfa"),

    /**
     * Not a means of the product: the test suite's authenticator, which believes any national identifier it is given
     * (ADR 0014). Its own name in {@code authMode} and {@code amr} ({@code "test"}), so nothing it signs in can pass for
     * a card or e-CPS login; no authenticator of the server produces it.
     */
    TEST("TEST", "test");

    /** The means people use, in the order operators read them: what dashboards and the console list. */
    public static final List<AuthMethod> MEANS = List.of(CARD, MOBILE);

    private final String factor;
    private final List<String> amr;

    AuthMethod(String factor, String... amr) {
        this.factor = factor;
        this.amr = List.of(amr);
    }

    /** RFC 8176 authentication method references this means satisfies. */
    public List<String> amr() {
        return this.amr;
    }

    /** The name of the factor Spring Security's factor authority records (SAS reads {@code auth_time} from it). */
    public String factor() {
        return this.factor;
    }
}
