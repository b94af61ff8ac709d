package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.StoreTransaction;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.Test;

/** A bulk operation reports per ticket what succeeded and what failed, and goes on after a store failure. */
class BulkStoreFailureTest {

    private final MutableClock clock = new MutableClock(Fixture.START);
    private final InMemoryTicketStore memory = new InMemoryTicketStore();
    private volatile long broken = -1;
    private final Actor owner =
            Actor.user("u-owner", "Olivia Owner").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam Admin")
            .adminOf("s1")
            .mayEscalateIn("s1")
            .build();

    /** The in-memory store, except that locking ticket {@link #broken} fails as a lost connection would. */
    private TicketStore failing() {
        return (TicketStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TicketStore.class}, (p, m, args) -> {
                    if (m.getName().equals("inTransaction")) {
                        TicketStore.TransactionWork<?> work = (TicketStore.TransactionWork<?>) args[0];
                        return memory.inTransaction(tx -> work.run(failingTx(tx)));
                    }
                    return call(memory, m, args);
                });
    }

    private StoreTransaction failingTx(StoreTransaction tx) {
        InvocationHandler h = (p, m, args) -> {
            if (m.getName().equals("lockTicket") && (Long) args[0] == broken) {
                throw new StoreException(
                        "The support store failed to lock (ticket " + broken + "): connection reset", null);
            }
            return call(tx, m, args);
        };
        return (StoreTransaction)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StoreTransaction.class}, h);
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aStoreFailureOnOneTicketIsReportedAndTheOthersAreStillChanged() {
        Support s = Support.builder()
                .store(failing())
                .clock(clock)
                .directory(school -> Set.of("u-admin"))
                .settings(SupportSettings.builder()
                        .reopenWindow(Duration.ofDays(30))
                        .build())
                .build();
        List<Long> ids = List.of(file(s, "a"), file(s, "b"), file(s, "c"));
        broken = ids.get(1);

        BulkResult result = s.changeStatuses(admin, ids, TicketStatus.OPENED);

        assertThat(result.outcomes().keySet()).containsExactlyElementsOf(ids);
        assertThat(result.outcomes().get(ids.get(0)).kind()).isEqualTo(BulkResult.Kind.CHANGED);
        assertThat(result.outcomes().get(ids.get(2)).kind()).isEqualTo(BulkResult.Kind.CHANGED);
        BulkResult.Outcome failed = result.outcomes().get(ids.get(1));
        assertThat(failed.kind()).isEqualTo(BulkResult.Kind.FAILED);
        assertThat(failed.reason()).contains("connection reset");
        assertThat(failed.error()).isInstanceOf(StoreException.class);
        assertThat(result.changedCount()).isEqualTo(2);

        broken = -1;
        Ticket retried = memory.inTransaction(tx -> tx.findTicket(ids.get(1))).orElseThrow();
        assertThat(retried.status()).isEqualTo(TicketStatus.NEW);
        assertThat(s.changeStatuses(admin, List.of(ids.get(1)), TicketStatus.OPENED)
                        .changedCount())
                .isEqualTo(1);
    }

    private long file(Support s, String subject) {
        return s.create(
                        owner,
                        NewTicket.builder()
                                .school("s1")
                                .category("/blog")
                                .subject(subject)
                                .description("Description de " + subject)
                                .build())
                .id();
    }
}
