package org.entsupport.core.spi;

import java.util.Objects;
import org.entsupport.core.model.Attachment;

/**
 * An attachment with the key of its content in the attachment store, for the library's own use.
 *
 * @param attachment the attachment
 * @param storageKey where its content is kept
 */
public record StoredAttachment(Attachment attachment, String storageKey) {

    /**
     * Checks the values.
     *
     * @param attachment the attachment
     * @param storageKey where its content is kept
     */
    public StoredAttachment {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(storageKey, "storageKey");
    }
}
