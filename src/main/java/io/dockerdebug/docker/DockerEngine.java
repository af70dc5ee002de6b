package io.dockerdebug.docker;

import java.util.List;

/**
 * The few engine calls docker-debug makes. Implementations throw {@link EngineException}
 * with the engine's own message; {@link #createContainer} throws {@link NoSuchImageException}
 * so that callers can pull and retry the way {@code docker run} does.
 */
public interface DockerEngine extends AutoCloseable {

    ContainerDetails inspectContainer(String idOrName);

    /**
     * An image as a target that never runs: its id, platform and overlay layers (null for
     * another storage driver); {@link NoSuchImageException} when the engine does not have it.
     */
    default ImageTarget inspectImage(String image) {
        throw new EngineException(0, "this engine cannot inspect images");
    }

    /**
     * An image to debug through its files.
     *
     * @param platform       the image's "os/arch"
     * @param enginePlatform the engine's "os/arch"
     */
    record ImageTarget(String id, String platform, String enginePlatform, ContainerDetails.Layers layers) {
    }

    String createContainer(ContainerSpec spec);

    void pullImage(String image, PullListener listener);

    /** Attaches to a created container's stdin only; closing the connection ends its stdin. */
    RawConnection attachStdin(String containerId);

    void startContainer(String containerId);

    String createExec(String containerId, ExecSpec spec);

    RawConnection startExec(String execId, boolean tty);

    void resizeExec(String execId, int width, int height);

    ExecState inspectExec(String execId);

    /** Force-removes a container with its anonymous volumes; a container already gone is not an error. */
    void removeContainer(String containerId);

    /** The containers (any state) that pass the filter, as the engine lists them. */
    List<ContainerSummary> listContainers(ContainerFilter filter);

    /**
     * What the container was created with and what its image labels are (two inspects), to
     * tell our sidecars from look-alikes; {@link EngineException} (404) when it is gone.
     */
    ContainerOrigin origin(String containerId);

    /**
     * Blocks until one of these containers dies or is destroyed, or the engine ends the stream
     * (it stopped); returns the event's action ("die", "destroy") or "lost". For a watcher thread.
     */
    String awaitEnd(List<String> containerIds);

    /** The engine's container events from now on; the caller closes the stream. */
    ContainerEvents containerEvents();

    @Override
    void close();

    /** The engine could not create a container because its image is not there. */
    final class NoSuchImageException extends EngineException {
        public NoSuchImageException(String message) {
            super(404, message);
        }
    }
}
