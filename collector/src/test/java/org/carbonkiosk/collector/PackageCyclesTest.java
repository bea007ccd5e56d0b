package org.carbonkiosk.collector;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No cycles between this module's packages, its root package included: each Java package is one slice. */
class PackageCyclesTest {
    @Test
    void packagesAreFreeOfCycles() {
        var mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of(System.getProperty("basedir", "."), "target", "classes")) // this module's only
                .that(resideInAnyPackage("org.carbonkiosk.collector.."));
        slices().assignedFrom(new SliceAssignment() {
            @Override public SliceIdentifier getIdentifierOf(JavaClass c) { return SliceIdentifier.of(c.getPackageName()); }
            @Override public String getDescription() { return "each Java package"; }
        }).should().beFreeOfCycles().check(mainClasses);
    }
}
