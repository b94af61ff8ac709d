package org.entsupport.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands for the host's own timeline service (in an ENT, the "timeline" every application posts to).
 * A real host would call its event bus or its REST API here.
 */
public final class HostTimeline {

    private static final HostTimeline SHARED = new HostTimeline();

    /**
     * One entry of a user's timeline.
     *
     * @param userId       who sees it
     * @param text         what they read, in their language
     * @param link         where it leads
     * @param notificationId the library's notification id (the host deduplicates on it)
     */
    public record Entry(String userId, String text, String link, String notificationId) {}

    private final List<Entry> entries = new ArrayList<>();

    /** The timeline of this process (what a {@link java.util.ServiceLoader}-created notifier posts to). */
    public static HostTimeline shared() {
        return SHARED;
    }

    /** Posts an entry, unless the same notification already reached that user (a redelivery). */
    public synchronized void post(Entry entry) {
        boolean seen = entries.stream()
                .anyMatch(e ->
                        e.userId().equals(entry.userId()) && e.notificationId().equals(entry.notificationId()));
        if (!seen) {
            entries.add(entry);
        }
    }

    /** Everything posted so far. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The distinct notification ids posted so far, in order (what the contract kit checks). */
    public synchronized List<java.util.UUID> notificationIds() {
        return entries.stream()
                .map(e -> java.util.UUID.fromString(e.notificationId()))
                .distinct()
                .toList();
    }

    /** Forgets everything (between runs). */
    public synchronized void clear() {
        entries.clear();
    }
}
