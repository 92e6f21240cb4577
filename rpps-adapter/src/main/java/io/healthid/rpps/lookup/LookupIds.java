package io.healthid.rpps.lookup;

import io.healthid.rpps.idnat.CheckDigitPolicy;
import io.healthid.rpps.idnat.NationalId;

/** Normalises an idNat for lookups. */
public final class LookupIds {

    private LookupIds() {
    }

    /**
     * The idNat as stored. A wrong check digit is not refused here: the directory, not the checksum, says whether a
     * person exists (ANS data has such ids); strict checking of user input is {@link NationalId#parse(String)}.
     */
    public static String normalise(String idNat) {
        return NationalId.parse(idNat, CheckDigitPolicy.IGNORE).orElseThrow().idNat();
    }
}
