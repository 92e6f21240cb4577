package io.healthid.idp.keys;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;

/**
 * One signature of {@link HandshakeSignatureProvider}: AWS-LC's signature of the same name, initialised with the
 * {@link HandshakeKey}'s own AWS-LC key. It signs only; verifications stay with the JDK's providers.
 */
final class HandshakeSignature extends SignatureSpi {

    private final String algorithm;
    private final Provider awsLc;
    private AlgorithmParameterSpec parameters;
    private Signature signature;

    HandshakeSignature(String algorithm, Provider awsLc) {
        this.algorithm = algorithm;
        this.awsLc = awsLc;
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        if (!(key instanceof HandshakeKey handshakeKey)) {
            throw new InvalidKeyException("Only keys that AWS-LC holds for TLS handshakes");
        }
        try {
            Signature awsLcSignature = Signature.getInstance(this.algorithm, this.awsLc);
            awsLcSignature.initSign(handshakeKey.awsLcKey());
            if (this.parameters != null) {
                awsLcSignature.setParameter(this.parameters);
            }
            this.signature = awsLcSignature;
        }
        catch (GeneralSecurityException ex) {
            throw new InvalidKeyException("AWS-LC refused the handshake key for " + this.algorithm, ex);
        }
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("Signs only: verifications stay with the JDK's providers");
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        // RSASSA-PSS: the JDK's TLS sets the parameters before the key, and may set them again after
        if (this.signature != null) {
            this.signature.setParameter(params);
        }
        this.parameters = params;
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return this.signature == null ? null : this.signature.getParameters();
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        initialised().update(b);
    }

    @Override
    protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
        initialised().update(bytes, offset, length);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        return initialised().sign();
    }

    @Override
    protected boolean engineVerify(byte[] signatureBytes) throws SignatureException {
        throw new SignatureException("Signs only");
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("No named parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("No named parameters");
    }

    private Signature initialised() throws SignatureException {
        if (this.signature == null) {
            throw new SignatureException("Not initialised for signing");
        }
        return this.signature;
    }
}
