package org.entsupport.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Keyset;

/**
 * Encodes a keyset position as an opaque, URL-safe cursor and reads it back. The cursor names its
 * order, so a cursor from one order cannot silently be used with another.
 */
public final class Cursors {

    private static final String VERSION = "c1";
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Cursors() {}

    /** The cursor for a position in the given order. */
    public static String encode(Keyset keyset, SortDirection direction) {
        String value = switch (keyset.sort()) {
            case MODIFIED, CREATED -> {
                Instant i = (Instant) keyset.value();
                yield i.getEpochSecond() + "." + i.getNano();
            }
            case STATUS -> Integer.toString(((TicketStatus) keyset.value()).code());
            case SUBJECT -> (String) keyset.value();
            case ID -> Long.toString((Long) keyset.value());
        };
        String raw = VERSION + "|" + keyset.sort() + "|" + direction + "|" + keyset.id() + "|" + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor made by {@link #encode} for the same order.
     *
     * @throws ValidationException when it is malformed or belongs to another order
     */
    public static Keyset decode(String cursor, TicketSort sort, SortDirection direction) {
        if (cursor.length() > 2048) {
            throw invalid("is malformed");
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 5);
            if (parts.length != 5 || !VERSION.equals(parts[0])) {
                throw invalid("is not a cursor of this library");
            }
            if (!sort.name().equals(parts[1]) || !direction.name().equals(parts[2])) {
                throw invalid("belongs to the order " + parts[1] + " " + parts[2] + ", not " + sort + " " + direction);
            }
            long id = Long.parseLong(parts[3]);
            String v = parts[4];
            Object value = switch (sort) {
                case MODIFIED, CREATED -> {
                    int dot = v.indexOf('.');
                    long nanos = Long.parseLong(v.substring(dot + 1));
                    if (nanos < 0 || nanos > 999_999_999) {
                        throw invalid("is malformed");
                    }
                    Instant at = Instant.ofEpochSecond(Long.parseLong(v.substring(0, dot)), nanos);
                    // every database keeps years 1..9999; a forged instant outside never reaches one
                    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                        throw invalid("is malformed");
                    }
                    yield at;
                }
                case STATUS -> TicketStatus.ofCode(Integer.parseInt(v));
                case SUBJECT -> {
                    if (v.length() > 4 * InputValidator.MAX_SUBJECT
                            || v.codePoints().anyMatch(cp -> cp == 0 || Character.getType(cp) == Character.SURROGATE)) {
                        throw invalid("is malformed");
                    }
                    yield v;
                }
                case ID -> Long.parseLong(v);
            };
            if (id < 0 || (value instanceof Long l && l < 0)) {
                throw invalid("is malformed");
            }
            return new Keyset(sort, value, id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException e) {
            throw invalid("is malformed");
        }
    }

    private static ValidationException invalid(String why) {
        return new ValidationException(List.of(new Violation("cursor", "invalid", "the cursor " + why, List.of())));
    }
}
