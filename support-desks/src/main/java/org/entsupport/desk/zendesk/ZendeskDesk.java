package org.entsupport.desk.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.DeskStatusMapping;
import org.entsupport.core.desk.EscalationRequest;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.desk.internal.DeskHttp;
import org.entsupport.desk.internal.Settings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SupportDesk} over the Zendesk Ticketing API (API token authentication).
 *
 * <pre>{@code
 * ZendeskDesk zendesk = ZendeskDesk.builder()
 *         .subdomain("acme")                        // https://acme.zendesk.com
 *         .credentials("support@acme.org", System.getenv("ZENDESK_TOKEN"))
 *         .build();
 * }</pre>
 *
 * <p><b>How our tickets are recognised.</b> Each ticket we create carries
 * {@code external_id = "ENT-<ticket id>"} (prefix configurable). {@link #open} lists tickets by
 * that external id before creating one, and sends the command's key as {@code Idempotency-Key},
 * so that neither a retry after a crash nor a concurrent duplicate creates a second ticket.
 * Forwarded comments end with {@code [ENT-comment-<comment id>]}: {@link #forwardComment} looks for
 * it in the thread before adding the comment again, and it marks the echo
 * ({@link DeskComment#localCommentId()}).
 *
 * <p><b>Changes.</b> {@link #changesSince} follows the cursor-based incremental export
 * ({@code /api/v2/incremental/tickets/cursor.json}, {@code start_time} then {@code cursor} until
 * {@code end_of_stream}); the cursor it returns wraps Zendesk's {@code after_cursor}. For each
 * ticket of ours it reads the whole comment thread ({@code /api/v2/tickets/{id}/comments.json},
 * every page, authors side-loaded), leaving out the first comment (the description that
 * {@link #open} wrote): Zendesk cannot filter comments by time, so callers de-duplicate by comment id. A {@code null} cursor and {@link #cursorAt} start from a time no closer than
 * 61 seconds to now, as Zendesk requires. Zendesk leaves out of the export what changed in the last
 * minute; it comes with the next poll. When the export is rate-limited after its first page, the
 * pages read so far are returned with a cursor after them. A ticket whose thread cannot be read
 * (permanent error) is left out with a WARN log instead of failing the poll.
 *
 * <p><b>Limits.</b> A 429 or 503 with {@code Retry-After} up to {@link Builder#maxRetryWait} is
 * waited for once inside the call; a longer one becomes a retryable {@link DeskException} carrying
 * the delay. Raw statuses are Zendesk's ({@code new, open, pending, hold, solved, closed, deleted}).
 * A closed ticket takes no comment (422): the exception is permanent (a follow-up ticket is not
 * created).
 *
 * <p>Credentials travel only in the {@code Authorization} header, to the base URL's origin;
 * redirects of API calls are refused, and downloads redirected elsewhere are fetched without
 * credentials. Thread-safe.
 */
public final class ZendeskDesk implements SupportDesk {

    /**
     * new, open, hold → OPENED; pending (awaiting the requester) → WAITING; solved → RESOLVED;
     * closed and deleted → CLOSED.
     */
    public static final DeskStatusMapping DEFAULT_STATUS_MAPPING = DeskStatusMapping.of(Map.of(
            "new",
            TicketStatus.OPENED,
            "open",
            TicketStatus.OPENED,
            "hold",
            TicketStatus.OPENED,
            "pending",
            TicketStatus.WAITING,
            "solved",
            TicketStatus.RESOLVED,
            "closed",
            TicketStatus.CLOSED,
            "deleted",
            TicketStatus.CLOSED));

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskDesk.class);
    private static final String CURSOR_TIME = "zendesk:1:t:";
    private static final String CURSOR_EXPORT = "zendesk:1:c:";
    private static final Duration MIN_AGE = Duration.ofSeconds(61);
    private static final int MAX_PAGES = 1_000;

    private final DeskHttp http;
    private final DeskStatusMapping mapping;
    private final String markerPrefix;
    private final Pattern externalId;
    private final Pattern commentMarker;
    private final List<String> tags;
    private final Clock clock;

    private ZendeskDesk(Builder b) {
        URI base;
        if (b.subdomain != null) {
            if (!b.subdomain.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException(
                        "subdomain must be lower-case letters, digits and -, but was '" + b.subdomain + "'");
            }
            base = URI.create("https://" + b.subdomain + ".zendesk.com");
        } else {
            base = Settings.requireBaseUrl(
                    "baseUrl", Objects.requireNonNullElse(b.baseUrl, "(set subdomain or baseUrl)"));
        }
        String email = Settings.requireText("email", Objects.requireNonNullElse(b.email, ""));
        String token = Settings.requireText("apiToken", Objects.requireNonNullElse(b.apiToken, ""));
        this.mapping = Objects.requireNonNull(b.mapping, "statusMapping");
        if (!b.markerPrefix.matches("[A-Za-z][A-Za-z0-9_]{0,19}")) {
            throw new IllegalArgumentException("markerPrefix must be a letter then up to 19 letters, digits or _,"
                    + " but was '" + b.markerPrefix + "'");
        }
        this.markerPrefix = b.markerPrefix;
        this.externalId = Pattern.compile(Pattern.quote(markerPrefix) + "-(\\d{1,18})");
        this.commentMarker = Pattern.compile("\\[" + Pattern.quote(markerPrefix) + "-comment-(\\d{1,18})\\]");
        this.tags = List.copyOf(b.tags);
        this.clock = Objects.requireNonNull(b.clock, "clock");
        String basic = Base64.getEncoder().encodeToString((email + "/token:" + token).getBytes(StandardCharsets.UTF_8));
        this.http = new DeskHttp(
                "zendesk",
                base,
                Map.of("Authorization", "Basic " + basic),
                b.connectTimeout,
                b.requestTimeout,
                b.maxRetryWait,
                clock);
    }

    /**
     * Starts a configuration. Required: subdomain or base URL, and credentials.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "zendesk";
    }

    @Override
    public DeskStatusMapping statusMapping() {
        return mapping;
    }

    /** Checks the credentials with {@code GET /api/v2/users/me.json}. */
    @Override
    public void verify() throws DeskException {
        JsonNode me =
                http.getJson("/api/v2/users/me.json", "check the credentials").path("user");
        if (me.path("id").isNull() || me.path("id").isMissingNode()) {
            throw DeskException.permanent("zendesk answered the credential check as an anonymous user");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lists tickets by our {@code external_id}; when none exists, uploads the files
     * ({@code POST /api/v2/uploads.json}) and creates the ticket ({@code POST /api/v2/tickets.json}
     * with {@code Idempotency-Key}) with a first public comment that holds the request's details,
     * the comments so far and every file.
     */
    @Override
    public DeskIssue open(EscalationRequest request, String idempotencyKey) throws DeskException {
        Objects.requireNonNull(request, "request");
        Settings.requireKey(idempotencyKey);
        Optional<JsonNode> existing = findTicket(request.ticketId());
        if (existing.isPresent()) {
            return deskIssue(existing.get());
        }
        ArrayNode uploads = upload(request.allAttachments());
        ObjectNode comment =
                http.json().createObjectNode().put("body", description(request)).put("public", true);
        if (!uploads.isEmpty()) {
            comment.set("uploads", uploads);
        }
        ObjectNode ticket = http.json()
                .createObjectNode()
                .put("subject", request.subject().strip())
                .put("external_id", externalId(request.ticketId()));
        ticket.set("comment", comment);
        ArrayNode tagArray = ticket.putArray("tags");
        tags.forEach(tagArray::add);
        ObjectNode body = http.json().createObjectNode();
        body.set("ticket", ticket);
        try {
            JsonNode created = http.sendJson(
                            "POST",
                            "/api/v2/tickets.json",
                            body,
                            Map.of("Idempotency-Key", idempotencyKey),
                            "create the ticket for ticket " + request.ticketId())
                    .path("ticket");
            if (!created.path("id").canConvertToLong()) {
                throw DeskException.permanent("zendesk answered the creation of the ticket for ticket "
                        + request.ticketId() + " without a ticket id: " + DeskHttp.abbreviate(created.toString()));
            }
            return deskIssue(created);
        } catch (DeskException e) {
            if (!e.retryable() && (e.httpStatus() == 409 || e.getMessage().contains("IdempotentRequestError"))) {
                // The key was used before with another payload (new upload tokens), or that call is
                // still running (409): that call creates the ticket.
                Optional<JsonNode> again = findTicket(request.ticketId());
                if (again.isPresent()) {
                    return deskIssue(again.get());
                }
                throw DeskException.retryable(
                        "zendesk already handled key " + idempotencyKey + " for ticket " + request.ticketId()
                                + " but does not list the ticket yet; try again later",
                        e);
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the thread; when a comment carries the comment's marker, returns its id. Otherwise
     * uploads the files and adds a public comment ({@code PUT /api/v2/tickets/{id}.json} with
     * {@code Idempotency-Key}), returning the id of the comment event of the update's audit.
     */
    @Override
    public String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(comment, "comment");
        Settings.requireKey(idempotencyKey);
        long id = ticketId(externalId);
        Optional<String> known = commentOf(id, comment.commentId());
        if (known.isPresent()) {
            return known.get();
        }
        ArrayNode uploads = upload(comment.attachments());
        ObjectNode c = http.json()
                .createObjectNode()
                .put(
                        "body",
                        comment.authorName() + " wrote:\n\n" + comment.body() + "\n\n" + "[" + markerPrefix
                                + "-comment-" + comment.commentId() + "]")
                .put("public", true);
        if (!uploads.isEmpty()) {
            c.set("uploads", uploads);
        }
        ObjectNode ticket = http.json().createObjectNode();
        ticket.set("comment", c);
        ObjectNode body = http.json().createObjectNode();
        body.set("ticket", ticket);
        JsonNode answer = http.sendJson(
                "PUT",
                "/api/v2/tickets/" + id + ".json",
                body,
                Map.of("Idempotency-Key", idempotencyKey),
                "add comment " + comment.commentId() + " to ticket " + id);
        for (JsonNode event : answer.path("audit").path("events")) {
            if ("Comment".equals(event.path("type").asText())
                    && event.path("id").canConvertToLong()) {
                return event.path("id").asText();
            }
        }
        return commentOf(id, comment.commentId())
                .orElseThrow(() -> DeskException.retryable(
                        "zendesk accepted comment " + comment.commentId() + " on ticket " + id
                                + " but the comment was not found; retrying will look again",
                        null));
    }

    @Override
    public DeskChanges changesSince(@Nullable String cursor) throws DeskException {
        String query;
        if (cursor == null) {
            query = "start_time=" + startTime(clock.instant());
        } else if (cursor.startsWith(CURSOR_TIME)) {
            query = "start_time=" + startTime(Instant.ofEpochSecond(parseLong(cursor, CURSOR_TIME)));
        } else if (cursor.startsWith(CURSOR_EXPORT) && cursor.length() > CURSOR_EXPORT.length()) {
            query = "cursor=" + Settings.encode(cursor.substring(CURSOR_EXPORT.length()));
        } else {
            throw notACursor(cursor);
        }
        Map<Long, JsonNode> changed = new LinkedHashMap<>();
        String next = cursor;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer;
            try {
                answer = http.getJson(
                        "/api/v2/incremental/tickets/cursor.json?" + query, "read the incremental ticket export");
            } catch (DeskException e) {
                if (page == 0 || !e.retryable()) {
                    throw e;
                }
                // Rate-limited (10 export calls a minute) or down mid-way: keep the pages read so far;
                // the cursor points after them, so the next poll goes on from there.
                LOG.info("zendesk: export stopped after {} pages, going on next poll: {}", page, e.getMessage());
                break;
            }
            for (JsonNode t : answer.path("tickets")) {
                long id = t.path("id").asLong();
                changed.remove(id);
                changed.put(id, t);
            }
            String after = answer.path("after_cursor").asText("");
            if (!after.isEmpty()) {
                next = CURSOR_EXPORT + after;
                query = "cursor=" + Settings.encode(after);
            }
            if (answer.path("end_of_stream").asBoolean(true) || after.isEmpty()) {
                break;
            }
            if (page == MAX_PAGES - 1) {
                LOG.warn("zendesk: stopped the export after {} pages; the next poll goes on from there", MAX_PAGES);
            }
        }
        List<IssueChanges> result = new ArrayList<>();
        for (JsonNode ticket : changed.values()) {
            Optional<Long> ours = ticketOf(ticket);
            if (ours.isPresent()) {
                try {
                    result.add(changes(ticket, ours.get()));
                } catch (DeskException e) {
                    if (e.retryable()) {
                        throw e;
                    }
                    // One unreadable ticket must not hold the others back; changesOf can retry it.
                    LOG.warn(
                            "zendesk: ticket {} left out of this poll: {}",
                            ticket.path("id").asText(),
                            e.getMessage());
                }
            }
        }
        if (next == null) {
            // nothing came back and Zendesk gave no cursor: start again from the same time next poll
            next = query.startsWith("start_time=") ? CURSOR_TIME + query.substring("start_time=".length()) : cursor;
        }
        return new DeskChanges(result, Objects.requireNonNull(next));
    }

    @Override
    public String cursorAt(Instant instant) {
        return CURSOR_TIME + instant.getEpochSecond();
    }

    @Override
    public IssueChanges changesOf(String externalId) throws DeskException {
        long id = ticketId(externalId);
        JsonNode ticket = http.getJson("/api/v2/tickets/" + id + ".json", "read ticket " + id)
                .path("ticket");
        return changes(ticket, ticketOf(ticket).orElse(null));
    }

    // ------------------------------------------------------------------ internals

    private long startTime(Instant wanted) {
        Instant latest = clock.instant().minus(MIN_AGE);
        return (wanted.isAfter(latest) ? latest : wanted).getEpochSecond();
    }

    private Optional<JsonNode> findTicket(long ticketId) throws DeskException {
        JsonNode found = http.getJson(
                "/api/v2/tickets.json?external_id=" + Settings.encode(externalId(ticketId)),
                "look for the ticket of ticket " + ticketId);
        for (JsonNode t : found.path("tickets")) {
            if (ticketOf(t).filter(x -> x == ticketId).isPresent()
                    && !"deleted".equals(t.path("status").asText())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private Optional<String> commentOf(long id, long commentId) throws DeskException {
        for (JsonNode c : comments(id).comments) {
            Matcher m = commentMarker.matcher(text(c));
            if (m.find() && Long.parseLong(m.group(1)) == commentId) {
                return Optional.of(c.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private record CommentThread(List<JsonNode> comments, Map<String, String> users) {}

    private CommentThread comments(long id) throws DeskException {
        List<JsonNode> comments = new ArrayList<>();
        Map<String, String> users = new HashMap<>();
        String path = "/api/v2/tickets/" + id + "/comments.json?include=users&page%5Bsize%5D=100";
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = http.getJson(path, "read the comments of ticket " + id);
            answer.path("comments").forEach(comments::add);
            answer.path("users")
                    .forEach(
                            u -> users.put(u.path("id").asText(), u.path("name").asText("")));
            String next = answer.path("links").path("next").asText("");
            if (!answer.path("meta").path("has_more").asBoolean(false) || next.isEmpty()) {
                break;
            }
            Optional<String> relative = http.relativeToBase(next);
            if (relative.isEmpty()) {
                throw DeskException.permanent("zendesk pointed the next page of the comments of ticket " + id
                        + " to another origin; not followed");
            }
            path = relative.get();
        }
        return new CommentThread(comments, users);
    }

    private ArrayNode upload(List<OutgoingAttachment> files) throws DeskException {
        ArrayNode tokens = http.json().createArrayNode();
        for (OutgoingAttachment file : files) {
            if (file.size() == 0) {
                throw DeskException.permanent("zendesk refuses empty files: attachment " + file.fileName());
            }
            JsonNode answer = http.parse(
                    http.sendFile(
                            "/api/v2/uploads.json?filename=" + Settings.encode(file.fileName()),
                            file,
                            file.mediaType(),
                            "upload attachment " + file.fileName()),
                    "upload attachment " + file.fileName());
            String token = answer.path("upload").path("token").asText("");
            if (token.isEmpty()) {
                throw DeskException.permanent("zendesk answered the upload of " + file.fileName() + " without a token: "
                        + DeskHttp.abbreviate(answer.toString()));
            }
            tokens.add(token);
        }
        return tokens;
    }

    private IssueChanges changes(JsonNode ticket, @Nullable Long ours) throws DeskException {
        long id = ticket.path("id").asLong();
        String status = ticket.path("status").asText("");
        List<DeskComment> comments = new ArrayList<>();
        if (!"deleted".equals(status)) {
            CommentThread thread = comments(id);
            // The first comment is the ticket's description, which we wrote with open(): not a reply.
            for (JsonNode c : thread.comments.subList(Math.min(1, thread.comments.size()), thread.comments.size())) {
                String body = text(c);
                Matcher m = commentMarker.matcher(body);
                List<DeskAttachment> files = new ArrayList<>();
                for (JsonNode a : c.path("attachments")) {
                    files.add(attachment(a));
                }
                comments.add(new DeskComment(
                        c.path("id").asText(),
                        thread.users.getOrDefault(c.path("author_id").asText(), "Zendesk user " + c.path("author_id")),
                        body,
                        instant(c.path("created_at"), "comment created_at"),
                        c.path("public").asBoolean(true),
                        m.find() ? Long.valueOf(m.group(1)) : null,
                        files));
            }
        }
        String label =
                status.isEmpty() ? status : status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
        return new IssueChanges(
                Long.toString(id),
                ours,
                status,
                label,
                instant(ticket.path("updated_at"), "ticket updated_at"),
                comments);
    }

    private DeskAttachment attachment(JsonNode a) {
        String id = a.path("id").asText();
        URI uri = URI.create(a.path("content_url").asText(""));
        return new DeskAttachment(
                id,
                a.path("file_name").asText("attachment-" + id),
                a.path("content_type").asText("application/octet-stream"),
                a.path("size").asLong(0),
                () -> http.download(uri, "download attachment " + id));
    }

    private static String text(JsonNode comment) {
        return comment.hasNonNull("plain_body")
                ? comment.path("plain_body").asText()
                : comment.path("body").asText("");
    }

    private DeskIssue deskIssue(JsonNode ticket) {
        String id = ticket.path("id").asText();
        return new DeskIssue(
                id, http.base() + "/agent/tickets/" + id, ticket.path("status").asText("new"));
    }

    private Optional<Long> ticketOf(JsonNode ticket) {
        Matcher m = externalId.matcher(ticket.path("external_id").asText(""));
        return m.matches() ? Optional.of(Long.valueOf(m.group(1))) : Optional.empty();
    }

    private String externalId(long ticketId) {
        return markerPrefix + "-" + ticketId;
    }

    private static String description(EscalationRequest r) {
        StringBuilder d = new StringBuilder()
                .append(r.description())
                .append("\n\n")
                .append("Category: ")
                .append(r.categoryLabel())
                .append(" (")
                .append(r.category())
                .append(")\n")
                .append("Requester: ")
                .append(r.requesterName())
                .append(" (")
                .append(r.requesterId())
                .append(")\n")
                .append("School: ")
                .append(r.schoolName())
                .append(" (")
                .append(r.schoolId())
                .append(")\n")
                .append("Escalated by: ")
                .append(r.escalatedByName())
                .append(" (")
                .append(r.escalatedById())
                .append(")\n")
                .append("Filed: ")
                .append(r.created())
                .append(" (request n° ")
                .append(r.ticketId())
                .append(")\n");
        if (!r.comments().isEmpty()) {
            d.append("\nExchange so far:\n");
            for (ForwardedComment c : r.comments()) {
                d.append("\n")
                        .append(c.authorName())
                        .append(", ")
                        .append(c.created())
                        .append(":\n")
                        .append(c.body())
                        .append('\n');
            }
        }
        return d.toString();
    }

    private long ticketId(String externalId) throws DeskException {
        Objects.requireNonNull(externalId, "externalId");
        try {
            long id = Long.parseLong(externalId);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw DeskException.permanent("zendesk: '" + externalId + "' is not a Zendesk ticket id");
    }

    private long parseLong(String cursor, String prefix) throws DeskException {
        try {
            return Long.parseLong(cursor.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw notACursor(cursor);
        }
    }

    private static DeskException notACursor(String cursor) {
        return DeskException.permanent("zendesk: not a cursor of this desk: '" + DeskHttp.abbreviate(cursor) + "'");
    }

    private static Instant instant(JsonNode node, String what) throws DeskException {
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw DeskException.permanent("zendesk answered an unreadable " + what + ": '" + node.asText() + "'", e);
        }
    }

    @Override
    public String toString() {
        return "ZendeskDesk[" + http.base() + "]";
    }

    /** Configures a {@link ZendeskDesk}. The API token is never shown by {@code toString()}. */
    public static final class Builder {
        private @Nullable String subdomain;
        private @Nullable String baseUrl;
        private @Nullable String email;
        private @Nullable String apiToken;
        private DeskStatusMapping mapping = DEFAULT_STATUS_MAPPING;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration maxRetryWait = Duration.ofSeconds(10);
        private String markerPrefix = "ENT";
        private List<String> tags = List.of("aide-et-support");
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The account's subdomain: {@code acme} for {@code https://acme.zendesk.com}.
         *
         * @param value the account's subdomain: {@code acme} for {@code https://acme.zendesk.com}
         * @return this builder
         */
        public Builder subdomain(String value) {
            this.subdomain = value;
            return this;
        }

        /**
         * The base URL instead of a subdomain (a proxy, a test server).
         *
         * @param value the base URL instead of a subdomain (a proxy, a test server)
         * @return this builder
         */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /**
         * The agent's e-mail and API token (required; sent as Basic {@code email/token:TOKEN}).
         *
         * @param email the agent's e-mail address
         * @param apiToken the API token (never logged)
         * @return this builder
         */
        public Builder credentials(String email, String apiToken) {
            this.email = email;
            this.apiToken = apiToken;
            return this;
        }

        /**
         * The status mapping (default {@link #DEFAULT_STATUS_MAPPING}).
         *
         * @param value the status mapping (default {@link #DEFAULT_STATUS_MAPPING})
         * @return this builder
         */
        public Builder statusMapping(DeskStatusMapping value) {
            this.mapping = value;
            return this;
        }

        /**
         * The connect timeout (default 10 s; 1 ms..5 min).
         *
         * @param value the connect timeout (default 10 s; 1 ms..5 min)
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * The timeout of each request (default 60 s; 1 ms..30 min).
         *
         * @param value the timeout of each request (default 60 s; 1 ms..30 min)
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /**
         * The longest {@code Retry-After} waited for inside a call, once (default 10 s; 0..5 min).
         *
         * @param value the longest {@code Retry-After} waited for inside a call, once (default 10 s; 0..5 min)
         * @return this builder
         */
        public Builder maxRetryWait(Duration value) {
            this.maxRetryWait = value;
            return this;
        }

        /**
         * The prefix of {@code external_id} and comment markers (default {@code ENT}).
         *
         * @param value the prefix of {@code external_id} and comment markers (default {@code ENT})
         * @return this builder
         */
        public Builder markerPrefix(String value) {
            this.markerPrefix = Objects.requireNonNull(value, "markerPrefix");
            return this;
        }

        /**
         * The tags of created tickets (default {@code aide-et-support}).
         *
         * @param value the tags of created tickets (default {@code aide-et-support})
         * @return this builder
         */
        public Builder tags(List<String> value) {
            this.tags = List.copyOf(value);
            return this;
        }

        /**
         * The clock that bounds {@code start_time} (default UTC system clock).
         *
         * @param value the clock that bounds {@code start_time} (default UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Builds the connector. Does not contact Zendesk; call {@link ZendeskDesk#verify()} for that.
         *
         * @return the connector
         * @throws IllegalArgumentException naming the first invalid property
         */
        public ZendeskDesk build() {
            return new ZendeskDesk(this);
        }

        @Override
        public String toString() {
            return "ZendeskDesk.Builder[" + (subdomain != null ? subdomain : baseUrl) + "]";
        }
    }
}
