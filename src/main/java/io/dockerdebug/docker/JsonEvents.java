package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import java.io.IOException;

/** The engine's events stream read as JSON messages, one {@link ContainerEvents.Event} each. */
final class JsonEvents implements ContainerEvents {
    private final Runnable close;
    private final MessageBudget budget;
    private final Json.Values messages;

    JsonEvents(java.io.InputStream body, Runnable close) {
        this.close = close;
        this.budget = new MessageBudget(body);
        this.messages = Json.values(budget);
    }

    /**
     * Reads nothing yet ({@link Json#values}): the engine sends no bytes until an event happens.
     */
    static JsonEvents of(EngineHttp.Response response) {
        return new JsonEvents(response.body, response::close);
    }

    @Override
    public Event next() {
        try {
            Json m = messages.next();
            if (m == null) {
                return null;
            }
            budget.nextMessage();
            Json actor = m.path("Actor");
            String id = actor.path("ID").asText(m.path("id").asText(""));
            String action = m.path("Action").asText(m.path("status").asText(""));
            Json name = actor.path("Attributes").path("name");
            long time = m.path("timeNano").asLong(m.path("time").asLong() * 1_000_000_000L);
            return new Event(id, action, name.isMissing() ? null : name.asText(), time);
        } catch (IOException | RuntimeException e) {
            // Closed by us, the engine went away, or it sent what no engine sends (not JSON, a
            // message over the cap): the stream has ended either way, and its connection with it.
            close.run();
            return null;
        }
    }

    @Override
    public void close() {
        close.run();
    }
}
