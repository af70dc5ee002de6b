package io.dockerdebug.docker;

import java.util.List;
import java.util.Map;

/**
 * The few engine calls docker-debug makes. Implementations throw {@link EngineException}
 * with the engine's own message; {@link #createContainer} throws {@link NoSuchImageException}
 * so that callers can pull and retry the way {@code docker run} does.
 */
public interface DockerEngine extends AutoCloseable {

    ContainerDetails inspectContainer(String idOrName);

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

    /** Ids of containers (any state) carrying all of these labels. */
    List<String> listContainers(Map<String, String> labels);

    /**
     * Containers (any state) carrying all of these labels ("key" or "key=value"), or with one of
     * these ids when {@code ids} is not empty.
     */
    default List<ContainerSummary> listContainerSummaries(Map<String, String> labels, List<String> ids) {
        throw new UnsupportedOperationException("listing containers");
    }

    /** Containers (any state) carrying all of these labels (a null value: the label with any value). */
    default List<ContainerSummary> findContainers(Map<String, String> labels) {
        throw new UnsupportedOperationException("findContainers");
    }

    /**
     * What the container was created with and what its image labels are (two inspects), to
     * tell our sidecars from look-alikes; {@link EngineException} (404) when it is gone.
     */
    default ContainerOrigin origin(String containerId) {
        throw new UnsupportedOperationException("origin");
    }

    /**
     * Blocks until one of these containers dies or is destroyed, or the engine ends the stream
     * (it stopped); returns the event's action ("die", "destroy") or "lost". For a watcher thread.
     */
    default String awaitEnd(List<String> containerIds) {
        throw new UnsupportedOperationException("awaitEnd");
    }

    @Override
    void close();

    /** The engine could not create a container because its image is not there. */
    final class NoSuchImageException extends EngineException {
        public NoSuchImageException(String message) {
            super(404, message);
        }
    }
}
