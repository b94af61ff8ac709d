/**
 * Contract test kits: abstract JUnit 5 suites that every implementation of a port or SPI of
 * Aide &amp; Support extends with one small subclass.
 */
module org.entsupport.tck {
    requires transitive org.entsupport.core;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;

    exports org.entsupport.tck;
}
