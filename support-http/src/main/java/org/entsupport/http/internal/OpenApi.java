package org.entsupport.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3.1 document of the API, with its server URL set to the base path the host chose. */
public final class OpenApi {

    private static final String RESOURCE = "openapi.json";

    private OpenApi() {}

    /** The document as served at {@code GET {basePath}/openapi.json}. */
    public static byte[] document(String basePath) {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the jar");
            }
            ObjectNode doc = (ObjectNode) Json.mapper().readTree(in);
            doc.putArray("servers").addObject().put("url", basePath);
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
