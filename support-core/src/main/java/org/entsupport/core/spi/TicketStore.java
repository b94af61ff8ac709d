package org.entsupport.core.spi;

/**
 * The persistence port of the library. An adapter (in memory, jOOQ over JDBC, or the host's own)
 * implements it; the facade runs every operation as one call to {@link #inTransaction}.
 *
 * <p>Implementations must run the callback in one transaction: every write it made commits when it
 * returns and rolls back when it throws, and the exception reaches the caller unchanged (adapter
 * failures translated to {@link org.entsupport.core.StoreException}). They must be safe for use by
 * many threads at once. Run {@code TicketStoreContract} from {@code support-tck} against yours.
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
