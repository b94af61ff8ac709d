package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.entsupport.core.memory.InMemoryTicketStore;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Category;
import org.entsupport.core.spi.CategoryCatalog;
import org.junit.jupiter.api.Test;

/** The categories a host offers, with French and English names, and the refusal of any other one. */
class CategoryCatalogTest {

    private final Actor alice = Actor.user("u-alice", "Alice").memberOf("s1").build();

    private static NewTicket.Builder request(String category) {
        return NewTicket.builder()
                .school("s1")
                .category(category)
                .subject("Rien ne marche")
                .description("Depuis ce matin.");
    }

    @Test
    void theDefaultListsTheApplicationsOfAnEntInFrenchAndEnglishAndEndsWithOther() {
        Support support = Support.builder().store(new InMemoryTicketStore()).build();

        List<Category> categories = support.categories(alice);

        assertThat(categories).extracting(Category::id).contains("/blog", "/conversation", "/workspace");
        assertThat(categories.get(categories.size() - 1)).isEqualTo(new Category("/other", "Autre", "Other"));
        Category mail = categories.stream()
                .filter(c -> c.id().equals("/conversation"))
                .findFirst()
                .orElseThrow();
        assertThat(mail.label(Locale.FRANCE)).isEqualTo("Messagerie");
        assertThat(mail.label(Locale.ENGLISH)).isEqualTo("Mail");
        assertThat(mail.label(Locale.GERMAN)).isEqualTo("Mail");
    }

    @Test
    void filingWithACategoryTheDefaultDoesNotListIsRefusedNamingTheField() {
        Support support = Support.builder().store(new InMemoryTicketStore()).build();

        assertThatThrownBy(
                        () -> support.create(alice, request("/n-importe-quoi").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("category");
                        assertThat(v.code()).isEqualTo("unknown-category");
                    });
                    assertThat(e.userMessage(Locale.FRENCH)).contains("n'est pas dans la liste");
                    assertThat(e.userMessage(Locale.ENGLISH)).contains("not in the list");
                });
        assertThat(support.create(alice, request("/blog").build()).category()).isEqualTo("/blog");
    }

    @Test
    void aHostCatalogDecidesPerActorForTheFormFilingAndEditing() {
        Actor teacher = Actor.user("u-teacher", "Thérèse").memberOf("s1").build();
        CategoryCatalog catalog = actor -> actor.userId().equals("u-teacher")
                ? List.of(new Category("/notes", "Notes", "Grades"), new Category("/blog", "Blog", "Blog"))
                : List.of(new Category("/blog", "Blog", "Blog"));
        Support support = Support.builder()
                .store(new InMemoryTicketStore())
                .categories(catalog)
                .build();

        assertThat(support.categories(teacher)).extracting(Category::id).containsExactly("/notes", "/blog");
        assertThat(support.categories(alice)).extracting(Category::id).containsExactly("/blog");
        Ticket t = support.create(teacher, request("/notes").build());
        assertThat(t.category()).isEqualTo("/notes");
        assertThatThrownBy(() -> support.create(alice, request("/notes").build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("category"));
        Ticket mine = support.create(alice, request("/blog").build());
        assertThatThrownBy(() -> support.update(
                        alice, mine.id(), TicketChanges.basedOn(mine.version()).category("/notes")))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("category"));
    }

    @Test
    void categoriesAreCheckedWhenDeclared() {
        assertThatThrownBy(() -> new Category(" ", "Vide", "Empty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
        assertThatThrownBy(() -> new Category("/a", "A\u0000", "A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("french");
        assertThatThrownBy(() -> CategoryCatalog.of(
                        List.of(new Category("/a", "A", "A"), new Category("/a", "Autre A", "Other A"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a");
        assertThat(CategoryCatalog.defaults().describe("/blog")).contains(new Category("/blog", "Blog", "Blog"));
        assertThat(CategoryCatalog.defaults().describe("/nope")).isEmpty();
    }
}
