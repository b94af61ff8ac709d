package org.entsupport.core.attachment.internal;

import java.util.List;
import java.util.Locale;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.FileType;

/** The refusals the intake raises, each with its English message naming the file, the value and the limit. */
public final class Refusals {

    private Refusals() {}

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The file has no byte. */
    public static AttachmentRefusedException empty(String fileName) {
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.EMPTY,
                fileName,
                1,
                0,
                fileName + " is empty (0 bytes)",
                List.of(fileName),
                null);
    }

    /**
     * The file is over the size limit.
     *
     * @param size  its size, or a lower bound when {@code exact} is false
     * @param exact whether {@code size} is the whole size (else the file is "more than" it)
     */
    public static AttachmentRefusedException tooLarge(String fileName, long size, boolean exact, long limit) {
        String message =
                fileName + " is " + (exact ? "" : "more than ") + bytes(size) + " bytes; the limit is " + bytes(limit);
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TOO_LARGE,
                fileName,
                limit,
                size,
                message,
                List.of(fileName, size, limit, exact ? 1 : 0),
                null);
    }

    /** The ticket's files would total more than the limit. */
    public static AttachmentRefusedException ticketTotalExceeded(
            long ticketId, String fileName, long total, long limit) {
        String where = ticketId > 0 ? "ticket " + ticketId : "the new ticket";
        String message = fileName + " would bring the attachments of " + where + " to at least " + bytes(total)
                + " bytes; the limit is " + bytes(limit) + " per ticket";
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TICKET_TOTAL_EXCEEDED,
                fileName,
                limit,
                total,
                message,
                List.of(fileName, total, limit),
                null);
    }

    /** The ticket would hold too many files. */
    public static AttachmentRefusedException tooMany(long ticketId, int count, int limit) {
        String where = ticketId > 0 ? "ticket " + ticketId : "the new ticket";
        String message = where + " would have " + count + " attachments; the limit is " + limit + " per ticket";
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TOO_MANY, null, limit, count, message, List.of(count, limit), null);
    }

    /**
     * The content is not an accepted type.
     *
     * @param found   what the content looks like, such as {@code an ELF executable} or {@code HTML}
     * @param allowed the accepted types
     */
    public static AttachmentRefusedException typeNotAllowed(
            String fileName, String found, java.util.Collection<FileType> allowed) {
        String list = allowed.stream().sorted().map(Enum::name).collect(java.util.stream.Collectors.joining(", "));
        String message = fileName + " is not an accepted type: its content is " + found + "; accepted: " + list;
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TYPE_NOT_ALLOWED,
                fileName,
                -1,
                -1,
                message,
                List.of(fileName, list),
                null);
    }

    /** The content length differs from the announced one. */
    public static AttachmentRefusedException sizeMismatch(String fileName, long actual, long declared) {
        String message = fileName + " has " + bytes(actual) + " bytes but " + bytes(declared)
                + " were announced: the upload was cut or altered";
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.SIZE_MISMATCH,
                fileName,
                declared,
                actual,
                message,
                List.of(fileName, actual, declared),
                null);
    }

    /** Nothing is left of the name once cleaned. */
    public static AttachmentRefusedException nameInvalid(int index, String given) {
        String printable = given.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .limit(60)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        String message = "file " + (index + 1) + " has no usable name ('" + printable
                + "' once paths and control characters are removed is empty)";
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.NAME_INVALID, null, -1, -1, message, List.of(index + 1), null);
    }

    /** The scanner rejected the file. */
    public static AttachmentRefusedException rejected(String fileName, String scanner, String why) {
        String message = fileName + " was rejected by the scanner " + scanner + ": " + why;
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.REJECTED_BY_SCANNER,
                fileName,
                -1,
                -1,
                message,
                List.of(fileName, why),
                null);
    }

    /** The scanner failed: the file could not be checked, so it is refused. */
    public static AttachmentRefusedException scanFailed(String fileName, String scanner, Throwable cause) {
        String message =
                fileName + " could not be checked by the scanner " + scanner + " (" + cause + "), so it was refused";
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.SCAN_FAILED, fileName, -1, -1, message, List.of(fileName), cause);
    }

    /** The uploaded content could not be read. */
    public static AttachmentRefusedException unreadable(String fileName, Throwable cause) {
        String message = fileName + " could not be read (" + cause + ")";
        return new AttachmentRefusedException(
                AttachmentRefusedException.Reason.UNREADABLE, fileName, -1, -1, message, List.of(fileName), cause);
    }
}
