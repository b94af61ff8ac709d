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
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskException;
import org.entsupport.core.desk.DeskFileUnavailableException;
import org.entsupport.core.desk.DeskIssue;
import org.entsupport.core.desk.DeskStatusMapping;
import org.entsupport.core.desk.EscalationRequest;
import org.entsupport.core.desk.ForwardedComment;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.desk.internal.DeskHttp;
import org.entsupport.desk.internal.DeskText;
import org.entsupport.desk.internal.Markers;
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
 * <p><b>The desk account.</b> Give the connector an agent account of its own: a comment is
 * recognised as ours (an echo, never imported) only when this account wrote it, exactly in the form
 * the connector posts.
 *
 * <p><b>How our tickets are recognised.</b> Each ticket we create carries
 * {@code external_id = "ENT-<installation>-<ticket id>"} (prefix configurable; the installation comes
 * from {@link #forInstallation}). {@link #open} lists tickets by that external id before creating one,
 * and sends the command's key as {@code Idempotency-Key}, so that neither a retry after a crash nor a
 * concurrent duplicate creates a second ticket. Zendesk honours that header on ticket creation only
 * (<a href="https://developer.zendesk.com/api-reference/ticketing/introduction/#idempotency">Ticketing
 * API, Idempotency</a>), so later calls do not send it: {@link #forwardComment} and
 * {@link #forwardStatus} look for the comment they wrote (this account, our form, the marker last:
 * {@code [ENT-<installation>-comment-<id>]}, {@code [ENT-<installation>-status-<id>]}) before adding
 * it. A ticket whose external id names another installation is never reported; external ids without an
 * installation ({@code ENT-42}, written by earlier versions) are read as this installation's unless
 * {@link Builder#readLegacyMarkers} says otherwise.
 *
 * <p><b>Changes.</b> {@link #changesSince} follows the cursor-based incremental export
 * ({@code /api/v2/incremental/tickets/cursor.json}, {@code start_time} then {@code cursor} until
 * {@code end_of_stream}); the cursor it returns wraps Zendesk's {@code after_cursor}. For each
 * ticket of ours it reads the whole comment thread ({@code /api/v2/tickets/{id}/comments.json},
 * every page, authors side-loaded), leaving out the first comment (the description that
 * {@link #open} wrote): Zendesk cannot filter comments by time, so callers de-duplicate by comment
 * id. The export lists deleted tickets too, with status {@code deleted}: ours are reported in
 * {@link DeskChanges#gone()}. A {@code null} cursor and {@link #cursorAt} start from a time no closer
 * than 61 seconds to now, as Zendesk requires. Zendesk leaves out of the export what changed in the
 * last minute; it comes with the next poll. When the export is rate-limited after its first page (10
 * export requests a minute), the pages read so far are returned with a cursor after them. A ticket
 * whose thread cannot be read (permanent error) is left out with a WARN log instead of failing the poll.
 *
 * <p><b>Our status changes.</b> {@link #forwardStatus} adds a public comment and sets the Zendesk
 * status configured for our status (RESOLVED and CLOSED → {@code solved}, reopened → {@code open};
 * {@link Builder#outgoingStatus}). Zendesk refuses {@code solved} on a ticket without an assignee
 * unless the account auto-assigns on solve (422): the comment is then added alone.
 *
 * <p><b>Limits.</b> A 429 or 503 with {@code Retry-After} up to {@link Builder#maxRetryWait} is
 * waited for once inside the call; a longer one becomes a retryable {@link DeskException} carrying
 * the delay. Raw statuses are Zendesk's ({@code new, open, pending, hold, solved, closed}).
 * A closed ticket takes no comment (422): the exception is permanent (a follow-up ticket is not
 * created).
 *
 * <p><b>Files.</b> An attachment's {@code content_url} may point outside Zendesk and answers with a
 * redirect to a temporary URL (<a
 * href="https://developer.zendesk.com/documentation/ticketing/managing-tickets/working-with-url-properties/">Working
 * with url properties</a>): downloads start on the account's origin with the credentials and follow
 * redirects without them, only to the account's origin or to {@link Builder#attachmentHosts} (default
 * {@code *.zdusercontent.com}), over https, up to {@link Builder#maxDownloadSize}. Deleted (redacted)
 * attachments and those flagged as malware are reported unavailable.
 *
 * <p>Credentials travel only in the {@code Authorization} header, to the base URL's origin;
 * redirects of API calls are refused. Thread-safe.
 */
public final class ZendeskDesk implements SupportDesk {

    /** new, open, hold → OPENED; pending (awaiting the requester) → WAITING; solved → RESOLVED; closed → CLOSED. */
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
            TicketStatus.CLOSED));

    /**
     * The Zendesk status set when we change ours: RESOLVED and CLOSED → {@code solved} (Zendesk closes
     * solved tickets itself), OPENED (reopened) → {@code open}.
     */
    public static final Map<TicketStatus, String> DEFAULT_OUTGOING_STATUSES =
            Map.of(TicketStatus.RESOLVED, "solved", TicketStatus.CLOSED, "solved", TicketStatus.OPENED, "open");

    private static final Set<String> SETTABLE_STATUSES = Set.of("open", "pending", "hold", "solved");
    private static final Logger LOG = LoggerFactory.getLogger(ZendeskDesk.class);
    private static final String CURSOR_TIME = "zendesk:1:t:";
    private static final String CURSOR_EXPORT = "zendesk:1:c:";
    private static final Duration MIN_AGE = Duration.ofSeconds(61);
    private static final int MAX_PAGES = 1_000;
    private static final int SUBJECT_MAX = 255;

    private final DeskHttp http;
    private final DeskStatusMapping mapping;
    private final Map<TicketStatus, String> outgoing;
    private final Markers markers;
    private final List<String> tags;
    private final Clock clock;
    private final AccountId account;

    private static final class AccountId {
        private volatile long id;
    }

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
        b.outgoing.forEach((status, value) -> {
            if (!SETTABLE_STATUSES.contains(value)) {
                throw new IllegalArgumentException("outgoingStatus for " + status
                        + " must be one of open, pending, hold, solved, but was '" + value + "'");
            }
        });
        this.outgoing = Map.copyOf(b.outgoing);
        this.markers = new Markers(b.markerPrefix, null, b.readLegacyMarkers);
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
                clock,
                b.attachmentHosts,
                b.maxDownloadSize);
        this.account = new AccountId();
    }

    private ZendeskDesk(ZendeskDesk other, Markers markers) {
        this.http = other.http;
        this.mapping = other.mapping;
        this.outgoing = other.outgoing;
        this.tags = other.tags;
        this.clock = other.clock;
        this.account = other.account;
        this.markers = markers;
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

    /** {@inheritDoc} The returned desk shares this one's HTTP client and configuration. */
    @Override
    public ZendeskDesk forInstallation(InstallationId installation) {
        return new ZendeskDesk(this, markers.forInstallation(installation));
    }

    @Override
    public Optional<InstallationId> installation() {
        return markers.installation();
    }

    /** Checks the credentials with {@code GET /api/v2/users/me.json}. */
    @Override
    public void verify() throws DeskException {
        readAccountId();
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
                .put("subject", DeskText.cut(DeskText.oneLine(request.subject()), SUBJECT_MAX))
                .put("external_id", markers.key(request.ticketId()));
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
            if (!e.retryable()
                    && (e.httpStatus() == 409 || String.valueOf(e.getMessage()).contains("IdempotentRequestError"))) {
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
     * <p>Reads the thread; when this account wrote a comment in our form for this comment (its marker
     * last), returns its id. Otherwise uploads the files and adds a public comment
     * ({@code PUT /api/v2/tickets/{id}.json}), returning the id of the comment event of the update's audit.
     */
    @Override
    public String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(comment, "comment");
        Settings.requireKey(idempotencyKey);
        long id = ticketId(externalId);
        long me = accountId();
        Optional<String> known = ourComment(comments(id).comments, me, markers::echoedComment, comment.commentId());
        if (known.isPresent()) {
            return known.get();
        }
        ArrayNode uploads = upload(comment.attachments());
        ObjectNode c = http.json()
                .createObjectNode()
                .put("body", markers.commentNote(comment.authorName(), comment.body(), comment.commentId()))
                .put("public", true);
        if (!uploads.isEmpty()) {
            c.set("uploads", uploads);
        }
        ObjectNode ticket = http.json().createObjectNode();
        ticket.set("comment", c);
        JsonNode answer = update(id, ticket, "add comment " + comment.commentId() + " to ticket " + id);
        Optional<String> event = commentEvent(answer);
        if (event.isPresent()) {
            return event.get();
        }
        return ourComment(comments(id).comments, me, markers::echoedComment, comment.commentId())
                .orElseThrow(() -> DeskException.retryable(
                        "zendesk accepted comment " + comment.commentId() + " on ticket " + id
                                + " but the comment was not found; retrying will look again",
                        null));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Adds a public comment and, when a Zendesk status is configured for the new status
     * ({@link Builder#outgoingStatus}) and the ticket does not have it yet, that status in the same
     * update ({@code PUT /api/v2/tickets/{id}.json}). When Zendesk refuses the status (422: solving a
     * ticket without an assignee), the comment is added alone.
     */
    @Override
    public Optional<StatusForwarded> forwardStatus(String externalId, StatusChange change, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(change, "change");
        Settings.requireKey(idempotencyKey);
        long id = ticketId(externalId);
        long me = accountId();
        String target = outgoing.get(change.to());
        JsonNode current = readTicket(id);
        String status = current.path("status").asText("");
        Optional<String> known = ourComment(comments(id).comments, me, markers::echoedStatus, change.changeId());
        if (known.isPresent()) {
            return Optional.of(new StatusForwarded(known.get(), status, target != null && target.equals(status)));
        }
        ObjectNode c = http.json()
                .createObjectNode()
                .put("body", markers.statusNote(change))
                .put("public", true);
        ObjectNode ticket = http.json().createObjectNode();
        ticket.set("comment", c);
        boolean setStatus = target != null && !target.equals(status);
        if (setStatus) {
            ticket.put("status", target);
        }
        String what = "tell ticket " + id + " that our status became " + change.to();
        JsonNode answer;
        try {
            answer = update(id, ticket, what);
        } catch (DeskException e) {
            if (!setStatus || e.retryable() || e.httpStatus() != 422 || "closed".equals(status)) {
                throw e;
            }
            LOG.info("zendesk: ticket {} refused status {} ({}); adding the comment alone", id, target, e.getMessage());
            ticket.remove("status");
            answer = update(id, ticket, what);
        }
        String now = answer.path("ticket").path("status").asText(status);
        String note = commentEvent(answer)
                .or(() -> {
                    try {
                        return ourComment(comments(id).comments, me, markers::echoedStatus, change.changeId());
                    } catch (DeskException e) {
                        return Optional.empty();
                    }
                })
                .orElseThrow(() -> DeskException.retryable(
                        "zendesk accepted the status comment of change " + change.changeId() + " on ticket " + id
                                + " but the comment was not found; retrying will look again",
                        null));
        return Optional.of(new StatusForwarded(note, now, target != null && target.equals(now)));
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
        long me = accountId();
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
        List<IssueGone> gone = new ArrayList<>();
        for (JsonNode ticket : changed.values()) {
            Optional<Long> ours = ours(ticket);
            if (ours.isEmpty()) {
                continue;
            }
            if ("deleted".equals(ticket.path("status").asText())) {
                // The export keeps deleted tickets, with status "deleted" ("Excluding deleted tickets" in
                // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/)
                gone.add(deleted(ticket.path("id").asLong(), ours.get()));
                continue;
            }
            try {
                result.add(changes(ticket, me));
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
        if (next == null) {
            // nothing came back and Zendesk gave no cursor: start again from the same time next poll
            next = query.startsWith("start_time=") ? CURSOR_TIME + query.substring("start_time=".length()) : cursor;
        }
        return new DeskChanges(result, Objects.requireNonNull(next), gone);
    }

    @Override
    public String cursorAt(Instant instant) {
        return CURSOR_TIME + instant.getEpochSecond();
    }

    @Override
    public IssueChanges changesOf(String externalId) throws DeskException {
        long id = ticketId(externalId);
        long me = accountId();
        return changes(readTicket(id), me);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads each ticket ({@code GET /api/v2/tickets/{id}.json}): 404 or status {@code deleted} is a
     * deleted ticket, 403 one the account may no longer see.
     */
    @Override
    public List<IssueGone> goneIssues(Collection<String> externalIds) throws DeskException {
        List<IssueGone> gone = new ArrayList<>();
        for (String externalId : new LinkedHashSet<>(externalIds)) {
            try {
                readTicket(ticketId(externalId));
            } catch (IssueGoneException e) {
                gone.add(e.gone());
            }
        }
        return gone;
    }

    // ------------------------------------------------------------------ internals

    private long accountId() throws DeskException {
        long id = account.id;
        return id != 0 ? id : readAccountId();
    }

    private long readAccountId() throws DeskException {
        JsonNode me =
                http.getJson("/api/v2/users/me.json", "check the credentials").path("user");
        if (!me.path("id").canConvertToLong()) {
            throw DeskException.permanent("zendesk answered the credential check as an anonymous user");
        }
        account.id = me.path("id").asLong();
        return account.id;
    }

    private long startTime(Instant wanted) {
        Instant latest = clock.instant().minus(MIN_AGE);
        return (wanted.isAfter(latest) ? latest : wanted).getEpochSecond();
    }

    private Optional<JsonNode> findTicket(long ticketId) throws DeskException {
        String key = markers.key(ticketId);
        JsonNode found = http.getJson(
                "/api/v2/tickets.json?external_id=" + Settings.encode(key),
                "look for the ticket of ticket " + ticketId);
        for (JsonNode t : found.path("tickets")) {
            if (key.equals(t.path("external_id").asText(""))
                    && !"deleted".equals(t.path("status").asText())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** {@code GET /api/v2/tickets/{id}.json}; 404, 403 and status {@code deleted} become {@link IssueGoneException}. */
    private JsonNode readTicket(long id) throws DeskException {
        JsonNode ticket;
        try {
            ticket = http.getJson("/api/v2/tickets/" + id + ".json", "read ticket " + id)
                    .path("ticket");
        } catch (DeskException e) {
            throw goneOr(e, id);
        }
        if ("deleted".equals(ticket.path("status").asText())) {
            IssueGone gone = deleted(id, ours(ticket).orElse(null));
            throw new IssueGoneException("zendesk: ticket " + id + " was deleted", gone, 0);
        }
        return ticket;
    }

    /** {@code PUT /api/v2/tickets/{id}.json}; a 404 or 403 is a gone ticket. */
    private JsonNode update(long id, ObjectNode ticket, String operation) throws DeskException {
        ObjectNode body = http.json().createObjectNode();
        body.set("ticket", ticket);
        try {
            return http.sendJson("PUT", "/api/v2/tickets/" + id + ".json", body, Map.of(), operation);
        } catch (DeskException e) {
            throw goneOr(e, id);
        }
    }

    private static IssueGone deleted(long id, @Nullable Long ticketId) {
        return new IssueGone(
                Long.toString(id), ticketId, IssueGone.Reason.DELETED, "zendesk ticket " + id + " was deleted");
    }

    private static DeskException goneOr(DeskException e, long id) {
        if (e.httpStatus() == 404) {
            return new IssueGoneException(
                    "zendesk: ticket " + id + " no longer exists (deleted on the desk): " + e.getMessage(),
                    new IssueGone(
                            Long.toString(id),
                            null,
                            IssueGone.Reason.DELETED,
                            "zendesk ticket " + id + " was deleted (HTTP 404)"),
                    404);
        }
        if (e.httpStatus() == 403) {
            return new IssueGoneException(
                    "zendesk: ticket " + id + " is no longer visible to the connector's account: " + e.getMessage(),
                    new IssueGone(
                            Long.toString(id),
                            null,
                            IssueGone.Reason.NOT_VISIBLE,
                            "zendesk ticket " + id + " is no longer visible to the connector's account (HTTP 403)"),
                    403);
        }
        return e;
    }

    private static Optional<String> commentEvent(JsonNode answer) {
        for (JsonNode event : answer.path("audit").path("events")) {
            if ("Comment".equals(event.path("type").asText())
                    && event.path("id").canConvertToLong()) {
                return Optional.of(event.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The id of the comment this account wrote in our form with {@code wanted} as its marker. */
    private static Optional<String> ourComment(
            List<JsonNode> comments, long me, java.util.function.Function<String, OptionalLong> form, long wanted) {
        for (int i = comments.size() - 1; i >= 0; i--) {
            JsonNode c = comments.get(i);
            if (c.path("author_id").asLong() != me) {
                continue;
            }
            for (String text : texts(c)) {
                OptionalLong marked = form.apply(text);
                if (marked.isPresent() && marked.getAsLong() == wanted) {
                    return Optional.of(c.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** The comment as written ({@code body}) and as Zendesk renders it in plain text ({@code plain_body}). */
    private static List<String> texts(JsonNode comment) {
        List<String> texts = new ArrayList<>(2);
        if (comment.hasNonNull("body")) {
            texts.add(comment.path("body").asText());
        }
        if (comment.hasNonNull("plain_body")) {
            texts.add(comment.path("plain_body").asText());
        }
        return texts;
    }

    private record CommentThread(List<JsonNode> comments, Map<String, String> users) {}

    private CommentThread comments(long id) throws DeskException {
        List<JsonNode> comments = new ArrayList<>();
        Map<String, String> users = new HashMap<>();
        String path = "/api/v2/tickets/" + id + "/comments.json?include=users&page%5Bsize%5D=100";
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer;
            try {
                answer = http.getJson(path, "read the comments of ticket " + id);
            } catch (DeskException e) {
                throw e.httpStatus() == 404 ? goneOr(e, id) : e;
            }
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

    /**
     * Uploads the files and returns their tokens. Each attempt uploads again: Zendesk deletes an
     * upload whose token no comment used within 60 minutes
     * (https://support.zendesk.com/hc/en-us/articles/4408887057946-Can-I-attach-files-to-tickets-using-the-API),
     * so a token kept from an earlier attempt may be gone. New tokens make a retried creation's payload
     * differ, which Zendesk answers with IdempotentRequestError; {@link #open} then looks the ticket up.
     */
    private ArrayNode upload(List<OutgoingAttachment> files) throws DeskException {
        ArrayNode tokens = http.json().createArrayNode();
        for (OutgoingAttachment file : files) {
            if (file.size() == 0) {
                throw DeskException.permanent("zendesk refuses empty files: attachment " + file.fileName());
            }
            JsonNode answer = http.parse(
                    http.sendFile(
                            "/api/v2/uploads.json?filename=" + Settings.encode(DeskText.fileName(file.fileName(), 255)),
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

    private IssueChanges changes(JsonNode ticket, long me) throws DeskException {
        long id = ticket.path("id").asLong();
        String status = ticket.path("status").asText("");
        List<DeskComment> comments = new ArrayList<>();
        CommentThread thread = comments(id);
        // The first comment is the ticket's description, which we wrote with open(): not a reply.
        for (JsonNode c : thread.comments.subList(Math.min(1, thread.comments.size()), thread.comments.size())) {
            String body = text(c);
            boolean byUs = c.path("author_id").asLong() == me;
            OptionalLong local = OptionalLong.empty();
            boolean echo = false;
            if (byUs) {
                for (String t : texts(c)) {
                    if (markers.isOurForm(t)) {
                        echo = true;
                        local = markers.echoedComment(t);
                        break;
                    }
                }
            }
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
                    local.isPresent() ? local.getAsLong() : null,
                    files,
                    echo));
        }
        String label =
                status.isEmpty() ? status : status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
        Optional<Markers.IssueMark> mark =
                markers.exactKey(ticket.path("external_id").asText(""));
        return new IssueChanges(
                Long.toString(id),
                ours(ticket).orElse(null),
                status,
                label,
                instant(ticket.path("updated_at"), "ticket updated_at"),
                comments,
                mark.map(Markers.IssueMark::installation).orElse(null));
    }

    private DeskAttachment attachment(JsonNode a) {
        String id = a.path("id").asText();
        String fileName = a.path("file_name").asText("attachment-" + id);
        String operation = "download attachment " + id + " (" + fileName + ")";
        boolean deleted = a.path("deleted").asBoolean(false);
        boolean malware = "malware_found".equals(a.path("malware_scan_result").asText(""))
                && !a.path("malware_access_override").asBoolean(false);
        String url = a.path("content_url").asText("");
        return new DeskAttachment(
                id,
                fileName,
                a.path("content_type").asText("application/octet-stream"),
                a.path("size").asLong(0),
                () -> {
                    if (deleted) {
                        throw new DeskFileUnavailableException(
                                "zendesk could not " + operation + ": it was deleted (redacted) on the desk");
                    }
                    if (malware) {
                        throw new DeskFileUnavailableException(
                                "zendesk could not " + operation + ": Zendesk's scan found malware in it");
                    }
                    if (url.isEmpty()) {
                        throw new DeskFileUnavailableException(
                                "zendesk could not " + operation + ": the desk gave no content_url");
                    }
                    return http.download(URI.create(url), operation);
                });
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

    /** Our ticket id, when the ticket's external id is this installation's marker. */
    private Optional<Long> ours(JsonNode ticket) {
        return markers.exactKey(ticket.path("external_id").asText(""))
                .filter(markers::isOurs)
                .map(Markers.IssueMark::ticketId);
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
        return "ZendeskDesk[" + http.base()
                + markers.installation().map(i -> ", installation " + i).orElse("") + "]";
    }

    /** Configures a {@link ZendeskDesk}. The API token is never shown by {@code toString()}. */
    public static final class Builder {
        private @Nullable String subdomain;
        private @Nullable String baseUrl;
        private @Nullable String email;
        private @Nullable String apiToken;
        private DeskStatusMapping mapping = DEFAULT_STATUS_MAPPING;
        private final Map<TicketStatus, String> outgoing = new EnumMap<>(DEFAULT_OUTGOING_STATUSES);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration maxRetryWait = Duration.ofSeconds(10);
        private String markerPrefix = "ENT";
        private boolean readLegacyMarkers = true;
        private List<String> tags = List.of("aide-et-support");
        private List<String> attachmentHosts = List.of("*.zdusercontent.com");
        private long maxDownloadSize = 50L * 1024 * 1024;
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
         * The e-mail and API token of the connector's own agent account (required; sent as Basic
         * {@code email/token:TOKEN}). Comments this account writes in the connector's form are taken
         * for our own.
         *
         * @param email the agent's e-mail address
         * @param apiToken the API token
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
         * The Zendesk status set when our ticket takes {@code status} (defaults:
         * {@link #DEFAULT_OUTGOING_STATUSES}); one of {@code open, pending, hold, solved}.
         *
         * @param status our status
         * @param zendeskStatus the Zendesk status
         * @return this builder
         */
        public Builder outgoingStatus(TicketStatus status, String zendeskStatus) {
            this.outgoing.put(Objects.requireNonNull(status, "status"), Objects.requireNonNull(zendeskStatus));
            return this;
        }

        /**
         * No Zendesk status is set for {@code status}: a comment alone tells the agents.
         *
         * @param status our status
         * @return this builder
         */
        public Builder noOutgoingStatus(TicketStatus status) {
            this.outgoing.remove(Objects.requireNonNull(status, "status"));
            return this;
        }

        /**
         * The connect timeout (default 10 s; 1 ms..5 min).
         *
         * @param value the timeout
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
         * Whether external ids without an installation ({@code ENT-42}, written before installations
         * were named) are read as this installation's (default true). Set it to false when several
         * platforms already shared the account before upgrading.
         *
         * @param value whether to read external ids that name no installation
         * @return this builder
         */
        public Builder readLegacyMarkers(boolean value) {
            this.readLegacyMarkers = value;
            return this;
        }

        /**
         * The tags of created tickets (default {@code aide-et-support}).
         *
         * @param value the tags
         * @return this builder
         */
        public Builder tags(List<String> value) {
            this.tags = List.copyOf(value);
            return this;
        }

        /**
         * The hosts that attachment downloads may be redirected to, besides the account's own origin
         * (default {@code *.zdusercontent.com}); exact lower-case names or {@code *.domain} for any
         * sub-domain. Reached over https only (http to a loopback host, for tests), never with the
         * credentials.
         *
         * @param value the host names
         * @return this builder
         */
        public Builder attachmentHosts(List<String> value) {
            this.attachmentHosts = List.copyOf(value);
            return this;
        }

        /**
         * The largest desk file downloaded, in bytes (default 50 MiB; 1 byte..1 TiB).
         *
         * @param value the size limit, in bytes
         * @return this builder
         */
        public Builder maxDownloadSize(long value) {
            this.maxDownloadSize = value;
            return this;
        }

        /**
         * The clock that bounds {@code start_time} (default UTC system clock).
         *
         * @param value the clock
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
