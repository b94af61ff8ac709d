package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain text kept beside sanitised HTML: what search, notifications, CSV and desks read. */
class RichTextPlainTextTest {

    private static String plain(String html) {
        return RichText.plainText(html);
    }

    @Test
    void nestedListsAreIndentedAndNumberedPerList() {
        assertThat(plain("<ol><li>a<ul><li>x</li><li>y</li></ul></li><li>b<ol><li>c</li></ol></li></ol><p>end</p>"))
                .isEqualTo("1. a\n  - x\n  - y\n2. b\n  1. c\n\nend");
        assertThat(plain("<p>intro</p><ul><li>one</li></ul>after")).isEqualTo("intro\n\n- one\n\nafter");
        assertThat(plain("<li>loose</li>")).isEqualTo("- loose");
    }

    @Test
    void aLinkShowsItsTargetOnlyWhenItsLabelDiffers() {
        assertThat(plain("<a href=\"https://e.fr/x\">https://e.fr/x</a>")).isEqualTo("https://e.fr/x");
        assertThat(plain("<a href=\"mailto:a@b.fr\">a@b.fr</a>")).isEqualTo("a@b.fr");
        assertThat(plain("<a href=\"mailto:a@b.fr\">Anne</a>")).isEqualTo("Anne (a@b.fr)");
        assertThat(plain("<a href=\"https://e.fr/y\"> voir </a>")).isEqualTo("voir (https://e.fr/y)");
        assertThat(plain("<a>no target</a>")).isEqualTo("no target");
        assertThat(plain("<a href=\" \">blank</a>")).isEqualTo("blank");
    }

    @Test
    void imagesAreNamedByTheirAltTextOrAsImages() {
        assertThat(plain("see <img alt=\" capture \">")).isEqualTo("see [capture]");
        assertThat(plain("<img alt=\"  \"><img>")).isEqualTo("[image] [image]".replace(" ", ""));
    }

    @Test
    void runsOfBlanksAndNonBreakingSpacesBecomeOneSpace() {
        assertThat(plain("a \u00A0\t b")).isEqualTo("a b");
        assertThat(plain("<b>gras</b> <i>italique</i>")).isEqualTo("gras italique");
        assertThat(plain("<b>collé</b><i>ensemble</i>")).isEqualTo("colléensemble");
        assertThat(plain("<p>  </p><p>x  </p>  ")).isEqualTo("x");
        assertThat(plain("a<br>  b")).isEqualTo("a\nb");
        assertThat(plain("a<br><br><br>b")).isEqualTo("a\n\n\nb");
        assertThat(plain("<p>one</p><p>two</p><p>three</p>")).isEqualTo("one\n\ntwo\n\nthree");
    }

    @Test
    void trailingBlanksOfEveryLineAreRemoved() {
        assertThat(plain("a <br>b ")).isEqualTo("a\nb");
    }

    @Test
    void sanitisedRelsAreStoredInOneSpelling() {
        RichText rich = RichText.of(List.of());
        String once = rich.sanitise("<a href=\"https://e.fr\">x</a>").html();
        for (int i = 0; i < 5; i++) {
            assertThat(new RichText(List.of())
                            .sanitise("<a href=\"https://e.fr\">x</a>")
                            .html())
                    .isEqualTo(once);
        }
        assertThat(once).contains("rel=\"nofollow noopener\"");
    }

    @Test
    void onlyAnImagePrefixWithoutTraversalOrEncodedDotsIsTheHosts() {
        List<String> prefixes = List.of("/workspace/document/", "https://cdn.ent.fr/");
        assertThat(RichText.ownImage(prefixes, " /workspace/document/9 ")).isTrue();
        assertThat(RichText.ownImage(prefixes, "https://cdn.ent.fr/a.png")).isTrue();
        assertThat(RichText.ownImage(prefixes, "/workspace/document/%2e%2e/x")).isFalse();
        assertThat(RichText.ownImage(prefixes, "/workspace/document/%2E%2E/x")).isFalse();
        assertThat(RichText.ownImage(prefixes, "/workspace/document\\..\\x")).isFalse();
        assertThat(RichText.ownImage(prefixes, "/workspace/document/../x")).isFalse();
        assertThat(RichText.ownImage(prefixes, "/workspace/other/1")).isFalse();
        assertThat(RichText.of(prefixes)).isSameAs(RichText.of(List.copyOf(prefixes)));
    }
}
