package io.dockerdebug.docker;

import java.io.IOException;

/**
 * Waits on the engine's events stream for the first event that matches its filters, on a
 * connection of our own that is closed at once afterwards (the stream itself never ends).
 */
final class EventStream {
    private EventStream() {
    }

    /** "event" when one arrived, "lost" when the engine ended the stream or answered with an error. */
    static String awaitFirst(EngineHttp.Response response) {
        if (response.status != 200) {
            return "lost";
        }
        try {
            // Any byte of the body is (part of) an event.
            return response.body.read() >= 0 ? "event" : "lost";
        } catch (IOException e) {
            return "lost";
        }
    }
}
