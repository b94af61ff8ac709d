package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void onlyTheLastPathSegmentIsKeptWhicheverTheSeparator() {
        assertThat(FileNames.clean("C:\\Users\\élève\\capture.png")).isEqualTo("capture.png");
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.clean("dir/sub\\mixed/name.txt")).isEqualTo("name.txt");
        assertThat(FileNames.clean("plain.txt")).isEqualTo("plain.txt");
    }

    @Test
    void controlsBidiMarksAndLoneSurrogatesAreDropped() {
        assertThat(FileNames.clean("a\u0000b\u001Fc.txt")).isEqualTo("abc.txt");
        assertThat(FileNames.clean("invoice\u202Egnp.exe")).isEqualTo("invoicegnp.exe");
        assertThat(FileNames.clean("x\u2066\u2069\u200E\u200F\u202A.pdf")).isEqualTo("x.pdf");
        assertThat(FileNames.clean("y\uD83D.txt")).isEqualTo("y.txt");
        assertThat(FileNames.clean("z\uD83D\uDE00.txt")).isEqualTo("z\uD83D\uDE00.txt");
        assertThat(FileNames.clean("keep\u2065\u2029.txt")).isEqualTo("keep\u2065\u2029.txt");
    }

    @Test
    void leadingAndTrailingDotsAndBlanksAreRemoved() {
        assertThat(FileNames.clean(" . .hidden. . ")).isEqualTo("hidden");
        assertThat(FileNames.clean("...")).isEmpty();
        assertThat(FileNames.clean("report.final.pdf")).isEqualTo("report.final.pdf");
    }

    @Test
    void aLongNameIsCutTo255CodePointsKeepingAShortExtension() {
        String exact = "n".repeat(251) + ".pdf";
        assertThat(FileNames.clean(exact)).isEqualTo(exact);

        String longer = "é".repeat(300) + ".pdf";
        String cut = FileNames.clean(longer);
        assertThat(cut).isEqualTo("é".repeat(251) + ".pdf");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(255);

        String emoji = "\uD83D\uDE00".repeat(300) + ".png";
        String cutEmoji = FileNames.clean(emoji);
        assertThat(cutEmoji.codePointCount(0, cutEmoji.length())).isEqualTo(255);
        assertThat(cutEmoji).endsWith("\uD83D\uDE00.png");
    }

    @Test
    void anExtensionOfUpToSixteenCharactersWithItsDotIsKeptWhenCutting() {
        String ext16 = "." + "e".repeat(15);
        String name = "n".repeat(300) + ext16;
        assertThat(FileNames.clean(name)).isEqualTo("n".repeat(239) + ext16).hasSize(255);

        String ext17 = "." + "e".repeat(16);
        assertThat(FileNames.clean("n".repeat(300) + ext17)).isEqualTo("n".repeat(255));

        String ext15 = "." + "e".repeat(14);
        assertThat(FileNames.clean("n".repeat(300) + ext15)).isEqualTo("n".repeat(240) + ext15);
        assertThat(FileNames.clean("n".repeat(256))).isEqualTo("n".repeat(255));
    }
}
