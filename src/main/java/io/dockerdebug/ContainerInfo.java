package io.dockerdebug;

import java.time.Instant;
import java.util.Map;

/**
 * One container as the engine lists it.
 *
 * @param id      the full id
 * @param name    the first name, without the leading slash; null when it has none
 * @param image   the image it was created from
 * @param created when it was created
 * @param state   "running", "created", "exited", "paused", "restarting", "removing" or "dead"
 * @param status  the engine's human status, such as "Up 5 minutes"
 * @param labels  its labels
 */
public record ContainerInfo(String id, String name, String image, Instant created, String state, String status,
                            Map<String, String> labels) {
    /**
     * Copies the labels.
     *
     * @param id      see the record's description
     * @param name    see the record's description
     * @param image   see the record's description
     * @param created see the record's description
     * @param state   see the record's description
     * @param status  see the record's description
     * @param labels  see the record's description
     */
    public ContainerInfo {
        labels = Map.copyOf(labels);
    }

    /**
     * Whether the container runs (and can be debugged).
     *
     * @return true when its state is "running"
     */
    public boolean running() {
        return "running".equals(state);
    }

    /**
     * Whether this container is itself a docker-debug sidecar.
     *
     * @return true for a sidecar
     */
    public boolean isSidecar() {
        return "true".equals(labels.get("io.docker-debug.sidecar"));
    }
}
