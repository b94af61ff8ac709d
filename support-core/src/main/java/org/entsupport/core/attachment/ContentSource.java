package org.entsupport.core.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the content of a file to upload. The facade calls {@link #open()} once, on the caller's thread,
 * reads the stream to its end (or until a limit is passed) and closes it.
 */
@FunctionalInterface
public interface ContentSource {

    /**
     * Opens the content.
     *
     * @return a stream from the first byte, which the facade closes
     * @throws IOException when the content cannot be read; the file is refused
     */
    InputStream open() throws IOException;
}
