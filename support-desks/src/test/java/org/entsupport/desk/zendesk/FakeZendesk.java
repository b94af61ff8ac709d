package org.entsupport.desk.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entsupport.desk.testing.LoopbackServer;
import org.entsupport.desk.testing.LoopbackServer.Answer;
import org.entsupport.desk.testing.LoopbackServer.Request;

/**
 * A local server that follows Zendesk's documented API for the endpoints {@link ZendeskDesk} uses:
 * Basic {@code email/token:TOKEN} authentication, uploads, ticket create with {@code Idempotency-Key}
 * (replay with {@code x-idempotency-lookup: hit}, {@code IdempotentRequestError} on another payload),
 * list by {@code external_id}, update with a comment (audit events in the answer, 422 on a closed
 * ticket), comments with cursor pagination and side-loaded users, the cursor-based incremental
 * export (small pages, {@code after_cursor}, {@code end_of_stream}, start_time at least one minute in
 * the past, deleted tickets listed with status {@code deleted}), attachment downloads through a
 * redirect, and 429 with {@code Retry-After} on demand.
 *
 * <p>Behaviours that surprise, each from Zendesk's own pages:
 * <ul>
 *   <li>{@code Idempotency-Key} is honoured on ticket creation only; updates ignore it
 *       (https://developer.zendesk.com/api-reference/ticketing/introduction/#idempotency).</li>
 *   <li>A comment without {@code public} takes the value the ticket's first comment had: "The initial
 *       value set on ticket creation persists for any additional comment unless you change it"
 *       (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/).</li>
 *   <li>A ticket cannot be set to solved without an assignee, unless the account auto-assigns on solve
 *       (https://support.zendesk.com/hc/en-us/articles/4408894213018-About-native-system-ticket-rules);
 *       closed tickets take no update (same page).</li>
 *   <li>An attachment's {@code content_url} answers the API credentials with a 302 to a temporary URL
 *       on another host, which must be fetched without them
 *       (https://developer.zendesk.com/documentation/ticketing/managing-tickets/accessing-end-user-uploaded-attachments/,
 *       https://developer.zendesk.com/documentation/ticketing/managing-tickets/working-with-url-properties/).</li>
 *   <li>The incremental export lists deleted tickets, with status {@code deleted}
 *       (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/,
 *       "Excluding deleted tickets"); a deleted ticket is not found by the other endpoints.</li>
 *   <li>429 comes with {@code Retry-After} in seconds
 *       (https://developer.zendesk.com/api-reference/introduction/rate-limits).</li>
 * </ul>
 */
final class FakeZendesk implements AutoCloseable {

    static final String EMAIL = "agent@example.org";
    static final String TOKEN = "s3cr3t-t0ken";
    static final long API_USER = 1;
    static final long AGENT = 2;

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final LoopbackServer server;
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, Attachment> uploads = new HashMap<>();
    private final Map<Long, Attachment> attachments = new HashMap<>();
    private final Map<String, String[]> idempotency = new HashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile boolean hideFromLookup;
    private final AtomicInteger exportCalls = new AtomicInteger();
    private volatile int throttleExportCall = -1;
    private final java.util.Set<Long> forbidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<Long> hidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Attachment> temporaryUrls = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String redirectApiTo = "";
    private volatile String redirectDownloadsTo = "";
    private volatile LoopbackServer fileHost;
    private volatile boolean autoAssignOnSolve;
    private long nextTicket = 1000;
    private long nextEvent = 5000;
    private long nextAttachment = 9000;
    private long generation;
    int exportPageSize = 2;
    int commentPageSize = 2;

    static final class Ticket {
        long id;
        String subject = "";
        String status = "new";
        String externalId = "";
        Long assignee;
        boolean defaultPublic = true;
        Instant created;
        Instant updated;
        long gen;
        final List<Comment> comments = new ArrayList<>();
    }

    record Comment(long id, long author, String body, boolean isPublic, Instant created, List<Attachment> files) {}

    static final class Attachment {
        private final long id;
        private final String fileName;
        private final String contentType;
        private final byte[] content;
        volatile boolean deleted;

        Attachment(long id, String fileName, String contentType, byte[] content) {
            this.id = id;
            this.fileName = fileName;
            this.contentType = contentType;
            this.content = content;
        }

        long id() {
            return id;
        }

