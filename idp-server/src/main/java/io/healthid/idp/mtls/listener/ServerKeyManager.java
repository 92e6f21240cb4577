package io.healthid.idp.mtls.listener;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The card listener's one server certificate and key, for the cipher suites of its key's type. Not a key store: the
 * key may be one that only AWS-LC holds, which gives out no encoding to store.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "card-listener";

    private final PrivateKey key;
    private final X509Certificate[] chain;
    private final String keyType;

    ServerKeyManager(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(X509Certificate[]::new);
        this.keyType = this.chain[0].getPublicKey().getAlgorithm();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return this.keyType.equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return this.keyType.equals(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return this.keyType.equals(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? this.chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? this.key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
