package io.healthid.idp.pki;

import io.healthid.idp.model.CardType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code pki} command line, without its wiring: {@code java -jar idp-server.jar pki <args>} hands the arguments
 * after {@code pki} to {@link #run}. It works on the PKI directory of the embedded mode and creates it when absent.
 */
public final class PkiCommand {

    static final String USAGE = """
            usage: pki issue-card --idnat IDNAT [--type CPS|CPF|CPE|CPA|CDE] [--name "SURNAME GIVEN"] [--title LABEL]
                                  [--structure-name NAME] [--city CITY] [--password PASSWORD] [--pki-dir DIR] --out FILE.p12
              nominative cards (CPS, CPF): IDNAT is 8<RPPS> or 0<ADELI>, e.g. 899700075122
              structure staff cards (CPE, CDE, CPA): IDNAT is 5<SIRET>/<id> or 3<FINESS>/<id>
              without --password a password is generated and printed""";

    private static final Set<String> OPTIONS = Set.of("--idnat", "--type", "--name", "--title", "--structure-name",
            "--city", "--password", "--pki-dir", "--out");

    private final Path defaultDirectory;
    private final TestPki.Builder whenAbsent;

    /**
     * @param defaultDirectory the PKI directory used unless {@code --pki-dir} is given
     * @param whenAbsent how to create the PKI if the directory holds none (its base URL goes into the CRL URLs)
     */
    public PkiCommand(Path defaultDirectory, TestPki.Builder whenAbsent) {
        this.defaultDirectory = Objects.requireNonNull(defaultDirectory, "defaultDirectory");
        this.whenAbsent = Objects.requireNonNull(whenAbsent, "whenAbsent");
    }

    /** Returns the process exit code: 0 done, 2 bad arguments, 1 the files could not be read or written. */
    public int run(String[] args, PrintStream out) {
        if (args.length == 0 || !"issue-card".equals(args[0])) {
            out.println(USAGE);
            return 2;
        }
        try {
            return issueCard(parseOptions(args), out);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int issueCard(Map<String, String> options, PrintStream out) throws IOException {
        String idNat = required(options, "--idnat");
        Path file = Path.of(required(options, "--out"));
        CardType type = CardType.valueOf(options.getOrDefault("--type", "CPS").toUpperCase(Locale.ROOT));
        Path directory = options.containsKey("--pki-dir") ? Path.of(options.get("--pki-dir")) : this.defaultDirectory;
        TestPki pki = TestPki.loadOrCreate(directory, this.whenAbsent);
        IssuedCard card = pki.issueCard(request(type, idNat, options));
        String password = TestPki.writePkcs12(card, options.get("--password"), file);
        out.printf("Wrote %s: %s %s, valid until %s, issued by the test PKI in %s%n", file, type, idNat,
                card.certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate(), directory);
        out.println("Password: " + password);
        out.println("Import: Firefox > Settings > Privacy & Security > View Certificates > Your Certificates > Import;"
                + " Chrome > Settings > Privacy and security > Security > Manage certificates > Import.");
        return 0;
    }

    private static CardRequest request(CardType type, String idNat, Map<String, String> options) {
        if (type.isStructureStaff()) {
            String structureId = idNat.substring(0, Math.max(idNat.indexOf('/'), 0));
            return CardRequest.structureStaff(type, idNat, structureId,
                    options.getOrDefault("--structure-name", "STRUCTURE DE TEST"),
                    options.getOrDefault("--city", "PARIS")).build();
        }
        String[] name = options.getOrDefault("--name", "DOC" + idNat.substring(Math.max(0, idNat.length() - 7)) + " TEST")
                .trim().split("\\s+", 2);
        if (name.length < 2) {
            throw new IllegalArgumentException("--name needs a surname and a given name: \"SURNAME GIVEN\"");
        }
        String title = options.getOrDefault("--title", type == CardType.CPF ? "Interne en medecine" : "Medecin");
        return CardRequest.nominative(type, idNat, name[0], name[1], title).build();
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
