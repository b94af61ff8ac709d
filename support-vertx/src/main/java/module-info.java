/**
 * Mounts the HTTP API of Aide &amp; Support (support-http) on a Vert.x 5 {@code Router}, and publishes
 * notifications on the event bus. Start with {@link org.entsupport.vertx.SupportRouter}.
 */
module org.entsupport.vertx {
    requires transitive org.entsupport.http;
    requires transitive io.vertx.core;
    requires transitive io.vertx.web;
    requires org.slf4j;
    requires static org.jspecify;

    exports org.entsupport.vertx;
}
