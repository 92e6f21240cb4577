package io.healthid.demo.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The labels shown beside PSC's codes come from ANS's nomenclatures, and unknown codes are not dressed up. */
class NomenclaturesTest {

    private final Nomenclatures nomenclatures = new Nomenclatures();

    @Test
    void labelWhenCodeOfTheSampleDirectoryThenAnsLabel() {
        assertThat(this.nomenclatures.label(Nomenclature.PROFESSION, "10")).contains("Médecin");
        assertThat(this.nomenclatures.label(Nomenclature.PROFESSION, "21")).contains("Pharmacien");
        assertThat(this.nomenclatures.label(Nomenclature.PROFESSION, "70")).contains("Masseur-Kinésithérapeute");
        assertThat(this.nomenclatures.label(Nomenclature.CATEGORY, "E")).contains("Étudiant");
        assertThat(this.nomenclatures.label(Nomenclature.SAVOIR_FAIRE_TYPE, "S")).contains("Spécialité ordinale");
        assertThat(this.nomenclatures.label(Nomenclature.SAVOIR_FAIRE, "SM54")).contains("Médecine Générale");
        assertThat(this.nomenclatures.label(Nomenclature.MODE, "L")).contains("Libéral");
        assertThat(this.nomenclatures.label(Nomenclature.SECTOR, "SA07")).contains("Cabinet individuel");
        assertThat(this.nomenclatures.label(Nomenclature.SECTOR, "SA33")).contains("Pharmacie d'officine");
        assertThat(this.nomenclatures.label(Nomenclature.ROLE, "FON-48")).contains("Interne");
    }

    @Test
    void labelWhenCodeEmptyUnknownOrFromAnotherTableThenNone() {
        assertThat(this.nomenclatures.label(Nomenclature.PROFESSION, "")).isEmpty();
        assertThat(this.nomenclatures.label(Nomenclature.PROFESSION, null)).isEmpty();
        assertThat(this.nomenclatures.label(Nomenclature.PROFESSION, "99")).isEmpty();
        assertThat(this.nomenclatures.label(Nomenclature.MODE, "SA07")).isEmpty();
        assertThat(this.nomenclatures.label(Nomenclature.MODE, "nomenclature")).isEmpty();
    }

    @Test
    void nameWhenAnyTableThenCitesItsAnsNomenclature() {
        for (Nomenclature nomenclature : Nomenclature.values()) {
            assertThat(this.nomenclatures.name(nomenclature)).as(nomenclature.name()).matches("TRE_[GR]\\d\\d .+");
        }
        assertThat(this.nomenclatures.name(Nomenclature.SECTOR)).isEqualTo("TRE_R02 Secteur d'activité");
    }
}
