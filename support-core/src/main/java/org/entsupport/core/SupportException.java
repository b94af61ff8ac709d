package org.entsupport.core;

import java.util.Locale;
import java.util.Objects;
import org.entsupport.core.internal.Messages;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the library throws. Unchecked; each subclass is named for the
 * failure and carries its details as fields.
 *
 * <p>{@link #getMessage()} is English, for developers and logs, with the ids and states involved.
 * {@link #userMessage(Locale)} is the text to show an end user, in French or English.
 */
public class SupportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    private final String code;

    private final transient Object[] arguments;

    /**
     * Creates an exception.
     *
     * @param message   the English message for developers
     * @param code      the key of the user message, such as {@code ticket.not-found}
     * @param cause     the underlying failure, if any
     * @param arguments the arguments of the user message
     */
    protected SupportException(String message, String code, @Nullable Throwable cause, Object... arguments) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.arguments = arguments.clone();
    }

    /**
     * A stable code naming the failure, such as {@code ticket.not-found}.
     *
     * @return a stable code naming the failure, such as {@code ticket.not-found}
     */
    public String code() {
        return code;
    }

    /**
     * The message to show an end user, in French for a French locale and in English otherwise.
     *
     * @param locale the reader's locale
     * @return a sentence without technical detail
     */
    public String userMessage(Locale locale) {
        Object[] localized = arguments.clone();
        for (int i = 0; i < localized.length; i++) {
            if (localized[i] instanceof org.entsupport.core.model.TicketStatus status) {
                localized[i] = Messages.format(locale, "status." + status.name());
            }
        }
        return Messages.format(locale, code, localized);
    }
}
