package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerOrigin;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells the sidecars this tool created from containers that only carry its labels. Labels are
 * not proof: an image built with {@code LABEL io.docker-debug.sidecar=true} gives them to every
 * container made from it, and so does a {@code docker commit} of a sidecar. Before anything is
 * removed or reused, the container itself must have our labels (none of them from its image)
 * and the shape we create: our command, AutoRemove, the target's pid namespace, our label formats.
 */
final class OwnSidecars {
    private static final String OUR_PREFIX = "io.docker-debug.";
    private static final Pattern CONFIG_HASH = Pattern.compile("[0-9a-f]{24}");

    private OwnSidecars() {
    }

    /** True when the container is a sidecar we created; false when it is not, or is gone. */
    static boolean isOurs(DockerEngine engine, String containerId) {
        try {
            return whyNotOurs(engine.origin(containerId)).isEmpty();
        } catch (EngineException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** Empty for a sidecar we created, else what gives it away. */
    static Optional<String> whyNotOurs(ContainerOrigin c) {
        if (c.imageLabels().keySet().stream().anyMatch(k -> k.startsWith(OUR_PREFIX))) {
            return Optional.of("its image carries docker-debug labels");
        }
        String target = c.labels().get(Labels.TARGET);
        if (!"true".equals(c.labels().get(Labels.SIDECAR)) || target == null || target.isEmpty()) {
            return Optional.of("it is not labelled as a sidecar");
        }
        if (!c.pidMode().equals("container:" + target)) {
            return Optional.of("it is not in its target's pid namespace");
        }
        if (!c.autoRemove() || !c.cmd().isEmpty()) {
            return Optional.of("it was not created the way docker-debug creates sidecars");
        }
        boolean kept = "true".equals(c.labels().get(Labels.KEEP));
        if (kept) {
            String hash = c.labels().get(Labels.CONFIG);
            if (!c.entrypoint().equals(SidecarScript.WAITER.argv()) || c.openStdin() || hash == null
                    || !CONFIG_HASH.matcher(hash).matches()) {
                return Optional.of("it was not created the way docker-debug keeps sidecars");
            }
        } else if (!c.entrypoint().equals(SidecarScript.KEEPER.argv()) || !c.openStdin()
                || ClientId.parse(c.labels().get(Labels.CLIENT)).isEmpty()) {
            return Optional.of("it was not created the way docker-debug creates sidecars");
        }
        return Optional.empty();
    }
}
