package io.healthid.rpps.fhir;

import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Address;
import io.healthid.rpps.model.Code;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.model.SavoirFaire;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Builds our model from Annuaire Santé V2 resources: one {@code Practitioner} per exercice professionnel (profession and
 * category in {@code qualification}), one {@code PractitionerRole} per activity (genre, mode, fonction, section in
 * {@code code}), its {@code Organization} for the site. Inactive resources ({@code active=false}, how deletions come)
 * are left out. Codes are matched by code system, never by label.
 */
final class FhirPractitionerMapper {

    static final String IDNPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";
    static final String IDNST_SYSTEM = "urn:oid:1.2.250.1.71.4.2.2";
    private static final Set<String> PRACTICE_CIVILITIES = Set.of("DR", "PR");

    /**
     * @param practitioners Practitioner resources sharing one idNat
     * @param roles         PractitionerRole resources (any; those of other practitioners are ignored)
     * @param organizations Organization resources by id
     */
    Optional<Practitioner> map(String idNat, Collection<JsonNode> practitioners, Collection<JsonNode> roles,
            Map<String, JsonNode> organizations) {
        Map<String, ExerciceParts> byPractitionerId = new LinkedHashMap<>();
        Code civility = Code.EMPTY;
        for (JsonNode p : practitioners) {
            if (!active(p) || !idNat.equals(nationalId(p).orElse(""))) {
                continue;
            }
            ExerciceParts parts = new ExerciceParts(p);
            if (parts.profession.isEmpty()) {
                continue;
            }
            byPractitionerId.put(text(p, "id"), parts);
            if (civility.isEmpty()) {
                civility = parts.civility;
            }
        }
        if (byPractitionerId.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode role : roles) {
            if (!active(role)) {
                continue;
            }
            ExerciceParts parts = byPractitionerId.get(referencedId(role.path("practitioner")));
            if (parts != null) {
                parts.activities.add(activity(role, organizations.get(referencedId(role.path("organization")))));
            }
        }
        // two Practitioner resources of one profession+category (should not happen) merge into one exercice
        Map<String, Exercice> exercices = new LinkedHashMap<>();
        for (ExerciceParts parts : byPractitionerId.values()) {
            Exercice e = parts.build();
            exercices.merge(e.key(), e, (a, b) -> new Exercice(a.profession(), a.category(), a.civilityOfPractice(),
                    a.practiceFamilyName(), a.practiceGivenName(), concat(a.savoirFaire(), b.savoirFaire()),
                    concat(a.activities(), b.activities())));
        }
        return Optional.of(new Practitioner(idNat, civility, "", List.of(), "", "",
                List.copyOf(exercices.values())));
    }

    static Optional<String> nationalId(JsonNode practitioner) {
        for (JsonNode id : practitioner.path("identifier")) {
            boolean idnps = IDNPS_SYSTEM.equals(text(id, "system"))
                    || hasCoding(id.path("type"), null, "IDNPS");
            if (idnps && !text(id, "value").isEmpty()) {
                return Optional.of(text(id, "value"));
            }
        }
        return Optional.empty();
    }

