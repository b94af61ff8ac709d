package org.entsupport.core.attachment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict UTF-8 at every boundary of every sequence length, chunk by chunk, and markup found in text. */
class Utf8TextCheckTest {

    private static byte[] hex(String hex) {
        String h = hex.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static Utf8TextCheck whole(byte[] bytes) {
        Utf8TextCheck check = new Utf8TextCheck();
        check.update(bytes, 0, bytes.length);
        return check;
    }

    /** Each byte in its own chunk: every sequence is cut by a buffer boundary. */
    private static Utf8TextCheck byteByByte(byte[] bytes) {
        Utf8TextCheck check = new Utf8TextCheck();
        for (int i = 0; i < bytes.length; i++) {
            check.update(bytes, i, 1);
        }
        return check;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "41 09 0A 0D 20 7E",
                "C2 A0",
                "DF BF",
                "E0 A0 80",
                "ED 9F BF",
                "EE 80 80",
                "EF BF BF",
                "F0 90 80 80",
                "F4 8F BF BF",
                "E2 82 AC 41"
            })
    void validTextAtEveryBoundaryPasses(String hex) {
        byte[] bytes = hex(hex);
        assertThat(whole(bytes).errorAtEnd()).isNull();
        assertThat(byteByByte(bytes).errorAtEnd()).isNull();
        assertThat(whole(bytes).error()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        // lone continuation bytes, bytes that never start a sequence
        "41 80, invalid UTF-8 at byte 1",
        "41 BF, invalid UTF-8 at byte 1",
        "C0 80, invalid UTF-8 at byte 0",
        "C1 BF, invalid UTF-8 at byte 0",
        "41 41 F5 80 80 80, invalid UTF-8 at byte 2",
        "F8 88 80 80 80, invalid UTF-8 at byte 0",
        "FF, invalid UTF-8 at byte 0",
        // a continuation byte missing: the error is at the byte that should have continued
        "41 C3 41, invalid UTF-8 at byte 2",
        "E2 82 41, invalid UTF-8 at byte 2",
        "F0 90 80 C0, invalid UTF-8 at byte 3",
        "C3 C3 A9, invalid UTF-8 at byte 1",
        // overlong forms, surrogates, beyond U+10FFFF: the error is at the start of the sequence
        "41 E0 80 80, invalid UTF-8 at byte 1",
        "E0 9F BF, invalid UTF-8 at byte 0",
        "F0 80 80 80, invalid UTF-8 at byte 0",
        "F0 8F BF BF, invalid UTF-8 at byte 0",
        "41 41 ED A0 80, invalid UTF-8 at byte 2",
        "ED BF BF, invalid UTF-8 at byte 0",
        "F4 90 80 80, invalid UTF-8 at byte 0",
        // control characters, C0, DEL and C1
        "00, control character U+0000 at byte 0",
        "41 1F, control character U+001F at byte 1",
        "41 08, control character U+0008 at byte 1",
        "0B, control character U+000B at byte 0",
        "7F, control character U+007F at byte 0",
        "41 41 C2 80, control character U+0080 at byte 2",
        "C2 9F, control character U+009F at byte 0",
        "C2 85, control character U+0085 at byte 0"
    })
    void invalidTextIsRefusedAtItsByte(String hex, String error) {
        byte[] bytes = hex(hex);
        assertThat(whole(bytes).error()).isEqualTo(error);
        assertThat(whole(bytes).errorAtEnd()).isEqualTo(error);
        assertThat(byteByByte(bytes).error()).isEqualTo(error);
    }

    @Test
    void offsetsCountAcrossChunksAndFromTheirStart() {
        Utf8TextCheck check = new Utf8TextCheck();
        byte[] buffer = hex("00 00 41 42 43 00");
        check.update(buffer, 2, 3); // "ABC", skipping the nulls around
        assertThat(check.error()).isNull();
        byte[] next = hex("44 45 00");
        check.update(next, 0, 3);
        assertThat(check.error()).isEqualTo("control character U+0000 at byte 5");
    }

