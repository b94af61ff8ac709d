package org.entsupport.core;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A request was refused because of its content. It lists every bad field at once, and nothing was
 * written.
 */
public class ValidationException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** Every bad field. */
    private final List<Violation> violations;

    /**
     * Creates the exception for a non-empty list of violations.
     *
     * @param violations what is wrong, at least one
     */
    public ValidationException(List<Violation> violations) {
        this(violations, null);
    }

    /**
     * Creates the exception for a non-empty list of violations found because of {@code cause} (for instance
     * a scanner that failed, so a file could not be accepted).
     *
     * @param violations what is wrong, at least one
     * @param cause the failure behind it, or {@code null}
     */
    protected ValidationException(List<Violation> violations, @Nullable Throwable cause) {
        super(describe(violations), "validation.failed", cause);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    private static String describe(List<Violation> violations) {
        return "Invalid request: "
                + violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }

    /**
     * Every bad field, in the order they were checked.
     *
     * @return every bad field, in the order they were checked
     */
    public List<Violation> violations() {
        return violations;
    }

    /** The user message: one line per bad field, in the reader's language. */
    @Override
    public String userMessage(Locale locale) {
        return violations.stream().map(v -> v.userMessage(locale)).collect(Collectors.joining("\n"));
    }
}
