package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.entsupport.core.model.Comment;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.spi.Category;
import org.entsupport.core.spi.CategoryCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text as people write it: plain text as written, HTML from an editor sanitised, both searchable. */
class RichTextContentTest {

    private final Fixture f = new Fixture(
            SupportSettings.builder().imageUrlPrefixes("/workspace/document/").build());

    private Ticket file(NewTicket.Builder b) {
        return f.support.create(f.owner, b.school("s1").category("/blog").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x < y", "si a<b alors", "écrire à <jean@ac-paris.fr>", "<b>pas du gras</b>", "a <!-- b"})
    void plainTextIsStoredAsWrittenAndEscapedAsHtml(String text) {
        Ticket t = file(NewTicket.builder().subject(text).description(text));
        Ticket read = f.support.get(f.owner, t.id());
        assertThat(read.subject()).isEqualTo(text);
        assertThat(read.description()).isEqualTo(text);
        assertThat(read.descriptionHtml()).isNull();
        assertThat(read.descriptionAsHtml()).doesNotContain("<").contains("&lt;");

        Comment c = f.support
                .comment(f.owner, t.id(), NewComment.of(text + "\nligne 2"))
                .comment();
        assertThat(c.body()).isEqualTo(text + "\nligne 2");
        assertThat(c.bodyHtml()).isNull();
        assertThat(c.bodyAsHtml()).endsWith("<br>ligne 2").doesNotContain("<b>");
    }

    @Test
    void htmlFromAnEditorIsSanitisedAndStoredBesideItsPlainText() {
        Ticket t = file(NewTicket.builder()
                .subject("Publication")
                .descriptionHtml("<p>Le bouton <b>Publier</b> <script>alert(1)</script>ne marche pas"
                        + " <img src=x onerror=alert(1)></p><p>Voir <a href=\"https://ent.example/blog\""
                        + " onclick=\"x()\">le blog</a></p>"));
        Ticket read = f.support.get(f.owner, t.id());
        assertThat(read.descriptionHtml())
                .isEqualTo("<p>Le bouton <b>Publier</b> ne marche pas </p><p>Voir <a href=\"https://ent.example/blog\""
                        + " rel=\"nofollow noopener\">le blog</a></p>");
        assertThat(read.description())
                .isEqualTo("Le bouton Publier ne marche pas\n\nVoir le blog (https://ent.example/blog)");
        assertThat(read.descriptionAsHtml()).isEqualTo(read.descriptionHtml());

        Comment c = f.support
                .comment(f.owner, t.id(), NewComment.html("<p>Merci <i>beaucoup</i></p>"))
                .comment();
        assertThat(c.body()).isEqualTo("Merci beaucoup");
        assertThat(c.bodyHtml()).isEqualTo("<p>Merci <i>beaucoup</i></p>");

        Page<Ticket> found =
                f.support.list(f.owner, TicketQuery.builder().text("publier").build());
        assertThat(found.items()).extracting(Ticket::id).containsExactly(t.id());
        assertThat(f.support
                        .list(f.owner, TicketQuery.builder().text("script").build())
                        .items())
                .as("markup is not searchable text")
                .isEmpty();
    }

    @Test
    void anHtmlEditOfTheDescriptionIsSanitisedAndAPlainEditDropsTheHtml() {
        Ticket t = file(NewTicket.builder().subject("Sujet").description("avant"));
        Ticket rich = f.support.update(
                f.owner, t.id(), TicketChanges.basedOn(t.version()).descriptionHtml("<p>après <u>ça</u></p>"));
        assertThat(rich.description()).isEqualTo("après ça");
        assertThat(rich.descriptionHtml()).isEqualTo("<p>après <u>ça</u></p>");
        Ticket plain = f.support.update(
                f.owner, t.id(), TicketChanges.basedOn(rich.version()).description("x < y"));
        assertThat(plain.description()).isEqualTo("x < y");
        assertThat(plain.descriptionHtml()).isNull();
    }

    @Test
    void htmlWithNoTextIsBlankAndItsLimitCountsTheText() {
        assertThatThrownBy(() -> file(NewTicket.builder().subject("s").descriptionHtml("<p><script>x</script></p>")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations())
                            .extracting(Violation::field, Violation::code)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("description", "blank"));
                    assertThat(e.userMessage(Locale.FRENCH)).contains("Description ne doit pas être vide.");
                });
        Fixture small =
                new Fixture(SupportSettings.builder().maxDescriptionLength(10).build());
        Ticket ok = small.support.create(
                small.owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("s")
                        .descriptionHtml("<p><b><i><u>dix lettre</u></i></b></p>")
                        .build());
        assertThat(ok.description()).isEqualTo("dix lettre");
        assertThatThrownBy(() -> small.support.create(
                        small.owner,
                        NewTicket.builder()
                                .school("s1")
                                .category("/blog")
                                .subject("s")
                                .descriptionHtml("<p>onze lettres</p>")
                                .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("description: must have at most 10 characters, but has 12");
    }

    @Test
    void controlAndBidiOverrideCharactersStayRefusedInHtmlButANewlineIsFine() {
        for (String bad : List.of("<p>abc\u202Egnp.exe</p>", "<p>a\u0007b</p>", "<p>a\u2066b</p>")) {
            assertThatThrownBy(
                            () -> f.support.comment(f.owner, f.file("s1", "t").id(), NewComment.html(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ValidationException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::code)
                                    .containsExactly("control-characters"));
        }
        Comment c = f.support
                .comment(f.owner, f.file("s1", "t").id(), NewComment.html("<p>a\nb</p>"))
                .comment();
        assertThat(c.body()).isEqualTo("a b");
    }

    @Test
    void limitsCountCodePoints255EmojiFitAnd256DoNot() {
        String emoji255 = "\uD83D\uDE00".repeat(255);
        Fixture any = new Fixture(
                SupportSettings.defaults(),
                b -> b.categories(new CategoryCatalog() {
                    @Override
                    public List<Category> categories(Actor actor) {
                        return List.of();
                    }

                    @Override
                    public boolean accepts(Actor actor, String category) {
                        return true;
                    }
                }));
        Ticket t = any.support.create(
                any.owner,
                NewTicket.builder()
                        .school("s1")
                        .category(emoji255)
                        .subject(emoji255)
                        .description("d")
                        .build());
        assertThat(t.subject()).isEqualTo(emoji255);
        assertThat(t.category()).isEqualTo(emoji255);
        assertThatThrownBy(() -> any.support.create(
                        any.owner,
                        NewTicket.builder()
                                .school("s1")
                                .category(emoji255 + "x")
                                .subject(emoji255 + "x")
                                .description("d")
                                .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("subject: must have at most 255 characters, but has 256")
                .hasMessageContaining("category: must have at most 255 characters, but has 256");
    }
}