    @Test
    void aSequenceSplitAcrossChunksIsOneCharacter() {
        Utf8TextCheck check = new Utf8TextCheck();
        byte[] euro = hex("E2 82 AC");
        check.update(euro, 0, 2);
        assertThat(check.error()).isNull();
        assertThat(check.errorAtEnd()).isEqualTo("UTF-8 sequence cut by the end of the file");
        check.update(euro, 2, 1);
        assertThat(check.error()).isNull();
        assertThat(check.errorAtEnd()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C3", "E2 82", "F0 9F 98", "41 F0"})
    void aSequenceCutByTheEndIsOnlyAnErrorAtTheEnd(String hex) {
        Utf8TextCheck check = whole(hex(hex));
        assertThat(check.error()).isNull();
        assertThat(check.errorAtEnd()).isEqualTo("UTF-8 sequence cut by the end of the file");
    }

    @Test
    void theFirstErrorIsKept() {
        Utf8TextCheck check = whole(hex("41 00 FF"));
        assertThat(check.error()).isEqualTo("control character U+0000 at byte 1");
        check.update(hex("C3"), 0, 1);
        assertThat(check.error()).isEqualTo("control character U+0000 at byte 1");
        assertThat(check.errorAtEnd()).isEqualTo("control character U+0000 at byte 1");
        // a bad continuation stops the chunk too
        Utf8TextCheck cont = whole(hex("C3 41 00"));
        assertThat(cont.error()).isEqualTo("invalid UTF-8 at byte 1");
        Utf8TextCheck surrogate = whole(hex("ED A0 80 00"));
        assertThat(surrogate.error()).isEqualTo("invalid UTF-8 at byte 0");
    }

    @Test
    void anErrorAfterManyValidBytesSaysWhere() {
        byte[] text = ("é".repeat(5000) + "\u0001").getBytes(StandardCharsets.UTF_8);
        assertThat(whole(text).error()).isEqualTo("control character U+0001 at byte 10000");
        assertThat(whole(text).markup()).isNull();
    }

    // ---- markup

    private static String markup(String text) {
        return byteByByte(text.getBytes(StandardCharsets.UTF_8)).markup();
    }

    @Test
    void markupSaysWhereItIs() {
        assertThat(markup("abc <p>")).isEqualTo("an HTML element at byte 4");
        assertThat(markup("<!x")).isEqualTo("an HTML element at byte 0");
        assertThat(markup("a</")).isEqualTo("an HTML element at byte 1");
        assertThat(markup("ab<?")).isEqualTo("an HTML element at byte 2");
        assertThat(markup("<Z")).isEqualTo("an HTML element at byte 0");
        assertThat(markup("onclick=x")).isEqualTo("an event handler attribute at byte 7");
        assertThat(markup("a onload =x")).isEqualTo("an event handler attribute at byte 9");
        assertThat(markup("a ONERROR\t\t= x")).isEqualTo("an event handler attribute at byte 11");
    }

    @Test
    void onlyTheFirstMarkupIsKept() {
        assertThat(markup("x <b> y <i> onclick=z")).isEqualTo("an HTML element at byte 2");
        assertThat(markup("onclick=z <b>")).isEqualTo("an event handler attribute at byte 7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"onabc=1", "OnAbC=1", "oNabc =1", "x\tonabc\t=1", "(onabc=1", "\"onabc=1", "a.onabc = 1"})
    void anEventHandlerHasAtLeastThreeLettersAfterOn(String text) {
        assertThat(markup(text)).startsWith("an event handler attribute at byte ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "onab=1",
                "on=1",
                "one two=1",
                "onabc x=1",
                "onabc-x=1",
                "onabc1=1",
                "xonabc=1",
                "Xonabc=1",
                "_onabc=1",
                "9onabc=1",
                "éonabc=1",
                "aonabc=1",
                "zonabc=1",
                "Aonabc=1",
                "Zonabc=1",
                "0onabc=1",
                "\u0800onabc=1",
                "oxabc=1",
                "< a",
                "<1",
                "<=",
                "a<",
                "a>b"
            })
    void ordinaryTextIsNoMarkup(String text) {
        assertThat(markup(text)).isNull();
    }

    @Test
    void aLetterRightAfterLessThanIsMarkupWhateverTheCase() {
        for (char c : new char[] {'a', 'm', 'z', 'A', 'M', 'Z', '/', '!', '?'}) {
            assertThat(markup("<" + c)).as("<%s", c).isEqualTo("an HTML element at byte 0");
        }
        for (char c : new char[] {'@', '[', '`', '{', '0', ' ', '<', '>'}) {
            assertThat(markup("<" + c)).as("<%s", c).isNull();
        }
    }

    @Test
    void eventHandlerLettersAreAsciiLettersOnly() {
        for (char c : new char[] {'a', 'z', 'A', 'Z'}) {
            assertThat(markup("on" + c + c + c + "=")).as("%s", c).isNotNull();
        }
        for (char c : new char[] {'@', '[', '`', '{'}) {
            assertThat(markup("onab" + c + "=")).as("%s", c).isNull();
        }
    }
}