        String fileName() {
            return fileName;
        }

        String contentType() {
            return contentType;
        }

        byte[] content() {
            return content;
        }
    }

    FakeZendesk(Clock clock) throws IOException {
        this.clock = clock;
        this.server = new LoopbackServer(this::handle);
    }

    String url() {
        return server.url();
    }

    List<Request> requests() {
        return server.requests();
    }

    /** The next {@code times} API calls answer 429 with {@code Retry-After: seconds}. */
    void throttle(int times, int seconds) {
        this.retryAfterSeconds = seconds;
        throttled.set(times);
    }

    /** The {@code n}th incremental export call from now (1-based) answers 429 with {@code Retry-After: seconds}. */
    void throttleExportCall(int n, int seconds) {
        this.retryAfterSeconds = seconds;
        exportCalls.set(0);
        this.throttleExportCall = n;
    }

    /** The comments of this ticket answer 403, as for a ticket the agent may not see. */
    void forbidComments(long ticket) {
        forbidden.add(ticket);
    }

    /** The ticket itself answers 403 (show, update, comments): the account may no longer see it. */
    void hideTicket(long ticket) {
        hidden.add(ticket);
    }

    /**
     * Attachment downloads answer 302 to this host (another loopback address), which serves the file
     * to anyone holding the temporary URL, as Zendesk's attachment host does.
     */
    void serveFilesFrom(LoopbackServer host) {
        this.fileHost = host;
    }

    /** The account setting "auto assign tickets upon solve". */
    void autoAssignOnSolve(boolean on) {
        this.autoAssignOnSolve = on;
    }

    /** Listing by external_id finds nothing (as an index that lags). */
    void hideFromLookup(boolean hide) {
        this.hideFromLookup = hide;
    }

    /** API calls answer 302 to this origin. */
    void redirectApiTo(String origin) {
        this.redirectApiTo = origin;
    }

    /** Attachment downloads answer 302 to this origin. */
    void redirectDownloadsTo(String origin) {
        this.redirectDownloadsTo = origin;
    }

    // ---- the desk's side

    synchronized long createForeignTicket(String subject) {
        Ticket t = newTicket(subject, "", "");
        return t.id;
    }

    synchronized String addComment(long ticket, String body, boolean isPublic, Attachment... files) {
        return addCommentBy(AGENT, ticket, body, isPublic, files);
    }

    /** A comment written by {@code author} ({@link #API_USER} is the connector's own account). */
    synchronized String addCommentBy(long author, long ticket, String body, boolean isPublic, Attachment... files) {
        Ticket t = tickets.get(ticket);
        Comment c = new Comment(nextEvent++, author, body, isPublic, clock.instant(), List.of(files));
        t.comments.add(c);
        touch(t);
        return Long.toString(c.id());
    }

    /** An agent takes the ticket. */
    synchronized void assign(long ticket) {
        tickets.get(ticket).assignee = AGENT;
    }

    /** Soft-deletes a ticket: status {@code deleted}, listed by the export, not found elsewhere. */
    synchronized void deleteTicket(long ticket) {
        Ticket t = tickets.get(ticket);
        t.status = "deleted";
        touch(t);
    }

    /** Redacts an attachment: it stays listed with {@code deleted: true}. */
    synchronized void redact(Attachment a) {
        a.deleted = true;
    }

    synchronized Attachment attachment(String fileName, String contentType, byte[] content) {
        Attachment a = new Attachment(nextAttachment++, fileName, contentType, content);
        attachments.put(a.id(), a);
        return a;
    }

    synchronized void setStatus(long ticket, String status) {
        Ticket t = tickets.get(ticket);
        t.status = status;
        touch(t);
    }

    synchronized List<Ticket> tickets() {
        return List.copyOf(tickets.values());
    }

    synchronized Ticket ticket(long id) {
        return tickets.get(id);
    }

    // ---- HTTP

