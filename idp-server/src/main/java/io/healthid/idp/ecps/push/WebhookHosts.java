package io.healthid.idp.ecps.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts a webhook push may go to ({@code idp.ecps.push.webhook-hosts}). The server never sends a request to an
 * address a stranger chose: a webhook URL is accepted at registration, and used at push time, only on these hosts.
 */
public final class WebhookHosts {

    /** The embedded default: the phone simulator and the tests run on this machine. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final Set<String> hosts;

    public WebhookHosts(List<String> hosts) {
        this.hosts = hosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** An http(s) URL without user info whose host is on the list. */
    public boolean allows(String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getRawUserInfo() == null
                    && uri.getHost() != null && this.hosts.contains(uri.getHost().toLowerCase(Locale.ROOT))
                    && uri.getRawFragment() == null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }

    public boolean isEmpty() {
        return this.hosts.isEmpty();
    }
}
