package org.entsupport.core.attachment;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.jspecify.annotations.Nullable;

/**
 * A file was refused: its type, its size, the ticket's limits or the antivirus. Nothing of the request was
 * kept: no content in the {@link AttachmentStore}, no attachment, no history, no comment or ticket.
 *
 * <p>It is a {@link ValidationException} with one violation on the field {@code attachments}, so hosts that
 * answer "400 Bad Request" for validation errors handle it already; {@link #reason()} tells the cases apart
 * (for instance "413 Payload Too Large" for {@link Reason#TOO_LARGE}). The message names the file, what was
 * wrong and the limit: {@code capture.png is 10,485,761 bytes; the limit is 10,485,760}.
 */
public class AttachmentRefusedException extends ValidationException {

    private static final long serialVersionUID = 1L;

    /** Why a file was refused. */
    public enum Reason {
        /** The file has no byte. */
        EMPTY("file-empty"),
        /** The file is over {@link AttachmentPolicy#maxFileSize()}. */
        TOO_LARGE("file-too-large"),
        /** The ticket's files would be over {@link AttachmentPolicy#maxTotalPerTicket()}. */
        TICKET_TOTAL_EXCEEDED("files-total-too-large"),
        /** The ticket would hold more than {@link AttachmentPolicy#maxFilesPerTicket()} files. */
        TOO_MANY("files-too-many"),
        /** The content is not one of {@link AttachmentPolicy#allowedTypes()}. */
        TYPE_NOT_ALLOWED("file-type-refused"),
        /** The content is shorter or longer than the size the client announced (a cut upload). */
        SIZE_MISMATCH("file-size-mismatch"),
        /** Nothing is left of the name once paths and control characters are removed. */
        NAME_INVALID("file-name-invalid"),
        /** The {@link AttachmentScanner} rejected the file. */
        REJECTED_BY_SCANNER("file-rejected"),
        /** The {@link AttachmentScanner} failed, so the file could not be checked. */
        SCAN_FAILED("file-scan-failed"),
        /** The uploaded content could not be read (the client went away, the source failed). */
        UNREADABLE("file-unreadable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /**
         * The violation code, such as {@code file-too-large}.
         *
         * @return the violation code, such as {@code file-too-large}
         */
        public String code() {
            return code;
        }
    }

    /** Why the file was refused. */
    private final Reason reason;
    /** The cleaned file name, or {@code null}. */
    private final @Nullable String fileName;
    /** The limit that was passed, or -1. */
    private final long limit;
    /** The value that passed the limit, or -1. */
    private final long actual;

