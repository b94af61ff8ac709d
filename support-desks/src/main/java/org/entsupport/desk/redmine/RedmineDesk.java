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
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.entsupport.core.desk.DeskAttachment;
import org.entsupport.core.desk.DeskChanges;
import org.entsupport.core.desk.DeskComment;
import org.entsupport.core.desk.DeskException;
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
 * redmine.verify();   // Redmine answers anonymous requests: check the key (and the configuration) once
 * }</pre>
 *
 * <p><b>The desk account.</b> Give the connector an account of its own (a Redmine user that is a
 * member of the project with a role that may add issues and notes and see private notes), not an
 * agent's: a note is recognised as ours (an echo, never imported) only when this account wrote it,
 * exactly in the form the connector posts.
 *
 * <p><b>How our tickets are recognised.</b> The issue subject starts with a marker
 * {@code [ENT-<installation>-<ticket id>]} (prefix configurable with {@link Builder#markerPrefix};
 * the installation comes from {@link #forInstallation}, which the library calls at start-up), and
 * the description's first line repeats it. {@link #open} searches Redmine for it before creating an
 * issue, so a retry after a crash finds the issue instead of creating a second one. Forwarded
 * comments are notes {@code <author> wrote:\n\n<text>\n\n[ENT-<installation>-comment-<id>]}, status
 * notes end with {@code [ENT-<installation>-status-<id>]}. An issue whose marker names another
 * installation is never reported; markers without an installation ({@code [ENT-42]}, written by
 * earlier versions) are read as this installation's unless {@link Builder#readLegacyMarkers} says
 * otherwise. Do not edit the markers on the desk.
 *
 * <p><b>Changes.</b> {@link #changesSince} lists the issues the account sees with
 * {@code updated_on >= cursor - overlap} in every project (an issue moved to another project is
 * still followed), through every page ({@code offset}/{@code limit}, newest first so that an issue
 * updated while paging shifts others to later pages instead of hiding them), keeps those with our
 * marker, and reads each with its journals and attachments. Journals with notes or files become
 * comments (private notes flagged non-public; a journal with a file and no text is a comment too);
 * only journals created since {@code cursor - overlap} are returned. The cursor is the time the
 * poll started, by our clock; the overlap (default 2 minutes) covers late commits on the desk and
 * clock skew between us and Redmine. An issue deleted or hidden from the account (Redmine answers
 * 404 or 403) is reported by {@link #changesOf}, {@link #goneIssues} and the forwarding calls as
 * {@link IssueGoneException}; the poll leaves it out. Raw statuses are Redmine status ids
 * ({@code "1"}..{@code "6"} on a stock installation).
 *
 * <p><b>Our status changes.</b> {@link #forwardStatus} adds a note and sets the Redmine status
 * configured for our status ({@link Builder#outgoingStatus}; stock ids by default), which Redmine
 * applies only where its workflow lets the account make that move (it silently keeps the old status
 * otherwise; the answer then says so).
 *
 * <p><b>Text.</b> Subjects are cut to Redmine's 255 characters on code points (never inside a
 * surrogate pair), file names to 255 keeping their extension.
 *
 * <p>The API key travels only in the {@code X-Redmine-API-Key} header, to the base URL's origin;
 * API redirects are not followed, file downloads only to the base URL's origin. Thread-safe.
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

    /**
     * The Redmine status set when we change ours, stock ids: RESOLVED → Resolved (3), CLOSED → Closed
     * (5), OPENED (reopened) → In Progress (2). WAITING and NEW are told by a note only.
     */
    public static final Map<TicketStatus, Integer> DEFAULT_OUTGOING_STATUSES =
            Map.of(TicketStatus.RESOLVED, 3, TicketStatus.CLOSED, 5, TicketStatus.OPENED, 2);

    private static final Logger LOG = LoggerFactory.getLogger(RedmineDesk.class);
    private static final String CURSOR_PREFIX = "redmine:1:";
    /** Redmine's {@code validates_length_of :subject, :maximum => 255} (and the same for file names), in characters. */
    private static final int SUBJECT_MAX = 255;

    private static final int FILE_NAME_MAX = 255;
    private static final int GONE_BATCH = 100;

    private final DeskHttp http;
    private final String project;
    private final int trackerId;
    private final @Nullable Integer priorityId;
    private final DeskStatusMapping mapping;
    private final Map<TicketStatus, Integer> outgoing;
    private final Duration overlap;
    private final int pageSize;
    private final Markers markers;
    private final Clock clock;
    /** The account's user id, read once from /users/current.json (it identifies our own notes). */
    private final AccountId account;

    private static final class AccountId {
        private volatile long id;
    }

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
        b.outgoing.forEach((status, id) -> {
            if (id <= 0) {
                throw new IllegalArgumentException(
                        "outgoingStatus for " + status + " must be a positive Redmine status id, but was " + id);
            }
        });
        this.outgoing = Map.copyOf(b.outgoing);
        this.overlap = Settings.requireBetween("overlap", b.overlap, Duration.ZERO, Duration.ofHours(1));
        this.pageSize = Settings.requireBetween("pageSize", b.pageSize, 1, 100);
        this.markers = new Markers(b.markerPrefix, null, b.readLegacyMarkers);
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.http = new DeskHttp(
                "redmine",
                base,
                Map.of("X-Redmine-API-Key", key),
                b.connectTimeout,
                b.requestTimeout,
                b.maxRetryWait,
                clock,
                List.of(),
                b.maxDownloadSize);
        this.account = new AccountId();
    }

    private RedmineDesk(RedmineDesk other, Markers markers) {
        this.http = other.http;
        this.project = other.project;
        this.trackerId = other.trackerId;
        this.priorityId = other.priorityId;
        this.mapping = other.mapping;
        this.outgoing = other.outgoing;
        this.overlap = other.overlap;
        this.pageSize = other.pageSize;
        this.clock = other.clock;
        this.account = other.account;
        this.markers = markers;
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

    /** {@inheritDoc} The returned desk shares this one's HTTP client and configuration. */
    @Override
    public RedmineDesk forInstallation(InstallationId installation) {
        return new RedmineDesk(this, markers.forInstallation(installation));
    }

    @Override
    public Optional<InstallationId> installation() {
        return markers.installation();
    }

    /**
     * Checks the API key with {@code GET /users/current.json} (Redmine answers other requests with
     * an invalid key as anonymous), that the project exists and uses the configured tracker, that the
     * configured priority is an active issue priority, and that the configured outgoing statuses exist.
     *
     * @throws DeskException permanent, naming the property, when the key or the configuration is refused
     */
    @Override
    public void verify() throws DeskException {
        accountId();
        JsonNode p = http.getJson(
                        "/projects/" + Settings.encode(project) + ".json?include=trackers", "find project " + project)
                .path("project");
        if (!listed(p.path("trackers"), trackerId)) {
            throw DeskException.permanent("redmine: trackerId " + trackerId + " is not a tracker of project " + project
                    + " (its trackers: " + names(p.path("trackers")) + ")");
        }
        if (priorityId != null) {
            JsonNode priorities = http.getJson("/enumerations/issue_priorities.json", "list the issue priorities")
                    .path("issue_priorities");
            boolean active = false;
            for (JsonNode pr : priorities) {
                if (pr.path("id").asInt() == priorityId && pr.path("active").asBoolean(true)) {
                    active = true;
                }
            }
            if (!active) {
                throw DeskException.permanent("redmine: priorityId " + priorityId
                        + " is not an active issue priority (known: " + names(priorities) + ")");
            }
        }
        if (!outgoing.isEmpty()) {
            JsonNode statuses = http.getJson("/issue_statuses.json", "list the issue statuses")
                    .path("issue_statuses");
            for (Map.Entry<TicketStatus, Integer> e : new EnumMap<>(outgoing).entrySet()) {
                if (!listed(statuses, e.getValue())) {
                    throw DeskException.permanent("redmine: outgoingStatus for " + e.getKey() + " is status id "
                            + e.getValue() + ", which this Redmine does not have (known: " + names(statuses) + ")");
                }
            }
        }
    }

    private static boolean listed(JsonNode array, int id) {
        for (JsonNode n : array) {
            if (n.path("id").asInt() == id) {
                return true;
            }
        }
        return false;
    }

    private static String names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(
                n -> names.add(n.path("name").asText() + " (" + n.path("id").asText() + ")"));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Searches Redmine (every project the account sees: the issue may have been moved) for an issue
     * whose subject carries the ticket's marker; creates one only when none exists: uploads every file
     * ({@code POST /uploads.json}), then {@code POST /issues.json} with the upload tokens. The
     * description holds the request's details and the comments so far. Redmine has no idempotency key;
     * the marker plays its part.
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
     * <p>Reads the issue's journals; when the account wrote a note in our form for this comment (its
     * marker last), returns its id. Otherwise uploads the files and adds a public note
     * ({@code PUT /issues/{id}.json}), then reads the journals again to return the new note's id
     * (Redmine answers the update with no body).
     */
    @Override
    public String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(comment, "comment");
        Settings.requireKey(idempotencyKey);
        long id = issueId(externalId);
        long me = accountId();
        Optional<String> known = ourNote(readIssue(id, "journals"), me, markers::echoedComment, comment.commentId());
        if (known.isPresent()) {
            return known.get();
        }
        ArrayNode uploads = upload(comment.attachments());
        ObjectNode issue = http.json().createObjectNode();
        issue.put("notes", markers.commentNote(comment.authorName(), comment.body(), comment.commentId()));
        issue.put("private_notes", false);
        if (!uploads.isEmpty()) {
            issue.set("uploads", uploads);
        }
        update(id, issue, "add comment " + comment.commentId() + " to issue " + id);
        return ourNote(readIssue(id, "journals"), me, markers::echoedComment, comment.commentId())
                .orElseThrow(() -> DeskException.retryable(
                        "redmine accepted comment " + comment.commentId() + " on issue " + id
                                + " but its journal was not found; retrying will look again",
                        null));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Adds a public note ({@code PUT /issues/{id}.json}) and, when a Redmine status is configured
     * for the new status ({@link Builder#outgoingStatus}) and the issue does not have it yet, that
     * status in the same update. Redmine keeps the old status when its workflow does not let the
     * account make the move; the answer then says {@code statusApplied = false}. When Redmine refuses
     * the status outright (422, such as a parent whose subtasks are open), the note is added alone.
     */
    @Override
    public Optional<StatusForwarded> forwardStatus(String externalId, StatusChange change, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(change, "change");
        Settings.requireKey(idempotencyKey);
        long id = issueId(externalId);
        long me = accountId();
        Integer target = outgoing.get(change.to());
        JsonNode issue = readIssue(id, "journals");
        Optional<String> known = ourNote(issue, me, markers::echoedStatus, change.changeId());
        if (known.isEmpty()) {
            ObjectNode fields = http.json().createObjectNode();
            fields.put("notes", markers.statusNote(change));
            fields.put("private_notes", false);
            boolean setStatus =
                    target != null && issue.path("status").path("id").asInt() != target;
            if (setStatus) {
                fields.put("status_id", target);
            }
            String what = "tell issue " + id + " that ticket status became " + change.to();
            try {
                update(id, fields, what);
            } catch (DeskException e) {
                if (!setStatus || e.retryable() || e.httpStatus() != 422) {
                    throw e;
                }
                LOG.info("redmine: issue {} refused status {} ({}); adding the note alone", id, target, e.getMessage());
                fields.remove("status_id");
                update(id, fields, what);
            }
            issue = readIssue(id, "journals");
        }
        String note = ourNote(issue, me, markers::echoedStatus, change.changeId())
                .orElseThrow(() -> DeskException.retryable(
                        "redmine accepted the status note of change " + change.changeId() + " on issue " + id
                                + " but its journal was not found; retrying will look again",
                        null));
        String now = issue.path("status").path("id").asText();
        boolean applied = target != null && now.equals(Integer.toString(target));
        if (target != null && !applied) {
            LOG.info(
                    "redmine: issue {} kept status {} instead of {} (its workflow does not let the account make"
                            + " that move); the note tells the agents",
                    id,
                    now,
                    target);
        }
        return Optional.of(new StatusForwarded(note, now, applied));
    }

    @Override
    public DeskChanges changesSince(@Nullable String cursor) throws DeskException {
        Instant pollStart = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant from = cursor == null ? pollStart : parseCursor(cursor);
        Instant threshold = from.minus(overlap).truncatedTo(ChronoUnit.SECONDS);
        // An invalid key is not refused on /issues.json (anonymous, empty list): check it first.
        long me = readAccountId();

        Map<Long, JsonNode> changed = new LinkedHashMap<>();
        for (int offset = 0; ; offset += pageSize) {
            // every project the account sees, not just ours: an agent may move an issue elsewhere
            String path = "/issues.json?status_id=*&updated_on=" + Settings.encode(">=" + threshold) + "&sort="
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
            if (ours(listed).isEmpty()
                    || instant(listed.path("updated_on"), "issue updated_on").isBefore(threshold)) {
                continue;
            }
            long id = listed.path("id").asLong();
            try {
                result.add(changes(readIssue(id, "journals,attachments"), threshold, me));
            } catch (IssueGoneException e) {
                // deleted or hidden between the list and the read: goneIssues() and changesOf() report it
                LOG.info("redmine: issue {} left out of this poll: {}", id, e.getMessage());
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
        long id = issueId(externalId);
        long me = accountId();
        return changes(readIssue(id, "journals,attachments"), Instant.MIN, me);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Lists the issues by id ({@code GET /issues.json?issue_id=1,2,3}, all projects, all statuses;
     * a hundred per call); each one missing from the list is read alone to tell a deleted issue (404)
     * from one the account may no longer see (403).
     */
    @Override
    public List<IssueGone> goneIssues(Collection<String> externalIds) throws DeskException {
        List<Long> ids = new ArrayList<>();
        for (String externalId : new LinkedHashSet<>(externalIds)) {
            ids.add(issueId(externalId));
        }
        List<IssueGone> gone = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += GONE_BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + GONE_BATCH));
            String list = batch.stream().map(String::valueOf).collect(Collectors.joining(","));
            JsonNode found = http.getJson(
                    "/issues.json?issue_id=" + list + "&status_id=*&limit=" + GONE_BATCH,
                    "check that " + batch.size() + " issue(s) still exist");
            Set<Long> seen = new HashSet<>();
            found.path("issues").forEach(i -> seen.add(i.path("id").asLong()));
            for (long id : batch) {
                if (!seen.contains(id)) {
                    try {
                        readIssue(id, "");
                    } catch (IssueGoneException e) {
                        gone.add(e.gone());
                    }
                }
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
        JsonNode me = http.getJson("/users/current.json", "check the API key").path("user");
        if (!me.path("id").canConvertToLong()) {
            throw DeskException.permanent(
                    "redmine answered the API key check without a user id: " + DeskHttp.abbreviate(me.toString()));
        }
        account.id = me.path("id").asLong();
        return account.id;
    }

    private Optional<JsonNode> findIssue(long ticketId) throws DeskException {
        String marker = markers.issue(ticketId);
        String path = "/issues.json?status_id=*&subject=" + Settings.encode("~" + marker) + "&sort=id&limit=100";
        JsonNode found = http.getJson(path, "look for the issue of ticket " + ticketId);
        for (JsonNode issue : found.path("issues")) {
            Optional<Markers.IssueMark> mark =
                    markers.findIssue(issue.path("subject").asText(""));
            if (mark.isPresent()
                    && mark.get().ticketId() == ticketId
                    && Objects.equals(
                            mark.get().installation(), markers.installation().orElse(null))) {
                return Optional.of(issue);
            }
        }
        return Optional.empty();
    }

    /** The id of the journal the account wrote in our form with {@code wanted} as its marker, newest first. */
    private Optional<String> ourNote(
            JsonNode issue, long me, java.util.function.Function<String, OptionalLong> form, long wanted) {
        JsonNode journals = issue.path("journals");
        for (int i = journals.size() - 1; i >= 0; i--) {
            JsonNode j = journals.get(i);
            if (j.path("user").path("id").asLong() != me) {
                continue;
            }
            OptionalLong marked = form.apply(j.path("notes").asText(""));
            if (marked.isPresent() && marked.getAsLong() == wanted) {
                return Optional.of(j.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** {@code GET /issues/{id}.json}; a 404 or 403 becomes {@link IssueGoneException}. */
    private JsonNode readIssue(long id, String include) throws DeskException {
        String path = "/issues/" + id + ".json" + (include.isEmpty() ? "" : "?include=" + include);
        try {
            return http.getJson(path, "read issue " + id).path("issue");
        } catch (DeskException e) {
            throw goneOr(e, id);
        }
    }

    /** {@code PUT /issues/{id}.json}; a 404 is a gone issue, a 403 one too when the issue cannot be read either. */
    private void update(long id, ObjectNode fields, String operation) throws DeskException {
        ObjectNode body = http.json().createObjectNode();
        body.set("issue", fields);
        try {
            http.sendJson("PUT", "/issues/" + id + ".json", body, Map.of(), operation);
        } catch (DeskException e) {
            if (e.httpStatus() == 404) {
                throw goneOr(e, id);
            }
            if (e.httpStatus() == 403) {
                readIssue(id, ""); // throws IssueGoneException when the account no longer sees it
                throw DeskException.permanent(
                        e.getMessage() + " (the account sees the issue but may not add notes to it: check its role)",
                        403);
            }
            throw e;
        }
    }

    private DeskException goneOr(DeskException e, long id) {
        if (e.httpStatus() == 404) {
            return new IssueGoneException(
                    "redmine: issue " + id + " no longer exists (deleted on the desk): " + e.getMessage(),
                    new IssueGone(
                            Long.toString(id),
                            null,
                            IssueGone.Reason.DELETED,
                            "redmine issue " + id + " was deleted (HTTP 404)"),
                    404);
        }
        if (e.httpStatus() == 403) {
            return new IssueGoneException(
                    "redmine: issue " + id + " is no longer visible to the connector's account: " + e.getMessage(),
                    new IssueGone(
                            Long.toString(id),
                            null,
                            IssueGone.Reason.NOT_VISIBLE,
                            "redmine issue " + id + " is no longer visible to the connector's account (HTTP 403):"
                                    + " moved to a project it is not a member of, or made private"),
                    403);
        }
        return e;
    }

    private ArrayNode upload(List<OutgoingAttachment> files) throws DeskException {
        ArrayNode uploads = http.json().createArrayNode();
        for (OutgoingAttachment file : files) {
            String name = DeskText.fileName(file.fileName(), FILE_NAME_MAX);
            JsonNode answer = http.parse(
                    http.sendFile(
                            "/uploads.json?filename=" + Settings.encode(name),
                            file,
                            "application/octet-stream",
                            "upload attachment " + file.fileName()),
                    "upload attachment " + file.fileName());
            String token = answer.path("upload").path("token").asText("");
            if (token.isEmpty()) {
                throw DeskException.permanent("redmine answered the upload of " + file.fileName() + " without a token: "
                        + DeskHttp.abbreviate(answer.toString()));
            }
            uploads.addObject().put("token", token).put("filename", name).put("content_type", file.mediaType());
        }
        return uploads;
    }

    private IssueChanges changes(JsonNode issue, Instant commentsFrom, long me) throws DeskException {
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
            boolean byUs = j.path("user").path("id").asLong() == me;
            OptionalLong local = byUs ? markers.echoedComment(notes) : OptionalLong.empty();
            boolean echo = byUs && markers.isOurForm(notes);
            comments.add(new DeskComment(
                    j.path("id").asText(),
                    j.path("user").path("name").asText("Redmine"),
                    notes,
                    created,
                    !j.path("private_notes").asBoolean(false),
                    local.isPresent() ? local.getAsLong() : null,
                    files,
                    echo));
        }
        Optional<Markers.IssueMark> mark = marker(issue);
        boolean ours = mark.isPresent() && markers.isOurs(mark.get());
        return new IssueChanges(
                issue.path("id").asText(),
                ours ? mark.get().ticketId() : null,
                issue.path("status").path("id").asText(),
                issue.path("status").path("name").asText(""),
                instant(issue.path("updated_on"), "issue updated_on"),
                comments,
                mark.map(Markers.IssueMark::installation).orElse(null));
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
                () -> http.download(uri, "download attachment " + id + " (" + fileName + ")"));
    }

    private DeskIssue deskIssue(JsonNode issue) {
        String id = issue.path("id").asText();
        return new DeskIssue(
                id,
                http.base() + "/issues/" + id,
                issue.path("status").path("id").asText("1"));
    }

    /** The issue marker: the first in the subject, else the one the description starts with. */
    private Optional<Markers.IssueMark> marker(JsonNode issue) {
        Optional<Markers.IssueMark> inSubject =
                markers.findIssue(issue.path("subject").asText(""));
        if (inSubject.isPresent()) {
            return inSubject;
        }
        String description = issue.path("description").asText("");
        return description.startsWith(DESCRIPTION_LEAD)
                ? markers.leadingIssue(description.substring(DESCRIPTION_LEAD.length()))
                : Optional.empty();
    }

    /** Our ticket id, when the issue's marker is this installation's. */
    private Optional<Long> ours(JsonNode issue) {
        return marker(issue).filter(markers::isOurs).map(Markers.IssueMark::ticketId);
    }

    private static final String DESCRIPTION_LEAD = "Request ";

    private String subject(EscalationRequest r) {
        return DeskText.cut(markers.issue(r.ticketId()) + " " + DeskText.oneLine(r.subject()), SUBJECT_MAX);
    }

    private String description(EscalationRequest r) {
        StringBuilder d = new StringBuilder()
                .append(DESCRIPTION_LEAD)
                .append(markers.issue(r.ticketId()))
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
        return "RedmineDesk[" + http.base() + ", project " + project
                + markers.installation().map(i -> ", installation " + i).orElse("") + "]";
    }

    /** Configures a {@link RedmineDesk}. The API key is never shown by {@code toString()}. */
    public static final class Builder {
        private @Nullable String baseUrl;
        private @Nullable String apiKey;
        private @Nullable String project;
        private int trackerId;
        private @Nullable Integer priorityId;
        private DeskStatusMapping mapping = DEFAULT_STATUS_MAPPING;
        private final Map<TicketStatus, Integer> outgoing = new EnumMap<>(DEFAULT_OUTGOING_STATUSES);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration maxRetryWait = Duration.ofSeconds(10);
        private Duration overlap = Duration.ofMinutes(2);
        private int pageSize = 100;
        private String markerPrefix = "ENT";
        private boolean readLegacyMarkers = true;
        private long maxDownloadSize = 50L * 1024 * 1024;
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
         * The API key of the connector's own account (required; sent in {@code X-Redmine-API-Key}).
         * Notes this account writes in the connector's form are taken for our own.
         *
         * @param value the API key
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
         * The Redmine status id set on the issue when our ticket takes {@code status} (defaults:
         * {@link #DEFAULT_OUTGOING_STATUSES}); a positive id, checked by {@link RedmineDesk#verify()}.
         *
         * @param status our status
         * @param redmineStatusId the Redmine status id
         * @return this builder
         */
        public Builder outgoingStatus(TicketStatus status, int redmineStatusId) {
            this.outgoing.put(Objects.requireNonNull(status, "status"), redmineStatusId);
            return this;
        }

        /**
         * No Redmine status is set for {@code status}: a note alone tells the agents.
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
         * Whether markers without an installation ({@code [ENT-42]}, written before installations were
         * named) are read as this installation's (default true: an upgraded platform keeps following the
         * issues it opened before). Set it to false when several platforms already shared the project
         * before upgrading: their old issues cannot be told apart.
         *
         * @param value whether to read markers that name no installation
         * @return this builder
         */
        public Builder readLegacyMarkers(boolean value) {
            this.readLegacyMarkers = value;
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
         * The clock that dates cursors (default UTC system clock).
         *
         * @param value the clock
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
