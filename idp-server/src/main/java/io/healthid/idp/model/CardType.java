package io.healthid.idp.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CPx card family (glossary.md) with the two marks a login certificate carries of its type: the TRE_G02 code at
 * the start of its SAN UPN ({@code <code>.<idNat>@carte-cps.fr}) and a certificate policy OID.
 *
 * <p>CPE and CDE share the TRE_G02 code {@code 02}; only the policy tells them apart, so the policy wins when both
 * are present (ADR 0004). The policy OIDs are OUR test arc ({@code 2.25.<uuid>}, X.667), not IGC-Santé's published
 * ones: the certification policies of the production hierarchy must be mapped here before real cards are typed by
 * policy; until then real cards are typed by their UPN.
 */
public enum CardType {

    CPS("00", "0"),
    CPF("01", "1"),
    CPE("02", "2.1"),
    CDE("02", "2.2"),
    CPA("03", "3");

    /** Our test policy arc: a UUID OID (ITU-T X.667), so it can never collide with a real certification policy. */
    public static final String TEST_POLICY_ARC = "2.25.22997182623355783722208668420086510015.1";

    private final String treG02Code;
    private final String policyOid;

    CardType(String treG02Code, String policySuffix) {
        this.treG02Code = treG02Code;
        this.policyOid = TEST_POLICY_ARC + "." + policySuffix;
    }

    /** The card type code of the TRE_G02 nomenclature (rpps.md), as written before the dot of the UPN. */
    public String treG02Code() {
        return this.treG02Code;
    }

    public String policyOid() {
        return this.policyOid;
    }

    /** Whether the holder is a person in a structure (CN {@code 3<FINESS>/<id>} or {@code 5<SIRET>/<id>}). */
    public boolean isStructureStaff() {
        return this == CPE || this == CDE || this == CPA;
    }

    public static Optional<CardType> fromPolicyOid(String oid) {
        return Arrays.stream(values()).filter(type -> type.policyOid.equals(oid)).findFirst();
    }

    /** The type a UPN code stands for; {@code 02} reads as CPE because a CDE is only distinguishable by policy. */
    public static Optional<CardType> fromTreG02Code(String code) {
        return Arrays.stream(values()).filter(type -> type.treG02Code.equals(code)).findFirst();
    }
}
