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
                return oneLine(node.path("message").asText(), status);
            }
        } catch (Json.JsonException ignored) {
            // not JSON: fall back to the text itself
        }
        return oneLine(text, status);
    }

    /** Most errors we print are one line: line breaks and other control characters (escapes a terminal would run) become spaces, and a long text is cut. */
    static String oneLine(String text, int status) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (line.length() > 1000) {
            line = line.substring(0, 1000) + "...";
        }
        return line.isEmpty() ? "the engine answered HTTP " + status : line;
    }
}
