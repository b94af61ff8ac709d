package org.entsupport.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.entsupport.core.spi.Pseudonym;

/**
 * Rewrites a stored JSON document (an outbox payload) without a person: every string equal to their user id
 * becomes the pseudonym's id, the name and e-mail beside such an id ({@code userId} and {@code displayName},
 * {@code actorId} and {@code actorName}...) are replaced and removed, and every other string is
 * {@linkplain Pseudonym#scrub scrubbed}. Text that is not JSON is scrubbed as plain text, the user id replaced.
 */
public final class PseudonymJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** In stored JSON, the field that holds the name of the user whose id is in the key's field. */
    private static final Map<String, String> NAME_BESIDE_ID =
            Map.of("userId", "displayName", "actorId", "actorName", "author", "authorName", "owner", "ownerName");

    private PseudonymJson() {}

    /** {@code json} without the person of {@code p}. */
    public static String scrub(Pseudonym p, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null) {
                return json;
            }
            return JSON.writeValueAsString(node(p, root));
        } catch (JsonProcessingException e) {
            return p.scrub(json.replace(p.userId(), p.id()));
        }
    }

    private static JsonNode node(Pseudonym p, JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return TextNode.valueOf(text.equals(p.userId()) ? p.id() : p.scrub(text));
        }
        if (node instanceof ObjectNode object) {
            Set<String> personal = new HashSet<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isTextual() && field.getValue().asText().equals(p.userId())) {
                    String nameKey = NAME_BESIDE_ID.get(field.getKey());
                    if (nameKey != null) {
                        personal.add(nameKey);
                        personal.add("email");
                    }
                }
            }
            ObjectNode copy = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String key = field.getKey();
                if (personal.contains(key) && key.equals("email")) {
                    copy.putNull(key);
                } else if (personal.contains(key) && field.getValue().isTextual()) {
                    copy.put(key, p.displayName());
                } else {
                    copy.set(key, node(p, field.getValue()));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(item -> copy.add(node(p, item)));
            return copy;
        }
        return node;
    }
}
