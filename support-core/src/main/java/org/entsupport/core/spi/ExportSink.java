package org.entsupport.core.spi;

/**
 * Receives the rows of an export from {@link TicketStore#export}, one at a time, in the export's order.
 * The facade's CSV export is one; it writes each row as it comes.
 */
@FunctionalInterface
public interface ExportSink {

    /**
     * Takes one row. Called on the thread that called {@link TicketStore#export}, once per exported ticket.
     * A runtime exception thrown here (a client that went away: {@link java.io.UncheckedIOException}) stops
     * the export: the store releases what it holds and lets the exception reach its caller unchanged.
     *
     * @param row the row, valid only until this method returns (the store may reuse the object)
     */
    void accept(ExportRow row);
}