    private Answer handle(Request r) throws Exception {
        URI uri = URI.create(r.path());
        String path = uri.getPath();
        Map<String, String> query = query(uri.getRawQuery());
        if (path.startsWith("/attachments/")) {
            return download(path, r);
        }
        if (!("Basic "
                        + Base64.getEncoder()
                                .encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8)))
                .equals(r.header("Authorization"))) {
            return Answer.json(401, "{\"error\":\"Couldn't authenticate you\"}");
        }
        if (!redirectApiTo.isEmpty()) {
            return new Answer(302, Map.of("Location", redirectApiTo + r.path()), new byte[0]);
        }
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(
                    429,
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds), "Content-Type", "application/json"),
                    "{\"error\":\"TooManyRequests\"}".getBytes(StandardCharsets.UTF_8));
        }
        synchronized (this) {
            Matcher m;
            if (r.method().equals("GET") && path.equals("/api/v2/users/me.json")) {
                return Answer.json(200, "{\"user\":{\"id\":1,\"name\":\"API User\",\"role\":\"agent\"}}");
            }
            if (r.method().equals("POST") && path.equals("/api/v2/uploads.json")) {
                Attachment a = attachment(query.get("filename"), r.header("Content-Type"), r.body());
                String token = "tok-" + a.id();
                uploads.put(token, a);
                return Answer.json(201, "{\"upload\":{\"token\":\"" + token + "\",\"attachment\":" + json(a) + "}}");
            }
            if (r.method().equals("GET") && path.equals("/api/v2/tickets.json")) {
                ArrayNode list = json.createArrayNode();
                if (!hideFromLookup) {
                    tickets.values().stream()
                            .filter(t -> t.externalId.equals(query.get("external_id")) && !t.status.equals("deleted"))
                            .forEach(t -> list.add(json(t)));
                }
                return Answer.json(200, "{\"tickets\":" + list + ",\"count\":" + list.size() + "}");
            }
            if (r.method().equals("POST") && path.equals("/api/v2/tickets.json")) {
                return create(r);
            }
            if ((m = Pattern.compile("/api/v2/tickets/(\\d+)\\.json").matcher(path)).matches()) {
                Ticket t = tickets.get(Long.parseLong(m.group(1)));
                if (t == null || t.status.equals("deleted")) {
                    return Answer.json(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}");
                }
                if (hidden.contains(t.id)) {
                    return Answer.json(403, "{\"error\":\"Forbidden\",\"description\":\"You do not have access\"}");
                }
                return r.method().equals("PUT") ? update(t, r) : Answer.json(200, "{\"ticket\":" + json(t) + "}");
            }
            if ((m = Pattern.compile("/api/v2/tickets/(\\d+)/comments\\.json").matcher(path)).matches()) {
                Ticket t = tickets.get(Long.parseLong(m.group(1)));
                if (t == null || t.status.equals("deleted")) {
                    return Answer.json(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}");
                }
                if (forbidden.contains(t.id) || hidden.contains(t.id)) {
                    return Answer.json(403, "{\"error\":\"Forbidden\",\"description\":\"You do not have access\"}");
                }
                return comments(t, query);
            }
            if (path.equals("/api/v2/incremental/tickets/cursor.json")) {
                if (exportCalls.incrementAndGet() == throttleExportCall) {
                    return new Answer(
                            429,
                            Map.of("Retry-After", Integer.toString(retryAfterSeconds)),
                            "{\"error\":\"TooManyRequests\"}".getBytes(StandardCharsets.UTF_8));
                }
                return export(query);
            }
        }
        return Answer.json(404, "{\"error\":\"InvalidEndpoint\"}");
    }

    private Answer create(Request r) throws IOException {
        String key = r.header("Idempotency-Key");
        String body = r.text();
        if (key != null && idempotency.containsKey(key)) {
            String[] stored = idempotency.get(key);
            if (!stored[0].equals(body)) {
                return Answer.json(
                        400,
                        "{\"error\":\"IdempotentRequestError\",\"description\":"
                                + "\"The request parameters do not match the original request with this Idempotency-Key\"}");
            }
            return new Answer(
                    201,
                    Map.of("Content-Type", "application/json", "x-idempotency-lookup", "hit"),
                    stored[1].getBytes(StandardCharsets.UTF_8));
        }
        JsonNode t = json.readTree(body).path("ticket");
        Ticket ticket =
                newTicket(t.path("subject").asText(), t.path("external_id").asText(""), "new");
        ticket.defaultPublic = t.path("comment").path("public").asBoolean(true);
        addComment(ticket, API_USER, t.path("comment"));
        String answer = "{\"ticket\":" + json(ticket) + "}";
        if (key != null) {
            idempotency.put(key, new String[] {body, answer});
        }
        return new Answer(
                201,
                Map.of("Content-Type", "application/json", "x-idempotency-lookup", "miss"),
                answer.getBytes(StandardCharsets.UTF_8));
    }

    private Answer update(Ticket t, Request r) throws IOException {
        if (t.status.equals("closed")) {
            return Answer.json(
                    422,
                    "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
                            + "\"details\":{\"status\":[{\"description\":\"Status: closed prevents ticket update\"}]}}");
        }
        JsonNode in = json.readTree(r.body()).path("ticket");
        String status = in.path("status").asText(t.status);
        if (status.equals("solved") && t.assignee == null) {
            if (!autoAssignOnSolve) {
                return Answer.json(
                        422,
                        "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
                                + "\"details\":{\"assignee\":[{\"description\":"
                                + "\"Assignee: is required when solving a ticket\"}]}}");
            }
            t.assignee = API_USER;
        }
        ArrayNode events = json.createArrayNode();
        if (in.has("comment")) {
            Comment c = addComment(t, API_USER, in.path("comment"));
            events.addObject()
                    .put("id", c.id())
                    .put("type", "Comment")
                    .put("body", c.body())
                    .put("public", c.isPublic());
        }
        if (in.has("status")) {
            t.status = in.path("status").asText();
        }
        touch(t);
        return Answer.json(
                200, "{\"ticket\":" + json(t) + ",\"audit\":{\"id\":" + (nextEvent++) + ",\"events\":" + events + "}}");
    }

    private Answer comments(Ticket t, Map<String, String> query) {
        int size = Math.min(commentPageSize, Integer.parseInt(query.getOrDefault("page[size]", "100")));
        int from = query.containsKey("page[after]") ? Integer.parseInt(query.get("page[after]")) : 0;
        List<Comment> page =
                t.comments.subList(Math.min(from, t.comments.size()), Math.min(from + size, t.comments.size()));
        boolean more = from + size < t.comments.size();
        ArrayNode list = json.createArrayNode();
        page.forEach(c -> list.add(json(c)));
        String next = more
                ? url() + "/api/v2/tickets/" + t.id + "/comments.json?include=users&page%5Bsize%5D=" + size
                        + "&page%5Bafter%5D=" + (from + size)
                : null;
        ObjectNode answer = json.createObjectNode();
        answer.set("comments", list);
        ArrayNode users = answer.putArray("users");
        users.addObject().put("id", API_USER).put("name", "API User");
        users.addObject().put("id", AGENT).put("name", "Agent Smith");
        answer.putObject("meta").put("has_more", more).put("after_cursor", more ? Integer.toString(from + size) : null);
        answer.putObject("links").put("next", next);
        return Answer.json(200, answer.toString());
    }

    private Answer export(Map<String, String> query) {
        long afterGen;
        List<Ticket> candidates;
        if (query.containsKey("cursor")) {
            afterGen = Long.parseLong(
                    new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8)
                            .substring(4));
            long g = afterGen;
            candidates = tickets.values().stream().filter(t -> t.gen > g).toList();
        } else if (query.containsKey("start_time")) {
            long start = Long.parseLong(query.get("start_time"));
            if (start > clock.instant().getEpochSecond() - 60) {
                return Answer.json(
                        400,
                        "{\"error\":\"InvalidValue\",\"description\":"
                                + "\"Too recent start_time. Use a start_time older than 1 minute\"}");
            }
            candidates = tickets.values().stream()
                    .filter(t -> t.updated.getEpochSecond() >= start)
                    .toList();
            afterGen = generation;
        } else {
            return Answer.json(400, "{\"error\":\"InvalidValue\",\"description\":\"start_time or cursor required\"}");
        }
        List<Ticket> sorted = new ArrayList<>(candidates);
        sorted.sort((a, b) -> Long.compare(a.gen, b.gen));
        List<Ticket> page = sorted.subList(0, Math.min(exportPageSize, sorted.size()));
        long last = page.isEmpty() ? afterGen : page.get(page.size() - 1).gen;
        String cursor = Base64.getUrlEncoder().encodeToString(("gen:" + last).getBytes(StandardCharsets.UTF_8));
        ArrayNode list = json.createArrayNode();
        page.forEach(t -> list.add(json(t)));
        ObjectNode answer = json.createObjectNode();
        answer.set("tickets", list);
        answer.put("after_cursor", cursor);
        answer.put("after_url", url() + "/api/v2/incremental/tickets/cursor.json?cursor=" + cursor);
        answer.put("end_of_stream", sorted.size() <= exportPageSize);
        return Answer.json(200, answer.toString());
    }

    private Answer download(String path, Request r) {
        Matcher m = Pattern.compile("/attachments/token/(\\d+)/").matcher(path);
        if (!m.matches()) {
            return Answer.json(404, "{}");
        }
        if (!redirectDownloadsTo.isEmpty()) {
            return new Answer(302, Map.of("Location", redirectDownloadsTo + path), new byte[0]);
        }
        Attachment a;
        synchronized (this) {
            a = attachments.get(Long.parseLong(m.group(1)));
        }
        if (a == null || a.deleted) {
            return Answer.json(404, "{}");
        }
        LoopbackServer host = fileHost;
        if (host != null) {
            // the documented flow: the API credentials get a 302 to a temporary URL on the file host
            if (r.header("Authorization") == null) {
                return Answer.json(401, "{\"error\":\"Couldn't authenticate you\"}");
            }
            String token = java.util.UUID.randomUUID().toString();
            temporaryUrls.put(token, a);
            return new Answer(
                    302, Map.of("Location", host.url() + "/attachment/" + token + "/" + a.fileName()), new byte[0]);
        }
        return new Answer(200, Map.of("Content-Type", a.contentType()), a.content());
    }

    /** What the file host answers: the file behind a temporary URL, to anyone (never credentials needed). */
    Answer serveTemporaryUrl(Request r) {
        Matcher m = Pattern.compile("/attachment/([0-9a-f-]+)/.*")
                .matcher(URI.create(r.path()).getPath());
        Attachment a = m.matches() ? temporaryUrls.get(m.group(1)) : null;
        return a == null
                ? Answer.json(404, "{}")
                : new Answer(200, Map.of("Content-Type", a.contentType()), a.content());
    }

    // ---- model

    private Ticket newTicket(String subject, String externalId, String status) {
        Ticket t = new Ticket();
        t.id = nextTicket++;
        t.subject = subject;
        t.externalId = externalId;
        t.status = status.isEmpty() ? "new" : status;
        t.created = clock.instant();
        tickets.put(t.id, t);
        touch(t);
        return t;
    }

    private Comment addComment(Ticket t, long author, JsonNode in) {
        List<Attachment> files = new ArrayList<>();
        in.path("uploads").forEach(tok -> files.add(uploads.remove(tok.asText())));
        Comment c = new Comment(
                nextEvent++,
                author,
                in.path("body").asText(),
                in.has("public") ? in.path("public").asBoolean() : t.defaultPublic,
                clock.instant(),
                files);
        t.comments.add(c);
        return c;
    }

    private void touch(Ticket t) {
        t.updated = clock.instant();
        t.gen = ++generation;
    }

    private ObjectNode json(Ticket t) {
        ObjectNode n = json.createObjectNode();
        n.put("id", t.id)
                .put("url", url() + "/api/v2/tickets/" + t.id + ".json")
                .put("subject", t.subject)
                .put("status", t.status)
                .put("external_id", t.externalId.isEmpty() ? null : t.externalId)
                .put("created_at", t.created.toString())
                .put("updated_at", t.updated.toString())
                .put("generated_timestamp", t.updated.getEpochSecond());
        return n;
    }

    private ObjectNode json(Comment c) {
        ObjectNode n = json.createObjectNode();
        n.put("id", c.id())
                .put("type", "Comment")
                .put("author_id", c.author())
                .put("body", c.body())
                .put("plain_body", c.body())
                .put("html_body", "<p>" + c.body() + "</p>")
                .put("public", c.isPublic())
                .put("created_at", c.created().toString());
        ArrayNode files = n.putArray("attachments");
        c.files().forEach(a -> files.add(json(a)));
        return n;
    }

    private ObjectNode json(Attachment a) {
        ObjectNode n = json.createObjectNode();
        n.put("id", a.id())
                .put("file_name", a.fileName())
                .put("content_type", a.contentType())
                .put("size", a.content().length)
                .put("deleted", a.deleted)
                .put("content_url", url() + "/attachments/token/" + a.id() + "/?name=" + a.fileName());
        return n;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.close();
    }
}
