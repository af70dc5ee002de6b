package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.HttpDockerEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a client killed right after creating its sidecar leaves behind: a created sidecar of the
 * exact shape docker-debug creates (its keeper entrypoint, AutoRemove, open stdin, the target's
 * pid namespace) whose client label names a process that has ended. Made through the product's
 * own engine layer, since the docker CLI cannot set a multi-word entrypoint; prune removes only
 * containers of this shape.
 */
public final class StaleSidecars {
    private StaleSidecars() {
    }

    /** Creates such a sidecar of {@code target} on the engine at {@code host} (null: DOCKER_HOST or the default socket); returns its full id. */
    public static String create(String host, String target, String image) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        String pidNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\D", "");
        // A start time in clock ticks that no process of this boot had: proven gone either way.
        return create(host, target, image, boot + "/" + pidNs + "/" + gone.pid() + "/t1", false);
    }

    /**
     * A sidecar of {@code target} in the shape docker-debug creates, stamped with {@code client}
     * (a client label), created and, when {@code start}, started with nobody attached.
     */
    public static String create(String host, String target, String image, String client, boolean start) {
        ContainerSpec spec = new ContainerSpec(image, SidecarScript.KEEPER.argv(),
                Map.of(Labels.SIDECAR, "true", Labels.TARGET, target, Labels.CLIENT, client),
                List.of(), "container:" + target, "container:" + target, null, false, List.of(), List.of(),
                true, true);
        try (HttpDockerEngine engine = new HttpDockerEngine(DockerEndpoint.resolve(host, System.getenv()))) {
            String id = engine.createContainer(spec);
            if (start) {
                engine.startContainer(id);
            }
            return id;
        }
    }
}
