package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.SidecarOptions.PullPolicy;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.PullListener;

import java.util.function.BiFunction;
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
    private final BiFunction<ContainerSpec, String, ContainerSpec> fallback;

    ImageProvisioner(DockerEngine engine, PullPolicy policy, PullListener listener, Consumer<String> notes) {
        this(engine, policy, listener, notes, (spec, refusal) -> null);
    }

    /** {@code fallback}: another spec to try when the engine refuses one with this message, else null. */
    ImageProvisioner(DockerEngine engine, PullPolicy policy, PullListener listener, Consumer<String> notes,
                     BiFunction<ContainerSpec, String, ContainerSpec> fallback) {
        this.engine = engine;
        this.policy = policy;
        this.listener = listener;
        this.notes = notes;
        this.fallback = fallback;
    }

    void beforeCreate(String image) {
        if (policy == PullPolicy.ALWAYS) {
            pull(image);
        }
    }

    String create(ContainerSpec spec) {
        try {
            return attempt(spec);
        } catch (DockerEngine.NoSuchImageException e) {
            if (policy == PullPolicy.NEVER) {
                throw new DockerDebugException(DockerDebugException.ENGINE_ERROR,
                        "image " + spec.image() + " is not present locally and --pull is never");
            }
            notes.accept("Unable to find image '" + spec.image() + "' locally");
            pull(spec.image());
        }
        try {
            return attempt(spec);
        } catch (DockerEngine.NoSuchImageException e) {
            throw refused(e);
        }
    }

    /** One create, then the fallbacks the engine's refusal allows. */
    private String attempt(ContainerSpec spec) {
        try {
            return engine.createContainer(spec);
        } catch (DockerEngine.NoSuchImageException e) {
            throw e;
        } catch (EngineException e) {
            ContainerSpec other = fallback.apply(spec, e.getMessage());
            if (other == null || other.equals(spec)) {
                throw refused(e);
            }
            return attempt(other);
        }
    }

    private static DockerDebugException refused(EngineException e) {
        return new DockerDebugException(DockerDebugException.ENGINE_ERROR, "cannot create the debug sidecar: " + e.getMessage());
    }

    private void pull(String image) {
        try {
            engine.pullImage(image, listener);
        } catch (EngineException e) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "cannot pull " + image + ": " + e.getMessage());
        }
    }
}
