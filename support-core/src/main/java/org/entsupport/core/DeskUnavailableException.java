package org.entsupport.core;

/**
 * The support desk could not be reached or refused a call made on an actor's behalf (a manual
 * "sync this ticket now"). Calls made by the library in the background are retried instead.
 */
public class DeskUnavailableException extends SupportException {

    private static final long serialVersionUID = 1L;

    /** The name of the desk. */
    private final String desk;
    /** Whether a later attempt may succeed. */
    private final boolean retryable;

    /**
     * Creates the exception.
     *
     * @param desk      the desk's name
     * @param ticketId  the ticket concerned
     * @param retryable whether trying again later may help
     * @param cause     the desk's failure
     */
    public DeskUnavailableException(String desk, long ticketId, boolean retryable, Throwable cause) {
        super(
                "Support desk " + desk + " failed for ticket " + ticketId + " ("
                        + (retryable ? "retryable" : "permanent") + "): " + cause.getMessage(),
                "desk.unavailable",
                cause,
                desk);
        this.desk = desk;
        this.retryable = retryable;
    }

    /**
     * The desk's name.
     *
     * @return the desk's name
     */
    public String desk() {
        return desk;
    }

    /**
     * Whether trying again later may help.
     *
     * @return whether trying again later may help
     */
    public boolean retryable() {
        return retryable;
    }
}
