package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ExecSpec;

import java.util.List;

/** What to create for a debug session, and notes worth one line each to the user. */
public record SidecarPlan(ContainerSpec container, ExecSpec exec, List<String> notes) {
    public SidecarPlan {
        notes = List.copyOf(notes);
    }
}
