package org.entsupport.notify.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose {@code Message-ID} is derived from the notification instead of being made up
 * by Jakarta Mail, so a redelivered notification carries the same id and mail clients can tell it is
 * a duplicate.
 */
final class NotificationMimeMessage extends MimeMessage {

    private final String messageId;

    NotificationMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
