package org.entsupport.http.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.BulkResult;
import org.entsupport.core.CommentAdded;
import org.entsupport.core.CsvDialect;
import org.entsupport.core.IllegalTransitionException;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Ownership;
import org.entsupport.core.Page;
import org.entsupport.core.Support;
import org.entsupport.core.SupportException;
import org.entsupport.core.TicketCapabilities;
import org.entsupport.core.TicketChanges;
import org.entsupport.core.TicketQuery;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.TimelineText;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.model.TimelineEntry;
import org.entsupport.core.spi.Directory;
import org.entsupport.http.ActorResolver;
import org.entsupport.http.ApiRequest;
import org.entsupport.http.ApiResponse;
import org.entsupport.http.FeedItem;
import org.entsupport.http.FeedSource;
import org.entsupport.http.internal.Views.AttachmentView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API: its route table and the handler of each route. */
public final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    /** Query parameters of the ticket filters (list, counts, export). */
    private static final String[] FILTERS = {"status", "school", "ownership", "q", "sort", "direction"};

    /** Everything the API is built from. */
    public record Config(
            Support support,
            ActorResolver actors,
            @Nullable FeedSource feed,
            Directory directory,
            String basePath,
            Call.Limits limits,
            Path uploadDirectory,
            Locale defaultLocale,
            int maxFilesPerRequest) {}

    private final Config config;
    private final Support support;
    private final List<Route> routes;
    private final byte[] openApi;

    /** Builds the API. */
    public Api(Config config) {
        this.config = config;
        this.support = config.support();
        this.routes = routes(config.feed() != null);
        this.openApi = OpenApi.document(config.basePath());
    }

    /** The route table, in matching order. */
    public List<Route> routes() {
        return routes;
    }

    private List<Route> routes(boolean withFeed) {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/openapi.json", this::openApi));
        r.add(new Route("GET", "/me", this::me));
        r.add(new Route("GET", "/categories", this::categories));
        r.add(new Route("GET", "/tickets", this::list));
        r.add(new Route("POST", "/tickets", this::create));
        r.add(new Route("GET", "/tickets/counts", this::counts));
        r.add(new Route("GET", "/tickets/export.csv", this::export));
        r.add(new Route("POST", "/tickets/bulk/status", this::bulkStatus));
        r.add(new Route("POST", "/tickets/bulk/escalation", this::bulkEscalation));
        r.add(new Route("GET", "/tickets/{id}", this::get));
        r.add(new Route("PATCH", "/tickets/{id}", this::patch));
        r.add(new Route("GET", "/tickets/{id}/timeline", this::timeline));
        r.add(new Route("GET", "/tickets/{id}/capabilities", this::capabilities));
        r.add(new Route("POST", "/tickets/{id}/comments", this::comment));
        r.add(new Route("POST", "/tickets/{id}/escalation", this::escalate));
        r.add(new Route("POST", "/tickets/{id}/attachments", this::attach));
        r.add(new Route("GET", "/tickets/{id}/attachments/{attachmentId}", this::download));
        if (withFeed) {
            r.add(new Route("GET", "/feed", this::feed));
            r.add(new Route("POST", "/feed/read", this::feedRead));
        }
        return List.copyOf(r);
    }

    // ------------------------------------------------------------------ dispatch

    /** Answers one request; never throws for a library exception or a bad request. */
    public ApiResponse handle(ApiRequest request) {
        Locale locale = request.header("Accept-Language")
                .map(h -> Texts.negotiate(h, config.defaultLocale()))
                .orElse(config.defaultLocale());
        try {
            String path = request.path();
            String base = config.basePath();
            if (!path.equals(base) && !path.startsWith(base + "/")) {
                throw HttpProblem.of(404, "route-not-found", "route-not-found");
            }
            String relative = path.substring(base.length());
            Route chosen = null;
            Map<String, String> variables = Map.of();
            Set<String> allowed = new LinkedHashSet<>();
            for (Route route : routes) {
                Map<String, String> vars = route.match(relative);
                if (vars == null) {
                    continue;
                }
                allowed.add(route.method());
                if (chosen == null && route.method().equals(request.method())) {
                    chosen = route;
                    variables = vars;
                }
            }
            if (chosen == null) {
                if (allowed.isEmpty()) {
                    throw HttpProblem.of(404, "route-not-found", "route-not-found");
                }
                throw HttpProblem.of(
                                405,
                                "method-not-allowed",
                                "method-not-allowed",
                                request.method(),
                                String.join(", ", allowed))
                        .header("Allow", String.join(", ", allowed));
            }
            if (chosen.template().equals("/openapi.json")) {
                return openApi(null); // the document is public: no actor, no call
            }
            Actor actor = config.actors().resolve(request).orElse(null);
            if (actor == null) {
                throw HttpProblem.of(401, "not-authenticated", "not-authenticated");
            }
            Locale actorLocale = Texts.negotiate(actor.locale().toLanguageTag(), config.defaultLocale());
            locale = request.header("Accept-Language")
                    .map(h -> Texts.negotiate(h, actorLocale))
                    .orElse(actorLocale);
            LOG.debug("{} by {}", request, actor.userId());
            return chosen.handler().handle(new Call(request, actor, locale, variables, config.limits()));
        } catch (HttpProblem p) {
            return Problems.of(p, locale);
        } catch (SupportException e) {
            LimitedInputStream.TooLargeException tooLarge = causeOf(e, LimitedInputStream.TooLargeException.class);
            if (tooLarge != null) {
                return Problems.of(Call.tooLarge(tooLarge.limit()), locale);
            }
            return Problems.of(e, locale);
        } catch (LimitedInputStream.TooLargeException e) {
            return Problems.of(Call.tooLarge(e.limit()), locale);
        } catch (IOException | UncheckedIOException e) {
            LimitedInputStream.TooLargeException tooLarge = causeOf(e, LimitedInputStream.TooLargeException.class);
            if (tooLarge != null) {
                return Problems.of(Call.tooLarge(tooLarge.limit()), locale);
            }
            LOG.debug("{}: the request body could not be read: {}", request, e.toString());
            return Problems.of(HttpProblem.field("body", "malformed", String.valueOf(e.getMessage())), locale);
        } catch (RuntimeException e) {
            return Problems.internal(e, request.toString(), locale);
        }
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ responses

    private static ApiResponse.Builder json(int status, Object value, @Nullable Locale language) {
        try {
            ApiResponse.Builder b = ApiResponse.status(status)
                    .header("Content-Type", "application/json")
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(Json.mapper().writeValueAsBytes(value));
            if (language != null) {
                b.header("Content-Language", language.getLanguage());
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(Ticket t) {
        return "\"" + t.version() + "\"";
    }

    private ApiResponse ticket(int status, Ticket t, Call call) {
        return json(status, Views.TicketView.of(t, call.actor(), call.locale()), null)
                .header("ETag", etag(t))
                .build();
    }

    private String href(Ticket t) {
        return config.basePath() + "/tickets/" + t.id();
    }

    // ------------------------------------------------------------------ routes

    private ApiResponse openApi(@Nullable Call ignored) {
        return ApiResponse.status(200)
                .header("Content-Type", "application/json")
                .header("X-Content-Type-Options", "nosniff")
                .body(openApi)
                .build();
    }

    private ApiResponse me(Call call) {
        call.allowOnly();
        Actor a = call.actor();
        Set<String> schools = new LinkedHashSet<>(a.schools());
        schools.addAll(a.adminSchools());
        List<Views.SchoolView> views = new ArrayList<>();
        for (String s : schools) {
            boolean admin = a.administers(s);
            views.add(new Views.SchoolView(
                    s,
                    config.directory().schoolName(s).orElse(s),
                    admin,
                    a.platformAdmin()
                            || (a.adminSchools().contains(s)
                                    && a.escalationSchools().contains(s))));
        }
        return json(
                        200,
                        new Views.MeView(
                                a.userId(),
                                a.displayName(),
                                a.platformAdmin(),
                                call.locale().getLanguage(),
                                views),
                        call.locale())
                .build();
    }

    private ApiResponse categories(Call call) {
        call.allowOnly();
        Locale locale = call.locale();
        List<Views.CategoryView> items = support.categories(call.actor()).stream()
                .map(c -> new Views.CategoryView(c.id(), c.label(locale)))
                .toList();
        return json(200, new Views.CategoriesView(items), call.locale()).build();
    }

    private TicketQuery query(Call call, boolean paged) {
        TicketQuery.Builder b = TicketQuery.builder();
        for (String s : call.params("status")) {
            b.statuses(Call.enumValue("status", TicketStatus.class, s));
        }
        b.schools(call.params("school").toArray(String[]::new));
        b.ownership(call.enumParam("ownership", Ownership.class, Ownership.ALL));
        String q = call.param("q");
        b.text(q == null || q.isBlank() ? null : q);
        b.sort(
                call.enumParam("sort", TicketSort.class, TicketSort.MODIFIED),
                call.enumParam("direction", SortDirection.class, SortDirection.DESC));
        if (paged) {
            b.pageSize(call.intParam("limit", TicketQuery.DEFAULT_PAGE_SIZE, 1, 10_000));
            b.after(call.param("cursor"));
        }
        return b.build();
    }

    /** The library names query fields by their Java names; the API by its parameter names. */
    private static ValidationException renamed(ValidationException e) {
        if (e.getClass() != ValidationException.class) {
            return e;
        }
        Map<String, String> names = Map.of("pageSize", "limit", "text", "q", "schools", "school");
        List<Violation> out = new ArrayList<>();
        for (Violation v : e.violations()) {
            String field = names.getOrDefault(v.field(), v.field());
            out.add(new Violation(field, v.code(), v.message(), v.arguments()));
        }
        return new ValidationException(out);
    }

    private ApiResponse list(Call call) {
        call.allowOnly(concat(FILTERS, "limit", "cursor"));
        TicketQuery query = query(call, true);
        Page<Ticket> page;
        try {
            page = support.list(call.actor(), query);
        } catch (ValidationException e) {
            throw renamed(e);
        }
        List<Views.TicketView> items = page.items().stream()
                .map(t -> Views.TicketView.of(t, call.actor(), call.locale()))
                .toList();
        return json(200, new Views.TicketPageView(items, page.nextCursor().orElse(null)), null)
                .build();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private ApiResponse counts(Call call) {
        call.allowOnly(FILTERS);
        TicketQuery query = query(call, false);
        Map<TicketStatus, Long> counts;
        try {
            counts = new EnumMap<>(support.countByStatus(call.actor(), query));
        } catch (ValidationException e) {
            throw renamed(e);
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return json(200, new Views.CountsView(counts, total), null).build();
    }

    /** Thrown by the probe writer: the export passed its checks and started writing. */
    private static final class ProbeDone extends IOException {
        private static final long serialVersionUID = 1L;

        ProbeDone() {
            super("probe", null);
        }
    }

    private ApiResponse export(Call call) {
        call.allowOnly(concat(FILTERS, "dialect", "ids"));
        TicketQuery query = query(call, false);
        Actor actor = call.actor();
        String dialectName = call.param("dialect");
        CsvDialect dialect;
        if (dialectName == null || dialectName.equals("rfc4180")) {
            dialect = CsvDialect.RFC4180;
        } else if (dialectName.equals("excel-fr")) {
            dialect = CsvDialect.EXCEL_FR;
        } else {
            throw HttpProblem.field("dialect", "invalid-value", dialectName, "rfc4180 or excel-fr");
        }
        List<Long> ids = new ArrayList<>();
        for (String id : call.params("ids")) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw HttpProblem.field("ids", "invalid-value", id, "ticket numbers");
            }
        }
        java.util.function.Consumer<Appendable> run = out -> {
            if (ids.isEmpty()) {
                support.exportCsv(actor, query, dialect, out);
            } else {
                support.exportCsv(actor, ids, dialect, out);
            }
        };
        // The export checks the rights and the filters before it writes its header line: run it against a
        // writer that stops at the first character, so a refusal is a problem response, not a cut 200.
        try {
            run.accept(new Appendable() {
                @Override
                public Appendable append(CharSequence csq) throws IOException {
                    throw new ProbeDone();
                }

                @Override
                public Appendable append(CharSequence csq, int start, int end) throws IOException {
                    throw new ProbeDone();
                }

                @Override
                public Appendable append(char c) throws IOException {
                    throw new ProbeDone();
                }
            });
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof ProbeDone)) {
                throw e;
            }
        } catch (ValidationException e) {
            throw renamed(e);
        }
        return ApiResponse.status(200)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"tickets.csv\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .body(out -> {
                    Writer w = new BufferedWriter(
                            new OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8), 64 * 1024);
                    try {
                        run.accept(w);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                    w.flush();
                })
                .build();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private ApiResponse get(Call call) {
        call.allowOnly();
        return ticket(200, support.get(call.actor(), call.id("id")), call);
    }

    private ApiResponse capabilities(Call call) {
        call.allowOnly();
        TicketCapabilities c = support.capabilities(call.actor(), call.id("id"));
        List<TicketStatus> statuses = c.statuses().stream()
                .sorted(Comparator.comparingInt(TicketStatus::code))
                .toList();
        return json(
                        200,
                        new Views.CapabilitiesView(
                                c.ticketId(),
                                c.comment(),
                                statuses,
                                c.escalate(),
                                c.retryEscalation(),
                                c.editFields(),
                                c.editDescription()),
                        null)
                .build();
    }

    private ApiResponse timeline(Call call) {
        call.allowOnly();
        long id = call.id("id");
        Locale locale = call.locale();
        List<TimelineEntry> entries = support.timeline(call.actor(), id);
        List<Attachment> attachments = support.attachments(call.actor(), id);
        String base = config.basePath();
        Map<Long, List<AttachmentView>> byComment = new LinkedHashMap<>();
        List<AttachmentView> all = new ArrayList<>();
        for (Attachment a : attachments) {
            AttachmentView v = AttachmentView.of(a, base);
            all.add(v);
            if (a.commentId() != null) {
                byComment.computeIfAbsent(a.commentId(), k -> new ArrayList<>()).add(v);
            }
        }
        List<Views.TimelineEntryView> out = new ArrayList<>();
        for (TimelineEntry e : entries) {
            String text = TimelineText.describe(e, locale);
            if (e instanceof TimelineEntry.CommentEntry c) {
                Comment comment = c.comment();
                out.add(new Views.TimelineEntryView(
                        "comment",
                        e.at(),
                        text,
                        Views.CommentView.of(comment),
                        null,
                        byComment.getOrDefault(comment.id(), List.of())));
            } else {
                HistoryEvent h = ((TimelineEntry.EventEntry) e).event();
                out.add(new Views.TimelineEntryView(
                        "event",
                        e.at(),
                        text,
                        null,
                        new Views.EventView(h.id(), h.actor(), h.type().code(), h.parameters()),
                        List.of()));
            }
        }
        return json(200, new Views.TimelineView(id, locale.getLanguage(), out, all), locale)
                .build();
    }

    // ------------------------------------------------------------------ changes

    private ApiResponse create(Call call) throws IOException {
        call.allowOnly();
        String key = call.request().header("Idempotency-Key").orElse(null);
        if ("multipart/form-data".equals(call.mediaType())) {
            try (Uploads uploads = readMultipart(call, Set.of("school", "category", "subject", "description"))) {
                NewTicket.Builder b = NewTicket.builder()
                        .school(uploads.field("school"))
                        .category(uploads.field("category"))
                        .subject(uploads.field("subject"))
                        .description(uploads.field("description"))
                        .idempotencyKey(key);
                uploads.files().forEach(b::file);
                Ticket t = support.create(call.actor(), b.build());
                return created(t, call);
            }
        }
        Views.NewTicketBody body = call.readJson(Views.NewTicketBody.class);
        Ticket t = support.create(
                call.actor(),
                NewTicket.builder()
                        .school(orEmpty(body.school()))
                        .category(orEmpty(body.category()))
                        .subject(orEmpty(body.subject()))
                        .description(orEmpty(body.description()))
                        .idempotencyKey(key)
                        .build());
        return created(t, call);
    }

    private ApiResponse created(Ticket t, Call call) {
        return json(201, Views.TicketView.of(t, call.actor(), call.locale()), null)
                .header("Location", href(t))
                .header("ETag", etag(t))
                .build();
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** The version of an {@code If-Match} header: {@code "3"} (or weak {@code W/"3"}). */
    private static long ifMatch(Call call) {
        String header = call.request().header("If-Match").orElse(null);
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            throw HttpProblem.of(428, "precondition-required", "precondition-required");
        }
        String v = header.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw HttpProblem.field("If-Match", "invalid-header", header, "the ETag of the request, such as \"3\"");
    }

    private ApiResponse patch(Call call) throws IOException {
        call.allowOnly();
        long id = call.id("id");
        long expected = ifMatch(call);
        Views.PatchBody body = call.readJson(Views.PatchBody.class);
        Actor actor = call.actor();
        String key = idempotencyKey(call);
        if (key != null
                && body.status() != null
                && body.subject() == null
                && body.category() == null
                && body.description() == null) {
            // a keyed status change checks the version itself, after its replay: a retry answers as the first did
            return ticket(200, support.changeStatus(actor, id, body.status(), expected, key), call);
        }
        Ticket t = support.get(actor, id);
        if (t.version() != expected) {
            throw new TicketVersionConflictException(id, expected, t.version());
        }
        boolean fields = body.subject() != null || body.category() != null || body.description() != null;
        TicketStatus target = body.status();
        if (!fields && target == null) {
            throw new ValidationException(
                    List.of(new Violation("ticket", "nothing-to-change", "no field to change was given", List.of())));
        }
        // check the status change before writing fields, so a refused change writes nothing
        if (target != null && target != t.status()) {
            Set<TicketStatus> allowed = support.allowedStatuses(actor, id);
            if (!allowed.contains(target)) {
                throw new IllegalTransitionException(id, t.status(), target, allowed);
            }
        }
        if (fields) {
            t = support.update(
                    actor, id, new TicketChanges(expected, body.subject(), body.category(), body.description()));
        }
        if (target != null) {
            t = support.changeStatus(actor, id, target, t.version(), key);
        }
        return ticket(200, t, call);
    }

    private ApiResponse comment(Call call) throws IOException {
        call.allowOnly();
        long id = call.id("id");
        Actor actor = call.actor();
        String key = idempotencyKey(call);
        // the ticket must be visible before any byte of the files is read
        support.get(actor, id);
        CommentAdded added;
        if ("multipart/form-data".equals(call.mediaType())) {
            try (Uploads uploads = readMultipart(call, Set.of("body"))) {
                added = support.comment(
                        actor,
                        id,
                        new NewComment(uploads.field("body"), List.of(), uploads.files()).withIdempotencyKey(key));
            }
        } else {
            Views.CommentBody body = call.readJson(Views.CommentBody.class);
            added = support.comment(
                    actor, id, NewComment.of(orEmpty(body.body())).withIdempotencyKey(key));
        }
        Ticket t = added.ticket();
        return json(
                        201,
                        new CommentCreated(
                                Views.CommentView.of(added.comment()),
                                Views.TicketView.of(t, call.actor(), call.locale())),
                        null)
                .header("ETag", etag(t))
                .build();
    }

    /** The answer to a new comment: the comment and the ticket as it is now (its new version). */
    record CommentCreated(Views.CommentView comment, Views.TicketView ticket) {}

    private ApiResponse escalate(Call call) {
        call.allowOnly();
        Ticket t = support.escalate(call.actor(), call.id("id"), idempotencyKey(call));
        return ticket(202, t, call);
    }

    /** Uploads files to a ticket without a comment (multipart, {@code files}). */
    private ApiResponse attach(Call call) throws IOException {
        call.allowOnly();
        long id = call.id("id");
        Actor actor = call.actor();
        String key = idempotencyKey(call);
        call.requireMediaType("multipart/form-data");
        // the ticket must be visible before any byte of the files is read
        support.get(actor, id);
        List<Attachment> added;
        try (Uploads uploads = readMultipart(call, Set.of())) {
            added = support.attach(actor, id, uploads.files(), key);
        }
        String base = config.basePath();
        return json(
                        201,
                        new AttachmentsAdded(added.stream()
                                .map(a -> Views.AttachmentView.of(a, base))
                                .toList()),
                        null)
                .build();
    }

    /** The answer to an upload: the new attachments, in the order sent. */
    record AttachmentsAdded(List<Views.AttachmentView> attachments) {}

    /** The {@code Idempotency-Key} header, which makes a retried change safe; checked by the library. */
    private static @Nullable String idempotencyKey(Call call) {
        return call.request().header("Idempotency-Key").orElse(null);
    }

    private ApiResponse bulkStatus(Call call) throws IOException {
        call.allowOnly();
        Views.BulkStatusBody body = call.readJson(Views.BulkStatusBody.class);
        if (body.ids() == null) {
            throw HttpProblem.field("ids", "required");
        }
        if (body.status() == null) {
            throw HttpProblem.field("status", "required");
        }
        return bulk(call, support.changeStatuses(call.actor(), ids(body.ids()), body.status()));
    }

    private ApiResponse bulkEscalation(Call call) throws IOException {
        call.allowOnly();
        Views.BulkEscalationBody body = call.readJson(Views.BulkEscalationBody.class);
        if (body.ids() == null) {
            throw HttpProblem.field("ids", "required");
        }
        return bulk(call, support.escalate(call.actor(), ids(body.ids())));
    }

    private static List<Long> ids(List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                throw HttpProblem.field("ids[" + i + "]", "required");
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private ApiResponse bulk(Call call, BulkResult result) {
        List<Views.BulkItemView> items = new ArrayList<>();
        result.outcomes()
                .forEach((id, o) -> items.add(new Views.BulkItemView(
                        id,
                        o.kind().name(),
                        o.error() == null ? null : o.error().userMessage(call.locale()))));
        return json(200, new Views.BulkView(result.changedCount(), items), call.locale())
                .build();
    }

    // ------------------------------------------------------------------ files

    private ApiResponse download(Call call) throws IOException {
        call.allowOnly();
        AttachmentContent file = support.openAttachment(call.actor(), call.id("id"), call.id("attachmentId"));
        Attachment a = file.attachment();
        String type = a.mediaType().equals("text/plain") ? "text/plain; charset=UTF-8" : a.mediaType();
        InputStream content = file.content();
        return ApiResponse.status(200)
                .header("Content-Type", type)
                .header("Content-Length", Long.toString(a.size()))
                .header("Content-Disposition", contentDisposition(a.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, no-store")
                .body(out -> copy(content, out))
                .resource(file)
                .build();
    }

    /** Copies in 64 KiB writes, whatever the store's stream would do with transferTo (write all at once). */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
    }

    /** {@code attachment} with an ASCII fallback name and the exact UTF-8 name (RFC 6266, RFC 8187). */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The text fields and spooled files of a multipart body; deletes the files when closed. */
    static final class Uploads implements AutoCloseable {
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final List<NewFile> files = new ArrayList<>();
        private final List<Path> paths = new ArrayList<>();

        String field(String name) {
            return fields.getOrDefault(name, "");
        }

        List<NewFile> files() {
            return files;
        }

        @Override
        public void close() {
            for (Path p : paths) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not delete the upload spool file {}: {}", p, e.toString());
                }
            }
        }
    }

    /**
     * Reads a multipart body: text fields into memory (each bounded by the JSON limit), files spooled to
     * the upload directory as they arrive (never whole in memory), the whole body bounded by the upload
     * limit (an announced length over it is refused before reading).
     */
    private Uploads readMultipart(Call call, Set<String> textFields) throws IOException {
        String boundary =
                Multipart.boundary(call.request().header("Content-Type").orElse(""));
        if (boundary == null) {
            throw HttpProblem.field("Content-Type", "invalid-header", call.mediaType(), "a multipart boundary");
        }
        Uploads uploads = new Uploads();
        try (InputStream body = call.openBody(call.limits().maxUploadBytes())) {
            Multipart multipart = new Multipart(body, boundary, config.maxFilesPerRequest() + textFields.size() + 1);
            for (Multipart.Part part = multipart.next(); part != null; part = multipart.next()) {
                if (part.fileName() != null) {
                    if (!part.name().equals("files") && !part.name().equals("file")) {
                        throw HttpProblem.field(part.name(), "unknown-field");
                    }
                    if (part.fileName().isEmpty()) {
                        continue; // an empty file input of a browser form
                    }
                    Path spool = Files.createTempFile(config.uploadDirectory(), "support-upload-", ".part");
                    uploads.paths.add(spool);
                    long size;
                    try (OutputStream out = Files.newOutputStream(spool)) {
                        size = part.content().transferTo(out);
                    }
                    uploads.files.add(NewFile.of(part.fileName(), () -> Files.newInputStream(spool), size));
                } else if (textFields.contains(part.name())) {
                    if (uploads.fields.containsKey(part.name())) {
                        throw HttpProblem.field(part.name(), "repeated-parameter");
                    }
                    uploads.fields.put(part.name(), text(part, call.limits().maxJsonBytes()));
                } else {
                    throw HttpProblem.field(part.name(), "unknown-field");
                }
            }
            return uploads;
        } catch (Multipart.MalformedException e) {
            uploads.close();
            throw HttpProblem.field("body", "malformed", String.valueOf(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            uploads.close();
            throw e;
        }
    }

    private static String text(Multipart.Part part, long limit) throws IOException {
        byte[] bytes = part.content().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw Call.tooLarge(limit);
        }
        // a browser sends form text with CRLF line breaks
        return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    // ------------------------------------------------------------------ feed

    private FeedSource feedSource() {
        FeedSource f = config.feed();
        if (f == null) {
            throw HttpProblem.of(404, "route-not-found", "route-not-found");
        }
        return f;
    }

    private ApiResponse feed(Call call) {
        call.allowOnly("limit", "cursor");
        FeedSource f = feedSource();
        int limit = call.intParam("limit", 20, 1, 200);
        String cursor = call.param("cursor");
        String user = call.actor().userId();
        Page<FeedItem> slice = f.list(user, cursor, limit, call.locale());
        List<Views.FeedItemView> items = slice.items().stream()
                .map(i -> new Views.FeedItemView(
                        i.id(), i.type(), i.ticketId(), i.title(), i.actorName(), i.occurredAt(), i.link(), i.read()))
                .toList();
        return json(200, new Views.FeedView(items, slice.nextCursor().orElse(null), f.unreadCount(user)), call.locale())
                .build();
    }

    private ApiResponse feedRead(Call call) throws IOException {
        call.allowOnly();
        FeedSource f = feedSource();
        Views.FeedReadBody body = call.readJson(Views.FeedReadBody.class);
        String user = call.actor().userId();
        boolean all = Boolean.TRUE.equals(body.all());
        if (all == (body.ids() != null)) {
            throw HttpProblem.field("ids", "required");
        }
        if (all) {
            f.markAllRead(user);
        } else {
            for (Long id : ids(Objects.requireNonNull(body.ids(), "ids"))) {
                f.markRead(user, id);
            }
        }
        return json(200, new Views.UnreadView(f.unreadCount(user)), null).build();
    }
}
