package org.entsupport.http.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.entsupport.core.Actor;
import org.entsupport.http.ApiRequest;
import org.jspecify.annotations.Nullable;

/** One request being answered: the request, who sends it, the language, the path variables. */
public final class Call {

    private final ApiRequest request;
    private final Actor actor;
    private final Locale locale;
    private final Map<String, String> variables;
    private final Limits limits;

    /** The size limits of bodies. */
    public record Limits(long maxJsonBytes, long maxUploadBytes) {}

    Call(ApiRequest request, Actor actor, Locale locale, Map<String, String> variables, Limits limits) {
        this.request = request;
        this.actor = actor;
        this.locale = locale;
        this.variables = variables;
        this.limits = limits;
    }

    /** The request. */
    public ApiRequest request() {
        return request;
    }

    /** Who sends it. */
    public Actor actor() {
        return actor;
    }

    /** The language to answer in. */
    public Locale locale() {
        return locale;
    }

    /** The limits. */
    public Limits limits() {
        return limits;
    }

    /** A numeric path variable, such as the ticket id; a non-number is a 404 (no such resource). */
    public long id(String name) {
        String v = variables.get(name);
        try {
            long n = Long.parseLong(v == null ? "" : v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw HttpProblem.of(404, "route-not-found", "route-not-found");
    }

    // ------------------------------------------------------------------ query

    /** Refuses any query parameter not in {@code allowed}, naming it. */
    public void allowOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String name : request.query().keySet()) {
            if (!ok.contains(name)) {
                throw HttpProblem.field(name, "unknown-parameter");
            }
        }
    }

    /** The single value of a parameter, or {@code null}; given twice is refused. */
    public @Nullable String param(String name) {
        List<String> values = request.query().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw HttpProblem.field(name, "repeated-parameter");
        }
        return values.get(0);
    }

    /** Every value of a parameter, comma-separated values split, blanks dropped. */
    public List<String> params(String name) {
        List<String> values = request.query().getOrDefault(name, List.of());
        return values.stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** An integer parameter within bounds, or {@code fallback} when absent. */
    public int intParam(String name, int fallback, int min, int max) {
        String v = param(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw HttpProblem.field(name, "invalid-value", v, "an integer from " + min + " to " + max);
    }

    /** An enum parameter (case-insensitive), or {@code fallback} when absent. */
    public <E extends Enum<E>> E enumParam(String name, Class<E> type, E fallback) {
        String v = param(name);
        return v == null ? fallback : enumValue(name, type, v);
    }

    /** Reads one enum value (case-insensitive), naming the parameter when it is not one. */
    public static <E extends Enum<E>> E enumValue(String name, Class<E> type, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.trim())) {
                return e;
            }
        }
        String expected = java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw HttpProblem.field(name, "invalid-value", v, expected);
    }

    // ------------------------------------------------------------------ body

    /** The request's media type, lower case, without parameters; empty when none. */
    public String mediaType() {
        String ct = request.header("Content-Type").orElse("");
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Refuses a body of another type with 415, naming the accepted ones. */
    public void requireMediaType(String... accepted) {
        String mt = mediaType();
        for (String a : accepted) {
            if (a.equals(mt)) {
                return;
            }
        }
        throw HttpProblem.of(
                415,
                "unsupported-media-type",
                "unsupported-media-type",
                String.join(", ", accepted),
                mt.isEmpty() ? "(none)" : mt);
    }

    /**
     * Opens the body with {@code limit}: an announced length over it is refused with 413 before a byte is
     * read; an unannounced one fails as soon as it passes it.
     */
    public InputStream openBody(long limit) throws IOException {
        OptionalLong length = request.contentLength();
        if (length.isPresent() && length.getAsLong() > limit) {
            throw tooLarge(limit);
        }
        return new LimitedInputStream(request.body().open(), limit);
    }

    /** The 413 problem for a body over {@code limit}. */
    public static HttpProblem tooLarge(long limit) {
        return HttpProblem.of(413, "too-large", "body-too-large", limit);
    }

    /** Reads the JSON body as {@code type}; malformed JSON, unknown fields and wrong types name the field. */
    public <T> T readJson(Class<T> type) throws IOException {
        requireMediaType("application/json", "application/merge-patch+json");
        try (InputStream in = openBody(limits.maxJsonBytes())) {
            T value = Json.mapper().readValue(in, type);
            if (value == null) {
                throw HttpProblem.field("body", "required");
            }
            return value;
        } catch (LimitedInputStream.TooLargeException e) {
            throw tooLarge(e.limit());
        } catch (UnrecognizedPropertyException e) {
            throw HttpProblem.field(path(e), "unknown-field");
        } catch (InvalidFormatException e) {
            throw HttpProblem.field(path(e), "wrong-type", e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw HttpProblem.field("body", "malformed", "expected a JSON object");
            }
            throw HttpProblem.field(
                    path(e),
                    "wrong-type",
                    e.getTargetType() == null ? "?" : e.getTargetType().getSimpleName());
        } catch (JsonParseException e) {
            throw HttpProblem.field("body", "malformed", e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw HttpProblem.field(e.getPath().isEmpty() ? "body" : path(e), "malformed", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw HttpProblem.field("body", "malformed", e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }
}
