package io.healthid.idp.pki;

import io.healthid.idp.x509.CrlSource;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server that is itself the test CA reads its own CRLs from memory instead of over HTTP: revocations count at once,
 * and the distribution points stay good whatever port the server runs on now (they name the one the PKI was created
 * under). Any other distribution point goes to the next source.
 */
final class TestPkiCrlSource implements CrlSource {

    private static final Pattern OWN_CRL = Pattern.compile("/pki/crl/(\\w+)\\.crl");

    private final EmbeddedPki pki;
    private final CrlSource others;

    TestPkiCrlSource(EmbeddedPki pki, CrlSource others) {
        this.pki = pki;
        this.others = others;
    }

    @Override
    public byte[] fetch(URI distributionPoint) throws IOException {
        Optional<CaName> own = ownCa(distributionPoint);
        return own.isPresent() ? this.pki.crl(own.get()) : this.others.fetch(distributionPoint);
    }

    @Override
    public boolean isLocal(URI distributionPoint) {
        return ownCa(distributionPoint).isPresent();
    }

    /** Ours: the test PKI's base host and CRL path; the port is not compared, it follows the server's. */
    private Optional<CaName> ownCa(URI distributionPoint) {
        String host = this.pki.current().baseUrl().getHost();
        Matcher path = OWN_CRL.matcher(distributionPoint.getPath() == null ? "" : distributionPoint.getPath());
        if (host == null || !host.equalsIgnoreCase(distributionPoint.getHost()) || !path.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CaName.valueOf(path.group(1).toUpperCase(Locale.ROOT)));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }
}
