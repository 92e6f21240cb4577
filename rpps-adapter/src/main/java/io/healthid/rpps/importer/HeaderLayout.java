package io.healthid.rpps.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a header line tells: the kind of file, the number of fields per line and where each known column is. */
final class HeaderLayout {

    private final FileKind kind;
    private final int fieldCount;
    private final int[] positions;
    private final List<String> ignoredHeaders;

    private HeaderLayout(FileKind kind, int fieldCount, int[] positions, List<String> ignoredHeaders) {
        this.kind = kind;
        this.fieldCount = fieldCount;
        this.positions = positions;
        this.ignoredHeaders = ignoredHeaders;
    }

    /** Reads a header line (trailing {@code |} tolerated); refuses unknown, incomplete or ambiguous headers. */
    static HeaderLayout parse(String source, String headerLine) {
        String line = headerLine.endsWith("\r") ? headerLine.substring(0, headerLine.length() - 1) : headerLine;
        if (line.endsWith("|")) {
            line = line.substring(0, line.length() - 1);
        }
        String[] headers = line.split("\\|", -1);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < headers.length; i++) {
            String name = HeaderNames.normalise(headers[i]);
            if (byName.putIfAbsent(name, i) != null) {
                throw new DirectoryImportException(DirectoryImportException.Reason.DUPLICATE_COLUMN, source, 1,
                        "column '" + headers[i].strip() + "' appears twice");
            }
        }
        FileKind kind = detect(byName.keySet());
        if (kind == null) {
            throw new DirectoryImportException(DirectoryImportException.Reason.UNKNOWN_FILE_TYPE, source, 1,
                    "header is not a PS_LibreAcces_Personne_activite, PSC extraction or PS_LibreAcces_SavoirFaire header");
        }
        List<String> missing = new ArrayList<>();
        for (String required : kind.requiredHeaders()) {
            if (!byName.containsKey(HeaderNames.normalise(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new DirectoryImportException(DirectoryImportException.Reason.MISSING_COLUMNS, source, 1,
                    kind + " header lacks " + missing);
        }
        int[] positions = new int[Column.values().length];
        Set<Integer> used = new HashSet<>();
        for (Column column : Column.values()) {
            positions[column.ordinal()] = -1;
            for (String alias : column.headers()) {
                Integer at = byName.get(HeaderNames.normalise(alias));
                if (at != null) {
                    positions[column.ordinal()] = at;
                    used.add(at);
                    break;
                }
            }
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < headers.length; i++) {
            if (!used.contains(i)) {
                ignored.add(headers[i].strip());
            }
        }
        return new HeaderLayout(kind, headers.length, positions, List.copyOf(ignored));
    }

    private static FileKind detect(Set<String> names) {
        boolean hasIdNat = names.contains(HeaderNames.normalise("Identification nationale PP"));
        if (!hasIdNat) {
            return null;
        }
        if (names.contains(HeaderNames.normalise("Nom de famille"))
                && names.contains(HeaderNames.normalise("Adresse e-mail (coord. correspondance)"))) {
            return FileKind.PSC_EXTRACTION;
        }
        if (names.contains(HeaderNames.normalise("Code mode exercice"))) {
            return FileKind.PUBLIC_PERSONNE_ACTIVITE;
        }
        if (names.contains(HeaderNames.normalise("Code savoir-faire"))) {
            return FileKind.SAVOIR_FAIRE;
        }
        return null;
    }

    FileKind kind() {
        return kind;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Position of the column in a line, or -1 when this layout does not have it. */
    int position(Column column) {
        return positions[column.ordinal()];
    }

    /** Headers we do not map (birth data we do not keep, future columns, ...). */
    List<String> ignoredHeaders() {
        return ignoredHeaders;
    }
}
