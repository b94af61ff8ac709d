package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesSortedKeysAndReadsBackAnyText() {
        Map<String, String> params = Map.of("to", "OPENED", "from", "NEW", "names", "a \"b\"\\c\n\td\u0001é€😀");
        String json = Json.write(params);
        assertThat(json).startsWith("{\"from\":\"NEW\",\"names\":");
        assertThat(Json.read(json)).isEqualTo(params);
        assertThat(Json.read(Json.write(Map.of()))).isEmpty();
        assertThat(Json.read(" { \"a\" : \"\\u00e9\\/\" } ")).containsEntry("a", "é/");
    }

    @Test
    void refusesWhatIsNotAnObjectOfStrings() {
        assertThatThrownBy(() -> Json.read("{\"a\":1}")).hasMessageContaining("expected '\"'");
        assertThatThrownBy(() -> Json.read("[\"a\"]")).hasMessageContaining("expected '{'");
        assertThatThrownBy(() -> Json.read("{\"a\":\"b\"")).hasMessageContaining("more text");
    }
}
