package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The engine's events stream read as JSON messages, one {@link ContainerEvents.Event} each. */
final class JsonEvents implements ContainerEvents {
    private final EngineHttp.Response response;
    private final MappingIterator<JsonNode> messages;

    private JsonEvents(EngineHttp.Response response, MappingIterator<JsonNode> messages) {
        this.response = response;
        this.messages = messages;
    }

    static JsonEvents of(ObjectMapper json, EngineHttp.Response response) {
        try {
            return new JsonEvents(response, json.readerFor(JsonNode.class).readValues(response.body));
        } catch (IOException e) {
            response.close();
            throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
        }
    }

    @Override
    public Event next() {
        try {
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
