package io.healthid.idp.protocol.authorize;

import io.healthid.idp.protocol.RequestParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorization parameters a login transaction keeps while the person authenticates: those the login page and
 * the resumed request read (OIDC Core 3.1.2.1, RFC 7636, the response mode), nothing else, within
 * {@link #MAX_TOTAL_LENGTH} characters. An unknown parameter costs the sender nothing to send, so it is not stored.
 */
public final class StoredAuthorizationParameters {

    /** OIDC Core 3.1.2.1 parameters we act on, plus PKCE and the response mode. */
    public static final Set<String> KEPT = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method", "acr_values", "prompt", "max_age", "login_hint",
            "ui_locales", "response_mode", "claims_locales", "id_token_hint");

    /** Bounds a transaction's size in Redis whatever the parameter limits are. */
    static final int MAX_TOTAL_LENGTH = 8 * 1024;

    private StoredAuthorizationParameters() {
    }

    /** The parameters to store, or {@code null} when even those are over the size bound. */
    public static Map<String, List<String>> keep(RequestParameters parameters) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, List<String>> entry : parameters.toMap().entrySet()) {
            if (KEPT.contains(entry.getKey())) {
                for (String value : entry.getValue()) {
                    total += entry.getKey().length() + value.length();
                }
                kept.put(entry.getKey(), entry.getValue());
            }
        }
        return total > MAX_TOTAL_LENGTH ? null : kept;
    }
}
