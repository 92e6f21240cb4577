package io.healthid.idp.x509;

import java.io.IOException;
import java.net.URI;

/** A {@link CrlSource} that tells the {@link CrlStatusBoard} about every CRL it hands out and every fetch that fails. */
public final class ObservedCrlSource implements CrlSource {

    private final CrlSource source;
    private final CrlStatusBoard board;

    public ObservedCrlSource(CrlSource source, CrlStatusBoard board) {
        this.source = source;
        this.board = board;
    }

    @Override
    public byte[] fetch(URI distributionPoint) throws IOException {
        try {
            byte[] crl = this.source.fetch(distributionPoint);
            this.board.fetched(distributionPoint, crl);
            return crl;
        }
        catch (IOException e) {
            this.board.failed(distributionPoint);
            throw e;
        }
    }

    @Override
    public boolean isLocal(URI distributionPoint) {
        return this.source.isLocal(distributionPoint);
    }
}
