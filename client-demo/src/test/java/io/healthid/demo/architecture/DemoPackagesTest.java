package io.healthid.demo.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo client's packages, like the server's, import each other one way only. */
class DemoPackagesTest {

    @Test
    void compiledClassesFormNoPackageCycle() {
        // the compiled main classes as the reactor builds them (no classpath scan)
        JavaClasses classes = new ClassFileImporter().importPaths(Path.of("target", "classes"));
        slices().matching("io.healthid.demo.(**)").should().beFreeOfCycles().check(classes);
    }
}
