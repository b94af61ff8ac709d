package org.entsupport.notify.email;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.entsupport.notify.Notifier;
import org.entsupport.tck.NotifierContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail notifier keeps the notifier contract, against GreenMail. */
class EmailNotifierContractTest extends NotifierContract {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Override
    protected Notifier createNotifier() {
        return EmailNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .security(SmtpSecurity.NONE)
                .from("no-reply@ent.example")
                .build();
    }

    @Override
    protected List<UUID> deliveredIds() throws MessagingException {
        List<UUID> ids = new ArrayList<>();
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            ids.add(UUID.fromString(m.getHeader("X-Entsupport-Notification-Id")[0]));
        }
        return ids;
    }
}
