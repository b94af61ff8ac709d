package org.entsupport.core.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.Actor;
import org.entsupport.core.DataKind;
import org.entsupport.core.LifecycleOperation;
import org.entsupport.core.LifecycleReport;
import org.entsupport.core.RetentionPolicy;
import org.entsupport.core.SupportException;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.attachment.AttachmentStore;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.HistoryEvent;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.LifecycleLogEntry;
import org.entsupport.core.spi.LifecycleStore;
import org.entsupport.core.spi.PersonalFeedEntry;
import org.entsupport.core.spi.Pseudonym;
import org.entsupport.core.spi.StoredAttachment;
import org.entsupport.core.spi.TicketPurge;
import org.entsupport.core.spi.TicketStore;
import org.entsupport.notify.SupportTexts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data lifecycle (GDPR) behind {@link org.entsupport.core.DataProtection}: anonymisation, export,
 * deletion, retention purge and orphan content, each in small batches of short transactions through the
 * store's {@link LifecycleStore}, each recorded in the lifecycle log with its counts only.
 */
public final class Lifecycle {

    /** The actor the housekeeping records in the log. */
    public static final String SYSTEM = "system";

    private static final Logger LOG = LoggerFactory.getLogger("org.entsupport.core.DataProtection");
    private static final List<DataKind> ANONYMISED_IN_PLACE =
            List.of(DataKind.TICKETS, DataKind.COMMENTS, DataKind.EVENTS, DataKind.FEED_ENTRIES);

    private final TicketStore store;
    private final Clock clock;
    private final @Nullable AttachmentStore files;
    private final RetentionPolicy policy;

    /**
     * @param store  the ticket store, whose {@link TicketStore#lifecycle()} does the storage side
     * @param clock  the time source
     * @param files  the attachment store, or {@code null} when the host configured none
     * @param policy the retention policy
     */
    public Lifecycle(TicketStore store, Clock clock, @Nullable AttachmentStore files, RetentionPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.files = files;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The retention policy. */
    public RetentionPolicy policy() {
        return policy;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LifecycleStore lifecycle() {
        return store.lifecycle()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "the ticket store " + store.getClass().getName()
                                        + " has no lifecycle store (TicketStore.lifecycle()): data protection is not available"));
    }

