package org.entsupport.core.memory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.jspecify.annotations.Nullable;

/**
 * A {@link SupportDesk} in memory, for tests and examples. It behaves like a well-mannered desk
 * (idempotent creates, exact cursors with no overlap) and lets a test act on the desk's side and
 * break it on purpose:
 *
 * <pre>{@code
 * InMemorySupportDesk desk = new InMemorySupportDesk();
 * DeskIssue issue = desk.open(request, "cmd-1");
 * desk.addComment(issue.externalId(), "Agent Smith", "Fixed in 2.3", true);
 * desk.changeStatus(issue.externalId(), InMemorySupportDesk.RESOLVED);
 * desk.goDown(3);            // the next three calls fail, retryable
 * desk.refuse("quota");      // every call fails for good until restore()
 * }</pre>
 *
 * <p>Statuses are {@code new, open, waiting, resolved, closed}, mapped by {@link #DEFAULT_STATUS_MAPPING}.
 * Cursors are change sequence numbers ({@code "seq:N"}) or instants from {@link #cursorAt}
 * ({@code "at:EPOCH_MILLIS"}). Thread-safe: every method is synchronized.
 */
public final class InMemorySupportDesk implements SupportDesk {

    /** The status of a new issue. */
    public static final String NEW = "new";
    /** Being handled. */
    public static final String OPEN = "open";
    /** Waiting for the requester. */
    public static final String WAITING = "waiting";
    /** Solved. */
    public static final String RESOLVED = "resolved";
    /** Done. */
    public static final String CLOSED = "closed";

    /** new, open → OPENED; waiting → WAITING; resolved → RESOLVED; closed → CLOSED. */
    public static final DeskStatusMapping DEFAULT_STATUS_MAPPING = DeskStatusMapping.of(Map.of(
            NEW,
            TicketStatus.OPENED,
            OPEN,
            TicketStatus.OPENED,
            WAITING,
            TicketStatus.WAITING,
            RESOLVED,
            TicketStatus.RESOLVED,
            CLOSED,
            TicketStatus.CLOSED));

