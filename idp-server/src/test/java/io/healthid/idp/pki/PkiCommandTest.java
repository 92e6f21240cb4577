package io.healthid.idp.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void issueCardCreatesThePkiWritesAPkcs12AndPrintsItsPassword() throws Exception {
        Path p12 = this.dir.resolve("cards/carole.p12");

        int status = run("issue-card", "--idnat", "899700075122", "--name", "PHARMACH0007512 CAROLE",
                "--title", "Pharmacien", "--out", p12.toString());

        assertThat(status).isZero();
        assertThat(Files.exists(this.dir.resolve("pki/pki.properties"))).isTrue();
        X509Certificate card = certificateIn(p12, printedPassword());
        assertThat(card.getSubjectX500Principal().getName("RFC1779")).contains("CN=899700075122")
                .contains("PHARMACH0007512");
        assertThat(output()).contains("Import: Firefox");
    }

    @Test
    void issueCardWhenStructureStaffTypeThenStructureCard() throws Exception {
        Path p12 = this.dir.resolve("cpe.p12");

        int status = run("issue-card", "--idnat", "512345678901234/CPE0001", "--type", "cpe", "--password", "given",
                "--out", p12.toString());

        assertThat(status).isZero();
        assertThat(certificateIn(p12, "given").getSubjectX500Principal().getName()).startsWith("CN=512345678901234/CPE0001,");
    }

    @Test
    void issueCardWithoutIdNatThenUsageAndStatus2() {
        assertThat(run("issue-card", "--out", "x.p12")).isEqualTo(2);
        assertThat(output()).contains("--idnat is required").contains("usage: pki issue-card");
    }

    @Test
    void unknownSubcommandThenUsageAndStatus2() {
        assertThat(run("revoke-everything")).isEqualTo(2);
        assertThat(output()).contains("usage: pki issue-card");
    }

    private int run(String... args) {
        PkiCommand command = new PkiCommand(this.dir.resolve("pki"), TestPki.builder());
        return command.run(args, new PrintStream(this.output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return this.output.toString(StandardCharsets.UTF_8);
    }

    private String printedPassword() {
        Matcher matcher = Pattern.compile("Password: (\\S+)").matcher(output());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static X509Certificate certificateIn(Path p12, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, password.toCharArray());
        }
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }
}
