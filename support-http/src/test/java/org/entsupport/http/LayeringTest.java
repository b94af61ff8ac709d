package org.entsupport.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps support-http neutral (ARCHITECTURE §1, {@code http -> core}): no web framework, no adapter, and
 * support-jdbc only in the optional adapter package.
 */
class LayeringTest {

    private static final JavaClasses HTTP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.entsupport.http");

    @Test
    void knowsNoWebFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..", "jakarta.servlet..", "javax.servlet..", "io.netty..", "org.springframework..")
                .check(HTTP);
    }

    @Test
    void usesSupportJdbcOnlyInItsAdapterPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.entsupport.http.jdbc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.entsupport.jdbc..", "java.sql..", "org.jooq..")
                .check(HTTP);
    }

    @Test
    void dependsOnNoOtherAdapter() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.entsupport.desk..", "org.entsupport.notify.email..", "org.entsupport.notify.webhook..")
                .check(HTTP);
    }
}
