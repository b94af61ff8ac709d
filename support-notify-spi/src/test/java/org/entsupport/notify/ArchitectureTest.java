package org.entsupport.notify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses SPI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.entsupport.notify");

    @Test
    void theSpiDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("org.entsupport.notify")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("org.entsupport.notify", "java..")
                .because("support-notify-spi must depend on nothing, so implementors compile against a small contract")
                .check(SPI);
    }
}
