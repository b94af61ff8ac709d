package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Event and feed parameters are stored: the texts below are exactly what the first, hand-written writer
 * stored (generated with it before it was replaced by Jackson), and must read and be written the same way.
 */
class JsonTest {

    static final String LEGACY_STATUS = "{\"cause\":\"comment\",\"from\":\"NEW\",\"to\":\"OPENED\"}";
    static final String LEGACY_ESCAPES =
            "{\"count\":\"2\",\"names\":\"capture \\\"1\\\".png, a\\\\b.pdf, \u00e9\u20ac\ud83d\ude00\\n\\t\\u0001\"}";

    @Test
    void parametersOfTheHandWrittenWriterStillRead() {
        assertThat(Json.read(LEGACY_STATUS)).isEqualTo(Map.of("cause", "comment", "from", "NEW", "to", "OPENED"));
        assertThat(Json.read(LEGACY_ESCAPES))
                .isEqualTo(Map.of("count", "2", "names", "capture \"1\".png, a\\b.pdf, é€😀\n\t\u0001"));
        assertThat(Json.read("{}")).isEmpty();
        assertThat(Json.read(" { \"a\" : \"\\u00e9\\/\" } ")).containsEntry("a", "é/");
    }

    @Test
    void writesSortedKeysAsBefore() {
        assertThat(Json.write(Map.of("to", "OPENED", "from", "NEW", "cause", "comment")))
                .isEqualTo(LEGACY_STATUS);
        assertThat(Json.write(Map.of())).isEqualTo("{}");
        // control characters other than \n, \t, \r may be escaped in another (equivalent) spelling
        String names = "capture \"1\".png, a\\b.pdf, é€😀\n\t\u0001";
        assertThat(Json.read(Json.write(Map.of("names", names, "count", "2"))))
                .isEqualTo(Map.of("count", "2", "names", names));
    }

    @Test
    void refusesWhatIsNotAnObjectOfStrings() {
        assertThatThrownBy(() -> Json.read("{\"a\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameters are not a JSON object of strings: \"a\" is number");
        assertThatThrownBy(() -> Json.read("[\"a\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameters are not a JSON object of strings: found array");
        assertThatThrownBy(() -> Json.read("{\"a\":\"b\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Parameters are not a JSON object of strings: ");
    }
}
