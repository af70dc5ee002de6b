package io.dockerdebug;

import io.dockerdebug.debug.SidecarPruner;
import io.dockerdebug.debug.Sidecars;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.HttpDockerEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the engine holds (itself, containers, sidecars), in the public API's types: {@link DockerDebug}'s queries. */
final class EngineInventory {
    private final DockerEngine engine;

    EngineInventory(DockerEngine engine) {
        this.engine = engine;
    }

    ServerInfo server() {
        if (!(engine instanceof HttpDockerEngine real)) {
            throw new EngineFailureException(0, "this engine does not report its version");
        }
        return real.serverInfo();
    }

    List<ContainerInfo> containers() {
        List<ContainerInfo> all = new ArrayList<>();
        for (ContainerSummary c : engine.listContainers(ContainerFilter.all())) {
            all.add(new ContainerInfo(c.id(), c.name(), c.image(), Instant.ofEpochSecond(c.created()), c.state(),
                    c.status(), c.labels()));
        }
        return all;
    }

    List<SidecarInfo> sidecars() {
        return new Sidecars(engine).list().stream()
                .map(s -> new SidecarInfo(s.id(), s.targetId(), s.targetName(), s.image(), s.created(), s.kept(),
                        s.state(), s.status()))
                .toList();
    }

    SidecarRemoval removeSidecars(List<String> ids, boolean allKept, String target) {
        Sidecars.Removal r = new Sidecars(engine).remove(ids, allKept, target);
        return new SidecarRemoval(r.removed(), r.errors());
    }

    List<String> pruneSidecars(String target) {
        String targetId = null;
        if (target != null) {
            // The label holds the full id; the target may be gone already, then take it as given.
            try {
                targetId = engine.inspectContainer(target).id();
            } catch (EngineException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                targetId = target;
            }
        }
        return new SidecarPruner(engine).prune(targetId, false);
    }
}
