package org.entsupport.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A refusal decided by the HTTP layer itself (a route that does not exist, a body too large, malformed
 * JSON): rendered as problem+json like the library's exceptions.
 */
public final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One bad field, parameter or header. */
    public record FieldError(String field, String code, Object[] arguments) {}

    private final int status;
    private final String type;
    private final @Nullable String detailKey;
    private final transient Object[] arguments;
    private final transient List<FieldError> errors;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    private HttpProblem(
            int status, String type, @Nullable String detailKey, Object[] arguments, List<FieldError> errors) {
        super(type + " (" + status + ")", null, false, false);
        this.status = status;
        this.type = type;
        this.detailKey = detailKey;
        this.arguments = arguments.clone();
        this.errors = List.copyOf(errors);
    }

    /** A problem of {@code type} with a detail from {@code detail.<detailKey>}. */
    public static HttpProblem of(int status, String type, String detailKey, Object... arguments) {
        return new HttpProblem(status, type, detailKey, arguments, List.of());
    }

    /** A 400 validation problem on one field, with the text {@code violation.<code>}. */
    public static HttpProblem field(String field, String code, Object... arguments) {
        List<FieldError> errors = new ArrayList<>();
        errors.add(new FieldError(field, code, arguments));
        return new HttpProblem(400, "validation", null, new Object[0], errors);
    }

    /** Adds a response header (Allow, Retry-After). */
    public HttpProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The status. */
    public int status() {
        return status;
    }

    /** The problem type slug. */
    public String type() {
        return type;
    }

    /** The detail key, or {@code null} for validation problems (the errors say it). */
    public @Nullable String detailKey() {
        return detailKey;
    }

    /** The detail's arguments. */
    public Object[] arguments() {
        return arguments.clone();
    }

    /** The bad fields. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers. */
    public Map<String, String> headers() {
        return headers;
    }
}
