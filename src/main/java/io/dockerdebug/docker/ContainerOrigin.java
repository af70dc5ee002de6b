package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import java.util.List;
import java.util.Map;

/**
 * What a container was created with, from its inspect, and the labels its image gives every
 * container made from it: enough to tell a container we created from one that merely carries
 * our labels (through its image, or a {@code docker commit} of ours).
 *
 * @param labels      the container's labels, those inherited from the image included
 * @param imageLabels the labels of the image it was created from (empty when the image has none)
 * @param entrypoint  its entrypoint, empty when none
 * @param cmd         its command, empty when none
 */
public record ContainerOrigin(String id, Map<String, String> labels, Map<String, String> imageLabels,
                              List<String> entrypoint, List<String> cmd, boolean openStdin, boolean autoRemove,
                              String pidMode) {
    public ContainerOrigin {
        labels = Map.copyOf(labels);
        imageLabels = Map.copyOf(imageLabels);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
    }

    /** From a container's inspect and its image's inspect. */
    static ContainerOrigin fromInspect(Json container, Json image) {
        Json config = container.path("Config");
        Json host = container.path("HostConfig");
        return new ContainerOrigin(container.path("Id").asText(), config.path("Labels").stringMap(),
                image.path("Config").path("Labels").stringMap(), config.path("Entrypoint").stringList(),
                config.path("Cmd").stringList(), config.path("OpenStdin").asBoolean(false),
                host.path("AutoRemove").asBoolean(false), host.path("PidMode").asText(""));
    }
}
