package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

/** Turns an engine error body ({"message": "..."}) into the message the docker CLI would print. */
final class EngineErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineErrors() {
    }

    static String message(byte[] body, int status) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (Exception ignored) {
            // not JSON: fall back to the text itself
        }
        return text.isEmpty() ? "the engine answered HTTP " + status : text;
    }
}
