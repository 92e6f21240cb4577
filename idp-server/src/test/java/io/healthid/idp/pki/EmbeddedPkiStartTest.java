package io.healthid.idp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** Issue 9: the test PKI is made while the context is built, and is the same PKI, failures included, as before. */
class EmbeddedPkiStartTest {

    @TempDir
    Path data;

    @Test
    void aFirstStartCreatesThePkiInTheDataDirectoryAndTheNextStartLoadsIt() {
        TestPki created = started().pki().current();

        TestPki loaded = started().pki().current();

        assertThat(Files.isDirectory(this.data.resolve("pki"))).isTrue();
        assertThat(loaded.certificate(CaName.RACINE)).isEqualTo(created.certificate(CaName.RACINE));
        assertThat(loaded.crlUrl(CaName.PERSONNES).toString()).isEqualTo("http://localhost:31080/pki/crl/"
                + CaName.PERSONNES.fileStem() + ".crl");
    }

    @Test
    void aPkiThatCannotBeCreatedFailsTheBeanThatNeedsItNamingTheDirectory() throws IOException {
        Files.writeString(this.data.resolve("pki"), "a file where the PKI's directory should be");

        EmbeddedPkiStart.Started started = started();

        assertThatThrownBy(started::pki).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("The embedded test PKI cannot be created in " + this.data.resolve("pki"));
    }

    @Test
    void withoutTheEmbeddedDatabaseNothingStarts() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment());

        new EmbeddedPkiStart().initialize(context);

        assertThat(context.getBeanFactory().getBeanNamesForType(EmbeddedPkiStart.Started.class)).isEmpty();
        assertThat(this.data.resolve("pki")).doesNotExist();
    }

    private EmbeddedPkiStart.Started started() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment().withProperty("idp.embedded.postgres", "true")
            .withProperty("idp.embedded.data-dir", this.data.toString())
            .withProperty("idp.base-url", "http://localhost:31080"));
        new EmbeddedPkiStart().initialize(context);
        return context.getBeanFactory().getBean(EmbeddedPkiStart.Started.class);
    }
}
