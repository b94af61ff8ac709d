package org.entsupport.notify.email.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationMessages;
import org.entsupport.notify.Recipient;
import org.entsupport.notify.RenderedMessage;

/** Builds the message of one notification for one recipient. Thread-safe. */
public final class MessageFactory {

    /** The header carrying the notification id: the same on every delivery of one notification. */
    public static final String NOTIFICATION_ID_HEADER = "X-Entsupport-Notification-Id";

    /** The header carrying the notification type code. */
    public static final String NOTIFICATION_TYPE_HEADER = "X-Entsupport-Notification-Type";

    private final Session session;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Clock clock;

    /**
     * Creates a factory.
     *
     * @param session the mail session
     * @param from    the sender
     * @param clock   gives the {@code Date} header
     */
    public MessageFactory(Session session, InternetAddress from, Clock clock) {
        this.session = session;
        this.from = from;
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.lastIndexOf('@') + 1);
        this.clock = clock;
    }

    /**
     * The message telling {@code recipient} about {@code n}.
     *
     * @param n         the notification
     * @param recipient one of its recipients
     * @param to        the recipient's parsed address
     * @param rendered  the notification rendered in the recipient's language
     * @return a message ready to send
     * @throws MessagingException when Jakarta Mail refuses a part
     */
    public MimeMessage create(Notification n, Recipient recipient, InternetAddress to, RenderedMessage rendered)
            throws MessagingException {
        InternetAddress addressee = (InternetAddress) to.clone();
        try {
            addressee.setPersonal(recipient.displayName(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        MimeMessage message = new NotificationMimeMessage(session, messageId(n, recipient));
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, addressee);
        message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader(NOTIFICATION_ID_HEADER, n.id().toString());
        message.setHeader(NOTIFICATION_TYPE_HEADER, n.type().code());
        // RFC 3834: an automatic message; asks auto-responders (vacation replies) to stay quiet.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader(
                "Content-Language",
                NotificationMessages.language(recipient.locale()).getLanguage());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.textBody(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(rendered.htmlBody(), StandardCharsets.UTF_8.name(), "html");
        // multipart/alternative lists the preferred part last.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /**
     * The {@code Message-ID} of the message for {@code recipient}: derived from the notification id
     * and a hash of the user id, so it is the same on every delivery and never reveals the user id.
     */
    String messageId(Notification n, Recipient recipient) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(recipient.userId().getBytes(StandardCharsets.UTF_8));
            return "<" + n.id() + "." + HexFormat.of().formatHex(hash, 0, 8) + "@"
                    + messageIdDomain.toLowerCase(Locale.ROOT) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
