package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.entsupport.core.Actor;
import org.entsupport.core.CommentAdded;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreOutcomeUnknownException;
import org.entsupport.core.Support;
import org.entsupport.core.model.Ticket;
import org.entsupport.jdbc.internal.JdbcTicketStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit that fails on a lost connection leaves its outcome unknown: the store says so with
 * {@link StoreOutcomeUnknownException} (the change may have been saved, retry with the same key), and a retry
 * with the same key after a commit that did happen answers with the first comment instead of a second one.
 */
class H2LostCommitTest {

    private static TestDatabase db;

    /** What the next commit does: nothing special ({@code null}), or throw this after or instead of committing. */
    private final AtomicReference<@Nullable SQLException> failNextCommit = new AtomicReference<>();

    private boolean commitBeforeFailing;
    private JdbcTicketStore store;
    private Support support;
    private final Actor alice = Actor.user("alice", "Alice").memberOf("s1").build();

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        db.clear();
        store = new JdbcTicketStore(failingCommits(db.jdbc.dataSource()), Database.H2, db.schema);
        support = Support.builder().store(store).build();
    }

    /** Connections whose commit throws {@link #failNextCommit} once, after committing when asked to. */
    private DataSource failingCommits(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object result = invoke(real, m, args);
                    if (!m.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(
                            getClass().getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                                if (cm.getName().equals("commit")) {
                                    SQLException failure = failNextCommit.getAndSet(null);
                                    if (failure != null) {
                                        if (commitBeforeFailing) {
                                            c.commit();
                                        }
                                        throw failure;
                                    }
                                }
                                return invoke(c, cm, cargs);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object @Nullable [] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private java.util.List<org.entsupport.core.model.Comment> comments(long ticketId) {
        return store.inTransaction(tx -> tx.comments(ticketId));
    }

    private Ticket file() {
        return support.create(
                alice,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Cannot publish")
                        .description("The button does nothing.")
                        .build());
    }

    @Test
    void aConnectionLostAtCommitIsAnOutcomeUnknownWithHowToRetry() {
        Ticket t = file();
        failNextCommit.set(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThatThrownBy(() ->
                        support.comment(alice, t.id(), NewComment.of("Hello").withIdempotencyKey("k-1")))
                .isInstanceOfSatisfying(StoreOutcomeUnknownException.class, e -> {
                    assertThat(e).isInstanceOf(StoreException.class);
                    assertThat(e.code()).isEqualTo("store.outcome-unknown");
                    assertThat(e.getMessage())
                            .contains("ticket " + t.id())
                            .contains("may have been saved or not")
                            .contains("same idempotency key")
                            .contains("57P01");
                    assertThat(e.userMessage(Locale.ENGLISH))
                            .contains("it may have been saved")
                            .contains("same request key (Idempotency-Key)");
                    assertThat(e.userMessage(Locale.FRENCH))
                            .contains("elle a peut-être été enregistrée")
                            .contains("même clé de demande");
                });
    }

    @Test
    void everyConnectionFailureAtCommitIsAnOutcomeUnknown() {
        Ticket t = file();
        for (SQLException lost : new SQLException[] {
            new SQLException("An I/O error occurred while sending to the backend.", "08006"),
            new SQLNonTransientConnectionException("(conn=12) Connection was killed", "70100", 1927),
            new SQLException("Database is already closed", "90121"),
            new SQLException("no state")
        }) {
            failNextCommit.set(lost);
            assertThatThrownBy(() -> support.comment(alice, t.id(), NewComment.of("Hello")))
                    .as(lost.getMessage())
                    .isInstanceOf(StoreOutcomeUnknownException.class)
                    .hasCause(lost);
        }
    }

    @Test
    void aCommitTheDatabaseRefusedIsAPlainStoreFailure() {
        Ticket t = file();
        for (SQLException refused : new SQLException[] {
            new SQLException("could not serialize access", "40001"),
            new SQLException("duplicate key value violates unique constraint", "23505")
        }) {
            failNextCommit.set(refused);
            assertThatThrownBy(() -> support.comment(alice, t.id(), NewComment.of("Hello")))
                    .as(refused.getMessage())
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(StoreOutcomeUnknownException.class)
                    .hasMessageContaining("failed to commit");
        }
        assertThat(comments(t.id())).isEmpty();
    }

    @Test
    void aRetryWithTheSameKeyAfterALostAcknowledgementWritesNothingMore() {
        Ticket t = file();
        commitBeforeFailing = true;
        failNextCommit.set(new SQLException("terminating connection due to administrator command", "57P01"));
        NewComment comment = NewComment.of("Saved, but the answer was lost").withIdempotencyKey("k-lost");

        assertThatThrownBy(() -> support.comment(alice, t.id(), comment))
                .isInstanceOf(StoreOutcomeUnknownException.class);
        assertThat(comments(t.id())).as("the commit did happen").hasSize(1);

        CommentAdded retried = support.comment(alice, t.id(), comment);

        assertThat(comments(t.id())).containsExactly(retried.comment());
        assertThat(retried.comment().body()).isEqualTo("Saved, but the answer was lost");
    }
}
