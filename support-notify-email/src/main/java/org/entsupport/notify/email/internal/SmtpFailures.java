package org.entsupport.notify.email.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entsupport.notify.DeliveryException;
import org.jspecify.annotations.Nullable;

/**
 * Tells a passing SMTP failure (retry) from a lasting one (dead letter).
 *
 * <p>Retryable: network errors and timeouts, 4xx replies, failed authentication (an operator may fix
 * the credentials; the relay's attempt limit still ends it). Permanent: 5xx replies to the
 * recipient or the message, such as "550 user unknown".
 */
public final class SmtpFailures {

    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[\\s-]");
    private static final Set<Integer> AUTHENTICATION_CODES = Set.of(530, 534, 535, 538);

    private SmtpFailures() {}

    /**
     * Classifies a failure to send.
     *
     * @param e      what Jakarta Mail threw
     * @param target what was being done, for the message, such as
     *               {@code "sending notification ... to user u1 through smtp.example.org:587"}
     * @return the exception to throw from {@code deliver}
     */
    public static DeliveryException classify(MessagingException e, String target) {
        if (e instanceof AuthenticationFailedException) {
            return DeliveryException.retryable(
                    target + " failed: authentication refused (check the username and" + " password): " + describe(e),
                    e);
        }
        OptionalInt code = replyCode(e);
        if (code.isPresent()) {
            int c = code.getAsInt();
            if (AUTHENTICATION_CODES.contains(c)) {
                return DeliveryException.retryable(
                        target + " failed: authentication required or refused: " + describe(e), e);
            }
            if (c >= 500) {
                return DeliveryException.permanent(
                        target + " failed: the server refused it for good: " + describe(e), e);
            }
            return DeliveryException.retryable(target + " failed: the server refused it for now: " + describe(e), e);
        }
        if (hasIoCause(e)) {
            return DeliveryException.retryable(target + " failed: cannot talk to the SMTP server: " + describe(e), e);
        }
        if (e instanceof SendFailedException sfe
                && sfe.getInvalidAddresses() != null
                && sfe.getInvalidAddresses().length > 0) {
            return DeliveryException.permanent(target + " failed: invalid address: " + describe(e), e);
        }
        return DeliveryException.retryable(target + " failed: " + describe(e), e);
    }

    /** The first SMTP reply code found in the messages of {@code e} and the exceptions it chains. */
    static OptionalInt replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            String message = t.getMessage();
            if (message != null) {
                Matcher m = REPLY_CODE.matcher(message);
                if (m.find()) {
                    return OptionalInt.of(Integer.parseInt(m.group(1)));
                }
            }
        }
        return OptionalInt.empty();
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
            return me.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** The messages of the chain, one line, without repeats. */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = next(t), depth++) {
            String message = t.getMessage() == null
                    ? t.getClass().getSimpleName()
                    : t.getMessage().strip();
            if (out.indexOf(message) < 0) {
                if (out.length() > 0) {
                    out.append(" / ");
                }
                out.append(message.replaceAll("[\\r\\n]+", " "));
            }
        }
        return out.toString();
    }
}
