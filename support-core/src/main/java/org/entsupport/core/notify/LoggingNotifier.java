package org.entsupport.core.notify;

import java.util.Objects;
import java.util.stream.Collectors;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notifier that writes one line per notification to SLF4J: useful during development, as an
 * audit trail, or to check that notifications flow before a real channel is configured.
 *
 * <pre>{@code
 * Notifier notifier = new LoggingNotifier();
 * // INFO org.entsupport.notify - Notification 6f1c... ticket-created for ticket n°42 (id 42)
 * //      in school 0750001A by u-owner to 2 recipient(s)
 * }</pre>
 *
 * <p>At INFO it logs the notification id, type, ticket, school, actor id and the number of
 * recipients, never the message text nor the parameters (they may hold personal data); at DEBUG it
 * adds the recipients' user ids and the parameter names. It never fails. Thread-safe.
 */
public final class LoggingNotifier implements Notifier {

    /** The name of the logger used by {@link #LoggingNotifier()}. */
    public static final String DEFAULT_LOGGER_NAME = "org.entsupport.notify";

    private final Logger logger;

    /** Logs to the logger named {@value #DEFAULT_LOGGER_NAME}. */
    public LoggingNotifier() {
        this(LoggerFactory.getLogger(DEFAULT_LOGGER_NAME));
    }

    /**
     * Logs to {@code logger}.
     *
     * @param logger where to write
     */
    public LoggingNotifier(Logger logger) {
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** Writes one INFO line for {@code notification} (and a DEBUG line with the recipients). */
    @Override
    public void deliver(Notification notification) {
        logger.info(
                "Notification {} {} for ticket n°{} (id {}) in school {} by {} to {} recipient(s)",
                notification.id(),
                notification.type().code(),
                notification.ticketNumber(),
                notification.ticketId(),
                notification.school(),
                notification.actorId(),
                notification.recipients().size());
        if (logger.isDebugEnabled()) {
            logger.debug(
                    "Notification {} recipients {}, parameters {}",
                    notification.id(),
                    notification.recipients().stream().map(r -> r.userId()).collect(Collectors.joining(", ", "[", "]")),
                    notification.parameters().keySet());
        }
    }

    /** {@code logging}. */
    @Override
    public String name() {
        return "logging";
    }

    @Override
    public String toString() {
        return "LoggingNotifier[logger=" + logger.getName() + "]";
    }
}
