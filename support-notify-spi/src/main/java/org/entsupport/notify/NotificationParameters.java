package org.entsupport.notify;

/**
 * The well-known keys of {@link Notification#parameters()}. Every parameter is optional; the
 * {@linkplain NotificationMessages messages} use the ones they find. Values are plain text, never
 * markup: renderers escape them for their channel.
 */
public final class NotificationParameters {

    /** The subject of the request, as its owner wrote it. */
    public static final String SUBJECT = "subject";

    /**
     * The status before the change, as the name of core's {@code TicketStatus}
     * ({@code NEW}, {@code OPENED}, {@code RESOLVED}, {@code CLOSED}, {@code WAITING}).
     */
    public static final String FROM_STATUS = "fromStatus";

    /** The status after the change, in the same form as {@link #FROM_STATUS}. */
    public static final String TO_STATUS = "toStatus";

    /** An excerpt of the comment that was added (plain text, already shortened by the library). */
    public static final String COMMENT = "comment";

    /** The name of the support desk involved, such as {@code Redmine}. */
    public static final String DESK = "desk";

    /** Why something failed, such as the support desk's refusal message. */
    public static final String REASON = "reason";

    private NotificationParameters() {}
}
