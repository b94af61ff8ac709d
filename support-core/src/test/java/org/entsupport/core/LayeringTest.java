package org.entsupport.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the layering of ARCHITECTURE §1: core knows no JDBC nor jOOQ; the SPI needs only the JDK; the
 * facade delegates to internal code, which never depends on it.
 */
class LayeringTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.entsupport.core");

    private static final JavaClasses SPI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.entsupport.notify");

    @Test
    void coreUsesNoJdbcNorJooq() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.jooq..")
                .check(CORE);
    }

    @Test
    void coreDoesNotDependOnAdapters() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.entsupport.jdbc..",
                        "org.entsupport.desk..",
                        "org.entsupport.notify.email..",
                        "org.entsupport.notify.webhook..")
                .check(CORE);
    }

    @Test
    void publicPackagesDoNotExposeInternalTypesInSignatures() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..internal..")
                .and()
                .areInterfaces()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internal..")
                .check(CORE);
    }

    /** Jackson writes the library's own payloads; no public type shows it to hosts. */
    @Test
    void jacksonStaysInsideInternalCode() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml..")
                .check(CORE);
    }

    /**
     * {@link Support} is the facade: it delegates to the capabilities in {@code internal}, which never
     * depend on it. Were an internal class to implement or build it again, the facade and its
     * implementation would depend on each other (the circle the interface and its builder once made).
     */
    @Test
    void internalCodeNeverDependsOnTheFacade() {
        noClasses()
                .that()
                .resideInAPackage("org.entsupport.core.internal..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Support.class, Support.Builder.class)
                .because("the facade delegates to internal code, never the other way round")
                .check(CORE);
    }

    /** The capability classes behind the facade (ARCHITECTURE §1). */
    private static final List<String> CAPABILITIES = List.of(
            "Filing",
            "Reading",
            "Conversation",
            "StatusChanges",
            "Attachments",
            "Escalations",
            "DeskSync",
            "Housekeeping",
            "Export",
            "SupportRuntime");

    /** A capability reaches another only through the shared context, never by calling its class. */
    @Test
    void capabilitiesDoNotDependOnEachOther() {
        for (String name : CAPABILITIES) {
            String[] others = CAPABILITIES.stream()
                    .filter(n -> !n.equals(name))
                    .map(n -> "org.entsupport.core.internal." + n)
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .haveFullyQualifiedName("org.entsupport.core.internal." + name)
                    .should()
                    .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                            "another capability",
                            c -> java.util.Arrays.asList(others).contains(c.getName())))
                    .check(CORE);
        }
    }

    /** The facade is a class that hosts build, not an interface that internal code implements. */
    @Test
    void theFacadeIsAFinalClass() {
        classes()
                .that()
                .belongToAnyOf(Support.class)
                .should()
                .notBeInterfaces()
                .andShould()
                .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
                .check(CORE);
    }

    @Test
    void notifierSpiDependsOnTheJdkOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.entsupport.notify..")
                .check(SPI);
    }
}
