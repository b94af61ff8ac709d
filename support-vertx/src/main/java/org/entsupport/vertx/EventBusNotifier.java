package org.entsupport.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationMessages;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;

/**
 * A {@link Notifier} that publishes each notification on the Vert.x event bus, the way an ENT's timeline
 * receives notifications from its applications.
 *
 * <pre>{@code
 * Support.builder()...notifier(new EventBusNotifier(vertx, "support.notifications"))...
 * vertx.eventBus().<JsonObject>consumer("support.notifications", m -> timeline.add(m.body()));
 * }</pre>
 *
 * <p>The message is a JSON object: {@code id}, {@code type} (the stable code), {@code ticketId},
 * {@code ticketNumber}, {@code school}, {@code schoolName}, {@code actorId}, {@code actorName},
 * {@code occurredAt} (ISO-8601), {@code link}, {@code parameters}, and {@code recipients}, each with its
 * {@code userId}, {@code language} and the {@code subject} rendered in that language. Publishing is
 * fire-and-forget: consumers that were not registered miss the message, as on any event bus.
 */
public final class EventBusNotifier implements Notifier {

    /** The address used when none is given. */
    public static final String DEFAULT_ADDRESS = "support.notifications";

    private final Vertx vertx;
    private final String address;

    /**
     * Publishes on {@link #DEFAULT_ADDRESS}.
     *
     * @param vertx the Vert.x instance
     */
    public EventBusNotifier(Vertx vertx) {
        this(vertx, DEFAULT_ADDRESS);
    }

    /**
     * Publishes on {@code address}.
     *
     * @param vertx the Vert.x instance
     * @param address the address
     */
    public EventBusNotifier(Vertx vertx, String address) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.address = Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
    }

    /** Returns {@code event-bus}. */
    @Override
    public String name() {
        return "event-bus";
    }

    /** Publishes the notification; a failing event bus (Vert.x closed) is retryable. */
    @Override
    public void deliver(Notification n) throws DeliveryException {
        try {
            vertx.eventBus().publish(address, toJson(n));
        } catch (RuntimeException e) {
            throw DeliveryException.retryable(
                    "event bus " + address + " refused notification " + n.id() + " ("
                            + n.type().code() + ", ticket " + n.ticketId() + "): " + e,
                    e);
        }
    }

    /**
     * The JSON message of a notification.
     *
     * @param n the notification
     * @return the JSON message of a notification
     */
    public static JsonObject toJson(Notification n) {
        JsonArray recipients = new JsonArray();
        for (Recipient r : n.recipients()) {
            Locale locale = r.locale();
            recipients.add(new JsonObject()
                    .put("userId", r.userId())
                    .put("language", locale.getLanguage())
                    .put("subject", NotificationMessages.render(n, locale).subject()));
        }
        JsonObject parameters = new JsonObject();
        n.parameters().forEach(parameters::put);
        return new JsonObject()
                .put("id", n.id().toString())
                .put("type", n.type().code())
                .put("ticketId", n.ticketId())
                .put("ticketNumber", n.ticketNumber())
                .put("school", n.school())
                .put("schoolName", n.schoolName().orElse(null))
                .put("actorId", n.actorId())
                .put("actorName", n.actorName())
                .put("occurredAt", n.occurredAt().toString())
                .put("link", n.link())
                .put("parameters", parameters)
                .put("recipients", recipients);
    }
}
