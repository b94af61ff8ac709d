package org.entsupport.notify;

import java.util.Objects;

/** Argument checks shared by the value types; messages name the property and the value. */
final class Checks {

    private Checks() {}

    static String notBlank(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    static String singleLine(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must be a single line, but contained a line break: '"
                    + value.replace("\r", "\\r").replace("\n", "\\n") + "'");
        }
        return value;
    }
}
