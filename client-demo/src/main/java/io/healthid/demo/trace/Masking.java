package io.healthid.demo.trace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides what must not be shown on a page anyone can look over a shoulder at: secrets entirely, and tokens, codes and
 * verifiers but for their first characters, enough to tell two apart.
 */
public final class Masking {

    /** Form and query parameters whose value is masked. */
    static final Set<String> SECRET_PARAMETERS = Set.of("code", "code_verifier", "client_secret", "refresh_token",
            "access_token", "id_token", "id_token_hint", "logout_token", "client_assertion", "state", "nonce");

    /** JSON members whose value is masked. */
    private static final Pattern JSON_TOKEN = Pattern.compile(
            "\"(access_token|refresh_token|id_token|session_state)\"\\s*:\\s*\"([^\"]*)\"");

    private static final int SHOWN = 8;

    private Masking() {
    }

    /** {@code eyJhbGci…} followed by the length, so a developer sees the shape without the value. */
    public static String token(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.length() <= SHOWN) {
            return "…";
        }
        return value.substring(0, SHOWN) + "… (" + value.length() + ")";
    }

    /** A URL with its secret query parameters masked. */
    public static String url(URI uri) {
        String query = uri.getRawQuery();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
        return query == null ? base : base + "?" + form(query);
    }

    /** A form body ({@code a=b&c=d}) with its secret parameters masked. */
    public static String form(String body) {
        StringBuilder masked = new StringBuilder();
        for (String pair : body.split("&")) {
            if (!masked.isEmpty()) {
                masked.append('&');
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            masked.append(equals >= 0 && SECRET_PARAMETERS.contains(name)
                    ? name + "=" + token(pair.substring(equals + 1)) : pair);
        }
        return masked.toString();
    }

    /** A JSON body with its token members masked. */
    public static String json(String body) {
        Matcher matcher = JSON_TOKEN.matcher(body);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(masked, Matcher.quoteReplacement(
                    "\"" + matcher.group(1) + "\":\"" + token(matcher.group(2)) + "\""));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }

    /** A header line; credentials show their scheme and, for Basic, the client id only. */
    public static String header(String name, String value) {
        if ("Authorization".equalsIgnoreCase(name)) {
            if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return name + ": Basic base64(" + (colon < 0 ? "…" : decoded.substring(0, colon)) + ":••••••)";
            }
            int space = value.indexOf(' ');
            return name + ": " + (space < 0 ? token(value) : value.substring(0, space + 1) + token(value.substring(space + 1)));
        }
        if ("Cookie".equalsIgnoreCase(name) || "Set-Cookie".equalsIgnoreCase(name)) {
            return name + ": ••••••";
        }
        return name + ": " + value;
    }
}
