package org.entsupport.http;

import java.util.Objects;

/**
 * One application a request may be about, as the filing form lists it.
 *
 * @param id    the value stored on the ticket, such as {@code /blog}
 * @param label its name in the reader's language
 */
public record Category(String id, String label) {

    /**
     * Checks the components.
     *
     * @param id the id
     * @param label the label
     */
    public Category {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
