package org.entsupport.notify.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import org.entsupport.notify.DeliveryException;
import org.junit.jupiter.api.Test;

/** How Jakarta Mail's exceptions become retryable or permanent delivery failures, and their messages. */
class SmtpFailuresTest {

    private static final String TARGET = "Sending notification n1 to user u1 through smtp.example.org:587";

    @Test
    void replyCode500IsTheFirstPermanentOne() {
        DeliveryException e = SmtpFailures.classify(new MessagingException("500 5.5.1 Command unrecognized"), TARGET);

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(TARGET + " failed: the server refused it for good: 500 5.5.1 Command unrecognized");
        assertThat(SmtpFailures.classify(new MessagingException("499 not quite"), TARGET)
                        .retryable())
                .isTrue();
    }

    @Test
    void aRecipientTheClientFoundInvalidIsPermanent() throws Exception {
        SendFailedException invalid = new SendFailedException(
                "Invalid Addresses", null, new InternetAddress[0], new InternetAddress[0], new InternetAddress[] {
                    new InternetAddress("bad@example.org")
                });

        DeliveryException e = SmtpFailures.classify(invalid, TARGET);

        assertThat(e.retryable()).isFalse();
        assertThat(e)
                .hasMessage(TARGET + " failed: invalid address: Invalid Addresses")
                .hasCause(invalid);
    }

    @Test
    void aSendFailureWithoutInvalidAddressesIsRetryable() {
        SendFailedException noneInvalid = new SendFailedException(
                "Send failed", null, new InternetAddress[0], new InternetAddress[0], new InternetAddress[0]);
        SendFailedException unknown = new SendFailedException("Send failed");

        assertThat(SmtpFailures.classify(noneInvalid, TARGET))
                .hasMessage(TARGET + " failed: Send failed")
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(SmtpFailures.classify(unknown, TARGET))
                .hasMessage(TARGET + " failed: Send failed")
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anUnknownFailureWithoutNetworkCauseIsRetryableButNotCalledANetworkError() {
        MessagingException e = new MessagingException("Something odd", new IllegalStateException("odd state"));

        DeliveryException failure = SmtpFailures.classify(e, TARGET);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessage(TARGET + " failed: Something odd / odd state");
    }

    @Test
    void findsANetworkErrorBehindAnExceptionThatIsNotAMessagingException() {
        MessagingException e = new MessagingException(
                "Exception reading response",
                new IllegalStateException("wrapped", new SocketTimeoutException("Read timed out")));

        DeliveryException failure = SmtpFailures.classify(e, TARGET);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure)
                .hasMessage(TARGET + " failed: cannot talk to the SMTP server: Exception reading response / wrapped"
                        + " / Read timed out");
    }

    @Test
    void findsAReplyCodeBehindAnExceptionThatIsNotAMessagingException() {
        MessagingException e =
                new MessagingException("Rejected", new IllegalStateException("wrapped", new Exception("554 no")));

        assertThat(SmtpFailures.replyCode(e)).hasValue(554);
    }

    @Test
    void describesAtMostFiveExceptionsOfTheChainWithoutRepeatsOnOneLine() {
        Exception chain = new Exception("m7");
        for (int i = 6; i >= 1; i--) {
            chain = new MessagingException(i == 3 ? "m1" : "m" + i + "\r\nsecond line", chain);
        }

        DeliveryException failure = SmtpFailures.classify((MessagingException) chain, TARGET);

        assertThat(failure)
                .hasMessage(TARGET + " failed: m1 second line / m2 second line / m4 second line" + " / m5 second line");
    }

    @Test
    void aMessageRepeatedByItsCauseIsShownOnce() {
        MessagingException e = new MessagingException("Could not connect", new MessagingException("Could not connect"));

        assertThat(SmtpFailures.classify(e, TARGET)).hasMessage(TARGET + " failed: Could not connect");
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        MessagingException e = new MessagingException(null, new IllegalStateException());

        assertThat(SmtpFailures.classify(e, TARGET))
                .hasMessage(TARGET + " failed: MessagingException / IllegalStateException");
    }

    @Test
    void anExceptionThatIsItsOwnNextEndsTheChain() {
        MessagingException e = new MessagingException("Looping");
        e.setNextException(e);

        DeliveryException failure = SmtpFailures.classify(e, TARGET);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessage(TARGET + " failed: Looping");
    }
}
