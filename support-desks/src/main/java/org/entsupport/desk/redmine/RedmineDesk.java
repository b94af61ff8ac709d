package org.entsupport.desk.redmine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * A {@link SupportDesk} over Redmine's REST API (tested with Redmine 5.0, stock installation: no
 * plugin, no custom field).
 *
 * <pre>{@code
 * RedmineDesk redmine = RedmineDesk.builder()
 *         .baseUrl("https://support.example.org")
 *         .apiKey(System.getenv("REDMINE_API_KEY"))
 *         .project("ent-support")
 *         .trackerId(3)
 *         .build();
 * redmine.verify();   // Redmine answers anonymous requests: check the key once at start-up
 * }</pre>
 *
 * <p><b>How our tickets are recognised.</b> The issue subject starts with a marker
 * {@code [ENT-<ticket id>]} (prefix configurable with {@link Builder#markerPrefix}); {@link #open}
 * searches the project for it before creating an issue, so a retry after a crash finds the issue
 * instead of creating a second one. Forwarded comments end with {@code [ENT-comment-<comment id>]},
 * which {@link #forwardComment} looks for among the issue's journals before adding a note again,
 * and which marks the echo ({@link DeskComment#localCommentId()}). Do not edit the markers on the desk.
 *
 * <p><b>Changes.</b> {@link #changesSince} lists the project's issues with
 * {@code updated_on >= cursor - overlap} through every page ({@code offset}/{@code limit}, newest
 * first so that an issue updated while paging shifts others to later pages instead of hiding them),
 * keeps those with our marker, and reads each with its journals and attachments. Journals with
 * notes or files become comments (private notes flagged non-public); only journals created since
 * {@code cursor - overlap} are returned. The cursor is the time the poll started, by our clock;
 * the overlap (default 2 minutes) covers late commits on the desk and clock skew between us and
 * Redmine. An issue that cannot be read (deleted between the list and the read) is left out with a
 * WARN log instead of failing the poll. Raw statuses are Redmine status ids ({@code "1"}..{@code "6"} on a stock installation).
 *
 * <p>The API key travels only in the {@code X-Redmine-API-Key} header, to the base URL's origin;
 * redirects are not followed. Thread-safe.
 */
public final class RedmineDesk implements SupportDesk {

    /**
     * The stock Redmine statuses: New (1), In Progress (2) → OPENED; Feedback (4) → WAITING (Redmine
     * waits for the reporter, that is our requester; their reply opens the ticket again and is
     * forwarded); Resolved (3) → RESOLVED; Closed (5), Rejected (6) → CLOSED.
     */
    public static final DeskStatusMapping DEFAULT_STATUS_MAPPING = DeskStatusMapping.of(Map.of(
            "1",
            TicketStatus.OPENED,
            "2",
            TicketStatus.OPENED,
            "4",
            TicketStatus.WAITING,
            "3",
            TicketStatus.RESOLVED,
            "5",
            TicketStatus.CLOSED,
            "6",
            TicketStatus.CLOSED));

    private static final Logger LOG = LoggerFactory.getLogger(RedmineDesk.class);
    private static final String CURSOR_PREFIX = "redmine:1:";
    private static final int SUBJECT_MAX = 255;

    private final DeskHttp http;
    private final String project;
    private final int trackerId;
    private final @Nullable Integer priorityId;
    private final DeskStatusMapping mapping;
    private final Duration overlap;
    private final int pageSize;
    private final String markerPrefix;
    private final Pattern issueMarker;
    private final Pattern commentMarker;
    private final Clock clock;

    private RedmineDesk(Builder b) {
        URI base = Settings.requireBaseUrl("baseUrl", Objects.requireNonNullElse(b.baseUrl, ""));
        String key = Settings.requireText("apiKey", Objects.requireNonNullElse(b.apiKey, ""));
        this.project = Settings.requireText("project", Objects.requireNonNullElse(b.project, ""));
        if (b.trackerId <= 0) {
            throw new IllegalArgumentException("trackerId must be positive, but was " + b.trackerId);
        }
        this.trackerId = b.trackerId;
        if (b.priorityId != null && b.priorityId <= 0) {
            throw new IllegalArgumentException("priorityId must be positive, but was " + b.priorityId);
        }
        this.priorityId = b.priorityId;
        this.mapping = Objects.requireNonNull(b.mapping, "statusMapping");
        this.overlap = Settings.requireBetween("overlap", b.overlap, Duration.ZERO, Duration.ofHours(1));
        this.pageSize = Settings.requireBetween("pageSize", b.pageSize, 1, 100);
        if (!b.markerPrefix.matches("[A-Za-z][A-Za-z0-9_]{0,19}")) {
            throw new IllegalArgumentException("markerPrefix must be a letter then up to 19 letters, digits or _,"
                    + " but was '" + b.markerPrefix + "'");
        }
        this.markerPrefix = b.markerPrefix;
        this.issueMarker = Pattern.compile("\\[" + Pattern.quote(markerPrefix) + "-(\\d{1,18})\\]");
        this.commentMarker = Pattern.compile("\\[" + Pattern.quote(markerPrefix) + "-comment-(\\d{1,18})\\]");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.http = new DeskHttp(
                "redmine",
                base,
                Map.of("X-Redmine-API-Key", key),
                b.connectTimeout,
                b.requestTimeout,
                b.maxRetryWait,
                clock);
    }

    /**
     * Starts a configuration. Required: base URL, API key, project, tracker id.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "redmine";
    }

    @Override
    public DeskStatusMapping statusMapping() {
        return mapping;
    }

    /**
     * Checks the API key with {@code GET /users/current.json} (Redmine answers other requests with
     * an invalid key as anonymous) and that the project exists.
     *
     * @throws DeskException permanent when the key or the project is refused
     */
    @Override
    public void verify() throws DeskException {
        http.getJson("/users/current.json", "check the API key");
        http.getJson("/projects/" + Settings.encode(project) + ".json", "find project " + project);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Searches the project for an issue whose subject carries the ticket's marker; creates one
     * only when none exists: uploads every file ({@code POST /uploads.json}), then
     * {@code POST /issues.json} with the upload tokens. The description holds the request's details
     * and the comments so far. Redmine has no idempotency key; the marker plays its part.
     */
    @Override
    public DeskIssue open(EscalationRequest request, String idempotencyKey) throws DeskException {
        Objects.requireNonNull(request, "request");
        Settings.requireKey(idempotencyKey);
        Optional<JsonNode> existing = findIssue(request.ticketId());
        if (existing.isPresent()) {
            return deskIssue(existing.get());
        }
        ArrayNode uploads = upload(request.allAttachments());
        ObjectNode issue = http.json().createObjectNode();
        issue.put("project_id", project);
        issue.put("tracker_id", trackerId);
        if (priorityId != null) {
            issue.put("priority_id", priorityId);
        }
        issue.put("subject", subject(request));
        issue.put("description", description(request));
        if (!uploads.isEmpty()) {
            issue.set("uploads", uploads);
        }
        ObjectNode body = http.json().createObjectNode();
        body.set("issue", issue);
        JsonNode created = http.sendJson(
                        "POST", "/issues.json", body, Map.of(), "create the issue for ticket " + request.ticketId())
                .path("issue");
        if (!created.path("id").canConvertToLong()) {
            throw DeskException.permanent("redmine answered the creation of the issue for ticket " + request.ticketId()
                    + " without an issue id: " + DeskHttp.abbreviate(created.toString()));
        }
        return deskIssue(created);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the issue's journals; when one carries the comment's marker, returns its id. Otherwise
     * uploads the files and adds a public note ({@code PUT /issues/{id}.json}), then reads the
     * journals again to return the new note's id (Redmine answers the update with no body).
     */
    @Override
    public String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(comment, "comment");
        Settings.requireKey(idempotencyKey);
        long id = issueId(externalId);
        Optional<String> known = journalOf(id, comment.commentId());
        if (known.isPresent()) {
            return known.get();
        }
        ArrayNode uploads = upload(comment.attachments());
        ObjectNode issue = http.json().createObjectNode();
        issue.put(
                "notes",
                comment.authorName() + " wrote:\n\n" + comment.body() + "\n\n" + commentMarker(comment.commentId()));
        issue.put("private_notes", false);
        if (!uploads.isEmpty()) {
            issue.set("uploads", uploads);
        }
        ObjectNode body = http.json().createObjectNode();
        body.set("issue", issue);
        http.sendJson(
                "PUT",
                "/issues/" + id + ".json",
                body,
                Map.of(),
                "add comment " + comment.commentId() + " to issue " + id);
        return journalOf(id, comment.commentId())
                .orElseThrow(() -> DeskException.retryable(
                        "redmine accepted comment " + comment.commentId() + " on issue " + id
                                + " but its journal was not found; retrying will look again",
                        null));
    }

    @Override
    public DeskChanges changesSince(@Nullable String cursor) throws DeskException {
        Instant pollStart = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = cursor == null ? pollStart : parseCursor(cursor);
        Instant threshold = from.minus(overlap).truncatedTo(ChronoUnit.SECONDS);
        // An invalid key is not refused on /issues.json (anonymous, empty list): check it first.
        http.getJson("/users/current.json", "check the API key");

        Map<Long, JsonNode> changed = new LinkedHashMap<>();
        for (int offset = 0; ; offset += pageSize) {
            String path = "/issues.json?project_id=" + Settings.encode(project) + "&status_id=*"
                    + "&updated_on=" + Settings.encode(">=" + threshold) + "&sort="
                    + Settings.encode("updated_on:desc,id:desc")
                    + "&limit=" + pageSize + "&offset=" + offset;
            JsonNode page = http.getJson(path, "list the issues updated since " + threshold);
            JsonNode issues = page.path("issues");
            issues.forEach(i -> changed.putIfAbsent(i.path("id").asLong(), i));
            if (issues.size() == 0
                    || offset + pageSize >= page.path("total_count").asInt(0)) {
                break;
            }
        }
        List<IssueChanges> result = new ArrayList<>();
        for (JsonNode listed : changed.values()) {
            // Redmine turns ">= T" into "> T - 1 s" on sub-second values: drop what it adds.
            if (ticketOf(listed).isEmpty()
                    || instant(listed.path("updated_on"), "issue updated_on").isBefore(threshold)) {
                continue;
            }
            long id = listed.path("id").asLong();
            try {
                result.add(changes(readIssue(id), threshold));
            } catch (DeskException e) {
                if (e.retryable()) {
                    throw e;
                }
                // One unreadable issue (deleted, hidden since) must not hold the others back.
                LOG.warn("redmine: issue {} left out of this poll: {}", id, e.getMessage());
            }
        }
        result.sort(Comparator.comparing(IssueChanges::updatedAt));
        Instant next = pollStart.isAfter(from) ? pollStart : from;
        return new DeskChanges(result, CURSOR_PREFIX + next.getEpochSecond());
    }

    @Override
    public String cursorAt(Instant instant) {
        return CURSOR_PREFIX + instant.getEpochSecond();
    }

    @Override
    public IssueChanges changesOf(String externalId) throws DeskException {
        return changes(readIssue(issueId(externalId)), Instant.MIN);
    }

    // ------------------------------------------------------------------ internals

    private Optional<JsonNode> findIssue(long ticketId) throws DeskException {
        String marker = issueMarker(ticketId);
        String path = "/issues.json?project_id=" + Settings.encode(project) + "&status_id=*&subject="
                + Settings.encode("~" + marker) + "&sort=id&limit=100";
        JsonNode found = http.getJson(path, "look for the issue of ticket " + ticketId);
        for (JsonNode issue : found.path("issues")) {
            if (ticketOf(issue).filter(t -> t == ticketId).isPresent()) {
                return Optional.of(issue);
            }
        }
        return Optional.empty();
    }

    private Optional<String> journalOf(long issueId, long commentId) throws DeskException {
        JsonNode issue = http.getJson("/issues/" + issueId + ".json?include=journals", "read issue " + issueId)
                .path("issue");
        JsonNode journals = issue.path("journals");
        for (int i = journals.size() - 1; i >= 0; i--) {
            JsonNode j = journals.get(i);
            Matcher m = commentMarker.matcher(j.path("notes").asText(""));
            if (m.find() && Long.parseLong(m.group(1)) == commentId) {
                return Optional.of(j.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode readIssue(long id) throws DeskException {
        return http.getJson("/issues/" + id + ".json?include=journals,attachments", "read issue " + id)
                .path("issue");
    }

    private ArrayNode upload(List<OutgoingAttachment> files) throws DeskException {
        ArrayNode uploads = http.json().createArrayNode();
        for (OutgoingAttachment file : files) {
            JsonNode answer = http.parse(
                    http.sendFile(
                            "/uploads.json?filename=" + Settings.encode(file.fileName()),
                            file,
                            "application/octet-stream",
                            "upload attachment " + file.fileName()),
                    "upload attachment " + file.fileName());
            String token = answer.path("upload").path("token").asText("");
            if (token.isEmpty()) {
                throw DeskException.permanent("redmine answered the upload of " + file.fileName() + " without a token: "
                        + DeskHttp.abbreviate(answer.toString()));
            }
            uploads.addObject()
                    .put("token", token)
                    .put("filename", file.fileName())
                    .put("content_type", file.mediaType());
        }
        return uploads;
    }

    private IssueChanges changes(JsonNode issue, Instant commentsFrom) throws DeskException {
        Map<String, JsonNode> attachments = new HashMap<>();
        issue.path("attachments").forEach(a -> attachments.put(a.path("id").asText(), a));
        List<DeskComment> comments = new ArrayList<>();
        for (JsonNode j : issue.path("journals")) {
            Instant created = instant(j.path("created_on"), "journal created_on");
            if (created.isBefore(commentsFrom)) {
                continue;
            }
            String notes = j.path("notes").asText("");
            List<DeskAttachment> files = new ArrayList<>();
            for (JsonNode d : j.path("details")) {
                if ("attachment".equals(d.path("property").asText())
                        && !d.path("new_value").isNull()) {
                    JsonNode a = attachments.get(d.path("name").asText());
                    if (a != null) {
                        files.add(attachment(a));
                    }
                }
            }
            if (notes.isBlank() && files.isEmpty()) {
                continue; // a change of fields only: the status is reported on the issue
            }
            Matcher m = commentMarker.matcher(notes);
            Long local = m.find() ? Long.valueOf(m.group(1)) : null;
            comments.add(new DeskComment(
                    j.path("id").asText(),
                    j.path("user").path("name").asText("Redmine"),
                    notes,
                    created,
                    !j.path("private_notes").asBoolean(false),
                    local,
                    files));
        }
        return new IssueChanges(
                issue.path("id").asText(),
                ticketOf(issue).orElse(null),
                issue.path("status").path("id").asText(),
                issue.path("status").path("name").asText(""),
                instant(issue.path("updated_on"), "issue updated_on"),
                comments);
    }

    private DeskAttachment attachment(JsonNode a) {
        String id = a.path("id").asText();
        String fileName = a.path("filename").asText("attachment-" + id);
        String url = a.path("content_url").asText("");
        URI uri = url.isEmpty() || !DeskHttp.sameOrigin(http.base(), URI.create(url))
                // content_url is built from the Host the desk saw; fetch through our base URL instead
                ? URI.create(http.base() + "/attachments/download/" + id + "/" + Settings.encode(fileName))
                : URI.create(url);
        return new DeskAttachment(
                id,
                fileName,
                a.path("content_type").asText("application/octet-stream"),
                a.path("filesize").asLong(0),
                () -> http.download(uri, "download attachment " + id));
    }

    private DeskIssue deskIssue(JsonNode issue) {
        String id = issue.path("id").asText();
        return new DeskIssue(
                id,
                http.base() + "/issues/" + id,
                issue.path("status").path("id").asText("1"));
    }

    private Optional<Long> ticketOf(JsonNode issue) {
        Matcher m = issueMarker.matcher(issue.path("subject").asText(""));
        if (m.find()) {
            return Optional.of(Long.valueOf(m.group(1)));
        }
        Matcher d = issueMarker.matcher(issue.path("description").asText(""));
        return d.find() ? Optional.of(Long.valueOf(d.group(1))) : Optional.empty();
    }

    private String issueMarker(long ticketId) {
        return "[" + markerPrefix + "-" + ticketId + "]";
    }

    private String commentMarker(long commentId) {
        return "[" + markerPrefix + "-comment-" + commentId + "]";
    }

    private String subject(EscalationRequest r) {
        String s = issueMarker(r.ticketId()) + " " + r.subject().strip().replaceAll("\\s+", " ");
        return s.length() <= SUBJECT_MAX ? s : s.substring(0, SUBJECT_MAX - 1) + "…";
    }

    private String description(EscalationRequest r) {
        StringBuilder d = new StringBuilder()
                .append("Request ")
                .append(issueMarker(r.ticketId()))
                .append(" escalated from Aide & Support\n\n")
                .append("* Category: ")
                .append(r.categoryLabel())
                .append(" (")
                .append(r.category())
                .append(")\n")
                .append("* Requester: ")
                .append(r.requesterName())
                .append(" (")
                .append(r.requesterId())
                .append(")\n")
                .append("* School: ")
                .append(r.schoolName())
                .append(" (")
                .append(r.schoolId())
                .append(")\n")
                .append("* Escalated by: ")
                .append(r.escalatedByName())
                .append(" (")
                .append(r.escalatedById())
                .append(")\n")
                .append("* Filed: ")
                .append(r.created())
                .append("\n\n")
                .append(r.description())
                .append('\n');
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

    private long issueId(String externalId) throws DeskException {
        Objects.requireNonNull(externalId, "externalId");
        try {
            long id = Long.parseLong(externalId);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw DeskException.permanent("redmine: '" + externalId + "' is not a Redmine issue id");
    }

    private Instant parseCursor(String cursor) throws DeskException {
        if (cursor.startsWith(CURSOR_PREFIX)) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(cursor.substring(CURSOR_PREFIX.length())));
            } catch (NumberFormatException | DateTimeParseException e) {
                // fall through
            }
        }
        throw DeskException.permanent("redmine: not a cursor of this desk: '" + DeskHttp.abbreviate(cursor) + "'");
    }

    private static Instant instant(JsonNode node, String what) throws DeskException {
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw DeskException.permanent("redmine answered an unreadable " + what + ": '" + node.asText() + "'", e);
        }
    }

    @Override
    public String toString() {
        return "RedmineDesk[" + http.base() + ", project " + project + "]";
    }

    /** Configures a {@link RedmineDesk}. The API key is never shown by {@code toString()}. */
    public static final class Builder {
        private @Nullable String baseUrl;
        private @Nullable String apiKey;
        private @Nullable String project;
        private int trackerId;
        private @Nullable Integer priorityId;
        private DeskStatusMapping mapping = DEFAULT_STATUS_MAPPING;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration maxRetryWait = Duration.ofSeconds(10);
        private Duration overlap = Duration.ofMinutes(2);
        private int pageSize = 100;
        private String markerPrefix = "ENT";
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Redmine's base URL, such as {@code https://support.example.org} (required).
         *
         * @param value Redmine's base URL, such as {@code https://support.example.org}
         * @return this builder
         */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /**
         * The API key of the account that writes the issues (required; sent in {@code X-Redmine-API-Key}).
         *
         * @param value the API key of the account that writes the issues (required; sent in {@code
         *         X-Redmine-API-Key})
         * @return this builder
         */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /**
         * The identifier (or numeric id) of the project that receives the issues (required).
         *
         * @param value the identifier (or numeric id) of the project that receives the issues (required)
         * @return this builder
         */
        public Builder project(String value) {
            this.project = value;
            return this;
        }

        /**
         * The tracker of new issues (required, positive; stock Redmine: Bug=1, Feature=2, Support=3).
         *
         * @param value the tracker of new issues (required, positive; stock Redmine: Bug=1, Feature=2, Support=3)
         * @return this builder
         */
        public Builder trackerId(int value) {
            this.trackerId = value;
            return this;
        }

        /**
         * The priority of new issues (positive); Redmine's default priority when not set.
         *
         * @param value the priority of new issues (positive); Redmine's default priority when not set
         * @return this builder
         */
        public Builder priorityId(int value) {
            this.priorityId = value;
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
         * How far before the cursor each poll reads again (default 2 min; 0..1 h).
         *
         * @param value how far before the cursor each poll reads again (default 2 min; 0..1 h)
         * @return this builder
         */
        public Builder overlap(Duration value) {
            this.overlap = value;
            return this;
        }

        /**
         * Issues per page when polling (default 100; 1..100).
         *
         * @param value issues per page when polling (default 100; 1..100)
         * @return this builder
         */
        public Builder pageSize(int value) {
            this.pageSize = value;
            return this;
        }

        /**
         * The prefix of the markers written on issues and notes (default {@code ENT}).
         *
         * @param value the prefix of the markers written on issues and notes (default {@code ENT})
         * @return this builder
         */
        public Builder markerPrefix(String value) {
            this.markerPrefix = Objects.requireNonNull(value, "markerPrefix");
            return this;
        }

        /**
         * The clock that dates cursors (default UTC system clock).
         *
         * @param value the clock that dates cursors (default UTC system clock)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Builds the connector. Does not contact Redmine; call {@link RedmineDesk#verify()} for that.
         *
         * @return the connector
         * @throws IllegalArgumentException naming the first invalid property
         * @throws NullPointerException     naming a missing required property
         */
        public RedmineDesk build() {
            return new RedmineDesk(this);
        }

        @Override
        public String toString() {
            return "RedmineDesk.Builder[" + baseUrl + ", project " + project + "]";
        }
    }
}
