package org.entsupport.examples;

import java.util.Objects;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationMessages;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;

/**
 * A notifier written the way an ENT developer writes one: it posts each notification to the host's
 * own timeline, in each recipient's language, using the notification id to avoid duplicates.
 *
 * <p>Registered explicitly ({@code Support.builder().notifier(new TimelineNotifier(timeline))}) or
 * discovered through {@link java.util.ServiceLoader} ({@code Support.builder().discoverNotifiers()}),
 * thanks to {@code META-INF/services/org.entsupport.notify.Notifier}.
 */
public final class TimelineNotifier implements Notifier {

    private final HostTimeline timeline;

    /** The notifier {@link java.util.ServiceLoader} creates: it posts to {@link HostTimeline#shared()}. */
    public TimelineNotifier() {
        this(HostTimeline.shared());
    }

    /** A notifier posting to {@code timeline}. */
    public TimelineNotifier(HostTimeline timeline) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
    }

    @Override
    public String name() {
        return "ent-timeline";
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        try {
            for (Recipient r : n.recipients()) {
                String text = NotificationMessages.render(n, r.locale()).subject();
                timeline.post(new HostTimeline.Entry(r.userId(), text, n.link(), n.id().toString()));
            }
        } catch (RuntimeException e) {
            // the host's timeline being down is worth another try later
            throw DeliveryException.retryable("the ENT timeline refused notification " + n.id(), e);
        }
    }
}
