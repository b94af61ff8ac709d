package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.outbox.OutboxStore;
import org.entsupport.core.spi.DeskSyncStore;
import org.entsupport.core.spi.ExportRow;
import org.entsupport.core.spi.PageRequest;
import org.entsupport.core.spi.SearchText;
import org.entsupport.core.spi.TicketDraft;
import org.entsupport.core.spi.TicketFilter;
import org.entsupport.core.spi.TicketScope;
import org.entsupport.core.spi.TicketStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's export on each database: more rows than a page of the default export (500) and than a
 * round trip of the cursor (2,000), in the lists' order for every sort, filtered by scope, status and
 * search words, whatever the JVM's time zone; the CSV through the facade is byte for byte what the
 * page-by-page default writes; one connection and one statement per export; a failing sink stops it and
 * gives its connection back.
 */
abstract class ExportBehaviour {

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    protected abstract TestDatabase db();

    private static final int TICKETS = 2_150;
    private static final Instant BASE = Instant.parse("2026-03-01T08:00:00.123456Z");
    private static final String[] SUBJECTS = {
        "apple", "Apple", "élève absent", "Zèbre", "=SUM(A1)", "\"guillemets\" ; virgule, fin", "émoji 🎒", "zz"
    };
    private static final Map<String, List<Ticket>> SEEDED = new ConcurrentHashMap<>();

    private List<Ticket> all;

    @BeforeEach
    void seed() {
        all = SEEDED.computeIfAbsent(db().schema, schema -> insert(db().jdbc.store()));
    }

    /** 2,150 tickets over 3 schools and 10 owners, in batches of 500 per transaction; instants in threes. */
    private static List<Ticket> insert(TicketStore store) {
        List<Ticket> out = new ArrayList<>();
        TicketStatus[] statuses = TicketStatus.values();
        for (int from = 0; from < TICKETS; from += 500) {
            int start = from;
            out.addAll(store.inTransaction(tx -> {
                List<Ticket> batch = new ArrayList<>();
                for (int i = start; i < Math.min(TICKETS, start + 500); i++) {
                    String school = i % 10 < 6 ? "s1" : i % 10 < 9 ? "s2" : "s3";
                    String description = (i % 7 == 0 ? "L'imprimante ne répond plus.\n" : "Rien à signaler.\n")
                            + "Ligne \"" + i + "\" ; fin";
                    batch.add(tx.insertTicket(new TicketDraft(
                            "u-" + (i % 10),
                            i % 10 == 3 ? "Zoé \"la\" Dupont; fille" : "Owner " + (i % 10),
                            school,
                            i % 4 == 0 ? "/blog" : "/cahier-de-textes",
                            SUBJECTS[i % SUBJECTS.length] + " " + (i % 13),
                            description,
                            statuses[i % statuses.length],
                            BASE.plus(Duration.ofSeconds(i / 3)),
                            "fr",
                            i % 5,
                            null)));
                }
                return batch;
            }));
        }
        return List.copyOf(out);
    }

    /** A row as text, each value copied while the row is valid. */
    private static String line(ExportRow r) {
        return String.join(
                "|",
                Long.toString(r.id()),
                r.created().toString(),
                r.modified().toString(),
                r.status().name(),
                r.school(),
                r.category(),
                r.subject(),
                r.owner(),
                r.ownerName(),
                r.escalationStatus().name(),
                Integer.toString(r.commentCount()),
                Integer.toString(r.attachmentCount()),
                r.description());
    }

