package org.entsupport.benchmarks;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.entsupport.core.Actor;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.SearchText;
import org.entsupport.jdbc.SupportJdbc;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a million tickets over 500 schools into PostgreSQL and times, through the facade and the
 * JDBC store, what a local admin of 20 schools does: the default list (first page and the page at
 * depth 20,000), the open tickets, a text search and the counts per status. Prints median and p95
 * of each, and the {@code EXPLAIN (ANALYZE, BUFFERS)} of the SQL the store ran.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar [--url JDBC_URL] [--tickets N]
 * [--schools N] [--runs N] [--depth N] [--keep] [--schema NAME]}. The URL defaults to {@code SUPPORT_BENCH_POSTGRES_URL}, then
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Everything goes into a new schema
 * {@code support_bench_<random>}, dropped at the end unless {@code --keep}.
 */
public final class ListBenchmark {

    private static final String[] SUBJECTS = {
        "Impossible d'ouvrir le cahier de textes", "Mot de passe oublié", "La messagerie ne s'affiche pas",
        "Erreur lors de l'envoi d'un devoir", "Notes absentes du bulletin", "Problème de connexion à l'ENT",
        "Le blog de la classe est bloqué", "Pièce jointe trop volumineuse", "Emploi du temps incorrect",
        "Élève absent de la liste", "Accès refusé à l'espace documentaire", "Agenda partagé vide",
        "Réservation de salle impossible", "Lenteur générale de la plateforme", "Compte parent désactivé",
        "Vidéo illisible dans le manuel numérique", "Impression du bulletin en erreur", "Forum inaccessible"
    };
    private static final String[] PHRASES = {
        "Depuis ce matin",
        "Quand je clique sur le bouton",
        "Après la mise à jour",
        "Sur la tablette de l'élève",
        "Le message d'erreur indique « accès refusé »",
        "Cela fonctionnait la semaine dernière",
        "Plusieurs collègues ont le même souci",
        "J'ai déjà vidé le cache du navigateur",
        "La page reste blanche",
        "Le fichier ne s'ouvre pas",
        "Les parents ne voient rien",
        "Merci de votre aide",
        "C'est urgent pour le conseil de classe",
        "Le problème revient chaque lundi"
    };
    /** A word of one of the phrases, in about a quarter of the tickets. */
    private static final String COMMON = "page";
    /** A word present in about one ticket in a hundred: the searched word. */
    private static final String RARE = "imprimante";
    /** Two letters found in no ticket: no index finds a word under three letters. */
    private static final String SHORT = "zq";

    private static final int SHORT_RUNS = 20;

