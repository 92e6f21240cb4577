package io.healthid.idp.ecps.dpop;

import com.nimbusds.jose.jwk.ECKey;

/** A verified DPoP proof: the key that signed it and that key's RFC 7638 thumbprint. */
public record DpopProof(ECKey key, String thumbprint) {
}
