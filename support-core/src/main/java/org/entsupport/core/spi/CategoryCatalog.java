package org.entsupport.core.spi;

import java.util.Optional;
import org.entsupport.core.Actor;

/**
 * The applications a user may file requests about (for an ENT, the applications the user can open).
 * Called on the caller's thread during create and update.
 */
public interface CategoryCatalog {

    /** The longest category the default catalogue accepts. */
    int MAX_LENGTH = 255;

    /**
     * Whether {@code actor} may file a request about {@code category}.
     *
     * @param actor who files the request
     * @param category the category code
     * @return whether {@code actor} may file a request about {@code category}
     */
    boolean accepts(Actor actor, String category);

    /**
     * The display name of {@code category}, if the catalogue has one.
     *
     * @param category the category code
     * @return the display name of {@code category}, if the catalogue has one
     */
    default Optional<String> label(String category) {
        return Optional.empty();
    }

    /**
     * The default catalogue: any label that is not blank, has at most 255 characters and no control
     * character.
     *
     * @return the default catalogue: any label that is not blank, has at most 255 characters and no control
     *         character
     */
    static CategoryCatalog anyLabel() {
        return (actor, category) -> !category.isBlank()
                && category.codePointCount(0, category.length()) <= MAX_LENGTH
                && category.codePoints().noneMatch(Character::isISOControl);
    }
}
