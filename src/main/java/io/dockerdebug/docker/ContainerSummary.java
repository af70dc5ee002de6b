package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

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
    static ContainerSummary fromList(Json c) {
        String name = null;
        Json first = c.path("Names").path(0);
        if (!first.isMissing()) {
            name = first.asText().startsWith("/") ? first.asText().substring(1) : first.asText();
        }
        return new ContainerSummary(c.path("Id").asText(), name, c.path("Image").asText(), c.path("Created").asLong(),
                c.path("State").asText(), c.path("Status").asText(), c.path("Labels").stringMap());
    }

    /** Just what pruning looks at. */
    public ContainerSummary(String id, String state, long created, Map<String, String> labels) {
        this(id, null, null, created, state, null, labels);
    }
}