    private static final String[] FIRST = {
        "Zoé",
        "Léa",
        "Chloé",
        "Inès",
        "Jérôme",
        "François",
        "Hélène",
        "Noël",
        "Maël",
        "Anaïs",
        "Gaëlle",
        "Loïc",
        "Céline",
        "André",
        "Thérèse",
        "Amélie",
        "Joël",
        "Benoît"
    };
    private static final String[] LAST = {
        "Lefèvre",
        "Bérard",
        "Dupré",
        "Mérieux",
        "Gérard",
        "Lemaître",
        "Château",
        "Forêt",
        "Bœuf",
        "Durand",
        "Martin",
        "Petit",
        "Leroy",
        "Moreau",
        "Fontaine",
        "Rousseau"
    };
    private static final String[] CATEGORIES = {
        "/blog",
        "/messagerie",
        "/cahier-textes",
        "/notes",
        "/agenda",
        "/workspace",
        "/forum",
        "/pronote",
        "/mediacentre",
        "/actualites"
    };
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    private ListBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --url}, {@code --tickets}, {@code --schools}, {@code --runs}, {@code --keep}, {@code --schema} (reuse a kept schema)
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        String url = opts.getOrDefault(
                "url",
                System.getenv()
                        .getOrDefault(
                                "SUPPORT_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        int tickets = Integer.parseInt(opts.getOrDefault("tickets", "1000000"));
        int schools = Integer.parseInt(opts.getOrDefault("schools", "500"));
        int runs = Math.max(50, Integer.parseInt(opts.getOrDefault("runs", "100")));
        int depthWanted = Integer.parseInt(opts.getOrDefault("depth", "20000"));
        // --schema reuses the tickets a run kept (--keep): no load, and the schema stays
        boolean reuse = opts.containsKey("schema");
        boolean keep = reuse || opts.containsKey("keep");
        String schema = opts.getOrDefault(
                "schema",
                "support_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));

        System.out.printf(
                "PostgreSQL %s, schema %s: %,d tickets over %d schools, %d runs per query%n",
                url.replaceAll("password=[^&]*", "password=***"), schema, tickets, schools, runs);
        try (SupportJdbc setup =
                SupportJdbc.builder().jdbcUrl(url).schema(schema).poolSize(4).build()) {
            try {
                if (!reuse) {
                    load(setup, schema, tickets, schools);
                } else {
                    allVisible(setup, schema);
                }
                RecordingDataSource recorder = new RecordingDataSource();
                try (SupportJdbc jdbc = SupportJdbc.builder()
                        .dataSource(recorder.wrap(setup.dataSource()))
                        .schema(schema)
                        .migrate(false)
                        .build()) {
                    Support support = Support.builder().store(jdbc.store()).build();
                    measure(support, setup, schema, recorder, schools, runs, depthWanted);
                    planReuse(url, schema, schools);
                    firstSearches(url, schema, schools, setup);
                }
            } finally {
                if (keep) {
                    System.out.println("kept schema " + schema + " (drop it with: DROP SCHEMA " + schema + " CASCADE)");
                } else {
                    execute(setup, "DROP SCHEMA \"" + schema + "\" CASCADE");
                    System.out.println("dropped schema " + schema);
                }
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("keep")) {
                out.put(name, "true");
            } else if (i + 1 < args.length) {
                out.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return out;
    }

    /** {@code count} schools (at most {@code schools}) spread evenly over the {@code schools} loaded: a local admin's. */
    static String[] administered(int count, int schools) {
        String[] administered = new String[Math.min(count, schools)];
        for (int i = 0; i < administered.length; i++) {
            administered[i] = school(i * (schools / administered.length));
        }
        return administered;
    }

    static String school(int i) {
        return String.format(Locale.ROOT, "school-%04d", i);
    }

    // ------------------------------------------------------------------ loading

    static void load(SupportJdbc jdbc, String schema, int tickets, int schools) throws Exception {
        long start = System.nanoTime();
        try (Connection c = jdbc.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<String> indexes = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL maintenance_work_mem = '512MB'");
                // the library's own index definitions, dropped during the load and built again after it
                try (ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '"
                        + schema + "' AND tablename = 'support_tickets' AND indexname NOT LIKE '%\\_pk'"
                        + " AND indexname NOT LIKE '%\\_uq'")) {
                    while (rs.next()) {
                        indexes.add(rs.getString(2));
                    }
                }
                for (String def : indexes) {
                    String name = def.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2");
                    st.execute("DROP INDEX \"" + schema + "\"." + name);
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY \"" + schema + "\".support_tickets (owner, owner_name, school, category, subject,"
                    + " description, status, escalation_status, created, modified, status_changed, version, locale,"
                    + " comment_count, attachment_count, search_text) FROM STDIN";
            Random random = new Random(42);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long span = 3L * 365 * 24 * 3600 * 1_000_000L;
            int batch = 50_000;
            StringBuilder rows = new StringBuilder(batch * 400);
            for (int i = 0; i < tickets; i++) {
                // in filing order, so that ids grow with the filing date as in real life
                Instant created = now.minus(span - (long) ((double) span * i / tickets), ChronoUnit.MICROS);
                row(rows, random, created, now, schools);
                if (rows.length() > batch * 350 || i == tickets - 1) {
                    copy.copyIn(sql, new StringReader(rows.toString()));
                    rows.setLength(0);
                }
            }
            // the local admin's own tickets, in schools he does not administer
            for (int i = 0; i < 5; i++) {
                Instant created = now.minus(10L * i + 1, ChronoUnit.DAYS);
                StringBuilder own = new StringBuilder();
                appendRow(
                        own,
                        "u-admin",
                        "Alice Référente",
                        school(schools - 1 - i),
                        "/blog",
                        "Ma propre demande " + i,
                        "Une demande de la référente",
                        TicketStatus.OPENED,
                        created,
                        created.plusSeconds(60),
                        created.plusSeconds(60));
                copy.copyIn(sql, new StringReader(own.toString()));
            }
            System.out.printf("loaded %,d tickets in %.1f s%n", tickets + 5, (System.nanoTime() - start) / 1e9);
            long t = System.nanoTime();
            try (Statement st = c.createStatement()) {
                for (String def : indexes) {
                    st.execute(def);
                }
            }
            System.out.printf("built %d indexes in %.1f s%n", indexes.size(), (System.nanoTime() - t) / 1e9);
            // COPY bypasses the store, which keeps the counts per (school, status) in step: rebuild them
            // as V4__ticket_counts.sql says
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM \"" + schema + "\".support_ticket_counts");
                st.execute("INSERT INTO \"" + schema + "\".support_ticket_counts (school, status, n)"
                        + " SELECT school, status, COUNT(*) FROM \"" + schema + "\".support_tickets"
                        + " GROUP BY school, status");
            }
            c.commit();
        }
        long t = System.nanoTime();
        execute(jdbc, "VACUUM ANALYZE \"" + schema + "\".support_tickets");
        execute(jdbc, "VACUUM ANALYZE \"" + schema + "\".support_ticket_counts");
        System.out.printf("VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t) / 1e9);
        allVisible(jdbc, schema);
    }

    /**
     * Vacuums the tickets again until the visibility map covers them: a page not marked all-visible makes every
     * index-only scan of a list read the table too (one heap fetch per entry: twice the time of the range scans).
     * A transaction open elsewhere when the first VACUUM started keeps it from marking the new rows (seen once
     * on a 1,000,000-row load: 0 of 55,475 pages marked).
     */
    static void allVisible(SupportJdbc jdbc, String schema) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long[] pages = new long[2];
            try (Connection c = jdbc.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT relpages, relallvisible FROM pg_class WHERE relname ="
                            + " 'support_tickets' AND relnamespace = '\"" + schema + "\"'::regnamespace")) {
                rs.next();
                pages[0] = rs.getLong(1);
                pages[1] = rs.getLong(2);
            }
            System.out.printf("visibility map: %,d of %,d pages all-visible%n", pages[1], pages[0]);
            if (pages[1] >= pages[0] * 99 / 100 || attempt == 5) {
                return;
            }
            Thread.sleep(2_000);
            execute(jdbc, "VACUUM \"" + schema + "\".support_tickets");
        }
    }

    static void row(StringBuilder out, Random random, Instant created, Instant now, int schools) {
        int s = random.nextInt(schools);
        String owner = "u-" + s + "-" + random.nextInt(400);
        String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
        StringBuilder description = new StringBuilder();
        for (int w = 0, n = 2 + random.nextInt(4); w < n; w++) {
            description.append(PHRASES[random.nextInt(PHRASES.length)]).append(". ");
        }
        if (random.nextInt(100) == 0) {
            description.append("L'").append(RARE).append(" de la salle des professeurs n'imprime plus.");
        }
        long ageDays = ChronoUnit.DAYS.between(created, now);
        TicketStatus status = status(random, ageDays);
        Instant modified = created.plusSeconds(random.nextInt(ageDays < 30 ? 3600 * 24 * 3 : 3600 * 24 * 30));
        if (modified.isAfter(now)) {
            modified = now;
        }
        Instant statusChanged = status == TicketStatus.NEW ? created : modified;
        appendRow(
                out,
                owner,
                name,
                school(s),
                CATEGORIES[random.nextInt(CATEGORIES.length)],
                subject,
                description.toString().trim(),
                status,
                created,
                modified,
                statusChanged);
    }

    /** Most tickets are finished; recent ones are more often open. */
    private static TicketStatus status(Random random, long ageDays) {
        int p = random.nextInt(1000);
        if (ageDays < 30) {
            return p < 200
                    ? TicketStatus.NEW
                    : p < 450
                            ? TicketStatus.OPENED
                            : p < 550 ? TicketStatus.WAITING : p < 800 ? TicketStatus.RESOLVED : TicketStatus.CLOSED;
        }
        return p < 5
                ? TicketStatus.NEW
                : p < 15
                        ? TicketStatus.OPENED
                        : p < 20 ? TicketStatus.WAITING : p < 220 ? TicketStatus.RESOLVED : TicketStatus.CLOSED;
    }

    private static void appendRow(
            StringBuilder out,
            String owner,
            String ownerName,
            String school,
            String category,
            String subject,
            String description,
            TicketStatus status,
            Instant created,
            Instant modified,
            Instant statusChanged) {
        String[] cells = {
            owner,
            ownerName,
            school,
            category,
            subject,
            description,
            Integer.toString(status.code()),
            "1",
            ts(created),
            ts(modified),
            ts(statusChanged),
            "1",
            "fr",
            "0",
            "0",
            SearchText.document(subject, description, ownerName)
        };
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            copyText(out, cells[i]);
        }
        out.append('\n');
    }

    private static String ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC).format(TS);
    }

    /** COPY's text format: backslash, tab, new line and carriage return escaped. */
    private static void copyText(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    // ------------------------------------------------------------------ measuring

    private static void measure(
            Support support,
            SupportJdbc setup,
            String schema,
            RecordingDataSource recorder,
            int schools,
            int runs,
            int depthWanted)
            throws Exception {
        String[] administered = administered(20, schools);
        Actor admin = Actor.user("u-admin", "Alice Référente")
                .memberOf(administered)
                .adminOf(administered)
                .build();
        System.out.println("local admin of " + administered.length + " schools: "
                + String.join(", ", Arrays.copyOf(administered, 3)) + ", ... (and the owner of 5 tickets elsewhere)");

        TicketQuery first = TicketQuery.all();
        String cursor = null;
        int depth = 0;
        while (depth < depthWanted) {
            Page<Ticket> page =
                    support.list(admin, TicketQuery.builder().after(cursor).build());
            depth += page.items().size();
            cursor = page.nextCursor().orElse(null);
            if (cursor == null) {
                throw new IllegalStateException("the list ended at depth " + depth);
            }
        }
        TicketQuery deep = TicketQuery.builder().after(cursor).build();
        TicketQuery open = TicketQuery.builder()
                .statuses(TicketStatus.NEW, TicketStatus.OPENED, TicketStatus.WAITING)
                .build();
        TicketQuery search = TicketQuery.builder().text(RARE).build();

        check(support, setup, schema, admin, administered, search);

        List<Object[]> results = new ArrayList<>();
        results.add(time(
                "default list, page 1",
                2.0,
                runs,
                () -> support.list(admin, first).items().size()));
        results.add(time(
                String.format(Locale.ROOT, "default list, depth %,d", depth),
                2.0,
                runs,
                () -> support.list(admin, deep).items().size()));
        results.add(time(
                "open statuses, page 1",
                3.0,
                runs,
                () -> support.list(admin, open).items().size()));
        results.add(time(
                "text search \"" + RARE + "\"",
                20.0,
                runs,
                () -> support.list(admin, search).items().size()));
        results.add(time(
                "text search \"" + COMMON + "\"",
                15.0,
                runs,
                () -> support.list(admin, TicketQuery.builder().text(COMMON).build())
                        .items()
                        .size()));
        results.add(time(
                "counts per status",
                5.0,
                runs,
                () -> support.countByStatus(admin, first).size()));

        results.add(time(
                "limit: merged per-school range scan", 1.0, runs, () -> rangeScan(setup, schema, administered, null)));
        results.add(time(
                "limit: the same, open statuses",
                2.0,
                runs,
                () -> rangeScan(setup, schema, administered, new short[] {1, 2, 5})));
        // Searches among the open statuses: one window (or one range, for a short word) per school and status, whose
        // floor is the limit above.
        for (String word : new String[] {COMMON, SHORT}) {
            TicketQuery among =
                    TicketQuery.builder().text(word).statuses(open.statuses()).build();
            results.add(time(
                    "text search \"" + word + "\" among open",
                    word.equals(COMMON) ? 15.0 : 20.0,
                    runs,
                    () -> support.list(admin, among).items().size()));
        }

        // The number of the newest ticket of the first school: found by its number, and in no ticket's text.
        String number = newestTicket(setup, schema, administered[0]);
        results.add(time(
                "text search \"" + number + "\" (a number)",
                20.0,
                runs,
                () -> support.list(admin, TicketQuery.builder().text(number).build())
                        .items()
                        .size()));
        // A word of two letters found nowhere: no index finds it, so the search reads every ticket of the schools;
        // the limit beside it is that reading alone. Fewer runs: each takes a fifth of a second.
        Object[] shortWord = time(
                "text search \"" + SHORT + "\" (found nowhere)",
                1000.0,
                5,
                SHORT_RUNS,
                () -> support.list(admin, TicketQuery.builder().text(SHORT).build())
                        .items()
                        .size());
        Object[] schoolsRead = time(
                "limit: every ticket of the schools",
                1000.0,
                5,
                SHORT_RUNS,
                () -> schoolsTickets(setup, schema, administered, SHORT));
        results.add(shortWord);
        results.add(schoolsRead);

        System.out.println();
        System.out.println(Limits.machine());
        System.out.printf("%-34s %9s %9s %9s %6s%n", "query", "median", "p95", "target", "");
        for (Object[] r : results) {
            System.out.printf(
                    "%-34s %6.3f ms %6.3f ms %6.1f ms %6s  (%s rows)%n",
                    r[0],
                    (double) r[1],
                    (double) r[2],
                    (double) r[3],
                    (double) r[1] < (double) r[3] ? "ok" : "MISSED",
                    r[4]);
        }
        double ratio = Math.max((double) results.get(0)[1], (double) results.get(1)[1])
                / Math.min((double) results.get(0)[1], (double) results.get(1)[1]);
        System.out.printf(
                "depth " + depth + " vs page 1: %.2fx (target within 1.5x): %s%n",
                ratio,
                ratio <= 1.5 ? "ok" : "MISSED");

        double shortRatio = (double) shortWord[1] / (double) schoolsRead[1];
        System.out.printf(
                "\"%s\" vs reading the schools' tickets: %.2fx (target within 1.5x): %s%n",
                SHORT, shortRatio, shortRatio <= 1.5 ? "ok" : "MISSED");

        explain("default list, page 1", setup, recorder, () -> support.list(admin, first));
        explain(
                String.format(Locale.ROOT, "default list, depth %,d", depth),
                setup,
                recorder,
                () -> support.list(admin, deep));
        explain("open statuses, page 1", setup, recorder, () -> support.list(admin, open));
        explain("text search", setup, recorder, () -> support.list(admin, search));
        explain("counts per status", setup, recorder, () -> support.countByStatus(admin, first));
    }

    /**
     * The store's answers against plain SQL over the tickets (no counters, no special index): the
     * counts per status and the first page of the search must be the same.
     */
    private static void check(
            Support support, SupportJdbc setup, String schema, Actor admin, String[] administered, TicketQuery search)
            throws SQLException {
        Map<TicketStatus, Long> expected = new java.util.EnumMap<>(TicketStatus.class);
        for (TicketStatus s : TicketStatus.values()) {
            expected.put(s, 0L);
        }
        List<Long> expectedIds = new ArrayList<>();
        try (Connection c = setup.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM \"" + schema
                    + "\".support_tickets" + " WHERE school = ANY(?) OR owner = ? GROUP BY status")) {
                ps.setArray(1, c.createArrayOf("varchar", administered));
                ps.setString(2, admin.userId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        expected.put(TicketStatus.ofCode(rs.getShort(1)), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM \"" + schema + "\".support_tickets"
                    + " WHERE (school = ANY(?) OR owner = ?) AND search_text LIKE ?"
                    + " ORDER BY modified DESC, id DESC LIMIT 25")) {
                ps.setArray(1, c.createArrayOf("varchar", administered));
                ps.setString(2, admin.userId());
                ps.setString(3, "%" + RARE + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        expectedIds.add(rs.getLong(1));
                    }
                }
            }
        }
        compare(support, admin, search, expected, expectedIds);
    }

    /**
     * Prints whether the store's counts per status and first search page equal what plain SQL found, and fails
     * when they do not.
     */
    static void compare(
            Support support,
            Actor admin,
            TicketQuery search,
            Map<TicketStatus, Long> expected,
            List<Long> expectedIds) {
        Map<TicketStatus, Long> counts = support.countByStatus(admin, TicketQuery.all());
        List<Long> ids =
                support.list(admin, search).items().stream().map(t -> t.id()).toList();
        System.out.println(
                "counts per status " + counts + (counts.equals(expected) ? " = " : " DIFFER from ") + "a direct count");
        System.out.println("search page 1 " + (ids.equals(expectedIds) ? "= " : "DIFFERS from ") + "a direct query ("
                + ids.size() + " rows)");
        if (!counts.equals(expected) || !ids.equals(expectedIds)) {
            throw new IllegalStateException(
                    "the store's answers differ from plain SQL: expected " + expected + " and " + expectedIds);
        }
    }

    /** The number of the newest ticket of {@code school}. */
    private static String newestTicket(SupportJdbc setup, String schema, String school) throws SQLException {
        try (Connection c = setup.dataSource().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT max(id) FROM \"" + schema + "\".support_tickets WHERE school = ?")) {
            ps.setString(1, school);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Long.toString(rs.getLong(1));
            }
        }
    }

    /**
     * The floor of a search for a word no index finds: the tickets of the schools that contain it, counted by one
     * prepared statement on one connection, through JDBC.
     */
    private static int schoolsTickets(SupportJdbc setup, String schema, String[] schools, String word) {
        String sql = "SELECT count(*) FROM \"" + schema + "\".support_tickets t WHERE t.school = ANY (?::varchar[])"
                + " AND position(? IN t.search_text) > 0";
        try (Connection c = setup.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", schools));
            ps.setString(2, word);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The floor of a list page: the merged per-school index ranges alone (ids of the first 25, no
     * ticket columns, no owner scope), one prepared statement on one connection, through JDBC.
     */
    private static int rangeScan(SupportJdbc setup, String schema, String[] schools, short @Nullable [] statuses) {
        String sql = statuses == null
                ? "SELECT r.id FROM unnest(?::varchar[]) s(school) CROSS JOIN LATERAL (SELECT id, modified FROM \""
                        + schema + "\".support_tickets t WHERE t.school = s.school ORDER BY modified DESC, id DESC"
                        + " LIMIT 25) r ORDER BY r.modified DESC, r.id DESC LIMIT 25"
                : "SELECT r.id FROM unnest(?::varchar[]) s(school) CROSS JOIN unnest(?::smallint[]) st(status)"
                        + " CROSS JOIN LATERAL (SELECT id, modified FROM \"" + schema + "\".support_tickets t"
                        + " WHERE t.school = s.school AND t.status = st.status ORDER BY modified DESC, id DESC"
                        + " LIMIT 25) r ORDER BY r.modified DESC, r.id DESC LIMIT 25";
        try (Connection c = setup.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", schools));
            if (statuses != null) {
                Short[] boxed = new Short[statuses.length];
                for (int i = 0; i < statuses.length; i++) {
                    boxed[i] = statuses[i];
                }
                ps.setArray(2, c.createArrayOf("int2", boxed));
            }
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plan reuse: the store on a pool of one connection runs each query shape 12 times for actors of
     * 5, 20 and 60 schools, then {@code pg_prepared_statements} on that connection shows how many
     * statement texts there were and how often the server used a generic (cached) plan.
     */
    private static void planReuse(String url, String schema, int schools) throws SQLException {
        try (SupportJdbc one = onePool(url, schema)) {
            Support support = Support.builder().store(one.store()).build();
            TicketQuery open = TicketQuery.builder()
                    .statuses(TicketStatus.NEW, TicketStatus.OPENED, TicketStatus.WAITING)
                    .build();
            for (int n : new int[] {5, 20, 60}) {
                String[] administered = administered(n, schools);
                Actor admin = Actor.user("u-admin", "Alice Référente")
                        .memberOf(administered)
                        .adminOf(administered)
                        .build();
                for (int i = 0; i < 12; i++) {
                    support.list(admin, TicketQuery.all());
                    support.list(admin, open);
                    support.countByStatus(admin, TicketQuery.all());
                }
            }
            System.out.println();
            System.out.println("=== plan reuse: pg_prepared_statements of the store's connection after 12 calls of"
                    + " each shape for 5, 20 and 60 schools ===");
            try (Connection c = one.dataSource().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT generic_plans, custom_plans, left(regexp_replace("
                            + "statement, '\\s+', ' ', 'g'), 110) FROM pg_prepared_statements"
                            + " WHERE statement LIKE '%support_ticket%' ORDER BY prepare_time")) {
                int texts = 0;
                while (rs.next()) {
                    texts++;
                    System.out.printf(
                            "generic %3d, custom %3d: %s...%n", rs.getLong(1), rs.getLong(2), rs.getString(3));
                }
                System.out.println(texts + " statement texts for 3 query shapes x 3 school counts");
            }
        }
    }

    /**
     * The first ten searches of a new pool of one connection (as after a start), rare then common word, then the
     * first ten lists, each timed alone: the first executions must be as fast as the tenth. When the server runs on
     * this machine and its processes can be read, each execution's page faults in the connection's server process
     * are printed under its times: a new server process maps each shared buffer it reads for the first time.
     */
    private static void firstSearches(String url, String schema, int schools, SupportJdbc setup) {
        String[] administered = administered(20, schools);
        Actor admin = Actor.user("u-admin", "Alice Référente")
                .memberOf(administered)
                .adminOf(administered)
                .build();
        int pools = 5;
        System.out.println();
        System.out.println("=== first searches and lists on a new connection (ms), execution 1..10, on " + pools
                + " new pools of one connection ===");
        // a new server process maps each shared buffer it reads: one fault per 4 kB page, or per 2 MB huge page
        System.out.println(sharedMemory(setup));
        Map<String, TicketQuery> queries = new LinkedHashMap<>();
        queries.put(RARE, TicketQuery.builder().text(RARE).build());
        queries.put(COMMON, TicketQuery.builder().text(COMMON).build());
        queries.put("(list)", TicketQuery.all());
        Map<String, List<double[]>> all = new LinkedHashMap<>();
        Map<String, List<long[]>> allFaults = new LinkedHashMap<>();
        for (int p = 0; p < pools; p++) {
            try (SupportJdbc one = onePool(url, schema)) {
                java.nio.file.@Nullable Path stat = serverProcessStat(one);
                Support support = Support.builder().store(one.store()).build();
                for (var query : queries.entrySet()) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-11s", query.getKey()));
                    StringBuilder faultLine = new StringBuilder(String.format(Locale.ROOT, "%-11s", "  faults"));
                    double[] ms = new double[10];
                    long[] faults = new long[10];
                    for (int i = 0; i < ms.length; i++) {
                        long before = minorFaults(stat);
                        long t = System.nanoTime();
                        support.list(admin, query.getValue());
                        ms[i] = (System.nanoTime() - t) / 1e6;
                        faults[i] = minorFaults(stat) - before;
                        line.append(String.format(Locale.ROOT, " %7.2f", ms[i]));
                        faultLine.append(String.format(Locale.ROOT, " %7d", faults[i]));
                    }
                    all.computeIfAbsent(query.getKey(), w -> new ArrayList<>()).add(ms);
                    allFaults
                            .computeIfAbsent(query.getKey(), w -> new ArrayList<>())
                            .add(faults);
                    System.out.println(line);
                    if (stat != null) {
                        System.out.println(faultLine);
                    }
                }
            }
        }
        for (var e : all.entrySet()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-11s first execution, median of %d pools: %.2f ms; executions 2..4: %.2f ms;"
                            + " executions 5..10: %.2f ms%n",
                    e.getKey(),
                    e.getValue().size(),
                    median(e.getValue(), 0, 1),
                    median(e.getValue(), 1, 4),
                    median(e.getValue(), 4, 10));
        }
    }

    /** The median of executions {@code from} (included) to {@code to} (excluded) over all pools. */
    private static double median(List<double[]> runs, int from, int to) {
        double[] values = runs.stream()
                .flatMapToDouble(ms -> Arrays.stream(ms, from, to))
                .sorted()
                .toArray();
        return values[values.length / 2];
    }

    /**
     * The {@code /proc} status file of the server process behind the pool's one connection, when the server runs
     * on this machine and the file can be read; else {@code null}.
     */
    private static java.nio.file.@Nullable Path serverProcessStat(SupportJdbc one) {
        try (Connection c = one.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + rs.getInt(1) + "/stat");
            return onLoopback(c) && java.nio.file.Files.isReadable(stat) ? stat : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Whether the connection's server runs on this machine (a loopback host in its URL). */
    private static boolean onLoopback(Connection c) throws SQLException {
        String host = c.getMetaData().getURL().replaceFirst("^jdbc:postgresql://([^:/]*).*$", "$1");
        return host.equals("127.0.0.1") || host.equals("localhost");
    }

    /** The minor page faults of a process so far (field 10 of its {@code stat}), or 0 when it cannot be read. */
    private static long minorFaults(java.nio.file.@Nullable Path stat) {
        if (stat == null) {
            return 0;
        }
        try {
            String line = java.nio.file.Files.readString(stat);
            // after "pid (name) ": state ppid pgrp session tty_nr tpgid flags minflt
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The server's shared memory settings, and this machine's huge pages when it is the server's (a loopback URL):
     * whether a new connection maps the shared buffers by 4 kB or 2 MB pages.
     */
    private static String sharedMemory(SupportJdbc setup) {
        StringBuilder out = new StringBuilder("server: ");
        try (Connection c = setup.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN"
                        + " ('shared_buffers', 'huge_pages', 'shared_memory_size_in_huge_pages') ORDER BY name")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append(" = ").append(rs.getString(2));
                if (rs.getString(3) != null) {
                    out.append(" (").append(rs.getString(3)).append(")");
                }
                out.append("; ");
            }
            java.nio.file.Path meminfo = java.nio.file.Path.of("/proc/meminfo");
            if (onLoopback(c) && java.nio.file.Files.isReadable(meminfo)) {
                out.append("this machine:");
                for (String line : java.nio.file.Files.readAllLines(meminfo)) {
                    if (line.startsWith("HugePages_Total") || line.startsWith("HugePages_Rsvd")) {
                        out.append(' ').append(line.replaceAll("\\s+", " "));
                    }
                }
            }
        } catch (SQLException | java.io.IOException e) {
            out.append("not read (").append(e.getMessage()).append(")");
        }
        return out.toString();
    }

    private static Object[] time(String name, double targetMs, int runs, Supplier<Integer> query) {
        return time(name, targetMs, 200, runs, query);
    }

    private static Object[] time(String name, double targetMs, int warmUps, int runs, Supplier<Integer> query) {
        int rows = 0;
        // warm up the JIT, the pool's connections and their server-side prepared statements
        for (int i = 0; i < warmUps; i++) {
            rows = query.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            rows = query.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[runs / 2];
        double p95 = ms[(int) Math.ceil(runs * 0.95) - 1];
        return new Object[] {name, median, p95, targetMs, rows};
    }

    private static void explain(String name, SupportJdbc setup, RecordingDataSource recorder, Runnable query)
            throws Exception {
        recorder.start();
        query.run();
        List<RecordingDataSource.Recorded> statements = recorder.stop();
        System.out.println();
        System.out.println("=== " + name + " ===");
        try (Connection c = setup.dataSource().getConnection()) {
            for (RecordingDataSource.Recorded r : statements) {
                if (!r.sql().trim().toLowerCase(Locale.ROOT).startsWith("select")) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + r.sql())) {
                    r.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            System.out.println(rs.getString(1));
                        }
                    }
                }
            }
        }
    }

    /** A store over a new pool of one connection on the kept schema. */
    private static SupportJdbc onePool(String url, String schema) {
        return SupportJdbc.builder()
                .jdbcUrl(url)
                .schema(schema)
                .poolSize(1)
                .migrate(false)
                .build();
    }

    private static void execute(SupportJdbc jdbc, String sql) throws SQLException {
        try (Connection c = jdbc.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