    /**
     * A file held by the desk.
     *
     * @param id        its desk id
     * @param fileName  its name
     * @param mediaType its media type
     * @param content   its bytes (do not modify)
     */
    public record StoredFile(String id, String fileName, String mediaType, byte[] content) {
        /**
         * Checks the components.
         *
         * @param id its desk id
         * @param fileName its name
         * @param mediaType its media type
         * @param content its bytes (do not modify)
         */
        public StoredFile {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A comment held by the desk.
     *
     * @param id             its desk id
     * @param authorName     who wrote it
     * @param body           its text
     * @param created        when, by the desk's clock
     * @param isPublic       false for private notes
     * @param localCommentId our comment id when it was forwarded by {@link #forwardComment}
     * @param files          its files
     */
    public record StoredComment(
            String id,
            String authorName,
            String body,
            Instant created,
            boolean isPublic,
            @Nullable Long localCommentId,
            List<StoredFile> files) {
        /**
         * Copies the list.
         *
         * @param id its desk id
         * @param authorName who wrote it
         * @param body its text
         * @param created when, by the desk's clock
         * @param isPublic false for private notes
         * @param localCommentId our comment id when it was forwarded by {@link #forwardComment}
         * @param files its files
         */
        public StoredComment {
            files = List.copyOf(files);
        }
    }

    /**
     * A snapshot of an issue held by the desk.
     *
     * @param externalId its desk id
     * @param ticketId   our ticket id
     * @param subject    its subject
     * @param body       its first text: description, requester, school and the comments so far
     * @param status     its status
     * @param files      the files sent with {@link #open}
     * @param comments   its comments, oldest first
     */
    public record StoredIssue(
            String externalId,
            long ticketId,
            String subject,
            String body,
            String status,
            List<StoredFile> files,
            List<StoredComment> comments) {
        /**
         * Copies the lists.
         *
         * @param externalId its desk id
         * @param ticketId our ticket id
         * @param subject its subject
         * @param body its first text: description, requester, school and the comments so far
         * @param status its status
         * @param files the files sent with {@link #open}
         * @param comments its comments, oldest first
         */
        public StoredIssue {
            files = List.copyOf(files);
            comments = List.copyOf(comments);
        }
    }

    private static final class Issue {
        final String externalId;
        final long ticketId;
        final String subject;
        final String body;
        final List<StoredFile> files;
        final List<Change<StoredComment>> comments = new ArrayList<>();
        String status = NEW;
        long changeSeq;
        Instant changedAt;

        Issue(
                String externalId,
                long ticketId,
                String subject,
                String body,
                List<StoredFile> files,
                long seq,
                Instant at) {
            this.externalId = externalId;
            this.ticketId = ticketId;
            this.subject = subject;
            this.body = body;
            this.files = files;
            this.changeSeq = seq;
            this.changedAt = at;
        }
    }

    private record Change<T>(T value, long seq, Instant at) {}

    private final String name;
    private final Clock clock;
    private final DeskStatusMapping mapping;
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Map<Long, String> issueByTicket = new HashMap<>();
    private final Map<String, String> issueByKey = new HashMap<>();
    private final Map<String, String> commentByKey = new HashMap<>();
    private long seq;
    private long nextIssue = 1;
    private long nextComment = 1;
    private long nextFile = 1;
    private int failingCalls;
    private @Nullable String refusal;
    private int calls;

    /** A desk named {@code "memory"} on the system clock, with the default status mapping. */
    public InMemorySupportDesk() {
        this("memory", Clock.systemUTC(), DEFAULT_STATUS_MAPPING);
    }

    /**
     * A desk with the given name, clock and mapping.
     *
     * @param name    the desk name
     * @param clock   the desk's clock, for comment and change times
     * @param mapping the status mapping it reports
     */
    public InMemorySupportDesk(String name, Clock clock, DeskStatusMapping mapping) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeskStatusMapping statusMapping() {
        return mapping;
    }

    @Override
    public synchronized void verify() throws DeskException {
        checkAvailable("verify");
    }

    @Override
    public synchronized DeskIssue open(EscalationRequest request, String idempotencyKey) throws DeskException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        checkAvailable("open ticket " + request.ticketId());
        String existing = issueByKey.getOrDefault(idempotencyKey, issueByTicket.get(request.ticketId()));
        if (existing != null) {
            issueByKey.put(idempotencyKey, existing);
            return issueOf(issues.get(existing));
        }
        List<StoredFile> files = new ArrayList<>();
        for (OutgoingAttachment a : request.allAttachments()) {
            files.add(read(a));
        }
        StringBuilder body = new StringBuilder()
                .append(request.description())
                .append("\n\n")
                .append("Requester: ")
                .append(request.requesterName())
                .append('\n')
                .append("School: ")
                .append(request.schoolName())
                .append('\n')
                .append("Category: ")
                .append(request.categoryLabel())
                .append('\n')
                .append("Escalated by: ")
                .append(request.escalatedByName())
                .append('\n');
        for (ForwardedComment c : request.comments()) {
            body.append('\n')
                    .append(c.authorName())
                    .append(", ")
                    .append(c.created())
                    .append(":\n")
                    .append(c.body())
                    .append('\n');
        }
        String id = Long.toString(nextIssue++);
        Issue issue = new Issue(
                id, request.ticketId(), request.subject(), body.toString(), List.copyOf(files), ++seq, clock.instant());
        issues.put(id, issue);
        issueByTicket.put(request.ticketId(), id);
        issueByKey.put(idempotencyKey, id);
        return issueOf(issue);
    }

    @Override
    public synchronized String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        checkAvailable("forward comment " + comment.commentId() + " to issue " + externalId);
        Issue issue = require(externalId);
        String known = commentByKey.get(idempotencyKey);
        if (known != null) {
            return known;
        }
        for (Change<StoredComment> c : issue.comments) {
            if (Long.valueOf(comment.commentId()).equals(c.value().localCommentId())) {
                commentByKey.put(idempotencyKey, c.value().id());
                return c.value().id();
            }
        }
        List<StoredFile> files = new ArrayList<>();
        for (OutgoingAttachment a : comment.attachments()) {
            files.add(read(a));
        }
        String id = add(issue, comment.authorName(), comment.body(), true, comment.commentId(), files);
        commentByKey.put(idempotencyKey, id);
        return id;
    }

