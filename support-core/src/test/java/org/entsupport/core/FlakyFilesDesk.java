package org.entsupport.core;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.desk.StatusForwarded;
import org.entsupport.core.desk.SupportDesk;
import org.jspecify.annotations.Nullable;

/** An in-memory desk whose file downloads fail on demand: a few times, or for good. */
final class FlakyFilesDesk implements SupportDesk {

    private final SupportDesk delegate;
    final Map<String, Integer> failures;
    final Map<String, Boolean> neverGiven;
    final Map<String, AtomicInteger> downloads;

    FlakyFilesDesk(SupportDesk delegate) {
        this(delegate, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private FlakyFilesDesk(
            SupportDesk delegate,
            Map<String, Integer> failures,
            Map<String, Boolean> neverGiven,
            Map<String, AtomicInteger> downloads) {
        this.delegate = delegate;
        this.failures = failures;
        this.neverGiven = neverGiven;
        this.downloads = downloads;
    }

    int downloads(String fileId) {
        return downloads.getOrDefault(fileId, new AtomicInteger()).get();
    }

    private DeskAttachment flaky(DeskAttachment a) {
        return new DeskAttachment(a.id(), a.fileName(), a.mediaType(), a.size(), () -> {
            downloads.computeIfAbsent(a.id(), k -> new AtomicInteger()).incrementAndGet();
            if (neverGiven.containsKey(a.id())) {
                throw new DeskFileUnavailableException("memory: file " + a.id() + " was deleted on the desk");
            }
            if (failures.getOrDefault(a.id(), 0) > 0) {
                failures.merge(a.id(), -1, Integer::sum);
                throw new IOException("memory: download of file " + a.id() + " timed out");
            }
            return a.open();
        });
    }

    private IssueChanges flaky(IssueChanges i) {
        List<DeskComment> comments = i.comments().stream()
                .map(c -> new DeskComment(
                        c.id(),
                        c.authorName(),
                        c.body(),
                        c.created(),
                        c.isPublic(),
                        c.localCommentId(),
                        c.attachments().stream().map(this::flaky).toList(),
                        c.isEcho()))
                .toList();
        return new IssueChanges(
                i.externalId(), i.ticketId(), i.status(), i.statusLabel(), i.updatedAt(), comments, i.installation());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public DeskIssue open(EscalationRequest request, String idempotencyKey) throws DeskException {
        return delegate.open(request, idempotencyKey);
    }

    @Override
    public String forwardComment(String externalId, ForwardedComment comment, String idempotencyKey)
            throws DeskException {
        return delegate.forwardComment(externalId, comment, idempotencyKey);
    }

    @Override
    public DeskChanges changesSince(@Nullable String cursor) throws DeskException {
        DeskChanges c = delegate.changesSince(cursor);
        return new DeskChanges(c.issues().stream().map(this::flaky).toList(), c.nextCursor(), c.gone());
    }

    @Override
    public String cursorAt(Instant instant) {
        return delegate.cursorAt(instant);
    }

    @Override
    public IssueChanges changesOf(String externalId) throws DeskException {
        return flaky(delegate.changesOf(externalId));
    }

    @Override
    public List<IssueGone> goneIssues(java.util.Collection<String> externalIds) throws DeskException {
        return delegate.goneIssues(externalIds);
    }

    @Override
    public Optional<StatusForwarded> forwardStatus(String externalId, StatusChange change, String idempotencyKey)
            throws DeskException {
        return delegate.forwardStatus(externalId, change, idempotencyKey);
    }

    @Override
    public SupportDesk forInstallation(InstallationId installation) {
        return new FlakyFilesDesk(delegate.forInstallation(installation), failures, neverGiven, downloads);
    }

    @Override
    public Optional<InstallationId> installation() {
        return delegate.installation();
    }

    @Override
    public DeskStatusMapping statusMapping() {
        return delegate.statusMapping();
    }
}
