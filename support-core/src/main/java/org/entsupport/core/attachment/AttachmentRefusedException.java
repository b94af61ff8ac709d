package org.entsupport.core.attachment;

import java.util.List;
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
     * Creates the exception.
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
