package io.healthid.rpps.eligibility;

import io.healthid.rpps.idnat.NationalIdType;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import java.util.Locale;
import java.util.Objects;

/** Who may use the service, and who may activate e-CPS with the directory's correspondence data. */
public final class EligibilityRules {

    private final EligibilitySettings settings;

    public EligibilityRules(EligibilitySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public EligibilityRules() {
        this(EligibilitySettings.defaults());
    }

    /**
     * Eligible when at least one exercice is: any non-student exercice, or a student exercice of a profession whose
     * students the RPPS holds. A person is refused only when every exercice is refused.
     */
    public EligibilityDecision checkAccess(Practitioner practitioner) {
        if (practitioner.exercices().isEmpty()) {
            return EligibilityDecision.refused(EligibilityReason.NO_EXERCICE,
                    practitioner.idNat() + " has no exercice in the directory");
        }
        for (Exercice e : practitioner.exercices()) {
            if (!e.isStudent() || settings.studentProfessions().contains(e.profession().code())) {
                return EligibilityDecision.OK;
            }
        }
        return EligibilityDecision.refused(EligibilityReason.STUDENT_NOT_IN_ELIGIBLE_GROUP,
                "students of profession " + practitioner.exercices().get(0).key()
                        + " are not covered yet (only internes in medicine, pharmacy, odontology and midwifery"
                        + " students are)");
    }

    /** Activation of e-CPS by codes sent to the correspondence e-mail and mobile (without the physical card). */
    public EligibilityDecision checkActivationByCorrespondence(Practitioner practitioner) {
        EligibilityDecision access = checkAccess(practitioner);
        if (!access.eligible()) {
            return access;
        }
        boolean adeliOnly = practitioner.nationalId().map(id -> id.type() == NationalIdType.ADELI).orElse(false);
        if (adeliOnly) {
            return EligibilityDecision.refused(EligibilityReason.ADELI_ONLY_CARD_REQUIRED,
                    "known only by an ADELI number: activate e-CPS with the CPS card");
        }
        String email = practitioner.correspondenceEmail().strip();
        if (email.isEmpty() || email.indexOf('@') < 1) {
            return EligibilityDecision.refused(EligibilityReason.NO_CORRESPONDENCE_EMAIL,
                    "no correspondence e-mail in the directory");
        }
        if (practitioner.correspondenceMobile().isBlank()) {
            return EligibilityDecision.refused(EligibilityReason.NO_CORRESPONDENCE_MOBILE,
                    "no correspondence mobile phone in the directory");
        }
        if (isMssante(email)) {
            return EligibilityDecision.refused(EligibilityReason.MSSANTE_CORRESPONDENCE_EMAIL,
                    "the correspondence e-mail is an MSSanté address; update it with the order or ARS");
        }
        return EligibilityDecision.OK;
    }

    /** True for an address in one of the MSSanté domains or their sub-domains. */
    public boolean isMssante(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        for (String d : settings.mssanteDomains()) {
            if (domain.equals(d) || domain.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
