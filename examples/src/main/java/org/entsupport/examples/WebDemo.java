package org.entsupport.examples;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.entsupport.core.Actor;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Category;
import org.entsupport.core.spi.CategoryCatalog;
import org.entsupport.core.spi.Directory;
import org.entsupport.http.ActorResolver;
import org.entsupport.http.SupportHttp;
import org.entsupport.http.jdbc.NewsFeedSource;
import org.entsupport.jdbc.SupportJdbc;
import org.entsupport.vertx.SupportRouter;

/**
 * A small web application around the library: the HTTP API of support-http on Vert.x, a page in plain
 * HTML, CSS and JavaScript, an embedded H2 database seeded with two schools, four people and a few dozen
 * requests, and an in-process support desk whose agent answers every request handed over to it.
 *
 * <p>Run it with {@code mvn -q -pl examples -am compile exec:java -Dexec.mainClass=org.entsupport.examples.WebDemo}
 * and open {@code http://localhost:8080/} (another port: {@code -Dexec.args=8081}). The persona switch at the
 * top of the page is for the demo only: a real host finds the actor from its own login.
 */
public final class WebDemo implements AutoCloseable {

    /** The cookie holding the demo persona. Demo only: a host resolves the actor from its own session. */
    static final String PERSONA_COOKIE = "demo-persona";

    /**
     * A person of the demo.
     *
     * @param actor  who they are for the library
     * @param roleFr their role, in French
     * @param roleEn their role, in English
     */
    record Persona(Actor actor, String roleFr, String roleEn) {}

    static final String SCHOOL_1 = "school-1";
    static final String SCHOOL_2 = "school-2";
    static final Map<String, String> SCHOOL_NAMES =
            Map.of(SCHOOL_1, "Collège Jean Moulin", SCHOOL_2, "Lycée Victor Hugo");

    static final Persona ALICE = new Persona(
            Actor.user("u-alice", "Alice Martin").memberOf(SCHOOL_1, SCHOOL_2).build(),
            "Enseignante dans les deux établissements",
            "Teacher in both schools");
    static final Persona BRUNO = new Persona(
            Actor.user("u-bruno", "Bruno Durand")
                    .adminOf(SCHOOL_1, SCHOOL_2)
                    .mayEscalateIn(SCHOOL_1, SCHOOL_2)
                    .build(),
            "Référent ENT des deux établissements",
            "Local administrator of both schools");
    static final Persona CLAIRE = new Persona(
            Actor.user("u-claire", "Claire Lemaître").platformAdmin().build(),
            "Administratrice de la plateforme",
            "Platform administrator");
    static final Persona LOUIS = new Persona(
            Actor.user("u-louis", "Louis Bernard").memberOf(SCHOOL_2).build(),
            "Élève au lycée Victor Hugo",
            "Pupil at Lycée Victor Hugo");
    static final List<Persona> PERSONAS = List.of(ALICE, BRUNO, CLAIRE, LOUIS);

    /** The applications a request may be about, with their French and English names. */
    static final Map<String, Map<String, String>> CATEGORIES = categories();

    private static Map<String, Map<String, String>> categories() {
        Map<String, Map<String, String>> c = new LinkedHashMap<>();
        c.put("/blog", Map.of("fr", "Blog", "en", "Blog"));
        c.put("/messagerie", Map.of("fr", "Messagerie", "en", "Mail"));
        c.put("/cahier-textes", Map.of("fr", "Cahier de textes", "en", "Homework book"));
        c.put("/notes", Map.of("fr", "Notes", "en", "Grades"));
        c.put("/agenda", Map.of("fr", "Agenda", "en", "Calendar"));
        c.put("/espace-documentaire", Map.of("fr", "Espace documentaire", "en", "Documents"));
        return java.util.Collections.unmodifiableMap(c);
    }

