package org.entsupport.core;

import java.util.List;
import java.util.Objects;
import org.entsupport.core.attachment.NewFile;
import org.jspecify.annotations.Nullable;

/**
 * A request to file a ticket. Validated by {@link Support#create(Actor, NewTicket)}, which lists every
 * bad field at once.
 *
 * <p>The subject and the category are plain text. The description is plain text by default, stored as
 * written ({@code x < y}, {@code <jean@ac-paris.fr>}) and escaped wherever it is shown as HTML; a host whose
 * editor writes HTML says so with {@link Builder#descriptionHtml(String)} (or {@link TextFormat#HTML}), and
 * the HTML is sanitised (see {@link TextFormat}). Control characters (except new lines and tabs in the
 * description), bidirectional overrides and unpaired surrogates are refused.
 *
 * <pre>{@code
 * NewTicket request = NewTicket.builder()
 *         .school("school-1").category("/blog")
 *         .subject("Cannot publish").description("The publish button does nothing.")
 *         .file(NewFile.of("capture.png", upload::getInputStream, upload.getSize()))
 *         .idempotencyKey(clientRequestId)
 *         .build();
 * }</pre>
 *
 * @param school         the school the request is about; one of the actor's
 * @param category       the application concerned, accepted by the category catalogue
 * @param subject        1..255 characters after trimming, plain text on one line
 * @param description    non-blank plain text, bounded by {@link SupportSettings#maxDescriptionLength()}
 * @param attachments    files already stored by the host
 * @param idempotencyKey an optional client key: filing again with the same key returns the first ticket
 * @param files          files to upload with the request, checked by the
 *                       {@link org.entsupport.core.attachment.AttachmentPolicy} and kept in the
 *                       {@link org.entsupport.core.attachment.AttachmentStore}
 * @param descriptionFormat whether the description is plain text (the default) or HTML to sanitise
 */
public record NewTicket(
        String school,
        String category,
        String subject,
        String description,
        List<NewAttachment> attachments,
        @Nullable String idempotencyKey,
        List<NewFile> files,
        TextFormat descriptionFormat) {

    /**
     * Checks that required components are present (their content is checked by the facade).
     *
     * @param school the school the request is about; one of the actor's
     * @param category the application concerned, accepted by the category catalogue
     * @param subject 1..255 characters after trimming, plain text on one line
     * @param description non-blank plain text, bounded by {@link SupportSettings#maxDescriptionLength()}
     * @param attachments files already stored by the host
     * @param idempotencyKey an optional client key: filing again with the same key returns the first ticket
     * @param files files to upload with the request, checked by the {@link
     *         org.entsupport.core.attachment.AttachmentPolicy} and kept in the {@link
     *         org.entsupport.core.attachment.AttachmentStore}
     * @param descriptionFormat whether the description is plain text (the default) or HTML to sanitise
     */
    public NewTicket {
        Objects.requireNonNull(descriptionFormat, "descriptionFormat");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        attachments = List.copyOf(attachments);
        files = List.copyOf(files);
    }

    /**
     * A request with a plain-text description.
     *
     * @param school the school the request is about; one of the actor's
     * @param category the application concerned, accepted by the category catalogue
     * @param subject 1..255 characters after trimming, plain text on one line
     * @param description non-blank plain text, bounded by {@link SupportSettings#maxDescriptionLength()}
     * @param attachments files already stored by the host
     * @param idempotencyKey an optional client key: filing again with the same key returns the first ticket
     * @param files files to upload with the request
     */
    public NewTicket(
            String school,
            String category,
            String subject,
            String description,
            List<NewAttachment> attachments,
            @Nullable String idempotencyKey,
            List<NewFile> files) {
        this(school, category, subject, description, attachments, idempotencyKey, files, TextFormat.PLAIN);
    }

    /**
     * A request without uploaded files.
     *
     * @param school the school the request is about; one of the actor's
     * @param category the application concerned, accepted by the category catalogue
     * @param subject 1..255 characters after trimming, plain text on one line
     * @param description non-blank plain text, bounded by {@link SupportSettings#maxDescriptionLength()}
     * @param attachments files already stored by the host
     * @param idempotencyKey an optional client key: filing again with the same key returns the first ticket
     */
    public NewTicket(
            String school,
            String category,
            String subject,
            String description,
            List<NewAttachment> attachments,
            @Nullable String idempotencyKey) {
        this(school, category, subject, description, attachments, idempotencyKey, List.of());
    }

    /**
     * Starts a request.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewTicket}; unset text fields are empty and will be refused by validation. */
    public static final class Builder {
        private String school = "";
        private String category = "";
        private String subject = "";
        private String description = "";
        private TextFormat descriptionFormat = TextFormat.PLAIN;
        private final java.util.ArrayList<NewAttachment> attachments = new java.util.ArrayList<>();
        private @Nullable String idempotencyKey;
        private final java.util.ArrayList<NewFile> files = new java.util.ArrayList<>();

        private Builder() {}

        /**
         * The school.
         *
         * @param value the school
         * @return this builder
         */
        public Builder school(String value) {
            this.school = Objects.requireNonNull(value, "school");
            return this;
        }

        /**
         * The application concerned.
         *
         * @param value the application concerned
         * @return this builder
         */
        public Builder category(String value) {
            this.category = Objects.requireNonNull(value, "category");
            return this;
        }

        /**
         * The subject.
         *
         * @param value the subject
         * @return this builder
         */
        public Builder subject(String value) {
            this.subject = Objects.requireNonNull(value, "subject");
            return this;
        }

        /**
         * The description, as plain text.
         *
         * @param value the description
         * @return this builder
         */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            this.descriptionFormat = TextFormat.PLAIN;
            return this;
        }

        /**
         * The description, as HTML from a rich-text editor; it is sanitised (see {@link TextFormat#HTML}).
         *
         * @param value the description's HTML
         * @return this builder
         */
        public Builder descriptionHtml(String value) {
            this.description = Objects.requireNonNull(value, "description");
            this.descriptionFormat = TextFormat.HTML;
            return this;
        }

        /**
         * Adds an attachment reference.
         *
         * @param value an attachment reference
         * @return this builder
         */
        public Builder attachment(NewAttachment value) {
            this.attachments.add(Objects.requireNonNull(value, "attachment"));
            return this;
        }

        /**
         * Adds a file to upload with the request.
         *
         * @param value a file to upload with the request
         * @return this builder
         */
        public Builder file(NewFile value) {
            this.files.add(Objects.requireNonNull(value, "file"));
            return this;
        }

        /**
         * The client's idempotency key, or {@code null} for none.
         *
         * @param value the client's idempotency key, or {@code null} for none
         * @return this builder
         */
        public Builder idempotencyKey(@Nullable String value) {
            this.idempotencyKey = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public NewTicket build() {
            return new NewTicket(
                    school, category, subject, description, attachments, idempotencyKey, files, descriptionFormat);
        }
    }
}