    /** {@code Practitioner/123}, {@code https://host/fhir/v2/Practitioner/123/_history/2} → {@code 123}. */
    static String referencedId(JsonNode reference) {
        String ref = text(reference, "reference");
        int history = ref.indexOf("/_history");
        if (history >= 0) {
            ref = ref.substring(0, history);
        }
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Activity activity(JsonNode role, JsonNode org) {
        Code genre = Code.EMPTY;
        Code mode = Code.EMPTY;
        Code function = Code.EMPTY;
        Code section = Code.EMPTY;
        Code sector = Code.EMPTY;
        for (JsonNode concept : role.path("code")) {
            for (JsonNode coding : concept.path("coding")) {
                String system = text(coding, "system");
                Code c = Code.of(text(coding, "code"), text(coding, "display"));
                if (system.contains("TRE_R22-GenreActivite")) {
                    genre = c;
                } else if (system.contains("TRE_R23-ModeExercice")) {
                    mode = c;
                } else if (system.contains("TRE_R21-Fonction")) {
                    function = c;
                } else if (system.contains("SectionTableau")) {
                    section = c;
                } else if (system.contains("TRE_R02-SecteurActivite")) {
                    sector = c;
                }
            }
        }
        if (org == null) {
            return new Activity(mode, sector, section, function, genre, "", "", "", "", "", "", "", Address.EMPTY, "",
                    "", "", "", Code.EMPTY, "", "");
        }
        if (sector.isEmpty()) {
            sector = coding(org.path("type"), "TRE_R02-SecteurActivite");
        }
        String siret = "";
        String siren = "";
        String finessSite = "";
        String finessLegal = "";
        String technicalId = "";
        String formerId = "";
        for (JsonNode id : org.path("identifier")) {
            String system = text(id, "system");
            String value = text(id, "value");
            if (IDNST_SYSTEM.equals(system)) {
                formerId = value;
            } else if (system.contains("rppsrang")) {
                technicalId = value;
            } else if (hasCoding(id.path("type"), null, "FINEG")) {
                finessSite = value;
            } else if (hasCoding(id.path("type"), null, "FINEJ")) {
                finessLegal = value;
            } else if (hasCoding(id.path("type"), null, "SIRET")) {
                siret = value;
            } else if (hasCoding(id.path("type"), null, "SIREN")) {
                siren = value;
            }
        }
        List<String> phones = new ArrayList<>();
        String fax = "";
        String email = "";
        for (JsonNode t : org.path("telecom")) {
            switch (text(t, "system")) {
                case "phone" -> phones.add(text(t, "value"));
                case "fax" -> fax = text(t, "value");
                case "email" -> email = text(t, "value");
                default -> {
                    // url, pager, ...: not in the directory model
                }
            }
        }
        return new Activity(mode, sector, section, function, genre, siret, siren, finessSite, finessLegal, technicalId,
                text(org, "name"), "", address(org.path("address")), phones.isEmpty() ? "" : phones.get(0),
                phones.size() > 1 ? phones.get(1) : "", fax, email, Code.EMPTY, formerId, "");
    }

    private static Address address(JsonNode addresses) {
        JsonNode a = addresses.isArray() ? addresses.path(0) : addresses;
        if (a.isMissingNode() || a.isNull()) {
            return Address.EMPTY;
        }
        JsonNode line = a.path("_line").path(0);
        String houseNumber = extension(line, "iso21090-ADXP-houseNumber");
        String streetType = extension(line, "iso21090-ADXP-streetNameType");
        String street = extension(line, "iso21090-ADXP-streetNameBase");
        if (street.isEmpty() && a.path("line").isArray() && !a.path("line").isEmpty()) {
            street = a.path("line").path(0).asString("");
        }
        String insee = "";
        for (JsonNode ext : a.path("extension")) {
            if (text(ext, "url").contains("insee") || text(ext, "url").contains("Commune")) {
                insee = text(ext.path("valueCoding"), "code");
            }
        }
        return new Address("", "", houseNumber, extension(line, "iso21090-ADXP-buildingNumberSuffix"),
                Code.of(streetType), street, extension(line, "iso21090-ADXP-postBox"), "", text(a, "postalCode"),
                Code.of(insee, text(a, "city")), Code.of("", text(a, "country")));
    }

    private static String extension(JsonNode element, String urlSuffix) {
        for (JsonNode ext : element.path("extension")) {
            if (text(ext, "url").endsWith(urlSuffix)) {
                return text(ext, "valueString");
            }
        }
        return "";
    }

    private static Code coding(JsonNode concepts, String systemPart) {
        for (JsonNode concept : concepts) {
            for (JsonNode coding : concept.path("coding")) {
                if (text(coding, "system").contains(systemPart)) {
                    return Code.of(text(coding, "code"), text(coding, "display"));
                }
            }
        }
        return Code.EMPTY;
    }

    private static boolean hasCoding(JsonNode concept, String system, String code) {
        for (JsonNode coding : concept.path("coding")) {
            if (code.equals(text(coding, "code")) && (system == null || system.equals(text(coding, "system")))) {
                return true;
            }
        }
        return false;
    }

    static boolean active(JsonNode resource) {
        JsonNode a = resource.get("active");
        return a == null || a.isNull() || a.asBoolean(true);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainer() ? "" : v.asString();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** What one Practitioner resource says about its exercice. */
    private static final class ExerciceParts {
        private Code profession = Code.EMPTY;
        private Code category = Code.EMPTY;
        private Code civility = Code.EMPTY;
        private Code practiceCivility = Code.EMPTY;
        private final String family;
        private final String given;
        private final List<SavoirFaire> savoirFaire = new ArrayList<>();
        private final List<Activity> activities = new ArrayList<>();

        ExerciceParts(JsonNode p) {
            JsonNode name = p.path("name").path(0);
            for (JsonNode n : p.path("name")) {
                if ("usual".equals(text(n, "use"))) {
                    name = n;
                }
            }
            family = text(name, "family");
            given = name.path("given").path(0).asString("");
            for (JsonNode prefix : name.path("prefix")) {
                String v = prefix.asString("");
                if (PRACTICE_CIVILITIES.contains(v)) {
                    practiceCivility = Code.of(v);
                } else if (!v.isEmpty()) {
                    civility = Code.of(v);
                }
            }
            for (JsonNode q : p.path("qualification")) {
                for (JsonNode coding : q.path("code").path("coding")) {
                    String system = text(coding, "system");
                    Code c = Code.of(text(coding, "code"), text(coding, "display"));
                    if (system.contains("TRE_G15-ProfessionSante")) {
                        profession = c;
                    } else if (system.contains("TRE_R09-CategorieProfessionnelle")) {
                        category = c;
                    } else if (system.contains("TRE_R38-SpecialiteOrdinale")) {
                        savoirFaire.add(new SavoirFaire(Code.of("S", "Spécialité ordinale"), c));
                    }
                }
            }
        }

        Exercice build() {
            return new Exercice(profession, category, practiceCivility, family, given, savoirFaire, activities);
        }
    }
}
