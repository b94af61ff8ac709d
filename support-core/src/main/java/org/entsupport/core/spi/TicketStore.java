package org.entsupport.core.spi;

/**
 * The persistence port of the library. An adapter (in memory, jOOQ over JDBC, or the host's own)
 * implements it; the facade runs every operation as one call to {@link #inTransaction}.
 *
 * <p>Implementations must run the callback in one transaction: every write it made commits when it
 * returns and rolls back when it throws, and the exception reaches the caller unchanged (adapter
 * failures translated to {@link org.entsupport.core.StoreException}). They must be safe for use by
 * many threads at once. Run {@code TicketStoreContract} from {@code support-tck} against yours.
 *
 * <p>When the commit itself fails in a way that leaves its outcome unknown (the connection was lost while
 * committing), throw {@link org.entsupport.core.StoreOutcomeUnknownException}: the change may have been saved,
 * and the caller retries it with its idempotency key.
 */
public interface TicketStore {

    /**
     * Runs {@code work} in one transaction.
     *
     * @param work what to do; called once, on the calling thread
     * @param <T>  the result type
     * @return what {@code work} returned, after the commit
     * @throws org.entsupport.core.SupportException what {@code work} threw, after the rollback, or a
     *         {@link org.entsupport.core.StoreException} when the store failed
     * @throws org.entsupport.core.StoreOutcomeUnknownException when the commit failed without telling whether
     *         it happened
     */
    <T> T inTransaction(TransactionWork<T> work);

    /**
     * Runs {@code work}, which returns nothing, in one transaction: {@link #inTransaction} for work done
     * for its effect.
     *
     * @param work what to do; called once, on the calling thread
     * @throws org.entsupport.core.SupportException what {@code work} threw, after the rollback, or a
     *         {@link org.entsupport.core.StoreException} when the store failed
     */
    default void useTransaction(TransactionAction work) {
        inTransaction(tx -> {
            work.run(tx);
            return Boolean.TRUE;
        });
    }

    /**
     * Hands every ticket matching {@code filter} to {@code sink}, one row at a time, in the order
     * ({@code sort}, id) in {@code direction}: the order of {@link StoreTransaction#list} pages. The
     * facade's CSV export calls it, on the host's thread, for lists that may hold a whole platform.
     *
     * <p>This default reads keyset pages of {@value #EXPORT_PAGE} tickets through
     * {@link StoreTransaction#list}, one short transaction each, so it never holds the whole list. A store
     * on a database overrides it to stream the exported columns from one cursor (what the JDBC store does).
     * The rows need not come from one snapshot: a ticket changed during the export may be missed or
     * written twice, as when following a list's pages.
     *
     * @param filter    which tickets, already narrowed to what the actor may export
     * @param sort      the order
     * @param direction ascending or descending
     * @param sink      receives the rows
     * @return how many rows {@code sink} received
     * @throws org.entsupport.core.StoreException when the store failed
     * @throws RuntimeException what {@code sink} threw, unchanged, after the store released what it held
     */
    default long export(
            TicketFilter filter,
            org.entsupport.core.model.TicketSort sort,
            org.entsupport.core.model.SortDirection direction,
            ExportSink sink) {
        java.util.Objects.requireNonNull(filter, "filter");
        java.util.Objects.requireNonNull(sort, "sort");
        java.util.Objects.requireNonNull(direction, "direction");
        java.util.Objects.requireNonNull(sink, "sink");
        if (filter.scopes().isEmpty()) {
            return 0;
        }
        long rows = 0;
        Keyset after = null;
        while (true) {
            PageRequest page = new PageRequest(sort, direction, after, EXPORT_PAGE);
            java.util.List<org.entsupport.core.model.Ticket> tickets = inTransaction(tx -> tx.list(filter, page));
            for (org.entsupport.core.model.Ticket t : tickets) {
                sink.accept(ExportRow.of(t));
            }
            rows += tickets.size();
            if (tickets.size() < EXPORT_PAGE) {
                return rows;
            }
            after = Keyset.of(sort, tickets.get(tickets.size() - 1));
        }
    }

    /** The page size of the default {@link #export}. */
    int EXPORT_PAGE = 500;

    /**
     * The outbox of this store, for the relay: the messages that {@link StoreTransaction#enqueue}
     * wrote, on the same database.
     *
     * @return the outbox of this store, for the relay: the messages that {@link StoreTransaction#enqueue} wrote, on
     *         the same database
     */
    org.entsupport.core.outbox.OutboxStore outbox();

    /**
     * The state of the desk synchroniser, on the same database.
     *
     * @return the state of the desk synchroniser, on the same database
     */
    DeskSyncStore deskSync();

    /**
     * The storage side of data protection (anonymisation, export, retention) on the same database, when this
     * store has one. The bundled stores have one; a host's own store without it makes
     * {@link org.entsupport.core.DataProtection} refuse its operations and the housekeeping skip them.
     *
     * @return the lifecycle store, or empty when this store has none
     */
    default java.util.Optional<LifecycleStore> lifecycle() {
        return java.util.Optional.empty();
    }

    /**
     * A unit of work run inside a transaction.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    interface TransactionWork<T> {
        /**
         * Does the work with the transaction's view of the store.
         *
         * @param tx the transaction's view of the store, valid until {@code run} returns
         * @return the result of the work
         */
        T run(StoreTransaction tx);
    }

    /** Work done in a transaction for its effect; see {@link #useTransaction}. */
    @FunctionalInterface
    interface TransactionAction {
        /**
         * Does the work with the transaction's view of the store.
         *
         * @param tx the transaction's view of the store, valid until {@code run} returns
         */
        void run(StoreTransaction tx);
    }
}
