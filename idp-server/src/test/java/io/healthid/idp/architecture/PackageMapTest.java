package io.healthid.idp.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/architecture.md} true: its package table is the map, and the code must follow it. Checked on the
 * compiled classes (ArchUnit) and on the source import lines, which is how a reader sees the dependencies.
 */
class PackageMapTest {

    private static final Path DOC = Path.of("..", "docs", "architecture.md");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "rpps-adapter", "src", "main", "java"));

    /** Top to bottom; a layer may use itself and the layers listed after it, except where {@link #allowed} says. */
    private static final List<String> LAYERS = List.of("application", "login", "protocol", "authenticators", "services",
            "values");

    private static JavaClasses classes;
    private static Map<String, String> layerOf;

    @BeforeAll
    static void read() throws IOException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // rpps-adapter's test helpers reach these tests as a jar, which DO_NOT_INCLUDE_TESTS does not recognise
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.healthid");
        layerOf = new LinkedHashMap<>();
        Matcher row = Pattern.compile("^\\| `(io\\.healthid\\.idp[\\w.]*)` \\| (\\w+) \\|", Pattern.MULTILINE)
            .matcher(Files.readString(DOC));
        while (row.find()) {
            layerOf.put(row.group(1), row.group(2));
        }
    }

    @Test
    void everyPackageOfTheServerIsOnTheMapInALayer() throws IOException {
        Set<String> inCode = SourceImports.read(SOURCES.get(0)).keySet();
        assertThat(layerOf.keySet()).as("packages in docs/architecture.md").containsExactlyInAnyOrderElementsOf(inCode);
        assertThat(Set.copyOf(layerOf.values())).as("layers named in docs/architecture.md").isSubsetOf(LAYERS);
    }

    @Test
    void sourceImportsFormNoPackageCycle() throws IOException {
        Map<String, Set<String>> graph = new LinkedHashMap<>();
        for (Path source : SOURCES) {
            graph.putAll(SourceImports.read(source));
        }
        assertThat(SourceImports.cycles(graph)).as("packages that import each other").isEmpty();
    }

    @Test
    void compiledClassesFormNoPackageCycle() {
        slices().matching("io.healthid.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            String[] packages = layerOf.entrySet().stream().filter(entry -> entry.getValue().equals(layer))
                .map(entry -> entry.getKey() + "..").toArray(String[]::new);
            architecture = architecture.layer(layer).definedBy(packages);
        }
        for (String layer : LAYERS) {
            String[] above = LAYERS.subList(0, LAYERS.indexOf(layer)).stream()
                .filter(caller -> allowed(caller, layer)).toArray(String[]::new);
            architecture = above.length == 0 ? architecture.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                    : architecture.whereLayer(layer).mayOnlyBeAccessedByLayers(above);
        }
        architecture.check(classes);
    }

    /** The two middle layers do not know each other: the login layer joins the protocol and the authenticators. */
    private static boolean allowed(String caller, String callee) {
        return !(caller.equals("protocol") && callee.equals("authenticators"));
    }

    @Test
    void valuesDependOnNoOtherPackageOfOurs() throws IOException {
        Set<String> values = layerOf.entrySet().stream().filter(entry -> entry.getValue().equals("values"))
            .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Set<String>> graph = SourceImports.read(SOURCES.get(0));
        for (String value : values) {
            assertThat(graph.get(value)).as(value + " imports").isSubsetOf(values);
        }
    }
}
