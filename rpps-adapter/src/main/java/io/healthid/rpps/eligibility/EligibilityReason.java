package io.healthid.rpps.eligibility;

/** Why a practitioner may or may not use the service (maps to DIRECTORY_NOT_ELIGIBLE etc. in the server). */
public enum EligibilityReason {
    ELIGIBLE,
    /** In the directory without any exercice. */
    NO_EXERCICE,
    /**
     * Only students of a category {@code E} exercice outside the groups the RPPS holds (internes in medicine, pharmacy,
     * odontology; midwifery students). The regulation does not cover other students yet.
     */
    STUDENT_NOT_IN_ELIGIBLE_GROUP,
    /** Known only by an ADELI number: e-CPS can be activated with the physical card only. */
    ADELI_ONLY_CARD_REQUIRED,
    NO_CORRESPONDENCE_EMAIL,
    NO_CORRESPONDENCE_MOBILE,
    /** The correspondence e-mail is an MSSanté mailbox, which is not an identity attribute. */
    MSSANTE_CORRESPONDENCE_EMAIL
}
