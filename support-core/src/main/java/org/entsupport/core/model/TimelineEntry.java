package org.entsupport.core.model;

import java.time.Instant;

/**
 * One line of a ticket's timeline: a comment or a history event, merged by date.
 */
public sealed interface TimelineEntry permits TimelineEntry.CommentEntry, TimelineEntry.EventEntry {

    /**
     * When it happened.
     *
     * @return when it happened
     */
    Instant at();

    /** A comment in the timeline. */
    record CommentEntry(Comment comment) implements TimelineEntry {
        @Override
        public Instant at() {
            return comment.created();
        }
    }

    /** A history event in the timeline. */
    record EventEntry(HistoryEvent event) implements TimelineEntry {
        @Override
        public Instant at() {
            return event.created();
        }
    }
}
