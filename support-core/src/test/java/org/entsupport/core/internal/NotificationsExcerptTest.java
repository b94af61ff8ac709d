package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationsExcerptTest {

    @Test
    void aCommentOfAtMost280CodePointsIsKeptWholeWithoutItsSurroundingBlanks() {
        String exact = "é".repeat(280);
        assertThat(Notifications.excerpt(exact)).isEqualTo(exact);
        assertThat(Notifications.excerpt("  \n bonjour \t")).isEqualTo("bonjour");
        assertThat(Notifications.excerpt("")).isEmpty();
    }

    @Test
    void aLongerCommentIsCutTo279CodePointsAndAnEllipsis() {
        String longer = "a".repeat(281);
        String excerpt = Notifications.excerpt(longer);
        assertThat(excerpt).isEqualTo("a".repeat(279) + "…");
        assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(280);
    }

    @Test
    void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        String body = emoji.repeat(300);
        String excerpt = Notifications.excerpt(body);
        assertThat(excerpt).isEqualTo(emoji.repeat(279) + "…");
        assertThat(excerpt.codePoints().limit(279).allMatch(cp -> cp == 0x1F600))
                .isTrue();
    }

    @Test
    void blanksAreStrippedBeforeCounting() {
        String body = "  " + "b".repeat(280) + "  ";
        assertThat(Notifications.excerpt(body)).isEqualTo("b".repeat(280));
    }
}