    private static void requirePlatformAdmin(Actor actor, String operation) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.platformAdmin()) {
            throw new AccessDeniedException(actor.userId(), operation, "data protection is for platform admins");
        }
    }

    private LifecycleReport record(LifecycleOperation operation, String actor, Map<DataKind, Integer> rows) {
        LifecycleReport report = new LifecycleReport(operation, rows);
        lifecycle().appendLog(new LifecycleLogEntry(operation, actor, now(), report.rows()));
        LOG.info("data protection: {} by {}: {}", operation.code(), actor, report.rows());
        return report;
    }

    // ------------------------------------------------------------------------------------------ anonymise

    /** See {@link org.entsupport.core.DataProtection#anonymise}. */
    public LifecycleReport anonymise(Actor admin, String userId) {
        requirePlatformAdmin(admin, "anonymise a user");
        Objects.requireNonNull(userId, "userId");
        LifecycleStore ls = lifecycle();
        Pseudonym p = pseudonym(ls, userId);
        int batch = policy.batchSize();
        Map<DataKind, Integer> rows = new EnumMap<>(DataKind.class);
        for (DataKind kind : ANONYMISED_IN_PLACE) {
            int n;
            do {
                n = ls.anonymise(p, kind, batch);
                rows.merge(kind, n, Integer::sum);
            } while (n >= batch);
        }
        String after = "";
        LifecycleStore.OutboxBatch ob;
        do {
            ob = ls.anonymiseOutbox(p, json -> PseudonymJson.scrub(p, json), after, batch);
            rows.merge(DataKind.OUTBOX_MESSAGES, ob.changed(), Integer::sum);
            after = ob.lastId();
        } while (ob.read() >= batch);
        List<StoredAttachment> theirs;
        do {
            theirs = ls.attachmentsBy(userId, 0, batch);
            // content first: a crash after it leaves rows that the next run deletes, never unreferenced files
            rows.merge(
                    DataKind.FILES,
                    deleteContent(
                            theirs.stream().map(StoredAttachment::storageKey).toList()),
                    Integer::sum);
            rows.merge(
                    DataKind.ATTACHMENTS,
                    ls.deleteAttachments(
                            theirs.stream().map(a -> a.attachment().id()).toList()),
                    Integer::sum);
        } while (theirs.size() >= batch);
        return record(LifecycleOperation.ANONYMISE, admin.userId(), rows);
    }

    private Pseudonym pseudonym(LifecycleStore ls, String userId) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        String secret = ls.pseudonymSecret(HexFormat.of().formatHex(candidate));
        String id;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            id = "anon-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
        String name = SupportTexts.format(policy.anonymisedLocale(), "anonymised.user");
        Set<String> names = new java.util.HashSet<>(ls.displayNames(userId));
        names.remove(name);
        return new Pseudonym(userId, names, id, name);
    }

    private int deleteContent(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        AttachmentStore f = files;
        if (f == null) {
            LOG.warn("data protection: {} attachment content(s) stay: no attachment store is configured", keys.size());
            return 0;
        }
        int deleted = 0;
        for (String key : keys) {
            try {
                if (f.delete(key)) {
                    deleted++;
                }
            } catch (IOException e) {
                // the rows go anyway: the content is then an orphan, removed by the housekeeping
                LOG.warn("data protection: could not delete attachment content {}: {}", key, e.toString());
            }
        }
        return deleted;
    }

    // ------------------------------------------------------------------------------------------ delete, purge

    /** See {@link org.entsupport.core.DataProtection#deleteTicket}. */
    public LifecycleReport deleteTicket(Actor admin, long ticketId) {
        requirePlatformAdmin(admin, "delete a ticket");
        TicketPurge purge =
                lifecycle().purgeTicket(ticketId, null).orElseThrow(() -> new TicketNotFoundException(ticketId));
        Map<DataKind, Integer> rows = new EnumMap<>(DataKind.class);
        add(rows, purge);
        return record(LifecycleOperation.DELETE_TICKET, admin.userId(), rows);
    }

    private void add(Map<DataKind, Integer> rows, TicketPurge purge) {
        purge.rows().forEach((k, v) -> rows.merge(k, v, Integer::sum));
        rows.merge(DataKind.FILES, deleteContent(purge.storageKeys()), Integer::sum);
    }

    /** See {@link org.entsupport.core.DataProtection#purgeExpired}. */
    public LifecycleReport purgeExpired(Actor admin) {
        requirePlatformAdmin(admin, "purge expired tickets");
        return purgeExpired(admin.userId())
                .orElseGet(() -> record(LifecycleOperation.RETENTION_PURGE, admin.userId(), Map.of()));
    }

    private Optional<LifecycleReport> purgeExpired(String actor) {
        Optional<java.time.Duration> retention = policy.retention();
        if (retention.isEmpty()) {
            return Optional.empty();
        }
        LifecycleStore ls = lifecycle();
        Instant cutoff = now().minus(retention.get());
        int batch = policy.batchSize();
        Map<DataKind, Integer> rows = new EnumMap<>(DataKind.class);
        List<Long> due;
        do {
            due = ls.closedBefore(cutoff, batch);
            int purged = 0;
            for (long id : due) {
                try {
                    Optional<TicketPurge> purge = ls.purgeTicket(id, cutoff);
                    if (purge.isPresent()) {
                        add(rows, purge.get());
                        purged++;
                    }
                } catch (SupportException e) {
                    LOG.warn(
                            "retention: ticket {} was skipped and will be tried on the next run: {}",
                            id,
                            e.getMessage());
                }
            }
            if (purged == 0) {
                break; // nothing moved: another node has them, or they fail; the next run tries again
            }
        } while (due.size() >= batch);
        return Optional.of(record(LifecycleOperation.RETENTION_PURGE, actor, rows));
    }

    /** See {@link org.entsupport.core.DataProtection#removeOrphanContent}. */
    public LifecycleReport removeOrphanContent(Actor admin) {
        requirePlatformAdmin(admin, "remove orphan content");
        return record(LifecycleOperation.ORPHAN_CONTENT, admin.userId(), Map.of(DataKind.FILES, orphans()));
    }

    private int orphans() {
        AttachmentStore f = files;
        if (f == null) {
            return 0;
        }
        LifecycleStore ls = lifecycle();
        Instant cutoff = now().minus(policy.orphanGracePeriod());
        int batch = policy.batchSize();
        int deleted = 0;
        String after = "";
        List<String> keys;
        do {
            try {
                keys = f.storedBefore(cutoff, after, batch);
            } catch (IOException e) {
                throw new UncheckedIOException("could not list the content of " + f, e);
            }
            if (keys.isEmpty()) {
                break;
            }
            Set<String> referenced = ls.referencedStorageKeys(keys);
            List<String> orphans =
                    keys.stream().filter(k -> !referenced.contains(k)).toList();
            deleted += deleteContent(orphans);
            after = keys.get(keys.size() - 1);
        } while (keys.size() >= batch);
        return deleted;
    }

    /**
     * One run of the housekeeping: the retention purge (when a period is set) and the orphan content. Logs
     * an operation only when it removed something.
     *
     * @return how many rows and files were removed
     */
    public int housekeeping() {
        if (store.lifecycle().isEmpty()) {
            return 0;
        }
        long removed = 0;
        Optional<LifecycleReport> purged = purgeExpired(SYSTEM);
        if (purged.isPresent()) {
            removed += purged.get().total();
        }
        int orphans = orphans();
        if (orphans > 0) {
            record(LifecycleOperation.ORPHAN_CONTENT, SYSTEM, Map.of(DataKind.FILES, orphans));
        }
        return (int) Math.min(Integer.MAX_VALUE, removed + orphans);
    }

    /** See {@link org.entsupport.core.DataProtection#log}. */
    public List<LifecycleLogEntry> log(Actor admin, int limit) {
        requirePlatformAdmin(admin, "read the data-protection log");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, but was " + limit);
        }
        return lifecycle().log(limit);
    }

    // ------------------------------------------------------------------------------------------ export

    /** See {@link org.entsupport.core.DataProtection#exportUserData}. */
    public LifecycleReport exportUserData(Actor admin, String userId, OutputStream out) {
        requirePlatformAdmin(admin, "export a user's data");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(out, "out");
        LifecycleStore ls = lifecycle();
        int batch = policy.batchSize();
        Map<DataKind, Integer> rows = new EnumMap<>(DataKind.class);
        List<StoredAttachment> attachments = new ArrayList<>();
        try {
            ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush(); // the caller owns out
                }
            });
            zip.putNextEntry(new ZipEntry("data.json"));
            JsonGenerator json = new JsonFactory()
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .createGenerator(zip, JsonEncoding.UTF8);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("userId", userId);
            json.writeStringField("exportedAt", now().toString());
            json.writeArrayFieldStart("tickets");
            long after = 0;
            List<Ticket> tickets;
            do {
                tickets = ls.ticketsOwnedBy(userId, after, batch);
                for (Ticket t : tickets) {
                    writeTicket(json, t);
                    after = t.id();
                }
                rows.merge(DataKind.TICKETS, tickets.size(), Integer::sum);
            } while (tickets.size() >= batch);
            json.writeEndArray();
            json.writeArrayFieldStart("comments");
            after = 0;
            List<Comment> comments;
            do {
                comments = ls.commentsBy(userId, after, batch);
                for (Comment c : comments) {
                    json.writeStartObject();
                    json.writeNumberField("id", c.id());
                    json.writeNumberField("ticketId", c.ticketId());
                    json.writeStringField("created", c.created().toString());
                    json.writeStringField("authorName", c.authorName());
                    json.writeStringField("body", c.body());
                    json.writeEndObject();
                    after = c.id();
                }
                rows.merge(DataKind.COMMENTS, comments.size(), Integer::sum);
            } while (comments.size() >= batch);
            json.writeEndArray();
            json.writeArrayFieldStart("events");
            after = 0;
            List<HistoryEvent> events;
            do {
                events = ls.eventsBy(userId, after, batch);
                for (HistoryEvent e : events) {
                    json.writeStartObject();
                    json.writeNumberField("id", e.id());
                    json.writeNumberField("ticketId", e.ticketId());
                    json.writeStringField("type", e.type().code());
                    json.writeStringField("created", e.created().toString());
                    writeMap(json, "parameters", e.parameters());
                    json.writeEndObject();
                    after = e.id();
                }
                rows.merge(DataKind.EVENTS, events.size(), Integer::sum);
            } while (events.size() >= batch);
            json.writeEndArray();
            json.writeArrayFieldStart("feed");
            after = 0;
            List<PersonalFeedEntry> feed;
            do {
                feed = ls.feedEntries(userId, after, batch);
                for (PersonalFeedEntry f : feed) {
                    writeFeedEntry(json, f, userId);
                    after = f.id();
                }
                rows.merge(DataKind.FEED_ENTRIES, feed.size(), Integer::sum);
            } while (feed.size() >= batch);
            json.writeEndArray();
            json.writeArrayFieldStart("attachments");
            after = 0;
            List<StoredAttachment> page;
            do {
                page = ls.attachmentsBy(userId, after, batch);
                for (StoredAttachment s : page) {
                    Attachment a = s.attachment();
                    json.writeStartObject();
                    json.writeNumberField("id", a.id());
                    json.writeNumberField("ticketId", a.ticketId());
                    if (a.commentId() != null) {
                        json.writeNumberField("commentId", a.commentId());
                    }
                    json.writeStringField("fileName", a.fileName());
                    json.writeStringField("mediaType", a.mediaType());
                    json.writeNumberField("size", a.size());
                    json.writeStringField("created", a.created().toString());
                    json.writeStringField("file", filePath(a));
                    json.writeEndObject();
                    // only ids and keys are kept until the files are written
                    attachments.add(s);
                    after = a.id();
                }
                rows.merge(DataKind.ATTACHMENTS, page.size(), Integer::sum);
            } while (page.size() >= batch);
            json.writeEndArray();
            json.writeEndObject();
            json.close();
            zip.closeEntry();
            int written = 0;
            AttachmentStore f = files;
            for (StoredAttachment s : attachments) {
                Optional<InputStream> content = f == null ? Optional.empty() : f.open(s.storageKey());
                if (content.isEmpty()) {
                    continue; // a reference to a host document, or content already gone
                }
                zip.putNextEntry(new ZipEntry(filePath(s.attachment())));
                try (InputStream in = content.get()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                written++;
            }
            rows.merge(DataKind.FILES, written, Integer::sum);
            zip.finish();
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export of a user's data", e);
        }
        return record(LifecycleOperation.EXPORT, admin.userId(), rows);
    }

    /** {@code files/<id>-<name>}, the name reduced to safe characters. */
    static String filePath(Attachment a) {
        String safe = a.fileName().replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            safe = "file" + safe;
        }
        return "files/" + a.id() + "-" + safe;
    }

    private static void writeTicket(JsonGenerator json, Ticket t) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", t.id());
        json.writeStringField("school", t.school());
        json.writeStringField("category", t.category());
        json.writeStringField("subject", t.subject());
        json.writeStringField("description", t.description());
        json.writeStringField("ownerName", t.ownerName());
        json.writeStringField("status", t.status().name());
        json.writeStringField("created", t.created().toString());
        json.writeStringField("modified", t.modified().toString());
        json.writeStringField("locale", t.locale());
        json.writeNumberField("commentCount", t.commentCount());
        json.writeNumberField("attachmentCount", t.attachmentCount());
        json.writeEndObject();
    }

    private static void writeFeedEntry(JsonGenerator json, PersonalFeedEntry f, String userId) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", f.id());
        json.writeStringField("type", f.type());
        json.writeNumberField("ticketId", f.ticketId());
        json.writeStringField("occurredAt", f.occurredAt().toString());
        json.writeBooleanField("received", f.recipient().equals(userId));
        if (f.readAt() != null) {
            json.writeStringField("readAt", f.readAt().toString());
        }
        // what another person did is theirs: only the person's own actions carry names and text
        if (f.actorId().equals(userId)) {
            json.writeStringField("actorName", f.actorName());
            writeMap(json, "parameters", f.parameters());
        }
        json.writeEndObject();
    }

    private static void writeMap(JsonGenerator json, String field, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            json.writeStringField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
