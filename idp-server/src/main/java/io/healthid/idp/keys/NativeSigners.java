package io.healthid.idp.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nimbus signers and verifiers for the provider's keys. Where the Amazon Corretto Crypto Provider's native library loads
 * (Linux), the signature is AWS-LC's, with the private key handed over once as AWS-LC's own key object: on the 2-core
 * benchmark machine an RS256 signature cost a third of the JDK's CPU and an ES256 one a fiftieth (bench/README.md,
 * ADR 0002). Elsewhere, and when switched off, the JDK's signers as Nimbus makes them. The server's own tokens
 * (userinfo's bearer tokens) are verified the same way, and the card listener's TLS handshakes are signed the same way
 * ({@link #handshakeKey}). The provider is never registered as a JCA provider: only {@link HandshakeSignatureProvider}
 * is, for the handshake key alone; nothing else in the process (other TLS work, verifications, hashes) changes.
 */
public final class NativeSigners {

    private static final Logger logger = LoggerFactory.getLogger(NativeSigners.class);

    private final @Nullable Provider provider;

    private NativeSigners(@Nullable Provider provider) {
        this.provider = provider;
    }

    /** As {@code idp.keys.native-signatures} asks ({@link KeyProperties#nativeSignatures}); says which once. */
    public static NativeSigners configured(KeyProperties properties) {
        if (properties.nativeSignatures()) {
            return detect();
        }
        logger.info("Token and TLS handshake signatures: the JDK's (idp.keys.native-signatures=false)");
        return jdk();
    }

    /** AWS-LC's signatures where its library loads on this platform, else the JDK's; says which once. */
    public static NativeSigners detect() {
        AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
        if (provider.getLoadingError() == null) {
            logger.info("Token signatures: {}, through the Amazon Corretto Crypto Provider {}",
                    provider.getAwsLcVersionStr(), provider.getVersionStr());
            return new NativeSigners(provider);
        }
        logger.info("Token and TLS handshake signatures: the JDK's (the Amazon Corretto Crypto Provider does not load "
                + "here: {})",
                provider.getLoadingError().toString());
        return jdk();
    }

    /** The JDK's signers only. */
    public static NativeSigners jdk() {
        return new NativeSigners(null);
    }

    public boolean isNative() {
        return this.provider != null;
    }

    /** A signer for {@code jwk}'s private part: make it once per key, it is thread-safe. */
    public JWSSigner signerFor(JWK jwk) throws JOSEException {
        if (this.provider == null) {
            return new DefaultJWSSignerFactory().createJWSSigner(jwk);
        }
        try {
            if (jwk instanceof RSAKey rsa) {
                RSASSASigner signer = new RSASSASigner(nativeKey("RSA", rsa.toPrivateKey()));
                signer.getJCAContext().setProvider(this.provider);
                return signer;
            }
            if (jwk instanceof ECKey ec) {
                ECDSASigner signer = new ECDSASigner((ECPrivateKey) nativeKey("EC", ec.toPrivateKey()));
                signer.getJCAContext().setProvider(this.provider);
                return signer;
            }
        }
        catch (GeneralSecurityException ex) {
            // no message of the key's: only its id
            throw new JOSEException("Signing key " + jwk.getKeyID() + " could not be handed to AWS-LC");
        }
        throw new JOSEException("No signer for key type " + jwk.getKeyType());
    }

    /**
     * A TLS server's private key as the JDK's TLS signs its handshakes with it: AWS-LC's where it loads (a
     * {@link HandshakeKey}, signed through {@link HandshakeSignatureProvider}), else the key itself. The card listener
     * signs every handshake: an ECDSA P-256 signature cost the JDK's Java arithmetic a tenth of a card login's CPU.
     * A key that cannot be exported (a hardware module's) stays with its own provider.
     */
    public PrivateKey handshakeKey(PrivateKey key) {
        if (this.provider == null || key.getEncoded() == null) {
            return key;
        }
        try {
            HandshakeKey handshakeKey = HandshakeKey.of(key, nativeKey(key.getAlgorithm(), key));
            HandshakeSignatureProvider.register(this.provider);
            logger.info("TLS handshake signatures ({}): AWS-LC's", key.getAlgorithm());
            return handshakeKey;
        }
        catch (GeneralSecurityException ex) {
            logger.warn("TLS handshake signatures ({}): the JDK's, the key could not be handed to AWS-LC ({})",
                    key.getAlgorithm(), ex.getClass().getSimpleName());
            return key;
        }
    }

    /** The key that checks {@code jwk}'s signatures, as {@link #verifierFactory}'s verifiers take it: make it once. */
    public PublicKey verificationKey(JWK jwk) throws JOSEException {
        if (!(jwk instanceof AsymmetricJWK asymmetric)) {
            throw new JOSEException("No verifier for key type " + jwk.getKeyType());
        }
        PublicKey key = asymmetric.toPublicKey();
        if (this.provider == null) {
            return key;
        }
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), this.provider)
                .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        }
        catch (GeneralSecurityException ex) {
            throw new JOSEException("Key " + jwk.getKeyID() + " could not be handed to AWS-LC");
        }
    }

    /** Nimbus's verifiers, checking with AWS-LC where it loads: for keys made by {@link #verificationKey}. */
    public JWSVerifierFactory verifierFactory() {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        factory.getJCAContext().setProvider(this.provider);
        return factory;
    }

    private PrivateKey nativeKey(String algorithm, PrivateKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm, this.provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }
}