    /**
     * Creates the exception; the static factories below build the usual cases with their messages.
     *
     * @param reason    why
     * @param fileName  the cleaned file name, or {@code null} when the refusal is not about one file
     * @param limit     the limit that was passed, or -1
     * @param actual    the value that passed it, or -1
     * @param message   the English explanation, naming the file, the value and the limit
     * @param arguments the arguments of the user message {@code violation.<code>} after the field name
     * @param cause     the failure behind it, if any
     */
    public AttachmentRefusedException(
            Reason reason,
            @Nullable String fileName,
            long limit,
            long actual,
            String message,
            List<Object> arguments,
            @Nullable Throwable cause) {
        super(
                List.of(new Violation(
                        "attachments", Objects.requireNonNull(reason, "reason").code(), message, arguments)),
                cause);
        this.reason = reason;
        this.fileName = fileName;
        this.limit = limit;
        this.actual = actual;
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * The file has no byte.
     *
     * @param fileName the cleaned file name
     * @return the exception, reason {@link Reason#EMPTY}
     */
    public static AttachmentRefusedException empty(String fileName) {
        return new AttachmentRefusedException(
                Reason.EMPTY, fileName, 1, 0, fileName + " is empty (0 bytes)", List.of(fileName), null);
    }

    /**
     * The file is over the size limit.
     *
     * @param fileName the cleaned file name
     * @param size  its size, or a lower bound when {@code exact} is false
     * @param exact whether {@code size} is the whole size (else the file is "more than" it)
     * @param limit the limit that was passed, or -1
     * @return the exception, reason {@link Reason#TOO_LARGE}
     */
    public static AttachmentRefusedException tooLarge(String fileName, long size, boolean exact, long limit) {
        String message =
                fileName + " is " + (exact ? "" : "more than ") + bytes(size) + " bytes; the limit is " + bytes(limit);
        return new AttachmentRefusedException(
                Reason.TOO_LARGE, fileName, limit, size, message, List.of(fileName, size, limit, exact ? 1 : 0), null);
    }

    /**
     * The ticket's files would total more than the limit.
     *
     * @param ticketId the ticket's id
     * @param fileName the cleaned file name
     * @param total the total the ticket's files would reach, in bytes
     * @param limit the limit that was passed, or -1
     * @return the exception, reason {@link Reason#TICKET_TOTAL_EXCEEDED}
     */
    public static AttachmentRefusedException ticketTotalExceeded(
            long ticketId, String fileName, long total, long limit) {
        String where = ticketId > 0 ? "ticket " + ticketId : "the new ticket";
        String message = fileName + " would bring the attachments of " + where + " to at least " + bytes(total)
                + " bytes; the limit is " + bytes(limit) + " per ticket";
        return new AttachmentRefusedException(
                Reason.TICKET_TOTAL_EXCEEDED, fileName, limit, total, message, List.of(fileName, total, limit), null);
    }

    /**
     * The ticket would hold too many files.
     *
     * @param ticketId the ticket's id
     * @param count how many files the ticket would hold
     * @param limit the limit that was passed, or -1
     * @return the exception, reason {@link Reason#TOO_MANY}
     */
    public static AttachmentRefusedException tooMany(long ticketId, int count, int limit) {
        String where = ticketId > 0 ? "ticket " + ticketId : "the new ticket";
        String message = where + " would have " + count + " attachments; the limit is " + limit + " per ticket";
        return new AttachmentRefusedException(
                Reason.TOO_MANY, null, limit, count, message, List.of(count, limit), null);
    }

    /**
     * The content is not an accepted type.
     *
     * @param fileName the cleaned file name
     * @param found   what the content looks like, such as {@code an ELF executable} or {@code HTML}
     * @param allowed the accepted types
     * @return the exception, reason {@link Reason#TYPE_NOT_ALLOWED}
     */
    public static AttachmentRefusedException typeNotAllowed(
            String fileName, String found, java.util.Collection<FileType> allowed) {
        String list = allowed.stream().sorted().map(Enum::name).collect(java.util.stream.Collectors.joining(", "));
        String message = fileName + " is not an accepted type: its content is " + found + "; accepted: " + list;
        return new AttachmentRefusedException(
                Reason.TYPE_NOT_ALLOWED, fileName, -1, -1, message, List.of(fileName, list), null);
    }

    /**
     * The content length differs from the announced one.
     *
     * @param fileName the cleaned file name
     * @param actual the value that passed it, or -1
     * @param declared the size the client announced, in bytes
     * @return the exception, reason {@link Reason#SIZE_MISMATCH}
     */
    public static AttachmentRefusedException sizeMismatch(String fileName, long actual, long declared) {
        String message = fileName + " has " + bytes(actual) + " bytes but " + bytes(declared)
                + " were announced: the upload was cut or altered";
        return new AttachmentRefusedException(
                Reason.SIZE_MISMATCH, fileName, declared, actual, message, List.of(fileName, actual, declared), null);
    }

    /**
     * Nothing is left of the name once cleaned.
     *
     * @param index the position of the file in the request, from 0 (the message counts from 1)
     * @param given the name as the client gave it
     * @return the exception, reason {@link Reason#NAME_INVALID}
     */
    public static AttachmentRefusedException nameInvalid(int index, String given) {
        String printable = given.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .limit(60)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        String message = "file " + (index + 1) + " has no usable name ('" + printable
                + "' once paths and control characters are removed is empty)";
        return new AttachmentRefusedException(Reason.NAME_INVALID, null, -1, -1, message, List.of(index + 1), null);
    }

    /**
     * The scanner rejected the file.
     *
     * @param fileName the cleaned file name
     * @param scanner the scanner's name
     * @param why the scanner's reason, as it gave it
     * @return the exception, reason {@link Reason#REJECTED_BY_SCANNER}
     */
    public static AttachmentRefusedException rejected(String fileName, String scanner, String why) {
        String message = fileName + " was rejected by the scanner " + scanner + ": " + why;
        return new AttachmentRefusedException(
                Reason.REJECTED_BY_SCANNER, fileName, -1, -1, message, List.of(fileName, why), null);
    }

    /**
     * The scanner failed: the file could not be checked, so it is refused.
     *
     * @param fileName the cleaned file name
     * @param scanner the scanner's name
     * @param cause the failure
     * @return the exception, reason {@link Reason#SCAN_FAILED}
     */
    public static AttachmentRefusedException scanFailed(String fileName, String scanner, Throwable cause) {
        String message =
                fileName + " could not be checked by the scanner " + scanner + " (" + cause + "), so it was refused";
        return new AttachmentRefusedException(Reason.SCAN_FAILED, fileName, -1, -1, message, List.of(fileName), cause);
    }

    /**
     * The uploaded content could not be read.
     *
     * @param fileName the cleaned file name
     * @param cause the failure
     * @return the exception, reason {@link Reason#UNREADABLE}
     */
    public static AttachmentRefusedException unreadable(String fileName, Throwable cause) {
        String message = fileName + " could not be read (" + cause + ")";
        return new AttachmentRefusedException(Reason.UNREADABLE, fileName, -1, -1, message, List.of(fileName), cause);
    }

    /**
     * Why the file was refused.
     *
     * @return why the file was refused
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The cleaned name of the refused file; empty when the refusal is about the set of files.
     *
     * @return the cleaned name of the refused file; empty when the refusal is about the set of files
     */
    public java.util.Optional<String> fileName() {
        return java.util.Optional.ofNullable(fileName);
    }

    /**
     * The limit that was passed (bytes or a count), when there is one.
     *
     * @return the limit that was passed (bytes or a count), when there is one
     */
    public OptionalLong limit() {
        return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    /**
     * The value that passed it (bytes or a count), when there is one.
     *
     * @return the value that passed it (bytes or a count), when there is one
     */
    public OptionalLong actual() {
        return actual < 0 ? OptionalLong.empty() : OptionalLong.of(actual);
    }

    /**
     * The reason and the explanation, without the "Invalid request" prefix of validation errors.
     *
     * @return the reason and the explanation, without the "Invalid request" prefix of validation errors
     */
    public String detail() {
        return violations().get(0).message();
    }
}