    @Override
    public synchronized DeskChanges changesSince(@Nullable String cursor) throws DeskException {
        checkAvailable("read changes");
        if (cursor == null) {
            return new DeskChanges(List.of(), "seq:" + seq);
        }
        long afterSeq;
        Instant fromTime;
        if (cursor.startsWith("seq:")) {
            afterSeq = parse(cursor, 4);
            fromTime = Instant.MAX;
        } else if (cursor.startsWith("at:")) {
            afterSeq = Long.MAX_VALUE;
            fromTime = Instant.ofEpochMilli(parse(cursor, 3));
        } else {
            throw DeskException.permanent(name + ": not a cursor of this desk: '" + cursor + "'");
        }
        List<IssueChanges> changed = new ArrayList<>();
        for (Issue issue : issues.values()) {
            if (issue.changeSeq > afterSeq || !issue.changedAt.isBefore(fromTime)) {
                List<DeskComment> comments = new ArrayList<>();
                for (Change<StoredComment> c : issue.comments) {
                    if (c.seq() > afterSeq || !c.at().isBefore(fromTime)) {
                        comments.add(toDesk(c.value()));
                    }
                }
                changed.add(changesOf(issue, comments));
            }
        }
        changed.sort(
                (a, b) -> Long.compare(issues.get(a.externalId()).changeSeq, issues.get(b.externalId()).changeSeq));
        return new DeskChanges(changed, "seq:" + seq);
    }

    @Override
    public String cursorAt(Instant instant) {
        return "at:" + instant.toEpochMilli();
    }

    @Override
    public synchronized IssueChanges changesOf(String externalId) throws DeskException {
        checkAvailable("read issue " + externalId);
        Issue issue = require(externalId);
        return changesOf(
                issue, issue.comments.stream().map(c -> toDesk(c.value())).toList());
    }

    // ---- the desk's side, for tests ----

    /**
     * Adds a comment on the desk's side, as an agent would.
     *
     * @param externalId the issue
     * @param authorName the agent's name
     * @param body       the text
     * @param isPublic   false for a private note
     * @param files      files attached to the comment
     * @return the comment's desk id
     * @throws IllegalArgumentException when no such issue exists
     */
    public synchronized String addComment(
            String externalId, String authorName, String body, boolean isPublic, StoredFile... files) {
        Issue issue = issues.get(externalId);
        if (issue == null) {
            throw new IllegalArgumentException("No issue " + externalId + " on desk " + name);
        }
        return add(issue, authorName, body, isPublic, null, List.of(files));
    }

    /**
     * A file to pass to {@link #addComment}; its id is assigned here.
     *
     * @param fileName  the name
     * @param mediaType the media type
     * @param content   the bytes
     * @return the file
     */
    public synchronized StoredFile file(String fileName, String mediaType, byte[] content) {
        return new StoredFile("f" + nextFile++, fileName, mediaType, content.clone());
    }

    /**
     * Changes an issue's status on the desk's side.
     *
     * @param externalId the issue
     * @param status     the new desk status
     * @throws IllegalArgumentException when no such issue exists
     */
    public synchronized void changeStatus(String externalId, String status) {
        Issue issue = issues.get(externalId);
        if (issue == null) {
            throw new IllegalArgumentException("No issue " + externalId + " on desk " + name);
        }
        issue.status = Objects.requireNonNull(status, "status");
        touch(issue);
    }

    /**
     * Makes the next {@code calls} calls fail with a retryable exception, as a desk that is down.
     *
     * @param calls how many calls fail, from the next one
     */
    public synchronized void goDown(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be zero or more, but was " + calls);
        }
        this.failingCalls = calls;
    }

    /** Makes every call fail with a retryable exception until {@link #restore()}. */
    public synchronized void goDown() {
        this.failingCalls = Integer.MAX_VALUE;
    }

