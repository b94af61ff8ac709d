package org.entsupport.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.SupportSettings;
import org.entsupport.core.TextFormat;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.spi.CategoryCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Collects every violation of a request, then throws them all at once. Lengths are counted in code points
 * (an emoji is one character) the same way for every field, so every database accepts what passes here.
 * Plain text is accepted as written ({@code x < y} included); descriptions and comments may instead be HTML,
 * which is sanitised ({@link RichText}).
 */
public final class InputValidator {

    /** Longest subject, in code points. */
    public static final int MAX_SUBJECT = 255;
    /** Longest category, in code points. */
    public static final int MAX_CATEGORY = 255;
    /** Longest file name, in code points. */
    public static final int MAX_FILE_NAME = 255;
    /** Longest storage key, media type or idempotency key. */
    public static final int MAX_KEY = 255;
    /** Longest search text. */
    public static final int MAX_SEARCH = 200;

    private final List<Violation> violations = new ArrayList<>();

    /** Throws every violation collected so far, if any. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** Records a violation. */
    public void add(String field, String code, String message, Object... args) {
        violations.add(new Violation(field, code, message, List.of(args)));
    }

    /**
     * Checks a one-line plain text: not blank, at most {@code max} code points after trimming, no
     * control character. Returns the trimmed text.
     */
    public String singleLine(String field, String value, int max) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            add(field, "blank", "must not be blank");
            return trimmed;
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > max) {
            add(field, "too-long", "must have at most " + max + " characters, but has " + length, max, length);
        }
        checkCharacters(field, trimmed, false);
        return trimmed;
    }

    /**
     * Checks a multi-line plain text: not blank, at most {@code max} code points, no control character
     * but new lines and tabs. Returns it trimmed, with CRLF turned into LF.
     */
    public String multiLine(String field, String value, int max) {
        String text = value.replace("\r\n", "\n").strip();
        if (text.isEmpty()) {
            add(field, "blank", "must not be blank");
            return text;
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            add(field, "too-long", "must have at most " + max + " characters, but has " + length, max, length);
        }
        checkCharacters(field, text, true);
        return text;
    }

    private void checkCharacters(String field, String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                add(field, "invalid", "contains an unpaired surrogate at index " + i);
                return;
            }
            if (!multiLine && (c == '\n' || c == '\r')) {
                add(field, "line-break", "must fit on one line, found a line break at index " + i);
                return;
            }
            boolean allowedWhitespace = multiLine && (c == '\n' || c == '\t' || c == '\r');
            if ((Character.isISOControl(c) && !allowedWhitespace) || isBidiControl(c)) {
                add(
                        field,
                        "control-characters",
                        "must not contain control characters, found U+" + String.format("%04X", (int) c) + " at index "
                                + i);
                return;
            }
        }
    }

    /**
     * Checks a description or a comment in its format: plain text as {@link #multiLine}, HTML sanitised by
     * {@code richText} with the limit counted on its plain text (the sanitised HTML may be at most four times
     * as long). Returns the plain text and, for HTML, the sanitised HTML.
     */
    public RichText.Content content(String field, String value, TextFormat format, int max, RichText richText) {
        if (format == TextFormat.PLAIN) {
            return new RichText.Content(multiLine(field, value, max), null);
        }
        String raw = value.replace("\r\n", "\n");
        int before = violations.size();
        checkCharacters(field, raw, true);
        if (violations.size() > before) {
            return new RichText.Content("", null);
        }
        if (raw.length() > 8L * max + 1024) {
            int length = raw.codePointCount(0, raw.length());
            add(field, "too-long", "must have at most " + max + " characters, but has " + length, max, length);
            return new RichText.Content("", null);
        }
        RichText.Content content = richText.sanitise(raw);
        String plain = content.plain();
        if (plain.isEmpty()) {
            add(field, "blank", "must not be blank");
            return content;
        }
        int length = plain.codePointCount(0, plain.length());
        String html = content.html();
        int htmlLength = html == null ? 0 : html.codePointCount(0, html.length());
        if (length > max || htmlLength > 4L * max) {
            int shown = Math.max(length, htmlLength / 4);
            add(field, "too-long", "must have at most " + max + " characters, but has " + shown, max, shown);
        }
        return content;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }

    /** Checks the school: the actor must be a member (or a platform admin). */
    public void school(Actor actor, String school) {
        if (school.isBlank()) {
            add("school", "required", "is required");
        } else if (!actor.mayFileFor(school)) {
            add(
                    "school",
                    "unknown-school",
                    "'" + abbreviate(school) + "' is not one of the schools of user " + actor.userId());
        }
    }

    /** Checks the category against the catalogue. */
    public String category(CategoryCatalog catalog, Actor actor, String category) {
        String trimmed = category.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (trimmed.isEmpty()) {
            add("category", "required", "is required");
        } else if (length > MAX_CATEGORY) {
            // whatever the host's catalogue accepts, the store holds 255 characters (code points)
            add(
                    "category",
                    "too-long",
                    "must have at most " + MAX_CATEGORY + " characters, but has " + length,
                    MAX_CATEGORY,
                    length);
        } else if (!catalog.accepts(actor, trimmed)) {
            add("category", "unknown-category", "'" + abbreviate(trimmed) + "' is not in the category catalogue");
        }
        return trimmed;
    }

    /** Checks references to the host's documents: how many, and that each id is 1..255 printable characters. */
    public List<NewAttachment> attachments(List<NewAttachment> attachments, SupportSettings settings) {
        List<NewAttachment> checked = new ArrayList<>();
        if (attachments.size() > settings.maxAttachments()) {
            add(
                    "attachments",
                    "too-many",
                    "at most " + settings.maxAttachments() + " attachments, but got " + attachments.size(),
                    settings.maxAttachments(),
                    attachments.size());
            return checked;
        }
        for (int i = 0; i < attachments.size(); i++) {
            String id = attachments.get(i).documentId();
            if (id.isBlank()
                    || id.codePointCount(0, id.length()) > MAX_KEY
                    || id.codePoints().anyMatch(cp -> Character.isISOControl(cp) || isBidiControl(cp))) {
                add("attachments", "invalid", "attachment " + i + " has an invalid document id");
            } else {
                checked.add(attachments.get(i));
            }
        }
        return checked;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    }

    /** Checks an optional idempotency key: 1..255 printable characters without spaces. */
    public void idempotencyKey(@Nullable String key) {
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            add("idempotencyKey", "invalid", "must be 1.." + MAX_KEY + " printable ASCII characters without spaces");
        }
    }

    /**
     * The distinct ids of a bulk operation, in the order given.
     *
     * @throws org.entsupport.core.ValidationException when none or more than {@link SupportSettings#maxBulkSize()}
     */
    public static Set<Long> bulkIds(Collection<Long> ticketIds, SupportSettings settings) {
        Objects.requireNonNull(ticketIds, "ticketIds");
        Set<Long> ids = new LinkedHashSet<>(ticketIds);
        InputValidator v = new InputValidator();
        if (ids.isEmpty()) {
            v.add("ids", "required", "at least one ticket id is required");
        } else if (ids.size() > settings.maxBulkSize()) {
            v.add(
                    "ids",
                    "too-many",
                    "at most " + settings.maxBulkSize() + " tickets, but got " + ids.size(),
                    settings.maxBulkSize(),
                    ids.size());
        }
        v.throwIfAny();
        return ids;
    }

    static String abbreviate(String s) {
        String printable = s.codePoints()
                .map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
