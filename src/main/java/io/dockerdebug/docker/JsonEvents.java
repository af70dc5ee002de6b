package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The engine's events stream read as JSON messages, one {@link ContainerEvents.Event} each. */
final class JsonEvents implements ContainerEvents {
    private final ObjectMapper json;
    private final EngineHttp.Response response;
    private MappingIterator<JsonNode> messages;

    private JsonEvents(ObjectMapper json, EngineHttp.Response response) {
        this.json = json;
        this.response = response;
    }

    /**
     * The parser is made by the first {@link #next()}: making it reads the first bytes, and the
     * engine sends none until an event happens, so the caller would wait for the first event.
     */
    static JsonEvents of(ObjectMapper json, EngineHttp.Response response) {
        return new JsonEvents(json, response);
    }

    @Override
    public Event next() {
        try {
            if (messages == null) {
                messages = json.readerFor(JsonNode.class).readValues(response.body);
            }
            if (!messages.hasNextValue()) {
                return null;
            }
            JsonNode m = messages.nextValue();
            JsonNode actor = m.path("Actor");
            String id = actor.path("ID").asText(m.path("id").asText(""));
            String action = m.path("Action").asText(m.path("status").asText(""));
            JsonNode name = actor.path("Attributes").path("name");
            long time = m.path("timeNano").asLong(m.path("time").asLong() * 1_000_000_000L);
            return new Event(id, action, name.isMissingNode() ? null : name.asText(), time);
        } catch (IOException | RuntimeException e) {
            // closed by us, or the engine went away: the stream has ended either way
            return null;
        }
    }

    @Override
    public void close() {
        response.close();
    }
}
