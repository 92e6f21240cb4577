package io.healthid.idp.keys;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;

/**
 * A JCA provider of signatures for {@link HandshakeKey}s only, made by AWS-LC: registered last, after every JDK
 * provider, and declaring {@code SupportedKeyClasses}, so that no other key and no other algorithm of the process
 * ever reaches it. The JDK's TLS asks the JCA for a signature by name and initialises it with the server's key; the
 * JDK's providers pass a {@link HandshakeKey} by, and this one signs.
 */
final class HandshakeSignatureProvider extends Provider {

    static final String NAME = "healthid-tls-handshake";

    private static final long serialVersionUID = 1L;

    /** The signature algorithms of TLS 1.2 handshakes with an EC or RSA server key (RFC 5246, RFC 8446 §4.2.3). */
    private static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA",
            "SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "RSASSA-PSS");

    private HandshakeSignatureProvider(Provider awsLc) {
        super(NAME, "1.0", "TLS handshake signatures by AWS-LC, for keys AWS-LC holds");
        for (String algorithm : ALGORITHMS) {
            if (awsLc.getService("Signature", algorithm) != null) {
                putService(new HandshakeService(this, algorithm, awsLc));
            }
        }
    }

    /** Registers the provider once for the JVM, at the end of the list. */
    static synchronized void register(Provider awsLc) {
        if (Security.getProvider(NAME) == null) {
            Security.addProvider(new HandshakeSignatureProvider(awsLc));
        }
    }

    private static final class HandshakeService extends Provider.Service {

        private final Provider awsLc;

        HandshakeService(Provider provider, String algorithm, Provider awsLc) {
            super(provider, "Signature", algorithm, HandshakeSignature.class.getName(), null,
                    Map.of("SupportedKeyClasses", HandshakeKey.class.getName()));
            this.awsLc = awsLc;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new HandshakeSignature(getAlgorithm(), this.awsLc);
        }
    }
}
