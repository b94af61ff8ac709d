package org.entsupport.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.NotificationMessages;
import org.entsupport.notify.Notifier;
import org.entsupport.notify.Recipient;
import org.entsupport.notify.RenderedMessage;
import org.entsupport.notify.email.internal.MessageFactory;
import org.entsupport.notify.email.internal.SmtpFailures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notifier that sends e-mail through SMTP: one multipart/alternative message (plain text and
 * HTML) per recipient, in the recipient's language, so recipients never see each other's addresses.
 *
 * <pre>{@code
 * EmailNotifier email = EmailNotifier.builder()
 *         .host("smtp.ent.example")
 *         .security(SmtpSecurity.STARTTLS)          // port 587 unless set
 *         .credentials("support", password)
 *         .from("Aide et support <no-reply@ent.example>")
 *         .directory(directory)                     // addresses of recipients that carry none
 *         .build();
 * }</pre>
 *
 * <p><b>Addresses.</b> A recipient's own {@link Recipient#email()} is used when present, else the
 * {@link Directory#email(String)} of the host. A recipient with neither is skipped (logged at
 * DEBUG). <b>Duplicates.</b> Every message carries the notification id in the header
 * {@value MessageFactory#NOTIFICATION_ID_HEADER}, and a {@code Message-ID} derived from the
 * notification id and the recipient, so a redelivered notification is recognisable.
 *
 * <p><b>Failures.</b> Network errors, timeouts, 4xx replies and failed authentication are
 * {@linkplain DeliveryException#retryable() retryable} and stop the delivery at once. An invalid
 * address or a 5xx refusal of one recipient does not stop the others: after trying every recipient,
 * the delivery fails {@linkplain DeliveryException#permanent(String, Throwable) permanently} naming
 * the user ids concerned. The password never appears in messages, logs or {@link #toString()}.
 *
 * <p>Thread-safe: each delivery opens its own SMTP connection.
 */
public final class EmailNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);

    private final String name;
    private final String host;
    private final int port;
    private final SmtpSecurity security;
    private final @Nullable String username;
    private final @Nullable String password;
    private final InternetAddress from;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Directory directory;
    private final Session session;
    private final MessageFactory messages;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmailNotifier(Builder b, InternetAddress from, int port) {
        this.name = b.name;
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = port;
        this.security = b.security;
        this.username = b.username;
        this.password = b.password;
        this.from = from;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.directory = b.directory;
        this.session = Session.getInstance(sessionProperties(b));
        this.messages = new MessageFactory(session, from, b.clock);
    }

    /**
     * Starts the settings of an e-mail notifier.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends one message per recipient that has an address.
     *
     * @throws DeliveryException retryable for network, timeout, 4xx and authentication failures;
     *                           permanent when some recipient's address is invalid or refused
     */
    @Override
    public void deliver(Notification notification) throws DeliveryException {
        Objects.requireNonNull(notification, "notification");
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        Map<Recipient, InternetAddress> addressed = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        int skipped = 0;
        for (Recipient r : notification.recipients()) {
            Optional<String> address = address(notification, r);
            if (address.isEmpty()) {
                skipped++;
                LOG.debug("Notification {}: no e-mail address for user {}; skipped", notification.id(), r.userId());
                continue;
            }
            try {
                InternetAddress parsed = new InternetAddress(address.get(), true);
                parsed.validate();
                addressed.put(r, parsed);
            } catch (AddressException e) {
                refused.add(r.userId() + " (invalid address: " + e.getMessage() + ")");
            }
        }
        int sent = addressed.isEmpty() ? 0 : send(notification, addressed, refused);
        LOG.debug(
                "Notification {} ({}) e-mailed to {} recipient(s); {} without address, {} refused",
                notification.id(),
                notification.type().code(),
                sent,
                skipped,
                refused.size());
        if (!refused.isEmpty()) {
            throw DeliveryException.permanent(
                    "E-mail of notification " + notification.id() + " ("
                            + notification.type().code() + ", ticket " + notification.ticketNumber()
                            + ") could not reach "
                            + refused.size() + " of "
                            + notification.recipients().size() + " recipient(s): "
                            + String.join("; ", refused),
                    null);
        }
    }

    private Optional<String> address(Notification n, Recipient r) throws DeliveryException {
        if (r.email().isPresent()) {
            return r.email();
        }
        try {
            return Objects.requireNonNull(directory.email(r.userId()), "Directory.email returned null")
                    .filter(a -> !a.isBlank());
        } catch (RuntimeException e) {
            throw DeliveryException.retryable(
                    "The directory failed to give the e-mail address of user " + r.userId() + " for notification "
                            + n.id() + ": " + e,
                    e);
        }
    }

    /** Sends to every addressed recipient; returns how many messages the server accepted. */
    private int send(Notification n, Map<Recipient, InternetAddress> addressed, List<String> refused)
            throws DeliveryException {
        int sent = 0;
        Map<Locale, RenderedMessage> rendered = new LinkedHashMap<>();
        Transport transport;
        try {
            transport = session.getTransport(security == SmtpSecurity.SSL ? "smtps" : "smtp");
            transport.connect(host, port, username, password);
        } catch (MessagingException e) {
            throw SmtpFailures.classify(e, "Connecting to " + target() + " for notification " + n.id());
        }
        try {
            for (Map.Entry<Recipient, InternetAddress> entry : addressed.entrySet()) {
                Recipient r = entry.getKey();
                RenderedMessage m = rendered.computeIfAbsent(
                        NotificationMessages.language(r.locale()),
                        language -> NotificationMessages.render(n, language));
                String what = "Sending notification " + n.id() + " (" + n.type().code() + ") to user " + r.userId()
                        + " through " + target();
                try {
                    MimeMessage message = messages.create(n, r, entry.getValue(), m);
                    transport.sendMessage(message, message.getAllRecipients());
                    sent++;
                } catch (MessagingException e) {
                    DeliveryException failure = SmtpFailures.classify(e, what);
                    if (failure.retryable()) {
                        throw failure;
                    }
                    LOG.debug("{}", failure.getMessage());
                    refused.add(r.userId() + " (" + failure.getMessage() + ")");
                }
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the connection to {} failed: {}", target(), e.toString());
            }
        }
        return sent;
    }

    /** The name given to the builder; {@code email} by default. */
    @Override
    public String name() {
        return name;
    }

    /** Marks this notifier closed; it holds no connection between deliveries. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
    }

    private String target() {
        return host + ":" + port + " (" + security + ")";
    }

    @Override
    public String toString() {
        return "EmailNotifier[name=" + name + ", server=" + target() + ", from=" + from.toUnicodeString()
                + ", username=" + (username == null ? "none" : username)
                + ", password=" + (password == null ? "none" : "****")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static Properties sessionProperties(Builder b) {
        String protocol = b.security == SmtpSecurity.SSL ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty(prefix + "connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
        p.setProperty(prefix + "timeout", Long.toString(b.readTimeout.toMillis()));
        p.setProperty(prefix + "writetimeout", Long.toString(b.readTimeout.toMillis()));
        p.setProperty(prefix + "auth", Boolean.toString(b.username != null));
        if (b.security == SmtpSecurity.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (b.security != SmtpSecurity.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        b.mailProperties.forEach(p::setProperty);
        return p;
    }

    /**
     * The settings of an {@link EmailNotifier}. {@link #build()} validates them all, with messages
     * that name the property, the limit and the value.
     *
     * <table>
     * <caption>Settings</caption>
     * <tr><th>property</th><th>default</th><th>constraint</th></tr>
     * <tr><td>host</td><td>(required)</td><td>a host name or address, no spaces</td></tr>
     * <tr><td>port</td><td>by {@link SmtpSecurity}: 25, 587, 465</td><td>1..65535</td></tr>
     * <tr><td>security</td><td>{@link SmtpSecurity#STARTTLS}</td><td></td></tr>
     * <tr><td>credentials</td><td>none</td><td>username not blank; password not empty</td></tr>
     * <tr><td>from</td><td>(required)</td><td>one RFC 5322 address, display name allowed</td></tr>
     * <tr><td>connectTimeout, readTimeout</td><td>10 s, 30 s</td><td>1 ms..5 min</td></tr>
     * <tr><td>directory</td><td>{@link Directory#empty()}</td><td></td></tr>
     * <tr><td>name</td><td>{@code email}</td><td>not blank</td></tr>
     * </table>
     */
    public static final class Builder {
        private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

        private String name = "email";
        private @Nullable String host;
        private @Nullable Integer port;
        private SmtpSecurity security = SmtpSecurity.STARTTLS;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String from;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Directory directory = Directory.empty();
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> mailProperties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The notifier's {@linkplain Notifier#name() name}; set it when a host uses two e-mail notifiers.
         *
         * @param value the notifier's {@linkplain Notifier#name() name}; set it when a host uses two e-mail
         *         notifiers
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * The SMTP server's host name or address.
         *
         * @param value the SMTP server's host name or address
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * The SMTP server's port; the {@linkplain SmtpSecurity#defaultPort() usual one} for the security mode if
         * unset.
         *
         * @param value the SMTP server's port; the {@linkplain SmtpSecurity#defaultPort() usual one} for the
         *         security mode if unset
         * @return this builder
         */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /**
         * How the connection is protected.
         *
         * @param value how the connection is protected
         * @return this builder
         */
        public Builder security(SmtpSecurity value) {
            this.security = Objects.requireNonNull(value, "security");
            return this;
        }

        /**
         * Authenticates with these credentials (SMTP AUTH); without them, no authentication.
         *
         * @param username the SMTP user name
         * @param password the SMTP password (never logged)
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The sender, such as {@code Aide et support <no-reply@ent.example>}.
         *
         * @param value the sender's address, with an optional display name
         * @return this builder
         */
        public Builder from(String value) {
            this.from = Objects.requireNonNull(value, "from");
            return this;
        }

        /**
         * How long to wait for the TCP connection.
         *
         * @param value how long to wait for the TCP connection
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for each server reply and each write.
         *
         * @param value how long to wait for each server reply and each write
         * @return this builder
         */
        public Builder readTimeout(Duration value) {
            this.readTimeout = Objects.requireNonNull(value, "readTimeout");
            return this;
        }

        /**
         * Where to find the address of a recipient that carries none.
         *
         * @param value where to find the address of a recipient that carries none
         * @return this builder
         */
        public Builder directory(Directory value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /**
         * The clock of the {@code Date} header; the system clock (UTC) by default.
         *
         * @param value the clock of the {@code Date} header; the system clock (UTC) by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * A Jakarta Mail session property, for what the builder does not cover (such as
         * {@code mail.smtp.ssl.trust}). It overrides the property the builder derives, if any.
         *
         * @param key   a key starting with {@code mail.}
         * @param value its value
         * @return this builder
         */
        public Builder mailProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!key.startsWith("mail.")) {
                throw new IllegalArgumentException("mailProperty key must start with 'mail.', but was '" + key + "'");
            }
            this.mailProperties.put(key, value);
            return this;
        }

        /**
         * Validates the settings and creates the notifier. Does not connect to the server.
         *
         * @return the notifier
         * @throws IllegalArgumentException naming the first invalid property, its limit and its value
         */
        public EmailNotifier build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
            }
            if (host == null) {
                throw new IllegalArgumentException("host is required: the SMTP server's host name");
            }
            if (host.isBlank() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException("host must be a host name without spaces, but was '" + host + "'");
            }
            int effectivePort = port == null ? security.defaultPort() : port;
            if (effectivePort < 1 || effectivePort > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, but was " + effectivePort);
            }
            if (username != null && username.isBlank()) {
                throw new IllegalArgumentException("username must not be blank, but was '" + username + "'");
            }
            if (password != null && password.isEmpty()) {
                throw new IllegalArgumentException("password must not be empty when a username is given");
            }
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("readTimeout", readTimeout);
            if (from == null) {
                throw new IllegalArgumentException(
                        "from is required: the sender address, such as 'Aide et support <no-reply@ent.example>'");
            }
            InternetAddress sender;
            try {
                InternetAddress[] parsed = InternetAddress.parse(from, true);
                if (parsed.length != 1) {
                    throw new AddressException("expected exactly one address, found " + parsed.length);
                }
                sender = parsed[0];
                sender.validate();
            } catch (AddressException e) {
                throw new IllegalArgumentException(
                        "from must be one e-mail address such as"
                                + " 'Aide et support <no-reply@ent.example>', but was '" + from + "': "
                                + e.getMessage(),
                        e);
            }
            return new EmailNotifier(this, sender, effectivePort);
        }

        private static void checkTimeout(String property, Duration value) {
            if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        property + " must be between PT0.001S and " + MAX_TIMEOUT + ", but was " + value);
            }
        }
    }
}
