package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * One container as the engine lists it ({@code GET /containers/json}).
 *
 * @param name    the first name, without the leading slash; null when it has none
 * @param created creation time, seconds since the epoch
 * @param state   "running", "created", "exited", "removing", ...
 * @param status  the engine's human status, such as "Up 5 minutes"
 */
public record ContainerSummary(String id, String name, String image, long created, String state, String status,
                               Map<String, String> labels) {
    public ContainerSummary {
        labels = Map.copyOf(labels);
    }

    /** One element of the engine's {@code GET /containers/json} answer. */
    static ContainerSummary fromList(JsonNode c) {
        String name = null;
        for (JsonNode n : c.path("Names")) {
            name = n.asText().startsWith("/") ? n.asText().substring(1) : n.asText();
            break;
        }
        Map<String, String> labels = new HashMap<>();
        c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ContainerSummary(c.path("Id").asText(), name, c.path("Image").asText(), c.path("Created").asLong(),
                c.path("State").asText(), c.path("Status").asText(), labels);
    }

    /** Just what pruning looks at. */
    public ContainerSummary(String id, String state, long created, Map<String, String> labels) {
        this(id, null, null, created, state, null, labels);
    }
}
