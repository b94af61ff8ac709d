package org.entsupport.core.desk;

import java.util.Objects;

/**
 * A desk call that failed because the issue is gone ({@link IssueGone}): deleted on the desk, or no
 * longer visible to the connector's account. Permanent; the caller ends the escalation (FAILED, the
 * référents told, a new hand-over allowed) rather than retrying.
 */
public class IssueGoneException extends DeskException {

    private static final long serialVersionUID = 1L;

    private final transient IssueGone gone;

    /**
     * Creates the exception.
     *
     * @param message    what failed, naming the desk and the issue
     * @param gone       the issue and why it is gone
     * @param httpStatus the desk's answer (404, 403), or 0
     */
    public IssueGoneException(String message, IssueGone gone, int httpStatus) {
        super(message, false, null, httpStatus, null);
        this.gone = Objects.requireNonNull(gone, "gone");
    }

    /**
     * The issue and why it is gone.
     *
     * @return the issue and why it is gone
     */
    public IssueGone gone() {
        return gone;
    }
}
