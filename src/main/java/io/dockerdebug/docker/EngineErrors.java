package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import java.nio.charset.StandardCharsets;

/** Turns an engine error body ({"message": "..."}) into the message the docker CLI would print. */
final class EngineErrors {
    private EngineErrors() {
    }

    static String message(byte[] body, int status) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            Json node = Json.parse(body);
            if (node.hasNonNull("message")) {
                return node.path("message").asText();
            }
        } catch (Json.JsonException ignored) {
            // not JSON: fall back to the text itself
        }
        return text.isEmpty() ? "the engine answered HTTP " + status : text;
    }
}
