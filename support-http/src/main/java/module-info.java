/**
 * The HTTP API of Aide &amp; Support, independent of any web framework: a host's router hands an
 * {@link org.entsupport.http.ApiRequest} to {@link org.entsupport.http.SupportHttp#handle} and writes the
 * {@link org.entsupport.http.ApiResponse} back. Start with {@link org.entsupport.http.SupportHttp}.
 *
 * <p>support-jdbc is optional: only {@link org.entsupport.http.jdbc.NewsFeedSource}, the adapter of its
 * news feed, needs it.
 */
module org.entsupport.http {
    requires transitive org.entsupport.core;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    requires static org.entsupport.jdbc;
    requires static org.jspecify;

    exports org.entsupport.http;
    exports org.entsupport.http.jdbc;

    // Jackson reads and writes the JSON views by reflection.
    opens org.entsupport.http.internal to
            com.fasterxml.jackson.databind;
}
