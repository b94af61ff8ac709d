package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a French reader trips on: agreement with the field's gender, a line break named as such. */
class FrenchWordingTest {

    private final Fixture f =
            new Fixture(SupportSettings.builder().maxDescriptionLength(5).build());

    private ValidationException refused(String subject, String description) {
        try {
            f.support.create(
                    f.owner,
                    NewTicket.builder()
                            .school("s1")
                            .category("/blog")
                            .subject(subject)
                            .description(description)
                            .build());
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void tooLongAgreesWithAFeminineField() {
        String fr = refused("Sujet", "beaucoup trop").userMessage(Locale.FRENCH);
        assertThat(fr)
                .contains("Description : 13 caractères saisis, 5 au plus.")
                .doesNotContain("trop long");
    }

    @Test
    void aLineBreakInASubjectIsNotCalledAControlCharacter() {
        ValidationException e = refused("Sujet\nsur deux lignes", "ok");
        assertThat(e.violations()).extracting(Violation::code).containsExactly("line-break");
        assertThat(e.userMessage(Locale.FRENCH))
                .contains("Objet doit tenir sur une seule ligne.")
                .doesNotContain("contrôle");
        assertThat(e.userMessage(Locale.ENGLISH)).contains("Subject must fit on one line.");
        assertThat(refused("Sujet\u0007", "ok").userMessage(Locale.FRENCH)).contains("caractères de contrôle");
    }

    @Test
    void anInvalidValueIsNotGivenAGender() {
        assertThatThrownBy(() -> f.support.list(
                        f.owner, TicketQuery.builder().after("pas-un-curseur").build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.userMessage(Locale.FRENCH))
                                .contains("Page : valeur invalide.")
                                .doesNotContain("est invalide"));
        assertThat(List.of(Locale.FRENCH, Locale.ENGLISH))
                .allSatisfy(l -> assertThat(org.entsupport.notify.SupportTexts.format(l, "violation.invalid", "X"))
                        .doesNotContain("violation."));
    }
}
