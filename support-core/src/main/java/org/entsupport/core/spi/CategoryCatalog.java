package org.entsupport.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.entsupport.core.Actor;

/**
 * The applications a user may file requests about (for an ENT, the applications the user can open), each
 * with its name in French and English. Filing or editing a ticket with a category that is not in
 * {@link #categories(Actor)} for the actor is refused with a {@link org.entsupport.core.ValidationException}
 * on the field {@code category}; {@link org.entsupport.core.Support#categories} lists them for the form.
 *
 * <pre>{@code
 * CategoryCatalog catalog = CategoryCatalog.of(List.of(
 *         new Category("/blog", "Blog", "Blog"),
 *         new Category("/conversation", "Messagerie", "Mail")));
 * }</pre>
 *
 * <p>Called on the caller's thread during create, update and {@code categories}; implementations are
 * thread-safe and answer quickly (cache what comes from elsewhere).
 */
public interface CategoryCatalog {

    /** The longest category id and label. */
    int MAX_LENGTH = 255;

    /**
     * The categories {@code actor} may choose, in display order.
     *
     * @param actor who files the request
     * @return the categories {@code actor} may choose, in display order, ids unique
     */
    List<Category> categories(Actor actor);

    /**
     * Whether {@code actor} may file a request about {@code category}: by default, whether it is the id of one
     * of {@link #categories(Actor)}.
     *
     * @param actor who files the request
     * @param category the category id
     * @return whether {@code actor} may file a request about {@code category}
     */
    default boolean accepts(Actor actor, String category) {
        return categories(actor).stream().anyMatch(c -> c.id().equals(category));
    }

    /**
     * A fixed list of categories, the same for every actor.
     *
     * @param categories the categories, in display order
     * @return a catalogue of these categories
     * @throws IllegalArgumentException when two categories share an id
     */
    static CategoryCatalog of(List<Category> categories) {
        Map<String, Category> byId = new LinkedHashMap<>();
        for (Category c : categories) {
            Objects.requireNonNull(c, "category");
            if (byId.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("two categories share the id '" + c.id() + "'");
            }
        }
        List<Category> copy = List.copyOf(byId.values());
        return new CategoryCatalog() {
            @Override
            public List<Category> categories(Actor actor) {
                return copy;
            }

            @Override
            public boolean accepts(Actor actor, String category) {
                return byId.containsKey(category);
            }

            @Override
            public Optional<Category> describe(String category) {
                return Optional.ofNullable(byId.get(category));
            }
        };
    }

    /**
     * The default catalogue: the usual applications of an ENT, then "Other". A host lists its own
     * applications with {@link #of}.
     *
     * @return the default catalogue
     */
    static CategoryCatalog defaults() {
        return of(List.of(
                new Category("/auth", "Connexion et compte", "Sign-in and account"),
                new Category("/conversation", "Messagerie", "Mail"),
                new Category("/workspace", "Espace documentaire", "Workspace"),
                new Category("/blog", "Blog", "Blog"),
                new Category("/actualites", "Actualités", "News"),
                new Category("/calendar", "Agenda", "Calendar"),
                new Category("/homeworks", "Cahier de textes", "Homework diary"),
                new Category("/wiki", "Wiki", "Wiki"),
                new Category("/forum", "Forum", "Forum"),
                new Category("/other", "Autre", "Other")));
    }

    /**
     * The category with this id, whoever reads it: its names for places without an actor, such as the
     * escalation sent to the support desk. By default none (the desk then sees the id).
     *
     * @param category the category id
     * @return the category with this id, if the catalogue knows it
     */
    default Optional<Category> describe(String category) {
        return Optional.empty();
    }
}
