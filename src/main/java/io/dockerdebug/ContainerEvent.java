package io.dockerdebug;

import java.time.Instant;

/**
 * A container's event on the engine, as {@code docker events} shows it.
 *
 * @param containerId the container's full id
 * @param action      what happened: "create", "start", "die", "destroy", "rename", ...
 * @param name        the container's name at the time, or null
 * @param time        when it happened
 */
public record ContainerEvent(String containerId, String action, String name, Instant time) {
}
