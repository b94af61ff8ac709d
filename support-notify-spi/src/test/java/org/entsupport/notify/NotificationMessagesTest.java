package org.entsupport.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NotificationMessagesTest {

    private static Notification full(NotificationType type) {
        return Samples.builder(type)
                .parameter(NotificationParameters.FROM_STATUS, "NEW")
                .parameter(NotificationParameters.TO_STATUS, "RESOLVED")
                .parameter(NotificationParameters.COMMENT, "Line one\nLine two")
                .parameter(NotificationParameters.DESK, "Redmine")
                .parameter(NotificationParameters.REASON, "Project closed")
                .build();
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void everyTypeRendersCompletelyInFrench(NotificationType type) {
        RenderedMessage m = NotificationMessages.render(full(type), Locale.FRANCE);

        assertThat(m.subject())
                .startsWith("[Aide et support] ")
                .endsWith(" : Cannot publish")
                .contains("n°42");
        assertRenderedCompletely(m);
        assertThat(m.textBody())
                .contains(
                        "Établissement : Collège Jean Moulin",
                        "Objet : Cannot publish",
                        "Statut : Nouvelle → Résolue",
                        "Raison : Project closed",
                        "> Line one\n> Line two",
                        "Voir la demande : https://ent.example/support#/ticket/42",
                        "Merci de ne pas y répondre.");
        assertThat(m.htmlBody())
                .contains(
                        "<html lang=\"fr\">",
                        "Collège Jean Moulin",
                        "<a href=\"https://ent.example/support#/ticket/42\">Voir la demande</a>");
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void everyTypeRendersCompletelyInEnglish(NotificationType type) {
        RenderedMessage m = NotificationMessages.render(full(type), Locale.UK);

        assertThat(m.subject())
                .startsWith("[Help & support] ")
                .endsWith(": Cannot publish")
                .contains("#42");
        assertRenderedCompletely(m);
        assertThat(m.textBody())
                .contains(
                        "School: Collège Jean Moulin",
                        "Subject: Cannot publish",
                        "Status: New → Resolved",
                        "Reason: Project closed",
                        "View the request: https://ent.example/support#/ticket/42");
        assertThat(m.htmlBody()).contains("<html lang=\"en\">", "[Help &amp; support]");
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void everyTypeHasItsOwnSummaryAndHeadline(NotificationType type) {
        for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
            for (NotificationType other : NotificationType.values()) {
                if (other != type) {
                    assertThat(NotificationMessages.render(full(type), locale).subject())
                            .as("%s vs %s in %s", type, other, locale)
                            .isNotEqualTo(NotificationMessages.render(full(other), locale)
                                    .subject());
                }
            }
        }
    }

    @Test
    void subjectsReadAsSpecified() {
        Notification created = Samples.of(NotificationType.TICKET_CREATED);

        assertThat(NotificationMessages.render(created, Locale.FRENCH).subject())
                .isEqualTo("[Aide et support] Nouvelle demande n°42 : Cannot publish");
        assertThat(NotificationMessages.render(created, Locale.ENGLISH).subject())
                .isEqualTo("[Help & support] New request #42: Cannot publish");
        assertThat(NotificationMessages.render(created, Locale.FRENCH).textBody())
                .startsWith("Camille Martin a déposé une nouvelle demande pour l’établissement Collège Jean Moulin.\n");
    }

    @Test
    void subjectWithoutTitleHasNoDanglingColon() {
        Notification n = Samples.builder(NotificationType.TICKET_AUTO_CLOSED)
                .parameters(java.util.Map.of())
                .build();

        assertThat(NotificationMessages.render(n, Locale.FRENCH).subject())
                .isEqualTo("[Aide et support] Demande n°42 fermée automatiquement");
        assertThat(NotificationMessages.render(n, Locale.ENGLISH).subject())
                .isEqualTo("[Help & support] Request #42 closed automatically");
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(NotificationMessages.keys(Locale.FRENCH))
                .containsExactlyInAnyOrderElementsOf(NotificationMessages.keys(Locale.ENGLISH));
        for (NotificationType type : NotificationType.values()) {
            assertThat(NotificationMessages.keys(Locale.FRENCH))
                    .contains(type.code() + ".summary", type.code() + ".headline");
        }
    }

    @Test
    void frenchLocalesGetFrenchAndOthersEnglish() {
        Notification n = Samples.of(NotificationType.TICKET_COMMENTED);

        assertThat(NotificationMessages.render(n, Locale.CANADA_FRENCH).subject())
                .startsWith("[Aide et support]");
        assertThat(NotificationMessages.render(n, Locale.forLanguageTag("fr-BE"))
                        .subject())
                .startsWith("[Aide et support]");
        assertThat(NotificationMessages.render(n, Locale.GERMAN).subject()).startsWith("[Help & support]");
        assertThat(NotificationMessages.render(n, Locale.ROOT).subject()).startsWith("[Help & support]");
        assertThat(NotificationMessages.language(Locale.forLanguageTag("fr-FR")))
                .isEqualTo(Locale.FRENCH);
        assertThat(NotificationMessages.language(Locale.JAPANESE)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void englishStaysEnglishOnAFrenchJvm() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            assertThat(NotificationMessages.render(Samples.of(NotificationType.TICKET_CREATED), Locale.ENGLISH)
                            .subject())
                    .isEqualTo("[Help & support] New request #42: Cannot publish");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void htmlEscapesEveryParameter() {
        Notification n = Samples.builder(NotificationType.DESK_REPLIED)
                .school("0750001A", "Lycée <b>Curie</b> & Co")
                .actor("u-owner", "\"Evil\" <script>alert(1)</script>")
                .parameter(NotificationParameters.SUBJECT, "<img src=x onerror=alert(1)>")
                .parameter(NotificationParameters.COMMENT, "Tom's <i>reply</i>\n& more")
                .parameter(NotificationParameters.DESK, "<Desk>")
                .parameter(NotificationParameters.REASON, "a > b")
                .parameter(NotificationParameters.TO_STATUS, "<b>odd</b>")
                .link("https://ent.example/support?a=1&b='2'#/ticket/42")
                .build();

        String html = NotificationMessages.render(n, Locale.ENGLISH).htmlBody();

        assertThat(html)
                .doesNotContain("<script>", "<img", "<b>", "<i>", "<Desk>", "& more", "'2'")
                .contains(
                        "&lt;img src=x onerror=alert(1)&gt;",
                        "Lycée &lt;b&gt;Curie&lt;/b&gt; &amp; Co",
                        "Tom&#39;s &lt;i&gt;reply&lt;/i&gt;<br>\n&amp; more",
                        "&lt;Desk&gt;",
                        "a &gt; b",
                        "&lt;b&gt;odd&lt;/b&gt;",
                        "href=\"https://ent.example/support?a=1&amp;b=&#39;2&#39;#/ticket/42\"");
        // The plain-text body carries the same values unescaped.
        assertThat(NotificationMessages.render(n, Locale.ENGLISH).textBody())
                .contains("<img src=x onerror=alert(1)>", "> Tom's <i>reply</i>\n> & more");
    }

    @Test
    void subjectIsOneLineWhateverTheParameters() {
        Notification n = Samples.builder(NotificationType.TICKET_UPDATED)
                .parameter(NotificationParameters.SUBJECT, "Bcc: evil@example.org\r\nInjected:\tyes")
                .build();

        RenderedMessage m = NotificationMessages.render(n, Locale.ENGLISH);

        assertThat(m.subject()).isEqualTo("[Help & support] Request #42 updated: Bcc: evil@example.org Injected: yes");
    }

    @Test
    void longTitlesAreShortenedInTheSubjectOnly() {
        String title = "é".repeat(400);
        Notification n = Samples.builder(NotificationType.TICKET_CREATED)
                .parameter(NotificationParameters.SUBJECT, title)
                .build();

        RenderedMessage m = NotificationMessages.render(n, Locale.FRENCH);

        assertThat(m.subject()).endsWith(" : " + "é".repeat(NotificationMessages.MAX_TITLE_LENGTH - 1) + "…");
        assertThat(m.textBody()).contains("Objet : " + title);
    }

    @Test
    void unknownStatusesAreShownAsGivenAndDefaultDeskIsNamed() {
        Notification n = Samples.builder(NotificationType.TICKET_ESCALATED)
                .parameter(NotificationParameters.TO_STATUS, "ARCHIVED")
                .build();

        assertThat(NotificationMessages.render(n, Locale.FRENCH).textBody())
                .contains("Statut : ARCHIVED", "Camille Martin a transmis la demande n°42 à l’assistance externe.");
        assertThat(NotificationMessages.render(n, Locale.ENGLISH).textBody())
                .contains("Status: ARCHIVED", "Camille Martin escalated request #42 to the support desk.");
    }

    private static void assertRenderedCompletely(RenderedMessage m) {
        for (String part : new String[] {m.subject(), m.textBody(), m.htmlBody()}) {
            assertThat(part).doesNotContainPattern("\\{[a-zA-Z]+}").doesNotContain("null");
        }
        assertThat(m.subject()).doesNotContain("\n", "\r");
        assertThat(m.htmlBody()).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }
}
