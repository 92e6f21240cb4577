package io.healthid.rpps.bench;

import io.healthid.rpps.idnat.Luhn;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic {@code PS_LibreAcces_Personne_activite} file in the current 56-column layout: about 1.3 rows per
 * person (most have one site, some two or three, some two professions), rows of a person spread over the file.
 * Deterministic for a given seed. Usage: {@code SyntheticDirectoryGenerator <file> <rows>}.
 */
public final class SyntheticDirectoryGenerator {

    static final String HEADER = String.join("|", "Type d'identifiant PP", "Identifiant PP",
            "Identification nationale PP", "Code civilité d'exercice", "Libellé civilité d'exercice", "Code civilité",
            "Libellé civilité", "Nom d'exercice", "Prénom d'exercice", "Code profession", "Libellé profession",
            "Code catégorie professionnelle", "Libellé catégorie professionnelle", "Code type savoir-faire",
            "Libellé type savoir-faire", "Code savoir-faire", "Libellé savoir-faire", "Code mode exercice",
            "Libellé mode exercice", "Numéro SIRET site", "Numéro SIREN site", "Numéro FINESS site",
            "Numéro FINESS établissement juridique", "Identifiant technique de la structure", "Raison sociale site",
            "Enseigne commerciale site", "Complément destinataire (coord. structure)",
            "Complément point géographique (coord. structure)", "Numéro Voie (coord. structure)",
            "Indice répétition voie (coord. structure)", "Code type de voie (coord. structure)",
            "Libellé type de voie (coord. structure)", "Libellé Voie (coord. structure)",
            "Mention distribution (coord. structure)", "Bureau cedex (coord. structure)",
            "Code postal (coord. structure)", "Code commune (coord. structure)", "Libellé commune (coord. structure)",
            "Code pays (coord. structure)", "Libellé pays (coord. structure)", "Téléphone (coord. structure)",
            "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)", "Adresse e-mail (coord. structure)",
            "Code Département (structure)", "Libellé Département (structure)", "Ancien identifiant de la structure",
            "Autorité d'enregistrement", "Code secteur d'activité", "Libellé secteur d'activité",
            "Code section tableau pharmaciens", "Libellé section tableau pharmaciens", "Code rôle", "Libellé rôle",
            "Code genre activité", "Libellé genre activité") + "|";

    private static final String[][] PROFESSIONS = {{"10", "Médecin"}, {"60", "Infirmier"}, {"21", "Pharmacien"},
        {"70", "Masseur-Kinésithérapeute"}, {"40", "Chirurgien-Dentiste"}, {"50", "Sage-Femme"},
        {"91", "Orthophoniste"}, {"80", "Pédicure-Podologue"}};
    private static final String[] NAMES = {"MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT",
        "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX"};
    private static final String[] GIVEN = {"Camille", "Léa", "Hugo", "Chloé", "Lucas", "Inès", "Louis", "Manon",
        "Gabriel", "Jade", "Raphaël", "Zoé", "Arthur", "Élodie", "Jules", "Anaïs"};

    private SyntheticDirectoryGenerator() {
    }

    /** idNat of synthetic person {@code i} (valid Luhn). */
    public static String idNat(int person) {
        String body = String.format("1%09d", person);
        return "8" + body + Luhn.checkDigit(body);
    }

    /** Writes about {@code rows} rows; returns the number of persons. */
    public static int generate(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        // rows per person: 77% one, 17% two (two sites or two professions), 6% three
        List<Integer> counts = new ArrayList<>();
        int total = 0;
        while (total < rows) {
            double r = random.nextDouble();
            int n = r < 0.77 ? 1 : r < 0.94 ? 2 : 3;
            n = Math.min(n, rows - total);
            counts.add(n);
            total += n;
        }
        int persons = counts.size();
        long[] slots = new long[rows];
        int k = 0;
        for (int p = 0; p < persons; p++) {
            for (int j = 0; j < counts.get(p); j++) {
                slots[k++] = ((long) p << 8) | j;
            }
        }
        // spread the rows of each person over the whole file
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = slots[i];
            slots[i] = slots[j];
            slots[j] = t;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder line = new StringBuilder(512);
            for (long slot : slots) {
                int p = (int) (slot >>> 8);
                int j = (int) (slot & 0xff);
                line.setLength(0);
                row(line, p, j, counts.get(p));
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return persons;
    }

    private static void row(StringBuilder b, int p, int j, int rowsOfPerson) {
        SplittableRandom r = new SplittableRandom(p * 7919L + 17);
        String id = idNat(p);
        String[] prof = PROFESSIONS[r.nextInt(PROFESSIONS.length)];
        boolean twoProfessions = rowsOfPerson > 1 && p % 10 == 0;
        if (twoProfessions && j > 0) {
            prof = PROFESSIONS[(indexOf(prof) + j) % PROFESSIONS.length];
        }
        boolean female = r.nextBoolean();
        String name = NAMES[r.nextInt(NAMES.length)] + (p % 1000);
        String given = GIVEN[r.nextInt(GIVEN.length)];
        boolean student = p % 50 == 0 && "10".equals(prof[0]);
        boolean liberal = (p + j) % 3 != 0;
        int site = p * 3 + j;
        String dep = String.format("%02d", 1 + (site % 95));
        f(b, "8", id.substring(1), id, "10".equals(prof[0]) ? "DR" : "", "10".equals(prof[0]) ? "Docteur" : "",
                female ? "MME" : "M", female ? "Madame" : "Monsieur", name, given, prof[0], prof[1],
                student ? "E" : "C", student ? "Etudiant" : "Civil");
        if ("10".equals(prof[0]) && !student) {
            f(b, "S", "Spécialité ordinale", "SM54", "Médecine générale");
        } else {
            f(b, "", "", "", "");
        }
        if (liberal) {
            f(b, "L", "Libéral", "", "", "", "", "R" + id.substring(1) + String.format("%03d", j),
                    "CABINET " + name, "Cabinet " + name);
        } else {
            String finess = dep + String.format("%07d", site % 10_000_000);
            f(b, "S", "Salarié", "2675" + String.format("%010d", site), "", finess, dep + "0000001", "F" + finess,
                    "CENTRE HOSPITALIER " + dep, "");
        }
        f(b, "", j == 1 ? "BATIMENT B" : "", Integer.toString(1 + site % 200), "", "R", "Rue",
                "DES " + NAMES[site % NAMES.length], "", dep + "000 VILLE " + dep, dep + "000", dep + "001",
                "Ville " + dep, "99000", "France", "01" + String.format("%08d", site % 100_000_000), "", "", "",
                dep, "Département " + dep, (liberal ? "4" : "1") + id.substring(1), "CNOM/CNOM/CNOM",
                liberal ? "SA07" : "SA01", liberal ? "Cabinet individuel" : "Etablissement public de santé",
                "", "", student ? "FON-48" : liberal ? "FON-01" : "FON-05",
                student ? "Interne" : liberal ? "Titulaire de cabinet" : "Praticien hospitalier", "GENR01",
                "Activité standard de soin ou de pharmacien");
        b.append('\n');
    }

    private static int indexOf(String[] prof) {
        for (int i = 0; i < PROFESSIONS.length; i++) {
            if (PROFESSIONS[i] == prof) {
                return i;
            }
        }
        return 0;
    }

    private static void f(StringBuilder b, String... values) {
        for (String v : values) {
            b.append(v).append('|');
        }
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "PS_LibreAcces_Personne_activite_synthetic.txt");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int persons = generate(file, rows, 42);
        System.out.printf("wrote %s: %d rows, %d persons, %d bytes%n", file, rows, persons, Files.size(file));
    }
}
