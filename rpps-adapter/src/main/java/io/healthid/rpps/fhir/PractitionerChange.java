package io.healthid.rpps.fhir;

import io.healthid.rpps.model.Practitioner;
import java.util.Objects;

/**
 * What the Annuaire Santé says now about one idNat listed as changed: its current state, its removal, or a state we
 * cannot map (left as it is in the local directory; the next full import settles it).
 */
public sealed interface PractitionerChange {

    String idNat();

    /** The person as the API describes them now (all active exercices, roles and sites). */
    record Updated(Practitioner practitioner) implements PractitionerChange {
        public Updated {
            Objects.requireNonNull(practitioner, "practitioner");
        }

        @Override
        public String idNat() {
            return practitioner.idNat();
        }
    }

    /** No active Practitioner resource any more ({@code active=false} is how ANS publishes a deletion). */
    record Removed(String idNat, String reason) implements PractitionerChange {
    }

    /** Active resources that do not make a practitioner (e.g. no profession): not written, reported. */
    record Unmappable(String idNat, String reason) implements PractitionerChange {
    }
}
