package org.entsupport.core.desk;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the content of a file, again and again: every call returns a fresh stream positioned at the
 * first byte, which the caller closes. A connector may open a file more than once (for instance when
 * an upload is retried).
 *
 * <p>For files we send, the host's attachment storage provides it; for files a desk holds, the
 * connector provides it and the call downloads the file from the desk (with the desk's
 * credentials, on the calling thread).
 */
@FunctionalInterface
public interface ContentOpener {

    /**
     * Opens the content.
     *
     * @return a fresh stream over the whole content; the caller closes it
     * @throws IOException when the content cannot be read (storage or desk unavailable); the caller
     *         may try again later
     */
    InputStream open() throws IOException;
}
