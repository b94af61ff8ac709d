package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    private static String write(Instant instant) {
        char[] out = new char[IsoInstants.MAX_LENGTH];
        int length = IsoInstants.write(instant, out);
        return length < 0 ? "(none)" : new String(out, 0, length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "2026-12-06T02:22:36.193438Z",
                "2026-12-06T02:22:36.193Z",
                "2026-12-06T02:22:36.000001Z",
                "2026-12-06T02:22:36.000000001Z",
                "2024-02-29T12:00:00Z",
                "2023-03-01T00:00:00Z",
                "2000-02-29T23:59:59.5Z",
                "2100-03-01T00:00:00Z",
                "1900-02-28T10:11:12Z",
                "1600-03-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "0001-12-31T23:59:59Z",
                "9999-12-31T23:59:59.999999999Z"
            })
    void writesWhatInstantToStringWrites(String text) {
        Instant instant = Instant.parse(text);
        assertThat(write(instant)).isEqualTo(instant.toString());
    }

    @Test
    void agreesWithInstantToStringOnAMillionRandomInstants() {
        SplittableRandom random = new SplittableRandom(20261206);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 1_000_000; i++) {
            long second = random.nextLong(min, max + 1);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            String expected = instant.toString();
            String actual = write(instant);
            if (!actual.equals(expected)) {
                assertThat(actual).as("instant %d.%09d", second, nano).isEqualTo(expected);
            }
        }
    }

    @Test
    void leavesYearsOutsideFourDigitsToInstantToString() {
        assertThat(write(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("(none)");
        assertThat(write(Instant.parse("-0001-12-31T23:59:59.999999999Z"))).isEqualTo("(none)");
        assertThat(write(Instant.MAX)).isEqualTo("(none)");
        assertThat(write(Instant.MIN)).isEqualTo("(none)");
    }
}