    /**
     * Makes every call fail with a permanent exception carrying {@code reason} until {@link #restore()}.
     *
     * @param reason the reason the desk gives
     */
    public synchronized void refuse(String reason) {
        this.refusal = Objects.requireNonNull(reason, "reason");
    }

    /** Ends {@link #goDown} and {@link #refuse}. */
    public synchronized void restore() {
        this.failingCalls = 0;
        this.refusal = null;
    }

    /**
     * How many calls the SPI methods received, failed ones included.
     *
     * @return how many calls the SPI methods received, failed ones included
     */
    public synchronized int calls() {
        return calls;
    }

    /**
     * A snapshot of every issue, oldest first.
     *
     * @return a snapshot of every issue, oldest first
     */
    public synchronized List<StoredIssue> issues() {
        return issues.values().stream().map(InMemorySupportDesk::snapshot).toList();
    }

    /**
     * A snapshot of one issue.
     *
     * @param externalId the issue's id on the desk
     * @return a snapshot of the issue, or empty when the desk has none with this id
     */
    public synchronized Optional<StoredIssue> issue(String externalId) {
        return Optional.ofNullable(issues.get(externalId)).map(InMemorySupportDesk::snapshot);
    }

    // ---- internals ----

    private void checkAvailable(String operation) throws DeskException {
        calls++;
        if (refusal != null) {
            throw DeskException.permanent(name + " refused to " + operation + ": " + refusal);
        }
        if (failingCalls > 0) {
            failingCalls--;
            throw DeskException.retryable(name + " is down, could not " + operation, null);
        }
    }

    private Issue require(String externalId) throws DeskException {
        Issue issue = issues.get(Objects.requireNonNull(externalId, "externalId"));
        if (issue == null) {
            throw DeskException.permanent(name + " has no issue " + externalId, 404);
        }
        return issue;
    }

    private String add(
            Issue issue, String author, String body, boolean isPublic, @Nullable Long local, List<StoredFile> files) {
        String id = "c" + nextComment++;
        Instant now = clock.instant();
        touch(issue);
        issue.comments.add(
                new Change<>(new StoredComment(id, author, body, now, isPublic, local, files), issue.changeSeq, now));
        return id;
    }

    private void touch(Issue issue) {
        issue.changeSeq = ++seq;
        issue.changedAt = clock.instant();
    }

    private StoredFile read(OutgoingAttachment a) throws DeskException {
        try (InputStream in = a.content().open()) {
            return new StoredFile("f" + nextFile++, a.fileName(), a.mediaType(), in.readAllBytes());
        } catch (IOException e) {
            throw DeskException.retryable(
                    name + " could not read attachment " + a.fileName() + ": " + e.getMessage(), e);
        }
    }

    private long parse(String cursor, int from) throws DeskException {
        try {
            return Long.parseLong(cursor.substring(from));
        } catch (NumberFormatException e) {
            throw DeskException.permanent(name + ": not a cursor of this desk: '" + cursor + "'", e);
        }
    }

    private DeskIssue issueOf(Issue issue) {
        return new DeskIssue(issue.externalId, "memory://" + name + "/issues/" + issue.externalId, issue.status);
    }

    private IssueChanges changesOf(Issue issue, List<DeskComment> comments) {
        return new IssueChanges(
                issue.externalId, issue.ticketId, issue.status, issue.status, issue.changedAt, comments);
    }

    private static DeskComment toDesk(StoredComment c) {
        List<DeskAttachment> files = c.files().stream()
                .map(f -> new DeskAttachment(
                        f.id(),
                        f.fileName(),
                        f.mediaType(),
                        f.content().length,
                        () -> new ByteArrayInputStream(f.content())))
                .toList();
        return new DeskComment(c.id(), c.authorName(), c.body(), c.created(), c.isPublic(), c.localCommentId(), files);
    }

    private static StoredIssue snapshot(Issue i) {
        return new StoredIssue(
                i.externalId,
                i.ticketId,
                i.subject,
                i.body,
                i.status,
                i.files,
                i.comments.stream().map(Change::value).toList());
    }
}
