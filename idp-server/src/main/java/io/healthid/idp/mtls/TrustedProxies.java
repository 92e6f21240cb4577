package io.healthid.idp.mtls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The front proxies whose forwarded client certificate is believed: exact addresses or CIDR ranges, IPv4 or IPv6. */
public final class TrustedProxies {

    private record Range(byte[] network, int prefix) {
    }

    private final List<Range> ranges;

    public TrustedProxies(List<String> entries) {
        this.ranges = entries.stream().map(TrustedProxies::parse).toList();
    }

    public boolean isTrusted(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return false;
        }
        byte[] address = remote.getAddress().getAddress();
        return this.ranges.stream().anyMatch(range -> range.network().length == address.length && sameNetwork(range, address));
    }

    private static boolean sameNetwork(Range range, byte[] address) {
        int bits = range.network().length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
            .xor(BigInteger.ONE.shiftLeft(bits - range.prefix()).subtract(BigInteger.ONE));
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, range.network()).and(mask));
    }

    private static Range parse(String entry) {
        String[] parts = entry.trim().split("/", 2);
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
            // literal addresses only: a host name here would make trust depend on DNS
            throw new IllegalArgumentException("idp.card.trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
        }
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("idp.card.trusted-proxies: bad prefix in '" + entry + "'");
            }
            return new Range(network, prefix);
        }
        catch (UnknownHostException | NumberFormatException ex) {
            throw new IllegalArgumentException("idp.card.trusted-proxies: '" + entry + "' is not an IP address or CIDR range", ex);
        }
    }
}
