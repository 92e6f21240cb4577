package io.healthid.idp.keys;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;

/**
 * A TLS server's private key that AWS-LC holds and that no JDK provider takes: it is neither an
 * {@code ECPrivateKey} nor an {@code RSAPrivateKey} and gives out no encoding, like a key in a hardware module. The
 * JDK's TLS signs its handshakes with it through the JCA, whose delayed provider selection then picks the one
 * provider that accepts it, {@link HandshakeSignatureProvider}.
 */
class HandshakeKey implements PrivateKey {

    private static final long serialVersionUID = 1L;

    private final transient PrivateKey awsLcKey;

    HandshakeKey(PrivateKey awsLcKey) {
        this.awsLcKey = awsLcKey;
    }

    /** An RSA key keeps its modulus in view: the JDK's TLS reads the key's size to choose a signature scheme. */
    static HandshakeKey of(PrivateKey original, PrivateKey awsLcKey) {
        if (original instanceof RSAPrivateKey rsa) {
            return new Rsa(awsLcKey, rsa.getModulus());
        }
        return new HandshakeKey(awsLcKey);
    }

    PrivateKey awsLcKey() {
        return this.awsLcKey;
    }

    @Override
    public String getAlgorithm() {
        return this.awsLcKey.getAlgorithm();
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("A private key is never serialized");
    }

    /** {@link RSAKey}, not {@link RSAPrivateKey}: the size without the private parts, so the JDK's RSA passes it by. */
    static final class Rsa extends HandshakeKey implements RSAKey {

        private static final long serialVersionUID = 1L;

        private final BigInteger modulus;

        Rsa(PrivateKey awsLcKey, BigInteger modulus) {
            super(awsLcKey);
            this.modulus = modulus;
        }

        @Override
        public BigInteger getModulus() {
            return this.modulus;
        }
    }
}
