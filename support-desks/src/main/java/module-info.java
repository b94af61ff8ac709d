/**
 * Support-desk connectors: {@link org.entsupport.desk.redmine.RedmineDesk} and
 * {@link org.entsupport.desk.zendesk.ZendeskDesk}, implementations of
 * {@link org.entsupport.core.desk.SupportDesk} over the JDK {@code HttpClient} and Jackson.
 */
module org.entsupport.desk {
    requires transitive org.entsupport.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    exports org.entsupport.desk.redmine;
    exports org.entsupport.desk.zendesk;
}
