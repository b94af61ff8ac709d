package org.entsupport.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DeskText} and {@link Settings}: the limits are inclusive. */
class DeskTextTest {

    @Test
    void textOfExactlyTheLimitIsKept() {
        assertThat(DeskText.cut("abcde", 5)).isEqualTo("abcde");
        assertThat(DeskText.cut("abcdef", 5)).isEqualTo("abcd…");
        assertThatThrownBy(() -> DeskText.cut("abc", 1)).hasMessage("maxCodePoints must be at least 2, but was 1");
    }

    @Test
    void fileNamesKeepTheirExtension() {
        assertThat(DeskText.fileName("abcde.txt", 9)).isEqualTo("abcde.txt");
        assertThat(DeskText.fileName("abcdef.txt", 9)).isEqualTo("abcde.txt");
        String ext16 = "." + "e".repeat(15);
        assertThat(DeskText.fileName("name" + ext16, 17)).isEqualTo("n" + ext16);
        String ext17 = "." + "e".repeat(16);
        assertThat(DeskText.fileName("name" + ext17, 17)).isEqualTo(("name" + ext17).substring(0, 17));
        assertThat(DeskText.fileName(".profile", 5)).isEqualTo(".prof");
        assertThat(DeskText.fileName("noextension", 5)).isEqualTo("noext");
    }

    @Test
    void boundsAreInclusive() {
        assertThat(Settings.requireBetween("n", 1, 1, 100)).isEqualTo(1);
        assertThat(Settings.requireBetween("n", 100, 1, 100)).isEqualTo(100);
        assertThatThrownBy(() -> Settings.requireBetween("n", 101, 1, 100))
                .hasMessage("n must be between 1 and 100, but was 101");
        assertThat(Settings.requireBetween("d", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ZERO);
        assertThat(Settings.requireBetween("d", Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofHours(1));
        assertThat(Settings.requireKey("k".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> Settings.requireKey("k".repeat(256)))
                .hasMessage("idempotencyKey must have 1 to 255 characters, but had 256");
    }
}
