package org.entsupport.core.spi;

import java.util.List;
import java.util.Map;
import org.entsupport.core.DataKind;

/**
 * What {@link LifecycleStore#purgeTicket} removed: rows per kind, and the storage keys of the attachments'
 * content, which the library then deletes from the attachment store.
 *
 * @param rows        how many rows of each kind were deleted
 * @param storageKeys the content keys of the deleted attachments
 */
public record TicketPurge(Map<DataKind, Integer> rows, List<String> storageKeys) {

    /**
     * Copies the values.
     *
     * @param rows        how many rows of each kind were deleted
     * @param storageKeys the content keys of the deleted attachments
     */
    public TicketPurge {
        rows = Map.copyOf(rows);
        storageKeys = List.copyOf(storageKeys);
    }
}
