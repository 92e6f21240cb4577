package io.healthid.rpps.importer;

import java.text.Normalizer;
import java.util.Locale;

/** Compares header names the way a human would: ignoring case, surrounding blanks, Unicode form and quote style. */
final class HeaderNames {

    private HeaderNames() {
    }

    static String normalise(String header) {
        String s = header.replace("\uFEFF", "").strip();
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        s = s.replace('\u2019', '\'').replace('\u00A0', ' ');
        return s.toLowerCase(Locale.ROOT);
    }
}
