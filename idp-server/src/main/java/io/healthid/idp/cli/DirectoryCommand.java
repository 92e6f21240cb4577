package io.healthid.idp.cli;

import io.healthid.idp.directory.DirectoryDataSource;
import io.healthid.rpps.claims.PscClaimsMapper;
import io.healthid.rpps.importer.DirectoryImportException;
import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportProgress;
import io.healthid.rpps.importer.ImportResult;
import io.healthid.rpps.importer.ImportSource;
import io.healthid.rpps.importer.LineIssue;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.store.DirectoryMigrations;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.r2dbc.spi.ConnectionFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code directory import FILE...}: loads RPPS extraction files (type detected from each header) with progress and
 * counts; {@code directory show IDNAT}: prints a practitioner as PSC's userinfo would. Exit codes: 0 done, 1 refused or
 * failed, 2 usage or not found.
 */
public final class DirectoryCommand {

    private static final long PROGRESS_EVERY = 100_000;

    private final PrintStream out;
    private final PrintStream err;

    public DirectoryCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(CommandEnvironment command) {
        List<String> arguments = command.arguments();
        if (arguments.size() >= 3 && arguments.get(1).equals("import")) {
            return importFiles(command.environment(), arguments.subList(2, arguments.size()));
        }
        if (arguments.size() == 3 && arguments.get(1).equals("show")) {
            return show(command.environment(), arguments.get(2));
        }
        if (arguments.size() == 2 && arguments.get(1).equals("sync")) {
            return new DirectorySyncCommand(this.out, this.err).run(command);
        }
        this.err.println("usage: directory import FILE... | directory show IDNAT | directory sync [--since=YYYY-MM-DD]"
                + "   [--name=value options]");
        return 2;
    }

    private int importFiles(Environment environment, List<String> files) {
        for (String file : files) {
            if (!Files.isReadable(Path.of(file))) {
                this.err.println("Cannot read " + file);
                return 2;
            }
        }
        DataSource dataSource = DirectoryDataSource.from(environment);
        DirectoryMigrations.migrate(dataSource);
        try {
            ImportResult result = new DirectoryImporter(dataSource).importFiles(
                    files.stream().map(file -> ImportSource.of(Path.of(file))).toList(), this::progress);
            report(result);
            return 0;
        }
        catch (DirectoryImportException ex) {
            this.err.println("Import refused, the directory is unchanged: " + ex.getMessage());
            return 1;
        }
    }

    private void progress(ImportProgress progress) {
        switch (progress.phase()) {
            case LOADING -> {
                if (progress.rowsRead() % PROGRESS_EVERY == 0) {
                    this.err.println("  " + progress.source() + ": " + progress.rowsRead() + " rows read");
                }
            }
            case GROUPING -> this.err.println("  grouping " + progress.rowsRead() + " rows into practitioners...");
            case SWAPPING -> this.err.println("  switching to the new directory...");
            case DONE -> { }
        }
    }

    private void report(ImportResult result) {
        this.out.println(result.changed() ? "Directory updated (generation " + result.generation() + ")"
                : "Same content as the current directory: nothing changed");
        this.out.println("  persons      " + result.persons());
        this.out.println("  exercices    " + result.exercices());
        this.out.println("  activities   " + result.activities());
        this.out.println("  rows read    " + result.rowsRead() + " (" + result.rejectedLineCount() + " rejected, "
                + result.warningCount() + " warnings)");
        for (LineIssue issue : result.rejectedLines()) {
            this.out.println("  rejected     " + issue.source() + " line " + issue.lineNumber() + ": " + issue.reason()
                    + " " + issue.detail());
        }
        this.out.println("  took         " + result.duration().toMillis() + " ms");
    }

    private int show(Environment environment, String nationalId) {
        // a store never imported into answers "not in the directory", not a missing-table error
        DirectoryMigrations.migrate(DirectoryDataSource.from(environment));
        ConnectionFactory connections = CommandEnvironment.connectionFactory(environment);
        try {
            var practitioner = new PostgresPractitionerLookup(connections, Duration.ofSeconds(10))
                .findByNationalId(nationalId).block(Duration.ofSeconds(15));
            if (practitioner == null) {
                this.err.println(nationalId + " is not in the directory");
                return 2;
            }
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            this.out.println(json.writeValueAsString(new PscClaimsMapper().userInfoClaims(practitioner)));
            return 0;
        }
        catch (IllegalArgumentException ex) {
            this.err.println("Not a national identifier: " + ex.getMessage());
            return 2;
        }
        catch (DirectoryUnavailableException ex) {
            this.err.println("The directory database is unavailable: " + ex.getMessage());
            return 1;
        }
    }
}
