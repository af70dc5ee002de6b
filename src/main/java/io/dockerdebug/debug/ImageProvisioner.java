package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.PullListener;

import java.util.function.Consumer;

/**
 * Creates the sidecar the way {@code docker run --pull} does: with "missing", create first and
 * pull only when the engine says the image is not there (no image listing up front).
 */
final class ImageProvisioner {
    private final DockerEngine engine;
    private final PullPolicy policy;
    private final PullListener listener;
    private final Consumer<String> notes;

    ImageProvisioner(DockerEngine engine, PullPolicy policy, PullListener listener, Consumer<String> notes) {
        this.engine = engine;
        this.policy = policy;
        this.listener = listener;
        this.notes = notes;
    }

    void beforeCreate(String image) {
        if (policy == PullPolicy.ALWAYS) {
            pull(image);
        }
    }

    String create(ContainerSpec spec) {
        try {
            return engine.createContainer(spec);
        } catch (DockerEngine.NoSuchImageException e) {
            if (policy == PullPolicy.NEVER) {
                throw new DebugException(DebugException.ENGINE_ERROR,
                        "image " + spec.image() + " is not present locally and --pull is never");
            }
            notes.accept("Unable to find image '" + spec.image() + "' locally");
            pull(spec.image());
        } catch (EngineException e) {
            throw new DebugException(DebugException.ENGINE_ERROR, "cannot create the debug sidecar: " + e.getMessage());
        }
        try {
            return engine.createContainer(spec);
        } catch (EngineException e) {
            throw new DebugException(DebugException.ENGINE_ERROR, "cannot create the debug sidecar: " + e.getMessage());
        }
    }

    private void pull(String image) {
        try {
            engine.pullImage(image, listener);
        } catch (EngineException e) {
            throw new DebugException(DebugException.ENGINE_ERROR, "cannot pull " + image + ": " + e.getMessage());
        }
    }
}
