package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RichTextTest {

    private final RichText rich = RichText.of(List.of("/workspace/document/"));

    private String html(String in) {
        return rich.sanitise(in).html();
    }

    private String plain(String in) {
        return rich.sanitise(in).plain();
    }

    @Test
    void keepsTheSmallAllowList() {
        String in =
                "<p>Un <b>gras</b>, <strong>fort</strong>, <i>italique</i>, <em>em</em>, <u>souligné</u><br />fin</p>"
                        + "<ul><li>un</li></ul><ol><li>deux</li></ol>";
        assertThat(html(in)).isEqualTo(in.replace("<br>", "<br />"));
    }

    @Test
    void removesScriptsHandlersStylesFramesAndUnknownElements() {
        String out = html("<p onclick=\"x()\" style=\"color:red\" class=\"c\">a</p><script>alert(1)</script>"
                + "<iframe src=\"https://evil\"></iframe><style>p{}</style><div><span>b</span></div>"
                + "<svg onload=alert(1)></svg><form><input></form>");
        assertThat(out).isEqualTo("<p>a</p>b");
    }

    @Test
    void linksKeepHttpHttpsAndMailtoOnlyWithNofollowNoopener() {
        assertThat(html("<a href=\"https://ent.example/a?b=1&amp;c=2\" target=\"_blank\">x</a>"))
                .isEqualTo("<a href=\"https://ent.example/a?b&#61;1&amp;c&#61;2\" rel=\"nofollow noopener\">x</a>");
        assertThat(html("<a href=\"mailto:jean@ac-paris.fr\">Jean</a>"))
                .isEqualTo("<a href=\"mailto:jean&#64;ac-paris.fr\" rel=\"nofollow noopener\">Jean</a>");
        assertThat(html("<a href=\"javascript:alert(1)\">x</a>")).isEqualTo("x");
        assertThat(html("<a href=\"data:text/html,<script>\">x</a>")).isEqualTo("x");
        assertThat(html("<a href=\"vbscript:x\">x</a>")).isEqualTo("x");
    }

    @Test
    void imagesOnlyFromTheHostsOwnAttachmentUrls() {
        assertThat(html("<img src=\"/workspace/document/42\" alt=\"capture\" onerror=\"x()\">"))
                .isEqualTo("<img src=\"/workspace/document/42\" alt=\"capture\" />");
        assertThat(html("<img src=\"https://evil.example/p.png\">")).isEmpty();
        assertThat(html("<img src=\"/workspace/document/../../admin\">")).isEmpty();
        assertThat(html("<img src=\"//evil.example/workspace/document/1\">")).isEmpty();
        assertThat(html("<img src=\"javascript:alert(1)\">")).isEmpty();
        assertThat(RichText.of(List.of())
                        .sanitise("<img src=\"/workspace/document/42\">")
                        .html())
                .as("no prefix configured: no image")
                .isEmpty();
    }

    @Test
    void textIsEscapedInTheHtmlAndDecodedInThePlainText() {
        RichText.Content c = rich.sanitise("<p>x &lt; y &amp; a<b alors</p>");
        assertThat(c.plain()).isEqualTo("x < y & a");
        assertThat(rich.sanitise("<p>si x &lt; y alors &laquo;ok&raquo;</p>").html())
                .isEqualTo("<p>si x &lt; y alors «ok»</p>");
    }

    @Test
    void plainTextKeepsParagraphsLineBreaksListsAndLinkTargets() {
        String text = plain("<p>Bonjour,</p><p>Le  bouton\n <b>Publier</b> ne marche pas.<br>Depuis hier.</p>"
                + "<ul><li>Firefox</li><li>Chrome</li></ul><ol><li>un</li><li>deux</li></ol>"
                + "<p>Voir <a href=\"https://ent.example/x\">la page</a> ou <a href=\"mailto:a@b.fr\">a@b.fr</a>"
                + " <img src=\"/workspace/document/1\" alt=\"capture\"></p>");
        assertThat(text)
                .isEqualTo("Bonjour,\n\nLe bouton Publier ne marche pas.\nDepuis hier.\n\n- Firefox\n- Chrome\n\n"
                        + "1. un\n2. deux\n\nVoir la page (https://ent.example/x) ou a@b.fr [capture]");
    }

    @Test
    void onlyMarkupGivesAnEmptyText() {
        assertThat(plain("<p> </p><script>x</script><!-- c -->")).isEmpty();
    }
}
