package org.entsupport.core.desk;

import java.io.IOException;

/**
 * Thrown by {@link DeskAttachment#open()} when the desk will never give this file: deleted or
 * redacted on the desk, refused (malware, permissions), larger than the connector's limit, or
 * served from a host the connector does not trust. The caller stops trying and tells the readers
 * that the file is unavailable.
 *
 * <p>Any other {@link IOException} from {@code open()} is passing (desk down, timeout, 5xx, 429): try
 * again later.
 */
public class DeskFileUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the desk answered or why the file was refused, naming the desk and the file
     */
    public DeskFileUnavailableException(String message) {
        super(message);
    }
}
