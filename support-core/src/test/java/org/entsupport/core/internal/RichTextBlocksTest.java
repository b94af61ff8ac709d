package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How paragraphs, line breaks and lists become lines of plain text (notifications, desks, search). */
class RichTextBlocksTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            <p>one</p><p>two</p>                              | one\\n\\ntwo
            one<br>two                                        | one\\ntwo
            <p>one<br></p><p>two</p>                          | one\\n\\ntwo
            <p>one<br><br><br></p><p>two</p>                  | one\\n\\n\\ntwo
            <p>one</p>two                                     | one\\n\\ntwo
            <p>text</p>                                       | text
            <p></p><p>text</p>                                | text
            <ul><li>x</li><li>y</li></ul><p>after</p>         | - x\\n- y\\n\\nafter
            <p>before</p><ol><li>x</li><li>y</li></ol>        | before\\n\\n1. x\\n2. y
            <ul><li>x<ul><li>y</li></ul></li><li>z</li></ul>  | - x\\n  - y\\n- z
            <ol><li>a</li><li>b</li><li>c</li></ol>end        | 1. a\\n2. b\\n3. c\\n\\nend
            <b>bold</b> <i>it</i>                             | bold it
            a<b>b</b>c                                        | abc
            <p>a </p><p> b</p>                                | a\\n\\nb
            """)
    void blocksBecomeLines(String html, String text) {
        assertThat(RichText.plainText(html)).isEqualTo(text.replace("\\n", "\n"));
    }
}
