package io.healthid.idp.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * Outage tests stop and restart the embedded store they run on; pointed at an external store (the {@code TEST_*}
 * variables) they must not, and say so loudly rather than pass unseen.
 */
public final class OwnedStores {

    private OwnedStores() {
    }

    public static void assumeEmbedded(boolean embedded, String store) {
        if (!embedded) {
            System.err.println("*** NOTICE: " + store + " is external: this outage test is SKIPPED (it only stops the "
                    + "embedded one) ***");
        }
        Assumptions.assumeTrue(embedded, store + " is external: this test only stops the embedded one");
    }
}
