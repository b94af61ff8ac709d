package org.entsupport.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void accentsCaseAndLigaturesAreFoldedSoAFrenchWordMatchesHoweverItIsTyped() {
        assertThat(SearchText.normalize("Élève ÇA Œuvre Cæsar Straße")).isEqualTo("eleve ca oeuvre caesar strasse");
        assertThat(SearchText.normalize("ŒIL Æ")).isEqualTo("oeil ae");
        assertThat(SearchText.normalize("ﬁchier")).isEqualTo("fichier");
    }

    @Test
    void whitespaceAndControlCharactersBecomeOneSpaceAndNeverLeadOrTrail() {
        assertThat(SearchText.normalize("  a\t\tb\n\r\u0000c  ")).isEqualTo("a b c");
        assertThat(SearchText.normalize(" \t ")).isEmpty();
        assertThat(SearchText.normalize("")).isEmpty();
    }

    @Test
    void charactersOutsideTheBasicPlaneSurviveWhole() {
        assertThat(SearchText.normalize("x \uD83D\uDE00 y")).isEqualTo("x \uD83D\uDE00 y");
    }

    @Test
    void wordsAreTheDistinctNormalizedWordsInOrderUpToTheMaximum() {
        assertThat(SearchText.words("  Page  page PAGE élève ")).containsExactly("page", "eleve");
        assertThat(SearchText.words("a b c d e f g h i j"))
                .hasSize(SearchText.MAX_WORDS)
                .containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(SearchText.words("a a a a a a a a a b")).containsExactly("a", "b");
        assertThat(SearchText.words(" \n ")).isEmpty();
    }

    @Test
    void theDocumentHoldsSubjectDescriptionAndOwnerNormalizedOnSeparateLines() {
        assertThat(SearchText.document("Écran NOIR", "Le  tableau\tne marche pas", "Zoé Martin"))
                .isEqualTo("ecran noir\nle tableau ne marche pas\nzoe martin");
    }
}
