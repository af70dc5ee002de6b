package io.dockerdebug;

import java.time.Instant;

/**
 * One docker-debug sidecar on the engine.
 *
 * @param id         the sidecar's full container id
 * @param targetId   the full id of the container it debugs
 * @param targetName the target's name, or its short id when the target is gone
 * @param image      the toolbox image
 * @param created    when it was created
 * @param kept       left running by {@code keep}; otherwise a live session's
 * @param state      the engine's state: "running", "created", "exited", ...
 * @param status     the engine's human status, such as "Up 5 minutes"
 */
public record SidecarInfo(String id, String targetId, String targetName, String image, Instant created, boolean kept,
                          String state, String status) {

    /**
     * The id as {@code docker ps} shows it.
     *
     * @return the first 12 characters of the id
     */
    public String shortId() {
        return io.dockerdebug.docker.ShortId.of(id);
    }
}
