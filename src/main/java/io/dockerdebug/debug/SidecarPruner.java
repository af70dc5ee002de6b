package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and removes sidecars whose client is gone, for the cases the dead-man's switch cannot
 * cover: a client killed between creating its sidecar and starting it (the sidecar stays
 * "created" forever), or an engine that was restarted while the client was dead.
 *
 * <p>A sidecar is stale when
 * <ul>
 *   <li>its {@link Labels#CLIENT} names a process of this machine, boot and pid namespace that no
 *       longer runs (whatever the sidecar's state); or</li>
 *   <li>it is not running (created, exited, dead) and older than the grace period: a client
 *       starts its sidecar within milliseconds of creating it, and a stopped sidecar is useless.
 *       This also covers sidecars of other machines and of versions without the client label.</li>
 * </ul>
 * A sidecar of a local client that still runs or cannot be seen, and a running sidecar whose
 * client cannot be checked from here, are never touched; nor is a container that only carries
 * our labels without being a sidecar we created ({@link OwnSidecars}).
 */
public final class SidecarPruner {
    /** How old a sidecar that is not running must be before it counts as abandoned. */
    public static final Duration GRACE = Duration.ofSeconds(60);
    private static final Set<String> NOT_RUNNING = Set.of("created", "exited", "dead");

    private final DockerEngine engine;
    private final ClientId self;
    private final Processes processes;
    private final Instant now;

    public SidecarPruner(DockerEngine engine) {
        this(engine, ClientId.current(), LinuxProcesses.system(), Instant.now());
    }

    SidecarPruner(DockerEngine engine, ClientId self, Processes processes, Instant now) {
        this.engine = engine;
        this.self = self;
        this.processes = processes;
        this.now = now;
    }

    /**
     * Removes the stale sidecars (of {@code targetId} only, when not null) and returns their ids.
     * With {@code onlyOwnKind}, only sidecars carrying a client label are considered: what a
     * background sweep may touch without asking anyone.
     */
    public List<String> prune(String targetId, boolean onlyOwnKind) {
        Map<String, String> filter = new HashMap<>();
        filter.put(Labels.SIDECAR, "true");
        if (targetId != null) {
            filter.put(Labels.TARGET, targetId);
        }
        if (onlyOwnKind) {
            filter.put(Labels.CLIENT, null);
        }
        List<String> removed = new ArrayList<>();
        for (ContainerSummary c : engine.findContainers(filter)) {
            if (isStale(c) && OwnSidecars.isOurs(engine, c.id())) {
                engine.removeContainer(c.id());
                removed.add(c.id());
            }
        }
        return removed;
    }

    /** {@link #prune} for a background sweep: never fails, never touches unlabelled sidecars. */
    public List<String> pruneQuietly() {
        try {
            return prune(null, true);
        } catch (EngineException | UnsupportedOperationException e) {
            return List.of();
        }
    }

    boolean isStale(ContainerSummary c) {
        Optional<ClientId> client = ClientId.parse(c.labels().get(Labels.CLIENT));
        if (client.isPresent() && client.get().isLocalTo(self)) {
            return client.get().isGone(self, processes);
        }
        boolean old = Instant.ofEpochSecond(c.created()).plus(GRACE).isBefore(now);
        return NOT_RUNNING.contains(c.state()) && old;
    }
}
