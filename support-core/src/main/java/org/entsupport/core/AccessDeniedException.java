package org.entsupport.core;

/**
 * The actor may see the ticket (or the scope) but not do this operation, such as an owner trying
 * to escalate or to export. Where the actor may not see the ticket at all, the library throws
 * {@link TicketNotFoundException} instead.
 */
public class AccessDeniedException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The user id of who was refused. */
    private final String actorId;
    /** What they tried to do. */
    private final String operation;

    /**
     * Creates the exception.
     *
     * @param actorId   who tried
     * @param operation what was tried, such as {@code escalate}
     * @param detail    the English detail for developers
     */
    public AccessDeniedException(String actorId, String operation, String detail) {
        super("User " + actorId + " may not " + operation + ": " + detail, "access.denied", null, operation);
        this.actorId = actorId;
        this.operation = operation;
    }

    /**
     * Who tried.
     *
     * @return who tried
     */
    public String actorId() {
        return actorId;
    }

    /**
     * What was tried.
     *
     * @return what was tried
     */
    public String operation() {
        return operation;
    }
}
