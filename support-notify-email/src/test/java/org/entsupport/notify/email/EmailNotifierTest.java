package org.entsupport.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.entsupport.core.spi.Directory;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Instant NOW = Instant.parse("2025-03-14T09:27:00Z");

    private static EmailNotifier.Builder notifier() {
        return EmailNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .security(SmtpSecurity.NONE)
                .from("Aide et support <no-reply@ent.example>")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static MimeMessage messageTo(String address) throws Exception {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
                                .getAddress()
                                .equals(address);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message to " + address));
    }

    @Test
    void sendsOneMultipartMessagePerRecipientInTheirLanguage() throws Exception {
        notifier().build().deliver(Fixtures.notification().build());

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage m : received) {
            assertThat(m.getRecipients(Message.RecipientType.TO))
                    .as("To of each message")
                    .hasSize(1);
            assertThat(m.getRecipients(Message.RecipientType.CC)).isNull();
            assertThat(m.getHeader("X-Entsupport-Notification-Id")).containsExactly(Fixtures.ID.toString());
            assertThat(m.getHeader("X-Entsupport-Notification-Type")).containsExactly("ticket-created");
            assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(m.getHeader("X-Auto-Response-Suppress")).containsExactly("All");
            assertThat(m.getMessageID()).matches("<" + Fixtures.ID + "\\.[0-9a-f]{16}@ent\\.example>");
            assertThat(m.getFrom())
                    .extracting(Object::toString)
                    .containsExactly("Aide et support <no-reply@ent.example>");
            assertThat(m.getSentDate()).isEqualTo(Date.from(NOW));
            assertThat(m.getContentType()).startsWith("multipart/alternative");
        }

        MimeMessage french = messageTo("dominique@example.org");
        assertThat(french.getSubject())
                .isEqualTo("[Aide et support] Nouvelle demande n°42 : Impossible de publier <vite>");
        assertThat(((InternetAddress) french.getRecipients(Message.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Dominique Pétit");
        assertThat(french.getHeader("Content-Language")).containsExactly("fr");
        Multipart parts = (Multipart) french.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType())
                .startsWith("text/plain")
                .containsIgnoringCase("charset=UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains(
                        "Camille Martin a déposé une nouvelle demande pour l’établissement Collège Jean Moulin.",
                        "Objet : Impossible de publier <vite>");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("Impossible de publier &lt;vite&gt;", "<a href=\"https://ent.example/support#/ticket/42\">");

        MimeMessage english = messageTo("sam@example.org");
        assertThat(english.getSubject()).isEqualTo("[Help & support] New request #42: Impossible de publier <vite>");
        assertThat(english.getHeader("Content-Language")).containsExactly("en");
    }

    @Test
    void redeliveryCarriesTheSameMessageIds() throws Exception {
        EmailNotifier email = notifier().build();
        Notification n = Fixtures.notification().build();

        email.deliver(n);
        email.deliver(n);

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(4);
        Map<String, List<String>> idsByAddress = new java.util.TreeMap<>();
        for (MimeMessage m : received) {
            idsByAddress
                    .computeIfAbsent(
                            ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                            k -> new java.util.ArrayList<>())
                    .add(m.getMessageID());
        }
        List<String> dominique = idsByAddress.get("dominique@example.org");
        List<String> sam = idsByAddress.get("sam@example.org");
        assertThat(dominique).hasSize(2).containsOnly(dominique.get(0));
        assertThat(sam).hasSize(2).containsOnly(sam.get(0));
        assertThat(dominique.get(0))
                .startsWith("<" + Fixtures.ID + ".")
                .endsWith("@ent.example>")
                .isNotEqualTo(sam.get(0))
                .doesNotContain("u-fr");
    }

    @Test
    void asksTheDirectoryForMissingAddressesAndSkipsUnknownOnes() throws Exception {
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return Set.of();
            }

            @Override
            public Optional<String> email(String userId) {
                return userId.equals("u-dir") ? Optional.of("from.directory@example.org") : Optional.empty();
            }
        };
        Notification n = Fixtures.notification()
                .recipients(List.of(
                        Recipient.of("u-dir", "Directory User", Locale.FRENCH),
                        Recipient.of("u-none", "Nobody Knows", Locale.FRENCH),
                        Recipient.of("u-own", "Own Address", Locale.ENGLISH, "own@example.org")))
                .build();

        notifier().directory(directory).build().deliver(n);

        assertThat(GREEN_MAIL.getReceivedMessages())
                .extracting(m -> ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .containsExactlyInAnyOrder("from.directory@example.org", "own@example.org");
    }

    @Test
    void aBlankAddressFromTheDirectoryCountsAsNone() throws Exception {
        Directory directory = new Directory() {
            @Override
            public Set<String> localAdmins(String school) {
                return Set.of();
            }

            @Override
            public Optional<String> email(String userId) {
                return Optional.of("  ");
            }
        };
        Notification n = Fixtures.notification()
                .recipient(Recipient.of("u-blank", "Blank Address", Locale.FRENCH))
                .build();

        notifier().directory(directory).build().deliver(n);

        assertThat(GREEN_MAIL.getReceivedMessages())
                .extracting(m -> ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .containsExactlyInAnyOrder("dominique@example.org", "sam@example.org");
    }

    @Test
    void anInvalidAddressIsPermanentButTheOthersStillReceiveTheirMessage() throws Exception {
        Notification n = Fixtures.notification()
                .recipient(Recipient.of("u-bad", "Bad Address", Locale.FRENCH, "not an address"))
                .build();

        assertThatThrownBy(() -> notifier().build().deliver(n))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageStartingWith("E-mail of notification " + Fixtures.ID + " (ticket-created, ticket 42)"
                        + " could not reach 1 of 3 recipient(s): u-bad (invalid address: ");

        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2);
    }

    @Test
    void anUnreachableServerIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        EmailNotifier email = notifier().port(closedPort).build();

        assertThatThrownBy(() -> email.deliver(Fixtures.notification().build()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("Connecting to 127.0.0.1:" + closedPort + " (NONE) for notification "
                        + Fixtures.ID + " failed: cannot talk to the SMTP server: ");
    }

    @Test
    void nobodyWithAnAddressIsNotAFailure() throws Exception {
        Notification n = Fixtures.notification()
                .recipients(List.of(Recipient.of("u-none", "Nobody Knows", Locale.FRENCH)))
                .build();

        notifier().build().deliver(n);

        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesToDeliverWhenClosed() {
        EmailNotifier email = notifier().build();
        email.close();
        email.close();

        assertThatThrownBy(() -> email.deliver(Fixtures.notification().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(" is closed");
    }
}
