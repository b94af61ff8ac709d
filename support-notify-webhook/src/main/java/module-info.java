/**
 * The webhook notifier of Aide &amp; Support: {@link org.entsupport.notify.webhook.WebhookNotifier}
 * POSTs every notification as JSON, signed with HMAC-SHA256, through the JDK's HTTP client.
 */
module org.entsupport.notify.webhook {
    requires transitive org.entsupport.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    requires static org.jspecify;

    exports org.entsupport.notify.webhook;

    // Jackson serialises the payload records by reflection.
    opens org.entsupport.notify.webhook.internal to
            com.fasterxml.jackson.databind;
}
