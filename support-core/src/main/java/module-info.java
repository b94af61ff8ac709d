/**
 * The core of Aide &amp; Support: tickets, the status workflow, permissions, the
 * {@link org.entsupport.core.Support} facade, its ports and the in-memory adapters.
 *
 * <p>It knows no JDBC: persistence is a port ({@link org.entsupport.core.spi.TicketStore})
 * that an adapter module implements. Jackson writes and reads its outbox payloads.
 */
module org.entsupport.core {
    requires transitive org.entsupport.notify;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires static org.jspecify;

    exports org.entsupport.core;
    exports org.entsupport.core.model;
    exports org.entsupport.core.spi;
    exports org.entsupport.core.desk;
    exports org.entsupport.core.memory;
    exports org.entsupport.core.notify;
    exports org.entsupport.core.outbox;
    exports org.entsupport.core.attachment;

    // The outbox payloads are records that Jackson reads and writes by reflection.
    opens org.entsupport.core.internal to
            com.fasterxml.jackson.databind;
}
