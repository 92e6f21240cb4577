package io.healthid.rpps.model;

import io.healthid.rpps.idnat.CheckDigitPolicy;
import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.idnat.ParsedNationalId;
import java.util.List;
import java.util.Optional;

/**
 * A person in the directory with all their exercices. Civil names and correspondence data are only known from
 * the restricted PSC extraction ({@code ""} otherwise).
 *
 * @param idNat                national identifier as published ({@code 8}+RPPS, {@code 0}+ADELI, ...)
 * @param civility             civility (TRE_R81: {@code M}, {@code MME}, ...)
 * @param familyName           civil family name (PSC extraction only)
 * @param givenNames           civil given names in order (PSC extraction only)
 * @param correspondenceEmail  non-public correspondence e-mail, used for e-CPS activation
 * @param correspondenceMobile non-public correspondence mobile phone, used for e-CPS activation
 */
public record Practitioner(
        String idNat,
        Code civility,
        String familyName,
        List<String> givenNames,
        String correspondenceEmail,
        String correspondenceMobile,
        List<Exercice> exercices) {

    public Practitioner {
        idNat = idNat == null ? "" : idNat;
        civility = civility == null ? Code.EMPTY : civility;
        familyName = familyName == null ? "" : familyName;
        givenNames = givenNames == null ? List.of() : List.copyOf(givenNames);
        correspondenceEmail = correspondenceEmail == null ? "" : correspondenceEmail;
        correspondenceMobile = correspondenceMobile == null ? "" : correspondenceMobile;
        exercices = exercices == null ? List.of() : List.copyOf(exercices);
    }

    /** The parsed identifier; ANS data is authoritative so a wrong check digit does not hide it. */
    public Optional<NationalId> nationalId() {
        ParsedNationalId parsed = NationalId.parse(idNat, CheckDigitPolicy.IGNORE);
        return parsed instanceof ParsedNationalId.Valid valid ? Optional.of(valid.id()) : Optional.empty();
    }

    /** First activity of the first exercice that has one, in directory order. */
    public Optional<Activity> firstActivity() {
        return exercices.stream().flatMap(e -> e.activities().stream()).findFirst();
    }
}
