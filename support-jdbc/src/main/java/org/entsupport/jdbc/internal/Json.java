package org.entsupport.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON text of an event's or a feed entry's parameters: one flat object of strings, keys in sorted
 * order (the stored format since the first version), written and read with Jackson.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** Writes {@code map} as a JSON object, keys sorted. */
    static String write(Map<String, String> map) {
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write parameters as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a JSON object of strings written by {@link #write}.
     *
     * @throws IllegalArgumentException when the text is not such an object, saying what was found
     */
    static Map<String, String> read(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Parameters are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Parameters are not a JSON object of strings: found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("Parameters are not a JSON object of strings: \"" + e.getKey()
                        + "\" is " + e.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }
}
