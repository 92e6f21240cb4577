package io.healthid.idp.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The card listener's key handed to AWS-LC: the JDK's TLS asks the JCA for a signature by name (no provider) and
 * initialises it with the key, as in a TLS 1.2 ServerKeyExchange; the signature must come from AWS-LC and verify with
 * the JDK's own providers, and nothing else in the process may change.
 */
class HandshakeKeyTest {

    private static final byte[] SIGNED = "client_random + server_random + ServerECDHParams".getBytes(StandardCharsets.US_ASCII);

    static NativeSigners natives;

    @BeforeAll
    static void awsLc() {
        natives = NativeSigners.detect();
        assumeTrue(natives.isNative(), "AWS-LC loads on Linux x86_64 and aarch64 only");
    }

    @Test
    @Tag("RFC8422-5.4")
    void handshakeKeyWhenEcdsaP256ThenSignedByAwsLcAndVerifiedByTheJdk() throws Exception {
        KeyPair pair = ecKeyPair();

        assertThat(signedByAwsLcVerifiedByTheJdk("SHA256withECDSA", null, pair, "SunEC")).isTrue();
    }

    @Test
    @Tag("RFC8446-4.2.3")
    void handshakeKeyWhenRsaPssThenSignedByAwsLcWithTheParametersTheTlsStackSetAndVerifiedByTheJdk() throws Exception {
        PSSParameterSpec rsaPssRsaeSha256 = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

        assertThat(signedByAwsLcVerifiedByTheJdk("RSASSA-PSS", rsaPssRsaeSha256, rsaKeyPair(), "SunRsaSign")).isTrue();
    }

    @Test
    @Tag("RFC5246-7.4.3")
    void handshakeKeyWhenRsaPkcs1ThenSignedByAwsLcAndItsSizeStillReadable() throws Exception {
        KeyPair pair = rsaKeyPair();

        assertThat(signedByAwsLcVerifiedByTheJdk("SHA256withRSA", null, pair, "SunRsaSign")).isTrue();
        // the JDK's TLS chooses RSA signature schemes by the key's size
        assertThat(((RSAKey) natives.handshakeKey(pair.getPrivate())).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void handshakeKeyThenGivesOutNothingAndEveryOtherKeyKeepsTheJdksProviders() throws Exception {
        KeyPair pair = ecKeyPair();
        PrivateKey handshakeKey = natives.handshakeKey(pair.getPrivate());

        assertThat(handshakeKey.getEncoded()).isNull();
        assertThat(handshakeKey.getFormat()).isNull();
        assertThat(handshakeKey).isNotInstanceOf(ECPrivateKey.class);
        Signature other = Signature.getInstance("SHA256withECDSA");
        other.initSign(ecKeyPair().getPrivate());
        assertThat(other.getProvider().getName()).isEqualTo("SunEC");
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");
    }

    @Test
    void handshakeSignatureWhenAnyOtherKeyThenRefused() throws Exception {
        natives.handshakeKey(ecKeyPair().getPrivate());
        Signature handshakeOnly = Signature.getInstance("SHA256withECDSA", HandshakeSignatureProvider.NAME);

        assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> handshakeOnly.initSign(ecKeyPair().getPrivate()));
        assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> handshakeOnly.initVerify(ecKeyPair().getPublic()));
    }

    @Test
    void handshakeKeyWhenTheJdksSignersThenTheKeyItself() throws Exception {
        PrivateKey key = ecKeyPair().getPrivate();

        assertThat(NativeSigners.jdk().handshakeKey(key)).isSameAs(key);
    }

    /**
     * Signs as the JDK's TLS does (the JCA asked by name, the key given at initialisation, the parameters after it),
     * checks that the handshake provider signed, and verifies with the named JDK provider.
     */
    private static boolean signedByAwsLcVerifiedByTheJdk(String algorithm, PSSParameterSpec parameters, KeyPair pair,
            String jdkProvider) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(natives.handshakeKey(pair.getPrivate()));
        if (parameters != null) {
            signer.setParameter(parameters);
        }
        signer.update(SIGNED);
        byte[] signature = signer.sign();
        assertThat(signer.getProvider().getName()).isEqualTo(HandshakeSignatureProvider.NAME);

        Signature verifier = Signature.getInstance(algorithm, jdkProvider);
        verifier.initVerify(pair.getPublic());
        if (parameters != null) {
            verifier.setParameter(parameters);
        }
        verifier.update(SIGNED);
        return verifier.verify(signature);
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
