package io.healthid.idp.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.springframework.web.reactive.function.server.ServerRequest;

/** The address a request came from: the key of per-address limits (never logged with anything personal). */
public final class ClientAddresses {

    private ClientAddresses() {
    }

    public static String of(ServerRequest request) {
        return request.remoteAddress().map(InetSocketAddress::getAddress).map(InetAddress::getHostAddress).orElse("unknown");
    }
}
