package io.healthid.rpps.store;

import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Address;
import io.healthid.rpps.model.Code;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.model.SavoirFaire;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds a {@link Practitioner} from the person row and the JSON arrays of its exercices, savoir-faire, activities. */
final class PractitionerRowMapper {

    private final JsonMapper json;

    PractitionerRowMapper(JsonMapper json) {
        this.json = json;
    }

    Practitioner map(Map<String, String> person, String exercicesJson, String savoirFaireJson, String activitiesJson) {
        Map<String, ExerciceBuilder> exercices = new LinkedHashMap<>();
        for (JsonNode e : array(exercicesJson)) {
            exercices.put(key(e), new ExerciceBuilder(e));
        }
        for (JsonNode s : array(savoirFaireJson)) {
            ExerciceBuilder b = exercices.get(key(s));
            if (b != null) {
                b.savoirFaire.add(new SavoirFaire(code(s, "type_code", "type_label"), code(s, "code", "label")));
            }
        }
        for (JsonNode a : array(activitiesJson)) {
            ExerciceBuilder b = exercices.get(key(a));
            if (b != null) {
                b.activities.add(activity(a));
            }
        }
        List<Exercice> list = exercices.values().stream().map(ExerciceBuilder::build).toList();
        return new Practitioner(person.get("id_nat"), Code.of(person.get("civility_code"), person.get("civility_label")),
                person.get("family_name"), givenNames(person.get("given_names")), person.get("correspondence_email"),
                person.get("correspondence_mobile"), list);
    }

    /** The PSC extraction separates given names with {@code '} and pads with empty ones ({@code Louis''}). */
    static List<String> givenNames(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split("'")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Iterable<JsonNode> array(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return json.readTree(text);
    }

    private static String key(JsonNode n) {
        return text(n, "profession_code") + "\u0000" + text(n, "category_code");
    }

    private static Activity activity(JsonNode a) {
        Address address = new Address(text(a, "recipient_complement"), text(a, "geographic_complement"),
                text(a, "street_number"), text(a, "repetition_index"), code(a, "street_type_code", "street_type_label"),
                text(a, "street_name"), text(a, "distribution_mention"), text(a, "cedex_office"),
                text(a, "postal_code"), code(a, "commune_code", "commune_label"),
                code(a, "country_code", "country_label"));
        return new Activity(code(a, "mode_code", "mode_label"), code(a, "sector_code", "sector_label"),
                code(a, "pharmacist_section_code", "pharmacist_section_label"), code(a, "role_code", "role_label"),
                code(a, "genre_code", "genre_label"), text(a, "siret_site"), text(a, "siren_site"),
                text(a, "finess_site"), text(a, "finess_legal_entity"), text(a, "structure_technical_id"),
                text(a, "company_name"), text(a, "trade_name"), address, text(a, "phone"), text(a, "phone2"),
                text(a, "fax"), text(a, "email"), code(a, "departement_code", "departement_label"),
                text(a, "former_structure_id"), text(a, "registration_authority"));
    }

    private static Code code(JsonNode n, String code, String label) {
        return Code.of(text(n, code), text(n, label));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    private static final class ExerciceBuilder {
        private final JsonNode row;
        private final List<SavoirFaire> savoirFaire = new ArrayList<>();
        private final List<Activity> activities = new ArrayList<>();

        ExerciceBuilder(JsonNode row) {
            this.row = row;
        }

        Exercice build() {
            return new Exercice(code(row, "profession_code", "profession_label"),
                    code(row, "category_code", "category_label"),
                    code(row, "practice_civility_code", "practice_civility_label"),
                    text(row, "practice_family_name"), text(row, "practice_given_name"), savoirFaire, activities);
        }
    }
}
