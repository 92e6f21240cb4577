package io.healthid.rpps.eligibility;

/** A yes/no with its reason and a sentence for operators and logs. */
public record EligibilityDecision(EligibilityReason reason, String detail) {

    public static final EligibilityDecision OK = new EligibilityDecision(EligibilityReason.ELIGIBLE, "");

    public boolean eligible() {
        return reason == EligibilityReason.ELIGIBLE;
    }

    static EligibilityDecision refused(EligibilityReason reason, String detail) {
        return new EligibilityDecision(reason, detail);
    }
}