    private static List<String> exported(TicketStore store, TicketFilter filter, TicketSort sort, SortDirection dir) {
        List<String> out = new ArrayList<>();
        long n = store.export(filter, sort, dir, row -> out.add(line(row)));
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    /** The reference: the filter's own definition and the lists' comparator over what was inserted. */
    private List<String> expected(TicketFilter filter, TicketSort sort, SortDirection dir) {
        return all.stream()
                .filter(filter::matches)
                .sorted(new PageRequest(sort, dir, null, 1).comparator())
                .map(t -> line(ExportRow.of(t)))
                .toList();
    }

    private static TicketFilter schools(String... schools) {
        return new TicketFilter(List.of(new TicketScope(Set.of(schools), null, null)), Set.of(), List.of());
    }

    @Test
    void everyTicketInTheListsOrderForEverySortAndDirection() {
        TicketFilter everything = new TicketFilter(List.of(TicketScope.everything()), Set.of(), List.of());
        for (TicketSort sort : TicketSort.values()) {
            for (SortDirection dir : SortDirection.values()) {
                List<String> rows = exported(db().jdbc.store(), everything, sort, dir);
                assertThat(rows).as(sort + " " + dir).hasSize(TICKETS).isEqualTo(expected(everything, sort, dir));
            }
        }
    }

    @Test
    void scopesStatusesAndWordsFilterTheExport() {
        TicketStore store = db().jdbc.store();
        List<TicketFilter> filters = List.of(
                schools("s1"),
                schools("s2", "s3"),
                schools("nowhere"),
                new TicketFilter(
                        List.of(new TicketScope(Set.of("s2"), null, null), new TicketScope(null, "u-3", null)),
                        Set.of(),
                        List.of()),
                new TicketFilter(List.of(new TicketScope(Set.of("s1", "s2"), null, "u-1")), Set.of(), List.of()),
                new TicketFilter(
                        List.of(new TicketScope(Set.of("s1", "s3"), null, null)),
                        Set.of(TicketStatus.NEW, TicketStatus.WAITING),
                        List.of()),
                new TicketFilter(
                        List.of(new TicketScope(Set.of("s1", "s2", "s3"), null, null)),
                        Set.of(),
                        SearchText.words("imprimante")),
                new TicketFilter(
                        List.of(TicketScope.everything()), Set.of(TicketStatus.CLOSED), SearchText.words("ZOÉ dupont")),
                new TicketFilter(List.of(), Set.of(), List.of()));
        for (TicketFilter filter : filters) {
            List<String> rows = exported(store, filter, TicketSort.MODIFIED, SortDirection.DESC);
            assertThat(rows).as(filter.toString()).isEqualTo(expected(filter, TicketSort.MODIFIED, SortDirection.DESC));
        }
        assertThat(exported(store, schools("s1"), TicketSort.SUBJECT, SortDirection.ASC))
                .hasSizeGreaterThan(1_200)
                .isEqualTo(expected(schools("s1"), TicketSort.SUBJECT, SortDirection.ASC));
    }

    @Test
    void instantsAreTheStoredOnesWhateverTheJvmTimeZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            // a pool opened under this zone: drivers take the session zone from the JVM at connect time
            try (SupportJdbc kiritimati = SupportJdbc.builder()
                    .jdbcUrl(db().url)
                    .schema(db().schema)
                    .migrate(false)
                    .build()) {
                TicketFilter s3 = schools("s3");
                assertThat(exported(kiritimati.store(), s3, TicketSort.CREATED, SortDirection.ASC))
                        .isEqualTo(expected(s3, TicketSort.CREATED, SortDirection.ASC));
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void theCsvIsByteForByteWhatThePageByPageExportWrites() {
        TicketStore streaming = db().jdbc.store();
        TicketStore paged = pagedOnly(streaming);
        Actor admin =
                Actor.user("u-admin", "Adam").adminOf("s1", "s2").memberOf("s3").build();
        Actor root = Actor.user("u-root", "Root").platformAdmin().build();
        List<TicketQuery> queries = List.of(
                TicketQuery.all(),
                TicketQuery.builder()
                        .sort(TicketSort.SUBJECT, SortDirection.ASC)
                        .build(),
                TicketQuery.builder()
                        .statuses(TicketStatus.OPENED)
                        .text("imprimante")
                        .build());
        for (TicketQuery query : queries) {
            for (Actor actor : List.of(admin, root)) {
                for (CsvDialect dialect : CsvDialect.values()) {
                    String csv = csv(streaming, actor, query, dialect);
                    assertThat(csv).isEqualTo(csv(paged, actor, query, dialect));
                }
            }
        }
        String adminCsv = csv(streaming, admin, TicketQuery.all(), CsvDialect.RFC4180);
        long adminTickets = all.stream().filter(t -> !t.school().equals("s3")).count();
        assertThat(adminCsv.split("\r\n"))
                .as("the header and the tickets of s1 and s2")
                .hasSize(1 + (int) adminTickets);
        assertThat(adminCsv).doesNotContain(",s3,");
        assertThat(csv(streaming, root, TicketQuery.all(), CsvDialect.RFC4180).split("\r\n"))
                .hasSize(1 + TICKETS);

        Actor member = Actor.user("u-1", "Owner 1").memberOf("s1").build();
        Support support = Support.builder().store(streaming).build();
        assertThatThrownBy(() -> support.exportCsv(member, TicketQuery.all(), CsvDialect.RFC4180, new StringWriter()))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static String csv(TicketStore store, Actor actor, TicketQuery query, CsvDialect dialect) {
        StringWriter out = new StringWriter();
        Support.builder().store(store).build().exportCsv(actor, query, dialect, out);
        return out.toString();
    }

    /** The same store without its own export: the SPI's default, keyset pages of 500. */
    private static TicketStore pagedOnly(TicketStore store) {
        return new TicketStore() {
            @Override
            public <T> T inTransaction(TransactionWork<T> work) {
                return store.inTransaction(work);
            }

            @Override
            public OutboxStore outbox() {
                return store.outbox();
            }

            @Override
            public DeskSyncStore deskSync() {
                return store.deskSync();
            }
        };
    }

    @Test
    void oneConnectionAndOneStatementForTheWholeExport() {
        AtomicInteger connections = new AtomicInteger();
        List<String> statements = new CopyOnWriteArrayList<>();
        try (SupportJdbc recorded = SupportJdbc.builder()
                .dataSource(recording(db().jdbc.dataSource(), connections, statements))
                .schema(db().schema)
                .migrate(false)
                .build()) {
            connections.set(0);
            statements.clear();
            TicketFilter everything = new TicketFilter(List.of(TicketScope.everything()), Set.of(), List.of());
            assertThat(exported(recorded.store(), everything, TicketSort.MODIFIED, SortDirection.DESC))
                    .hasSize(TICKETS);
            assertThat(connections).hasValue(1);
            assertThat(statements).hasSize(1);
            assertThat(statements.get(0).toLowerCase(java.util.Locale.ROOT))
                    .as("only the exported columns")
                    .doesNotContain("search_text")
                    .doesNotContain("description_html")
                    .doesNotContain("escalated_by");
        }
    }

    @Test
    void aFailingSinkStopsTheExportWithItsExceptionAndGivesTheConnectionBack() {
        TicketStore store = db().jdbc.store();
        TicketFilter everything = new TicketFilter(List.of(TicketScope.everything()), Set.of(), List.of());
        UncheckedIOException gone = new UncheckedIOException(new IOException("client went away"));
        // more failed exports than the pool (10 connections) holds
        for (int i = 0; i < 12; i++) {
            AtomicInteger seen = new AtomicInteger();
            assertThatThrownBy(() -> store.export(everything, TicketSort.ID, SortDirection.ASC, row -> {
                        if (seen.incrementAndGet() == 600) {
                            throw gone;
                        }
                    }))
                    .isSameAs(gone);
            assertThat(seen).hasValue(600);
        }
        assertThat(exported(store, schools("s3"), TicketSort.ID, SortDirection.ASC))
                .isEqualTo(expected(schools("s3"), TicketSort.ID, SortDirection.ASC));
    }

    private static DataSource recording(DataSource target, AtomicInteger connections, List<String> statements) {
        ClassLoader loader = ExportBehaviour.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object out = invoke(target, m, args);
            if (!m.getName().equals("getConnection")) {
                return out;
            }
            connections.incrementAndGet();
            Connection c = (Connection) out;
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                if (cm.getName().equals("prepareStatement") || cm.getName().equals("createStatement")) {
                    statements.add(cargs == null ? "(statement)" : (String) cargs[0]);
                }
                return invoke(c, cm, cargs);
            });
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
