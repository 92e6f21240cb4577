package io.healthid.demo.nomenclature;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;

/**
 * Labels of ANS nomenclature codes, next to which the demo shows the codes PSC returns. PSC sends codes only; a
 * relying party keeps its own copy of the nomenclatures (ANS publishes them on the MOS/NOS site) and must match on
 * codes, never on labels. Codes outside the demo's excerpt have no label here.
 */
public final class Nomenclatures {

    private static final String NAME_KEY = "nomenclature";

    private final Map<Nomenclature, Properties> tables = new EnumMap<>(Nomenclature.class);

    public Nomenclatures() {
        for (Nomenclature nomenclature : Nomenclature.values()) {
            Properties table = new Properties();
            try (Reader reader = new InputStreamReader(new ClassPathResource(nomenclature.resource()).getInputStream(),
                    StandardCharsets.UTF_8)) {
                table.load(reader);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Nomenclature table missing: " + nomenclature.resource(), ex);
            }
            this.tables.put(nomenclature, table);
        }
    }

    /** The label of {@code code}; empty for an empty code or one outside the shipped excerpt. */
    public Optional<String> label(Nomenclature nomenclature, String code) {
        if (code == null || code.isEmpty() || NAME_KEY.equals(code)) {
            return Optional.empty();
        }
        return Optional.ofNullable(this.tables.get(nomenclature).getProperty(code));
    }

    /** The nomenclature's ANS name, e.g. {@code TRE_R23 Mode d'exercice}, to cite beside its labels. */
    public String name(Nomenclature nomenclature) {
        return this.tables.get(nomenclature).getProperty(NAME_KEY);
    }

    /** For templates: {@link #label(Nomenclature, String)} with the nomenclature by name, e.g. {@code 'MODE'}. */
    public Optional<String> label(String nomenclature, String code) {
        return label(Nomenclature.valueOf(nomenclature), code);
    }

    /** For templates: {@link #name(Nomenclature)} with the nomenclature by name. */
    public String name(String nomenclature) {
        return name(Nomenclature.valueOf(nomenclature));
    }
}
