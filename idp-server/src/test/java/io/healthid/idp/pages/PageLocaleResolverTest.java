package io.healthid.idp.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("RFC9110-12.5.4")
class PageLocaleResolverTest {

    @Test
    void resolveWhenNoHeaderThenFrench() {
        assertThat(PageLocaleResolver.resolve(null)).isEqualTo(Locale.FRENCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-GB", "EN-us", "en-GB,fr;q=0.8", "fr;q=0.5, en;q=0.9", "de, en;q=0.7"})
    void resolveWhenEnglishPreferredThenEnglish(String header) {
        assertThat(PageLocaleResolver.resolve(header)).isEqualTo(Locale.ENGLISH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr-FR", "fr", "de", "fr-FR,en;q=0.5", "en;q=0.4,fr;q=0.6", "*", "", "en;q=0"})
    void resolveWhenFrenchPreferredOrNoSupportedLanguageThenFrench(String header) {
        assertThat(PageLocaleResolver.resolve(header)).isEqualTo(Locale.FRENCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en;q=x", "fr-FR;q=1.1", ";;;", "en;q=", ",,,", "en;q=1;q=2", "en;foo", "\u00e9\u00e9;q=0.5"})
    void resolveWhenHeaderMalformedThenALanguageAndNoError(String header) {
        assertThat(PageLocaleResolver.resolve(header)).isIn(PageLocaleResolver.SUPPORTED);
    }

    @Test
    void resolveWhenWeightMalformedThenThatRangeIgnored() {
        assertThat(PageLocaleResolver.resolve("en;q=x, fr;q=0.1")).isEqualTo(Locale.FRENCH);
        assertThat(PageLocaleResolver.resolve("fr-FR;q=1.1, en;q=0.2")).isEqualTo(Locale.ENGLISH);
    }
}
