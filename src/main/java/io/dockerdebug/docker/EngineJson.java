package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Engine API's JSON: the one mapper, and the small reads and writes the records' mappings share. */
final class EngineJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private EngineJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** A field's text, null when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Map<String, String> labels(JsonNode labels) {
        Map<String, String> all = new HashMap<>();
        labels.properties().forEach(e -> all.put(e.getKey(), e.getValue().asText()));
        return all;
    }

    static List<String> stringList(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(e -> all.add(e.asText()));
        return all;
    }
}
