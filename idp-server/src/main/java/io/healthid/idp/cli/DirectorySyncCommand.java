package io.healthid.idp.cli;

import io.healthid.idp.directory.DirectoryDataSource;
import io.healthid.idp.directory.DirectoryProperties;
import io.healthid.rpps.fhir.AnnuaireSanteClient;
import io.healthid.rpps.fhir.AnnuaireSanteSettings;
import io.healthid.rpps.store.DirectoryMigrations;
import io.healthid.rpps.sync.DirectorySync;
import io.healthid.rpps.sync.DirectorySyncException;
import io.healthid.rpps.sync.SkippedChange;
import io.healthid.rpps.sync.SyncResult;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code directory sync [--since=YYYY-MM-DD]}: applies the practitioners changed in the Annuaire Santé since that day
 * (default: the day of the last successful sync) to the directory, in one transaction, and prints the counts. The API
 * is configured as for the server ({@code idp.directory.annuaire-sante.api-key}, {@code .base-url}). Exit codes: 0
 * done, 1 failed with nothing written (API down, import running, database), 2 usage (no API key, bad or too old date,
 * first sync without {@code --since}).
 */
public final class DirectorySyncCommand {

    /** The option naming the first day to sync; a {@code --name=value} option, so it reaches the environment. */
    static final String SINCE_OPTION = "since";

    private final PrintStream out;
    private final PrintStream err;

    public DirectorySyncCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(CommandEnvironment command) {
        List<String> arguments = command.arguments();
        if (arguments.size() != 2 || !arguments.get(1).equals("sync")) {
            this.err.println("usage: directory sync [--since=YYYY-MM-DD]   [--name=value options]");
            return 2;
        }
        Environment environment = command.environment();
        // bound exactly as the server binds it, defaults included
        DirectoryProperties.AnnuaireSante api = Binder.get(environment)
            .bindOrCreate("idp.directory", DirectoryProperties.class).annuaireSante();
        if (!api.enabled()) {
            this.err.println("No Annuaire Santé API key: set idp.directory.annuaire-sante.api-key"
                    + " (--idp.directory.annuaire-sante.api-key=... or IDP_DIRECTORY_ANNUAIRESANTE_APIKEY)");
            return 2;
        }
        LocalDate since;
        try {
            String option = environment.getProperty(SINCE_OPTION);
            since = option == null || option.isBlank() ? null : LocalDate.parse(option.strip());
        }
        catch (DateTimeParseException ex) {
            this.err.println("--since must be a date as YYYY-MM-DD: " + ex.getParsedString());
            return 2;
        }
        DataSource dataSource = DirectoryDataSource.from(environment);
        DirectoryMigrations.migrate(dataSource);
        DirectorySync sync = new DirectorySync(new AnnuaireSanteClient(
                AnnuaireSanteSettings.builder(api.apiKey()).baseUrl(api.baseUrl()).build()), dataSource);
        try {
            this.err.println("  asking the Annuaire Santé for the practitioners changed since "
                    + (since == null ? "the last sync" : since) + "...");
            report(since == null ? sync.sync() : sync.sync(since));
            return 0;
        }
        catch (DirectorySyncException ex) {
            this.err.println("Sync not done, the directory is unchanged: " + ex.getMessage());
            return switch (ex.reason()) {
                case SINCE_TOO_OLD, SINCE_IN_THE_FUTURE, NEVER_SYNCED -> 2;
                case API_FAILED, DIRECTORY_BUSY, DATABASE_FAILED -> 1;
            };
        }
    }

    private void report(SyncResult result) {
        this.out.println(result.changed()
                ? "Directory synced with the Annuaire Santé since " + result.since() + " (generation "
                        + result.generation() + ")"
                : "No change in the Annuaire Santé since " + result.since() + ": directory unchanged");
        this.out.println("  listed       " + result.listed());
        this.out.println("  added        " + result.added());
        this.out.println("  updated      " + result.updated());
        this.out.println("  removed      " + result.removed() + " (" + result.alreadyAbsent() + " already absent)");
        this.out.println("  skipped      " + result.skipped().size());
        for (SkippedChange skipped : result.skipped()) {
            this.out.println("  skipped      " + skipped.idNat() + ": " + skipped.reason());
        }
        this.out.println("  next sync    since " + result.fetchedOn() + " (the default --since)");
        this.out.println("  took         " + result.duration().toMillis() + " ms");
    }
}
