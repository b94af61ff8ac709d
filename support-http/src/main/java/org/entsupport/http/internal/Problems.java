package org.entsupport.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.AccessDeniedException;
import org.entsupport.core.DeskUnavailableException;
import org.entsupport.core.EscalationNotAllowedException;
import org.entsupport.core.IdempotencyKeyReusedException;
import org.entsupport.core.IllegalTransitionException;
import org.entsupport.core.ReopenWindowExpiredException;
import org.entsupport.core.StoreException;
import org.entsupport.core.StoreOutcomeUnknownException;
import org.entsupport.core.StoreUnavailableException;
import org.entsupport.core.SupportException;
import org.entsupport.core.TicketNotFoundException;
import org.entsupport.core.TicketVersionConflictException;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.spi.DuplicateExternalIdException;
import org.entsupport.core.spi.DuplicateIdempotencyKeyException;
import org.entsupport.http.ApiResponse;
import org.entsupport.notify.SupportTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 9457 problem details: the one table that maps every library exception to a status and a stable
 * type, and the rendering of a problem in the reader's language. No stack trace, exception class or
 * storage key ever reaches the body.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of every problem type URI. */
    public static final String TYPE_PREFIX = "urn:entsupport:problem:";

    /** Seconds a client should wait before retrying a 503. */
    static final String RETRY_AFTER_SECONDS = "30";

    /** A row of the table: the HTTP status and the problem type of an exception class. */
    public record Mapping(int status, String type) {}

    /**
     * The table, most specific classes first: a subclass not listed takes its closest listed superclass's row.
     * {@link AttachmentRefusedException} is refined by its reason (413 for sizes, 415 for types).
     */
    public static final Map<Class<? extends SupportException>, Mapping> TABLE = table();

    private static Map<Class<? extends SupportException>, Mapping> table() {
        Map<Class<? extends SupportException>, Mapping> t = new LinkedHashMap<>();
        t.put(AttachmentRefusedException.class, new Mapping(400, "validation"));
        t.put(IdempotencyKeyReusedException.class, new Mapping(422, "idempotency-key-reused"));
        t.put(ValidationException.class, new Mapping(400, "validation"));
        t.put(TicketNotFoundException.class, new Mapping(404, "ticket-not-found"));
        t.put(AttachmentNotFoundException.class, new Mapping(404, "attachment-not-found"));
        t.put(AccessDeniedException.class, new Mapping(403, "access-denied"));
        t.put(TicketVersionConflictException.class, new Mapping(412, "version-conflict"));
        t.put(IllegalTransitionException.class, new Mapping(409, "illegal-transition"));
        t.put(EscalationNotAllowedException.class, new Mapping(409, "escalation-not-allowed"));
        t.put(ReopenWindowExpiredException.class, new Mapping(409, "reopen-window-expired"));
        t.put(DuplicateIdempotencyKeyException.class, new Mapping(409, "conflict"));
        t.put(DuplicateExternalIdException.class, new Mapping(409, "conflict"));
        t.put(StoreOutcomeUnknownException.class, new Mapping(503, "store-outcome-unknown"));
        t.put(StoreUnavailableException.class, new Mapping(503, "store-unavailable"));
        t.put(StoreException.class, new Mapping(503, "store-unavailable"));
        t.put(DeskUnavailableException.class, new Mapping(503, "desk-unavailable"));
        // a library exception of a kind this table does not know yet: a refusal, never a 500
        t.put(SupportException.class, new Mapping(400, "validation"));
        return java.util.Collections.unmodifiableMap(t);
    }

    private Problems() {}

    /** The row for an exception: its own class's, else its closest listed superclass's. */
    public static Mapping mappingOf(SupportException e) {
        if (e instanceof AttachmentRefusedException refused) {
            return switch (refused.reason()) {
                case TOO_LARGE, TICKET_TOTAL_EXCEEDED -> new Mapping(413, "too-large");
                case TYPE_NOT_ALLOWED -> new Mapping(415, "unsupported-media-type");
                default -> Objects.requireNonNull(TABLE.get(AttachmentRefusedException.class));
            };
        }
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            Mapping m = TABLE.get(c);
            if (m != null) {
                return m;
            }
        }
        throw new IllegalStateException("unreachable: SupportException is in the table");
    }

    /** The problem response for a library exception, in {@code locale}. */
    public static ApiResponse of(SupportException e, Locale locale) {
        Mapping m = mappingOf(e);
        ObjectNode body = base(m.status(), m.type(), locale);
        body.put(
                "detail",
                e instanceof ValidationException
                        ? SupportTexts.format(locale, "title.validation")
                        : e.userMessage(locale));
        body.put("code", e.code());
        if (e instanceof ValidationException v) {
            ArrayNode errors = body.putArray("errors");
            for (Violation violation : v.violations()) {
                errors.addObject()
                        .put("field", violation.field())
                        .put("code", violation.code())
                        .put("detail", violation.userMessage(locale));
            }
            if (v.violations().size() == 1) {
                body.put("detail", v.violations().get(0).userMessage(locale));
            }
        }
        if (e instanceof TicketVersionConflictException c) {
            body.put("detail", SupportTexts.format(locale, "detail.version-conflict", c.ticketId()));
        }
        ApiResponse.Builder r = response(m.status(), body);
        if (m.status() == 503) {
            r.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (m.status() >= 500) {
            LOG.warn("request failed: {}", e.getMessage());
        } else {
            LOG.debug("request refused ({}): {}", m.status(), e.getMessage());
        }
        return r.build();
    }

    /** The problem response for a refusal of the HTTP layer, in {@code locale}. */
    public static ApiResponse of(HttpProblem p, Locale locale) {
        ObjectNode body = base(p.status(), p.type(), locale);
        if (p.detailKey() != null) {
            body.put("detail", SupportTexts.format(locale, "detail." + p.detailKey(), p.arguments()));
        }
        body.put("code", "http." + p.type());
        if (!p.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (HttpProblem.FieldError f : p.errors()) {
                Object[] args = new Object[f.arguments().length + 1];
                args[0] = f.field();
                System.arraycopy(f.arguments(), 0, args, 1, f.arguments().length);
                String detail = SupportTexts.format(locale, "violation." + f.code(), args);
                errors.addObject().put("field", f.field()).put("code", f.code()).put("detail", detail);
            }
            body.put("detail", errors.get(0).get("detail").asText());
        }
        ApiResponse.Builder r = response(p.status(), body);
        p.headers().forEach(r::header);
        LOG.debug("request refused ({}): {}", p.status(), p.type());
        return r.build();
    }

    /** The 500 problem for a failure that is not the library's: logged, never shown. */
    public static ApiResponse internal(RuntimeException e, String request, Locale locale) {
        LOG.error("request {} failed", request, e);
        ObjectNode body = base(500, "internal-error", locale);
        body.put("detail", SupportTexts.format(locale, "detail.internal-error"));
        body.put("code", "http.internal-error");
        return response(500, body).build();
    }

    private static ObjectNode base(int status, String type, Locale locale) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", TYPE_PREFIX + type);
        body.put("title", SupportTexts.format(locale, "title." + type));
        body.put("status", status);
        return body;
    }

    private static ApiResponse.Builder response(int status, ObjectNode body) {
        try {
            return ApiResponse.status(status)
                    .header("Content-Type", MEDIA_TYPE)
                    .header("Cache-Control", "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(Json.mapper().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
