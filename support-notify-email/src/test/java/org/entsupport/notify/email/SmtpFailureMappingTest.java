package org.entsupport.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.entsupport.notify.DeliveryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMTP replies and what the relay is told: retry or give up. */
class SmtpFailureMappingTest {

    private ScriptedSmtpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private EmailNotifier.Builder notifier() {
        return EmailNotifier.builder()
                .host("127.0.0.1")
                .port(server.port())
                .security(SmtpSecurity.NONE)
                .from("no-reply@ent.example")
                .readTimeout(Duration.ofSeconds(5));
    }

    private DeliveryException failureOf(EmailNotifier email) {
        try {
            email.deliver(Fixtures.notification().build());
        } catch (DeliveryException e) {
            return e;
        }
        throw new AssertionError("the delivery succeeded");
    }

    @Test
    void closesTheConnectionAfterTheDelivery() throws Exception {
        notifier().build().deliver(Fixtures.notification().build());

        assertThat(server.commands).filteredOn(c -> c.startsWith("RCPT")).hasSize(2);
        assertThat(server.commands).last().isEqualTo("QUIT");
    }

    @Test
    void mailPropertiesReachTheSession() throws Exception {
        notifier()
                .mailProperty("mail.smtp.localhost", "relay.ent.example")
                .build()
                .deliver(Fixtures.notification().build());

        assertThat(server.commands).first().isEqualTo("EHLO relay.ent.example");
    }

    @Test
    void aRecipientRefusedForGoodIsPermanent() {
        server.rcptReply = "550 5.1.1 User unknown";

        DeliveryException e = failureOf(notifier().build());

        assertThat(e.retryable()).isFalse();
        assertThat(e)
                .hasMessageContaining("could not reach 2 of 2 recipient(s): u-fr (Sending notification "
                        + Fixtures.ID + " (ticket-created) to user u-fr through 127.0.0.1:" + server.port()
                        + " (NONE) failed: the server refused it for good: ")
                .hasMessageContaining("550 5.1.1 User unknown");
    }

    @Test
    void aTemporaryRefusalIsRetryable() {
        server.rcptReply = "451 4.3.0 Mailbox temporarily unavailable";

        DeliveryException e = failureOf(notifier().build());

        assertThat(e.retryable()).isTrue();
        assertThat(e)
                .hasMessageContaining("failed: the server refused it for now: ")
                .hasMessageContaining("451 4.3.0 Mailbox temporarily unavailable");
    }

    @Test
    void aRefusedMessageBodyFor4xxIsRetryable() {
        server.dataReply = "452 4.3.1 Insufficient system storage";

        assertThat(failureOf(notifier().build()).retryable()).isTrue();
    }

    @Test
    void failedAuthenticationIsRetryableAndNeverShowsThePassword() {
        server.authReply = "535 5.7.8 Authentication credentials invalid";

        DeliveryException e =
                failureOf(notifier().credentials("support", "s3cr3t-P@ss").build());

        assertThat(e.retryable()).isTrue();
        assertThat(e)
                .hasMessageContaining("authentication refused (check the username and password)")
                .hasMessageNotContaining("s3cr3t-P@ss");
        assertThat(server.commands).anyMatch(c -> c.startsWith("AUTH PLAIN"));
    }

    @Test
    void aSilentServerTimesOutAndIsRetryable() {
        server.greeting = null;
        long start = System.nanoTime();

        DeliveryException e =
                failureOf(notifier().readTimeout(Duration.ofMillis(300)).build());

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageContaining("cannot talk to the SMTP server");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
