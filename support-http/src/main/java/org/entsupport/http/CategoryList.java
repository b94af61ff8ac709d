package org.entsupport.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.entsupport.core.Actor;
import org.entsupport.core.spi.CategoryCatalog;

/**
 * The applications an actor may file a request about, labelled in the reader's language
 * ({@code GET /api/v1/categories}).
 *
 * <p>{@link #of} builds it from the host's list of labels and the {@link CategoryCatalog} given to the
 * facade (which still decides what filing accepts). When support-core gains its own category catalogue
 * with French and English labels, this port will answer from it. Called on the request's thread.
 */
@FunctionalInterface
public interface CategoryList {

    /**
     * The categories {@code actor} may choose, in display order, labelled for {@code locale}.
     *
     * @param actor the actor
     * @param locale the locale
     * @return the categories {@code actor} may choose, in display order, labelled for {@code locale}
     */
    List<Category> categories(Actor actor, Locale locale);

    /**
     * No category: the form offers none (a host that files with free text).
     *
     * @return no category: the form offers none (a host that files with free text)
     */
    static CategoryList none() {
        return (actor, locale) -> List.of();
    }

    /**
     * The categories of {@code labels} that {@code catalog} accepts for the actor.
     *
     * <pre>{@code
     * Map<String, Map<String, String>> labels = new LinkedHashMap<>(); // display order
     * labels.put("/blog", Map.of("fr", "Blog", "en", "Blog"));
     * labels.put("/messagerie", Map.of("fr", "Messagerie", "en", "Mail"));
     * CategoryList.of(catalog, labels);
     * }</pre>
     *
     * @param catalog the facade's catalogue
     * @param labels  per category id, in the map's iteration order (a {@code LinkedHashMap}; not
     *                {@code Map.of}, whose order changes from run to run), its label per language tag ({@code fr},
     *                {@code en}); a missing language falls back to English, then to the id
     * @return the categories of {@code labels} that {@code catalog} accepts for the actor
     */
    static CategoryList of(CategoryCatalog catalog, Map<String, Map<String, String>> labels) {
        Objects.requireNonNull(catalog, "catalog");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        labels.forEach((id, byLanguage) -> copy.put(id, Map.copyOf(byLanguage)));
        return (actor, locale) -> {
            List<Category> out = new ArrayList<>();
            copy.forEach((id, byLanguage) -> {
                if (catalog.accepts(actor, id)) {
                    String label = byLanguage.getOrDefault(
                            locale.getLanguage(),
                            byLanguage.getOrDefault("en", catalog.label(id).orElse(id)));
                    out.add(new Category(id, label));
                }
            });
            return out;
        };
    }
}
