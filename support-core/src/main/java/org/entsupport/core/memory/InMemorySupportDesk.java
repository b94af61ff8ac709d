package org.entsupport.core.memory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.IssueChanges;
import org.entsupport.core.desk.IssueGone;
import org.entsupport.core.desk.IssueGoneException;
import org.entsupport.core.desk.OutgoingAttachment;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

// Over 400 lines on purpose: a test desk that implements the whole desk SPI and, beside it, what tests do on
// the desk's side (agents' notes, status changes, files, outages, refusals); both halves share its issues.

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
 * desk.deleteIssue("1");     // the issue is gone: IssueGoneException, DeskChanges.gone()
 * }</pre>
 *
 * <p>Statuses are {@code new, open, waiting, resolved, closed}, mapped by {@link #DEFAULT_STATUS_MAPPING};
 * {@link #forwardStatus} sets {@code resolved}, {@code closed} and {@code open} (reopened) unless
 * {@link #refuseStatusChanges} makes it keep the status, as a desk workflow may. Cursors are change
 * sequence numbers ({@code "seq:N"}) or instants from {@link #cursorAt} ({@code "at:EPOCH_MILLIS"}).
 *
 * <p>{@link #forInstallation} returns a view of the same desk for one installation: views share the
 * issues, as platforms share a desk project, and each sees only the issues its installation opened
 * (a view without installation sees those opened without one). Comments written by
 * {@link #forwardComment} and {@link #forwardStatus} are the connector's own (echoes); comments added
 * with {@link #addComment} are the agents', whatever they say. Thread-safe: every method locks the
 * shared desk.
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

    private static final Map<TicketStatus, String> OUTGOING =
            Map.of(TicketStatus.RESOLVED, RESOLVED, TicketStatus.CLOSED, CLOSED, TicketStatus.OPENED, OPEN);

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
     * @param statusChangeId our change id when it was written by {@link #forwardStatus}
     */
    public record StoredComment(
            String id,
            String authorName,
            String body,
            Instant created,
            boolean isPublic,
            @Nullable Long localCommentId,
            List<StoredFile> files,
            @Nullable Long statusChangeId) {
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
         * @param statusChangeId the status change it tells, when it is a status note
         */
        public StoredComment {
            files = List.copyOf(files);
        }

        /**
         * Whether the connector wrote it (a forwarded comment or a status note).
         *
         * @return whether the connector wrote it
         */
        public boolean byConnector() {
            return localCommentId != null || statusChangeId != null;
        }
    }

    /**
     * A snapshot of an issue held by the desk.
     *
     * @param externalId   its desk id
     * @param ticketId     our ticket id
     * @param subject      its subject
     * @param body         its first text: description, requester, school and the comments so far
     * @param status       its status
     * @param files        the files sent with {@link #open}
     * @param comments     its comments, oldest first
     * @param installation the installation that opened it, or {@code null}
     */
    public record StoredIssue(
            String externalId,
            long ticketId,
            String subject,
            String body,
            String status,
            List<StoredFile> files,
            List<StoredComment> comments,
            @Nullable InstallationId installation) {
        /**
         * Copies the lists.
         *
         * @param externalId its desk id
         * @param ticketId our ticket id
         * @param subject its subject
         * @param body its first text
         * @param status its status
         * @param files the files sent with {@link #open}
         * @param comments its comments, oldest first
         * @param installation the installation that opened it
         */
        public StoredIssue {
            files = List.copyOf(files);
            comments = List.copyOf(comments);
        }
    }

    private static final class Issue {
        final String externalId;
        final long ticketId;
        final @Nullable InstallationId installation;
        final String subject;
        final String body;
        final List<StoredFile> files;
        final List<Change<StoredComment>> comments = new ArrayList<>();
        String status = NEW;
        long changeSeq;
        Instant changedAt;
        IssueGone.@Nullable Reason gone;

        Issue(
                String externalId,
                long ticketId,
                @Nullable InstallationId installation,
                String subject,
                String body,
                List<StoredFile> files,
                long seq,
                Instant at) {
            this.externalId = externalId;
            this.ticketId = ticketId;
            this.installation = installation;
            this.subject = subject;
            this.body = body;
            this.files = files;
            this.changeSeq = seq;
            this.changedAt = at;
        }
    }

    private record Change<T>(T value, long seq, Instant at) {}

    /** The desk itself, shared by the views of every installation. */
    private static final class Shared {
        final String name;
        final Clock clock;
        final DeskStatusMapping mapping;
        final Map<String, Issue> issues = new LinkedHashMap<>();
        final Map<String, String> issueByKey = new HashMap<>();
        final Map<String, String> commentByKey = new HashMap<>();
        long seq;
        long nextIssue = 1;
        long nextComment = 1;
        long nextFile = 1;
        int failingCalls;

        @Nullable
        String refusal;

        int calls;
        boolean refuseStatusChanges;

        Shared(String name, Clock clock, DeskStatusMapping mapping) {
            this.name = name;
            this.clock = clock;
            this.mapping = mapping;
        }
    }

    private final Shared desk;
    private final @Nullable InstallationId installation;

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
        this.desk = new Shared(
                Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(mapping, "mapping"));
        this.installation = null;
    }

    private InMemorySupportDesk(Shared desk, InstallationId installation) {
        this.desk = desk;
        this.installation = installation;
    }

    @Override
    public String name() {
        return desk.name;
    }

    @Override
    public DeskStatusMapping statusMapping() {
        return desk.mapping;
    }

    /** {@inheritDoc} The view shares this desk's issues, failures and counters. */
    @Override
    public InMemorySupportDesk forInstallation(InstallationId value) {
        return new InMemorySupportDesk(desk, Objects.requireNonNull(value, "installation"));
    }

    @Override
    public Optional<InstallationId> installation() {
        return Optional.ofNullable(installation);
    }

    @Override
    public void verify() throws DeskException {
        synchronized (desk) {
            checkAvailable("verify");
        }
    }

    @Override
    public DeskIssue open(EscalationRequest request, String idempotencyKey) throws DeskException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        synchronized (desk) {
            checkAvailable("open ticket " + request.ticketId());
            String existing = desk.issueByKey.get(idempotencyKey);
            if (existing == null) {
                existing = desk.issues.values().stream()
                        .filter(i -> i.ticketId == request.ticketId() && mine(i) && i.gone == null)
                        .map(i -> i.externalId)
                        .findFirst()
                        .orElse(null);
            }
            if (existing != null) {
                desk.issueByKey.put(idempotencyKey, existing);
                return issueOf(Objects.requireNonNull(desk.issues.get(existing)));
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
            String id = Long.toString(desk.nextIssue++);
            Issue issue = new Issue(
                    id,
                    request.ticketId(),
                    installation,
                    request.subject(),
                    body.toString(),
                    List.copyOf(files),
                    ++desk.seq,
                    desk.clock.instant());
            desk.issues.put(id, issue);
            desk.issueByKey.put(idempotencyKey, id);
            return issueOf(issue);
        }
    }

    @Override
    public String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        synchronized (desk) {
            checkAvailable("forward comment " + comment.commentId() + " to issue " + externalId);
            Issue issue = require(externalId);
            String known = desk.commentByKey.get(idempotencyKey);
            if (known != null) {
                return known;
            }
            for (Change<StoredComment> c : issue.comments) {
                if (Long.valueOf(comment.commentId()).equals(c.value().localCommentId())) {
                    desk.commentByKey.put(idempotencyKey, c.value().id());
                    return c.value().id();
                }
            }
            List<StoredFile> files = new ArrayList<>();
            for (OutgoingAttachment a : comment.attachments()) {
                files.add(read(a));
            }
            String id = add(issue, comment.authorName(), comment.body(), true, comment.commentId(), null, files);
            desk.commentByKey.put(idempotencyKey, id);
            return id;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Adds a public note by the connector and sets {@code resolved}, {@code closed} or {@code open}
     * (for OPENED) unless {@link #refuseStatusChanges} is on or the issue already has it.
     */
    @Override
    public Optional<StatusForwarded> forwardStatus(String externalId, StatusChange change, String idempotencyKey)
            throws DeskException {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        synchronized (desk) {
            checkAvailable("forward status change " + change.changeId() + " to issue " + externalId);
            Issue issue = require(externalId);
            String target = OUTGOING.get(change.to());
            for (Change<StoredComment> c : issue.comments) {
                if (Long.valueOf(change.changeId()).equals(c.value().statusChangeId())) {
                    return Optional.of(new StatusForwarded(c.value().id(), issue.status, issue.status.equals(target)));
                }
            }
            String note = change.actorName() + (change.byRequester() ? " (requester)" : "")
                    + " changed the status from " + change.from() + " to " + change.to() + ".";
            String id = add(issue, desk.name + " connector", note, true, null, change.changeId(), List.of());
            if (target != null && !desk.refuseStatusChanges) {
                issue.status = target;
                touch(issue);
            }
            return Optional.of(new StatusForwarded(id, issue.status, issue.status.equals(target)));
        }
    }

    @Override
    public DeskChanges changesSince(@Nullable String cursor) throws DeskException {
        synchronized (desk) {
            checkAvailable("read changes");
            if (cursor == null) {
                return new DeskChanges(List.of(), "seq:" + desk.seq);
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
                throw DeskException.permanent(desk.name + ": not a cursor of this desk: '" + cursor + "'");
            }
            List<IssueChanges> changed = new ArrayList<>();
            List<IssueGone> gone = new ArrayList<>();
            for (Issue issue : desk.issues.values()) {
                if (!mine(issue) || !(issue.changeSeq > afterSeq || !issue.changedAt.isBefore(fromTime))) {
                    continue;
                }
                if (issue.gone == IssueGone.Reason.DELETED) {
                    gone.add(goneOf(issue));
                    continue;
                }
                if (issue.gone != null) {
                    continue; // hidden: the connector's account no longer sees it
                }
                List<DeskComment> comments = new ArrayList<>();
                for (Change<StoredComment> c : issue.comments) {
                    if (c.seq() > afterSeq || !c.at().isBefore(fromTime)) {
                        comments.add(toDesk(c.value()));
                    }
                }
                changed.add(changesOf(issue, comments));
            }
            changed.sort((a, b) -> Long.compare(
                    Objects.requireNonNull(desk.issues.get(a.externalId())).changeSeq,
                    Objects.requireNonNull(desk.issues.get(b.externalId())).changeSeq));
            return new DeskChanges(changed, "seq:" + desk.seq, gone);
        }
    }

    @Override
    public String cursorAt(Instant instant) {
        return "at:" + instant.toEpochMilli();
    }

    @Override
    public IssueChanges changesOf(String externalId) throws DeskException {
        synchronized (desk) {
            checkAvailable("read issue " + externalId);
            Issue issue = require(externalId);
            return changesOf(
                    issue, issue.comments.stream().map(c -> toDesk(c.value())).toList());
        }
    }

    @Override
    public List<IssueGone> goneIssues(Collection<String> externalIds) throws DeskException {
        synchronized (desk) {
            checkAvailable("check " + externalIds.size() + " issue(s)");
            List<IssueGone> gone = new ArrayList<>();
            for (String externalId : externalIds) {
                Issue issue = desk.issues.get(externalId);
                if (issue == null) {
                    gone.add(new IssueGone(
                            externalId, null, IssueGone.Reason.DELETED, desk.name + " has no issue " + externalId));
                } else if (issue.gone != null) {
                    gone.add(goneOf(issue));
                }
            }
            return gone;
        }
    }

    // ---- the desk's side, for tests ----

    /**
     * Adds a comment on the desk's side, as an agent would (never an echo, whatever it says).
     *
     * @param externalId the issue
     * @param authorName the agent's name
     * @param body       the text (may be empty when files come with it)
     * @param isPublic   false for a private note
     * @param files      files attached to the comment
     * @return the comment's desk id
     * @throws IllegalArgumentException when no such issue exists
     */
    public String addComment(String externalId, String authorName, String body, boolean isPublic, StoredFile... files) {
        synchronized (desk) {
            return add(existing(externalId), authorName, body, isPublic, null, null, List.of(files));
        }
    }

    /**
     * A file to pass to {@link #addComment}; its id is assigned here.
     *
     * @param fileName  the name
     * @param mediaType the media type
     * @param content   the bytes
     * @return the file
     */
    public StoredFile file(String fileName, String mediaType, byte[] content) {
        synchronized (desk) {
            return new StoredFile("f" + desk.nextFile++, fileName, mediaType, content.clone());
        }
    }

    /**
     * Changes an issue's status on the desk's side.
     *
     * @param externalId the issue
     * @param status     the new desk status
     * @throws IllegalArgumentException when no such issue exists
     */
    public void changeStatus(String externalId, String status) {
        synchronized (desk) {
            Issue issue = existing(externalId);
            issue.status = Objects.requireNonNull(status, "status");
            touch(issue);
        }
    }

    /**
     * Deletes an issue on the desk's side: every call about it then fails with
     * {@link IssueGoneException} ({@link IssueGone.Reason#DELETED}), and {@link #changesSince} reports
     * it in {@link DeskChanges#gone()}.
     *
     * @throws IllegalArgumentException when no such issue exists
     * @param externalId the desk's id of the issue
     */
    public void deleteIssue(String externalId) {
        synchronized (desk) {
            Issue issue = existing(externalId);
            issue.gone = IssueGone.Reason.DELETED;
            touch(issue);
        }
    }

    /**
     * Hides an issue from the connector's account (moved to a project it cannot see): every call about
     * it then fails with {@link IssueGoneException} ({@link IssueGone.Reason#NOT_VISIBLE}).
     *
     * @throws IllegalArgumentException when no such issue exists
     * @param externalId the desk's id of the issue
     */
    public void hideIssue(String externalId) {
        synchronized (desk) {
            existing(externalId).gone = IssueGone.Reason.NOT_VISIBLE;
        }
    }

    /**
     * Makes {@link #forwardStatus} keep the issue's status, as a desk whose workflow forbids the move.
     *
     * @param refuse whether to keep statuses from now on
     */
    public void refuseStatusChanges(boolean refuse) {
        synchronized (desk) {
            desk.refuseStatusChanges = refuse;
        }
    }

    /**
     * Makes the next {@code calls} calls fail with a retryable exception, as a desk that is down.
     *
     * @param calls how many calls fail, from the next one
     */
    public void goDown(int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be zero or more, but was " + calls);
        }
        synchronized (desk) {
            desk.failingCalls = calls;
        }
    }

    /** Makes every call fail with a retryable exception until {@link #restore()}. */
    public void goDown() {
        synchronized (desk) {
            desk.failingCalls = Integer.MAX_VALUE;
        }
    }

    /**
     * Makes every call fail with a permanent exception carrying {@code reason} until {@link #restore()}.
     *
     * @param reason the reason the desk gives
     */
    public void refuse(String reason) {
        synchronized (desk) {
            desk.refusal = Objects.requireNonNull(reason, "reason");
        }
    }

    /** Ends {@link #goDown} and {@link #refuse}. */
    public void restore() {
        synchronized (desk) {
            desk.failingCalls = 0;
            desk.refusal = null;
        }
    }

    /**
     * How many calls the SPI methods received, failed ones included.
     *
     * @return how many calls the SPI methods received
     */
    public int calls() {
        synchronized (desk) {
            return desk.calls;
        }
    }

    /**
     * A snapshot of every issue of every installation, oldest first, deleted ones excepted.
     *
     * @return every issue, oldest first
     */
    public List<StoredIssue> issues() {
        synchronized (desk) {
            return desk.issues.values().stream()
                    .filter(i -> i.gone != IssueGone.Reason.DELETED)
                    .map(InMemorySupportDesk::snapshot)
                    .toList();
        }
    }

    /**
     * A snapshot of one issue, unless it was deleted.
     *
     * @param externalId the desk's id of the issue
     * @return the issue, or empty when there is none or it was deleted
     */
    public Optional<StoredIssue> issue(String externalId) {
        synchronized (desk) {
            return Optional.ofNullable(desk.issues.get(externalId))
                    .filter(i -> i.gone != IssueGone.Reason.DELETED)
                    .map(InMemorySupportDesk::snapshot);
        }
    }

    // ---- internals (called with the desk locked) ----

    private boolean mine(Issue issue) {
        return Objects.equals(issue.installation, installation);
    }

    private void checkAvailable(String operation) throws DeskException {
        desk.calls++;
        if (desk.refusal != null) {
            throw DeskException.permanent(desk.name + " refused to " + operation + ": " + desk.refusal);
        }
        if (desk.failingCalls > 0) {
            desk.failingCalls--;
            throw DeskException.retryable(desk.name + " is down, could not " + operation, null);
        }
    }

    private Issue existing(String externalId) {
        Issue issue = desk.issues.get(externalId);
        if (issue == null || issue.gone == IssueGone.Reason.DELETED) {
            throw new IllegalArgumentException("No issue " + externalId + " on desk " + desk.name);
        }
        return issue;
    }

    private Issue require(String externalId) throws DeskException {
        Issue issue = desk.issues.get(Objects.requireNonNull(externalId, "externalId"));
        if (issue == null) {
            throw new IssueGoneException(
                    desk.name + " has no issue " + externalId,
                    new IssueGone(
                            externalId, null, IssueGone.Reason.DELETED, desk.name + " has no issue " + externalId),
                    404);
        }
        if (issue.gone != null) {
            IssueGone gone = goneOf(issue);
            throw new IssueGoneException(
                    desk.name + ": " + gone.detail(), gone, issue.gone == IssueGone.Reason.DELETED ? 404 : 403);
        }
        return issue;
    }

    private IssueGone goneOf(Issue issue) {
        IssueGone.Reason reason = Objects.requireNonNull(issue.gone);
        return new IssueGone(
                issue.externalId,
                mine(issue) ? issue.ticketId : null,
                reason,
                "issue " + issue.externalId + (reason == IssueGone.Reason.DELETED ? " was deleted" : " is hidden")
                        + " on desk " + desk.name);
    }

    private String add(
            Issue issue,
            String author,
            String body,
            boolean isPublic,
            @Nullable Long local,
            @Nullable Long statusChange,
            List<StoredFile> files) {
        String id = "c" + desk.nextComment++;
        Instant now = desk.clock.instant();
        touch(issue);
        issue.comments.add(new Change<>(
                new StoredComment(id, author, body, now, isPublic, local, files, statusChange), issue.changeSeq, now));
        return id;
    }

    private void touch(Issue issue) {
        issue.changeSeq = ++desk.seq;
        issue.changedAt = desk.clock.instant();
    }

    private StoredFile read(OutgoingAttachment a) throws DeskException {
        try (InputStream in = a.content().open()) {
            return new StoredFile("f" + desk.nextFile++, a.fileName(), a.mediaType(), in.readAllBytes());
        } catch (IOException e) {
            throw DeskException.retryable(
                    desk.name + " could not read attachment " + a.fileName() + ": " + e.getMessage(), e);
        }
    }

    private long parse(String cursor, int from) throws DeskException {
        try {
            return Long.parseLong(cursor.substring(from));
        } catch (NumberFormatException e) {
            throw DeskException.permanent(desk.name + ": not a cursor of this desk: '" + cursor + "'", e);
        }
    }

    private DeskIssue issueOf(Issue issue) {
        return new DeskIssue(issue.externalId, "memory://" + desk.name + "/issues/" + issue.externalId, issue.status);
    }

    private IssueChanges changesOf(Issue issue, List<DeskComment> comments) {
        return new IssueChanges(
                issue.externalId,
                mine(issue) ? issue.ticketId : null,
                issue.status,
                issue.status,
                issue.changedAt,
                comments,
                issue.installation);
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
        return new DeskComment(
                c.id(),
                c.authorName(),
                c.body(),
                c.created(),
                c.isPublic(),
                c.localCommentId(),
                files,
                c.byConnector());
    }

    private static StoredIssue snapshot(Issue i) {
        return new StoredIssue(
                i.externalId,
                i.ticketId,
                i.subject,
                i.body,
                i.status,
                i.files,
                i.comments.stream().map(Change::value).toList(),
                i.installation);
    }
}
