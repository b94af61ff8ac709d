package org.entsupport.http;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a user's news feed, rendered for the reader.
 *
 * @param id         the entry id (for {@code POST /api/v1/feed/read})
 * @param type       the stable notification type, such as {@code ticket-commented}
 * @param ticketId   the request it is about
 * @param title      one line in the reader's language
 * @param actorName  who made the change
 * @param occurredAt when it happened
 * @param link       the request's page in the host
 * @param read       whether the reader marked it read
 */
public record FeedItem(
        long id,
        String type,
        long ticketId,
        String title,
        String actorName,
        Instant occurredAt,
        String link,
        boolean read) {

    /**
     * Checks the components.
     *
     * @param id the id
     * @param type the type
     * @param ticketId the ticket id
     * @param title the title
     * @param actorName the actor name
     * @param occurredAt the occurred at
     * @param link the link
     * @param read the read
     */
    public FeedItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(link, "link");
    }
}
