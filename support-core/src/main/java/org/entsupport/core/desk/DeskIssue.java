package org.entsupport.core.desk;

import java.util.Objects;

/**
 * The issue a desk holds for one of our tickets, as {@link SupportDesk#open} returns it.
 *
 * @param externalId the desk's id of the issue (Redmine issue id, Zendesk ticket id); the caller
 *                   stores it with the escalation and passes it back to the other methods
 * @param url        a link for people to the issue on the desk (agent view)
 * @param status     the desk's raw status when created (see {@link DeskStatusMapping})
 */
public record DeskIssue(String externalId, String url, String status) {

    /**
     * Checks the components.
     *
     * @param externalId the desk's id of the issue (Redmine issue id, Zendesk ticket id); the caller stores it with
     *         the escalation and passes it back to the other methods
     * @param url a link for people to the issue on the desk (agent view)
     * @param status the desk's raw status when created (see {@link DeskStatusMapping})
     */
    public DeskIssue {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
    }
}
