package org.entsupport.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.entsupport.core.internal.Messages;

/**
 * One bad field of a refused request.
 *
 * @param field     the field, such as {@code subject}
 * @param code      a stable code for the rule, such as {@code too-long}
 * @param message   the English explanation, with the limit and what was given
 * @param arguments the values the user message needs (limits, lengths)
 */
public record Violation(String field, String code, String message, List<Object> arguments) {

    /**
     * Checks the components and copies the arguments.
     *
     * @param field the field, such as {@code subject}
     * @param code a stable code for the rule, such as {@code too-long}
     * @param message the English explanation, with the limit and what was given
     * @param arguments the values the user message needs (limits, lengths)
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        arguments = List.copyOf(arguments);
    }

    /**
     * The explanation to show an end user, in French for a French locale and in English otherwise.
     *
     * @param locale the reader's language (French for a French locale, English otherwise)
     * @return the explanation to show an end user, in French for a French locale and in English otherwise
     */
    public String userMessage(Locale locale) {
        Object[] args = new Object[arguments.size() + 1];
        args[0] = Messages.format(locale, "field." + field);
        for (int i = 0; i < arguments.size(); i++) {
            args[i + 1] = arguments.get(i);
        }
        return Messages.format(locale, "violation." + code, args);
    }
}
