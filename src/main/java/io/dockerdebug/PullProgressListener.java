package io.dockerdebug;

/**
 * Receives the engine's messages while it pulls a toolbox image, one per layer update, as the
 * docker CLI shows them. Called on the thread that opens the session.
 */
@FunctionalInterface
public interface PullProgressListener {
    /** A listener that ignores every message. */
    PullProgressListener NONE = (layer, status, progress) -> { };

    /**
     * One message of the pull.
     *
     * @param layer    the layer's id, or null for a message about the whole image
     * @param status   what happens to it, such as "Downloading" or "Pull complete"
     * @param progress the engine's progress bar text, or null
     */
    void onProgress(String layer, String status, String progress);
}
