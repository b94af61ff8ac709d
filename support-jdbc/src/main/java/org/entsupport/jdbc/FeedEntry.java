package org.entsupport.jdbc;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationMessages;
import org.entsupport.notify.NotificationType;
import org.entsupport.notify.Recipient;
import org.entsupport.notify.RenderedMessage;

/**
 * One entry of a user's {@linkplain NewsFeed news feed}: a notification as its recipient received it,
 * with whether they have read it. Immutable.
 *
 * <p>An entry keeps the notification's type, parameters and link, never rendered text, so a host shows
 * it in the reader's current language:
 *
 * <pre>{@code
 * for (FeedEntry e : feed.list(userId, null, 20).entries()) {
 *     RenderedMessage m = e.render(userLocale);
 *     show(m.subject(), e.link(), e.read());
 * }
 * }</pre>
 *
 * @param id             the entry's id, unique in the store and growing with delivery order; pass it to
 *                       {@link NewsFeed#markRead(String, long)}
 * @param recipient      the user id of the reader this entry belongs to
 * @param notificationId the {@link Notification#id()} it was made from
 * @param type           what happened
 * @param ticketId       the id of the request
 * @param ticketNumber   the number shown to people ("n°42")
 * @param actorId        the user id of who made the change
 * @param actorName      their display name
 * @param school         the id of the request's school
 * @param schoolName     the school's display name, when the host knew it
 * @param occurredAt     when the change happened
 * @param parameters     the notification's plain-text parameters (see
 *                       {@link org.entsupport.notify.NotificationParameters}), in key order
 * @param link           the absolute address of the request's page
 * @param readAt         when the recipient marked it read; empty while unread
 */
public record FeedEntry(
        long id,
        String recipient,
        UUID notificationId,
        NotificationType type,
        long ticketId,
        String ticketNumber,
        String actorId,
        String actorName,
        String school,
        Optional<String> schoolName,
        Instant occurredAt,
        Map<String, String> parameters,
        String link,
        Optional<Instant> readAt) {

    /**
     * Checks that no component is null and copies the parameters.
     *
     * @param id the entry's id, unique in the store and growing with delivery order; pass it to {@link
     *         NewsFeed#markRead(String, long)}
     * @param recipient the user id of the reader this entry belongs to
     * @param notificationId the {@link Notification#id()} it was made from
     * @param type what happened
     * @param ticketId the id of the request
     * @param ticketNumber the number shown to people ("n°42")
     * @param actorId the user id of who made the change
     * @param actorName their display name
     * @param school the id of the request's school
     * @param schoolName the school's display name, when the host knew it
     * @param occurredAt when the change happened
     * @param parameters the notification's plain-text parameters (see {@link
     *         org.entsupport.notify.NotificationParameters}), in key order
     * @param link the absolute address of the request's page
     * @param readAt when the recipient marked it read; empty while unread
     */
    public FeedEntry {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorName, "actorName");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(schoolName, "schoolName");
        Objects.requireNonNull(occurredAt, "occurredAt");
        parameters = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(readAt, "readAt");
    }

    /**
     * Whether the recipient has marked this entry read.
     *
     * @return whether the recipient has marked this entry read
     */
    public boolean read() {
        return readAt.isPresent();
    }

    /**
     * The school's display name when known, else its id: what to show people.
     *
     * @return the school's display name when known, else its id: what to show people
     */
    public String schoolLabel() {
        return schoolName.orElse(school);
    }

    /**
     * The value of one parameter.
     *
     * @param key a key such as {@link org.entsupport.notify.NotificationParameters#SUBJECT}
     * @return its value, or empty when absent
     */
    public Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    /**
     * Renders this entry for its reader with {@link NotificationMessages}, the same texts the other
     * notifiers send: the {@link RenderedMessage#subject() subject} is the entry's one-line title, the
     * bodies its details.
     *
     * @param locale the reader's language; French locales give French, others English
     * @return the subject and the text and HTML bodies
     */
    public RenderedMessage render(Locale locale) {
        Objects.requireNonNull(locale, "locale");
        return NotificationMessages.render(toNotification(locale), locale);
    }

    /**
     * The notification this entry was made from, addressed to its reader alone (the other recipients
     * of the original are not kept).
     *
     * @param locale the reader's language, put on the only recipient
     * @return the notification, with the same {@link Notification#id()}
     */
    public Notification toNotification(Locale locale) {
        Notification.Builder b = Notification.builder()
                .id(notificationId)
                .type(type)
                .ticket(ticketId, ticketNumber)
                .actor(actorId, actorName)
                .recipient(Recipient.of(recipient, recipient, locale))
                .occurredAt(occurredAt)
                .parameters(parameters)
                .link(link);
        schoolName.ifPresentOrElse(name -> b.school(school, name), () -> b.school(school));
        return b.build();
    }
}
