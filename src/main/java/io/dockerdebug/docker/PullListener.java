package io.dockerdebug.docker;

/** Receives the engine's pull messages as they arrive: one per layer update, like the docker CLI shows. */
public interface PullListener {
    /**
     * @param layer    layer id, or null for image-wide messages
     * @param status   "Downloading", "Pull complete", ...
     * @param progress the engine's progress bar text, may be null
     */
    void onProgress(String layer, String status, String progress);

    PullListener NONE = (layer, status, progress) -> { };
}
