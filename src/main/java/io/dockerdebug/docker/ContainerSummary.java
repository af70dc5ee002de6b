package io.dockerdebug.docker;

import java.util.Map;

/**
 * One row of a container listing.
 *
 * @param state   "created", "running", "paused", "restarting", "removing", "exited" or "dead"
 * @param created creation time in seconds since the epoch
 */
public record ContainerSummary(String id, String state, long created, Map<String, String> labels) {
    public ContainerSummary {
        labels = Map.copyOf(labels);
    }
}
