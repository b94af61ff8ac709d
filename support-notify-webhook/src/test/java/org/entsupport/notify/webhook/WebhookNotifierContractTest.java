package org.entsupport.notify.webhook;

import java.util.List;
import java.util.UUID;
import org.entsupport.notify.Notifier;
import org.entsupport.tck.NotifierContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The webhook notifier keeps the notifier contract, against a real HTTP server on loopback. */
class WebhookNotifierContractTest extends NotifierContract {

    private Receiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Override
    protected Notifier createNotifier() {
        return WebhookNotifier.builder()
                .url(receiver.url("/hook"))
                .secret("contract-secret-0123456789")
                .build();
    }

    @Override
    protected List<UUID> deliveredIds() {
        return receiver.requests.stream()
                .filter(r -> WebhookNotifier.verify(
                        "contract-secret-0123456789",
                        r.header(WebhookNotifier.TIMESTAMP_HEADER),
                        r.body(),
                        r.header(WebhookNotifier.SIGNATURE_HEADER)))
                .map(r -> UUID.fromString(r.header(WebhookNotifier.DELIVERY_HEADER)))
                .toList();
    }
}
