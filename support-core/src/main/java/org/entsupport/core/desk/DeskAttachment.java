package org.entsupport.core.desk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file attached on the desk's side to a {@link DeskComment}.
 *
 * @param id        the desk's id of the file, unique on that desk; store it to import a file once
 * @param fileName  the file name on the desk
 * @param mediaType the media type the desk reports ({@code application/octet-stream} when unknown);
 *                  sniff it again before trusting it
 * @param size      the size in bytes the desk reports
 * @param content   downloads the file from the desk; each call opens a new download
 */
public record DeskAttachment(String id, String fileName, String mediaType, long size, ContentOpener content) {

    /**
     * Checks the components.
     *
     * @param id the desk's id of the file, unique on that desk; store it to import a file once
     * @param fileName the file name on the desk
     * @param mediaType the media type the desk reports ({@code application/octet-stream} when unknown); sniff it
     *         again before trusting it
     * @param size the size in bytes the desk reports
     * @param content downloads the file from the desk; each call opens a new download
     */
    public DeskAttachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
    }

    /**
     * Downloads the file. Shorthand for {@code content().open()}.
     *
     * @return a fresh stream that the caller closes
     * @throws IOException when the desk cannot be reached or refuses; the caller may try again later
     */
    public InputStream open() throws IOException {
        return content.open();
    }
}