    /** What the desk's agent writes to every request handed over to it. */
    static final String DESK_ANSWER =
            "Bonjour, nous avons corrigé le problème côté serveur : videz le cache du navigateur et réessayez.";

    private final Vertx vertx;
    private final HttpServer server;
    private final SupportJdbc jdbc;
    private final Support support;
    private final SupportRouter binding;
    private final ScheduledExecutorService agent;

    private WebDemo(int port) throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        jdbc = SupportJdbc.builder().build(); // embedded H2, in memory
        InMemorySupportDesk desk = new InMemorySupportDesk();
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return Set.of(BRUNO.actor().userId());
            }

            @Override
            public Optional<String> displayName(String userId) {
                return PERSONAS.stream()
                        .filter(p -> p.actor().userId().equals(userId))
                        .map(p -> p.actor().displayName())
                        .findFirst();
            }

            @Override
            public Optional<String> schoolName(String school) {
                return Optional.ofNullable(SCHOOL_NAMES.get(school));
            }
        };
        CategoryCatalog catalog = CategoryCatalog.of(CATEGORIES.entrySet().stream()
                .map(e -> new Category(
                        e.getKey(), e.getValue().get("fr"), e.getValue().get("en")))
                .toList());
        support = Support.builder()
                .store(jdbc.store())
                .attachmentStore(jdbc.attachmentStore())
                .directory(directory)
                .categories(catalog)
                .notifier(jdbc.newsFeed())
                .linkTemplate("http://localhost:" + server.actualPort() + "/#/ticket/{id}")
                .desk(desk)
                .escalationEnabled(school -> true)
                .deskPollInterval(Duration.ofSeconds(1))
                .relay(r -> r.pollInterval(Duration.ofMillis(200)))
                .build();
        seed(support, jdbc);
        support.start();

        SupportHttp api = SupportHttp.builder(support, personas())
                .directory(directory)
                .feed(NewsFeedSource.of(jdbc.newsFeed()))
                .build();
        binding = SupportRouter.builder(vertx, api).build();
        binding.mount(router);
        router.get("/demo/personas").handler(this::personasJson);
        router.get("/").handler(ctx -> asset(ctx, "index.html", "text/html; charset=UTF-8"));
        router.get("/app.js").handler(ctx -> asset(ctx, "app.js", "text/javascript; charset=UTF-8"));
        router.get("/app.css").handler(ctx -> asset(ctx, "app.css", "text/css; charset=UTF-8"));

        // The desk's agent: answers each newly handed-over request; the synchroniser brings the answer back.
        Set<String> answered = ConcurrentHashMap.newKeySet();
        agent = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-desk-agent");
            t.setDaemon(true);
            return t;
        });
        agent.scheduleWithFixedDelay(
                () -> {
                    for (InMemorySupportDesk.StoredIssue issue : desk.issues()) {
                        if (answered.add(issue.externalId())) {
                            desk.addComment(issue.externalId(), "Agent Dupont (support ENT)", DESK_ANSWER, true);
                        }
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    /**
     * Starts the demo.
     *
     * @param port the port on 127.0.0.1, or 0 for any free one
     */
    public static WebDemo start(int port) throws Exception {
        return new WebDemo(port);
    }

    /** The port the demo listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The demo's address. */
    public String url() {
        return "http://localhost:" + port() + "/";
    }

    /** Stops the server, the library's runtime and the database. */
    @Override
    public void close() {
        agent.shutdownNow();
        support.close();
        binding.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        jdbc.close();
    }

    /**
     * Runs the demo until the process is stopped.
     *
     * @param args the port (8080 when absent)
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        WebDemo demo = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "web-demo-shutdown"));
        System.out.println("Aide & Support web demo: " + demo.url() + "  (Ctrl+C to stop)");
        Thread.currentThread().join();
    }

    // ------------------------------------------------------------------ demo identity

    /** The demo's "login": the persona chosen in the page, from a cookie. Demo only. */
    private static ActorResolver personas() {
        return request -> {
            RoutingContext ctx = (RoutingContext) request.hostContext().orElseThrow();
            Cookie cookie = ctx.request().getCookie(PERSONA_COOKIE);
            String id = cookie == null ? ALICE.actor().userId() : cookie.getValue();
            return PERSONAS.stream()
                    .map(Persona::actor)
                    .filter(a -> a.userId().equals(id))
                    .findFirst();
        };
    }

    private void personasJson(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        for (Persona p : PERSONAS) {
            list.add(new JsonObject()
                    .put("id", p.actor().userId())
                    .put("name", p.actor().displayName())
                    .put("roleFr", p.roleFr())
                    .put("roleEn", p.roleEn()));
        }
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(list.encode());
    }

    private static void asset(RoutingContext ctx, String name, String type) {
        try (InputStream in = WebDemo.class.getResourceAsStream("/webdemo/" + name)) {
            if (in == null) {
                ctx.response().setStatusCode(404).end();
                return;
            }
            ctx.response()
                    .putHeader("Content-Type", type)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader(
                            "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")
                    .putHeader("Cache-Control", "no-cache")
                    .end(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ seed data

    private static final String[][] SEED = {
        {"/messagerie", "La messagerie ne s'affiche pas", "Depuis ce matin la page reste blanche."},
        {"/cahier-textes", "Impossible d'ouvrir le cahier de textes", "Le message indique « accès refusé »."},
        {"/notes", "Notes absentes du bulletin", "Les notes du deuxième trimestre n'apparaissent pas."},
        {"/agenda", "Agenda partagé vide", "L'agenda de l'équipe ne montre plus aucun événement."},
        {"/blog", "Le blog de la classe est bloqué", "Impossible de publier un nouvel article."},
        {"/espace-documentaire", "Pièce jointe trop volumineuse", "Un PDF de 8 Mo est refusé."},
        {"/messagerie", "Mot de passe oublié", "Je ne peux plus me connecter depuis la tablette."},
        {"/notes", "Moyenne mal calculée", "La moyenne ne tient pas compte des coefficients."},
        {"/agenda", "Réservation de salle impossible", "Le bouton Réserver est grisé."},
    };

    /** Two schools, four people, 36 requests in every status, a few answers. */
    static void seed(Support support, SupportJdbc jdbc) {
        Actor[] requesters = {ALICE.actor(), LOUIS.actor()};
        for (int i = 0; i < 36; i++) {
            String[] s = SEED[i % SEED.length];
            Actor who = requesters[i % 3 == 0 ? 1 : 0];
            String school = who == LOUIS.actor() ? SCHOOL_2 : (i % 2 == 0 ? SCHOOL_1 : SCHOOL_2);
            Ticket t = support.create(
                    who,
                    NewTicket.builder()
                            .school(school)
                            .category(s[0])
                            .subject(s[1] + (i >= SEED.length ? " (" + (i / SEED.length + 1) + ")" : ""))
                            .description(s[2])
                            .build());
            Actor admin = BRUNO.actor();
            switch (i % 6) {
                case 1 -> support.comment(admin, t.id(), NewComment.of("Merci, nous regardons."));
                case 2 -> support.changeStatus(admin, t.id(), TicketStatus.WAITING, t.version());
                case 3 -> support.changeStatus(admin, t.id(), TicketStatus.RESOLVED, t.version());
                case 4 -> {
                    Ticket r = support.changeStatus(admin, t.id(), TicketStatus.RESOLVED, t.version());
                    support.changeStatus(admin, t.id(), TicketStatus.CLOSED, r.version());
                }
                default -> {
                    // stays NEW
                }
            }
        }
        // the seed's notifications are delivered and read: the story starts with empty badges
        while (support.relay().deliverDue() > 0) {
            // one batch at a time until none is due
        }
        for (Persona p : PERSONAS) {
            jdbc.newsFeed().markAllRead(p.actor().userId());
        }
    }
}
