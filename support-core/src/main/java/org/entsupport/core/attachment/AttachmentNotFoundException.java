package org.entsupport.core.attachment;

import org.entsupport.core.SupportException;

/**
 * The ticket is visible, but it has no attachment with this id, or the attachment's content is not in the
 * {@link AttachmentStore} (for instance a reference to a file the host keeps itself). A ticket the actor
 * may not see is reported as {@link org.entsupport.core.TicketNotFoundException} instead.
 */
public class AttachmentNotFoundException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The ticket's id. */
    private final long ticketId;
    /** The attachment's id. */
    private final long attachmentId;

    /**
     * Creates the exception.
     *
     * @param ticketId     the ticket asked for
     * @param attachmentId the attachment asked for
     * @param detail       what is missing, for the developer message
     */
    public AttachmentNotFoundException(long ticketId, long attachmentId, String detail) {
        super(
                "No attachment " + attachmentId + " on ticket " + ticketId + ": " + detail,
                "attachment.not-found",
                null,
                attachmentId,
                ticketId);
        this.ticketId = ticketId;
        this.attachmentId = attachmentId;
    }

    /**
     * The ticket asked for.
     *
     * @return the ticket asked for
     */
    public long ticketId() {
        return ticketId;
    }

    /**
     * The attachment asked for.
     *
     * @return the attachment asked for
     */
    public long attachmentId() {
        return attachmentId;
    }
}
