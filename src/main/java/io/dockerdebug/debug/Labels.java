package io.dockerdebug.debug;

/** Labels that mark a sidecar, so that it can be found (ps, prune) and never debugged itself. */
public final class Labels {
    public static final String SIDECAR = "io.docker-debug.sidecar";
    public static final String TARGET = "io.docker-debug.target";
    /** "true" on a sidecar left running by {@code --keep}, for the next session to reuse. */
    public static final String KEEP = "io.docker-debug.keep";
    /** Hash of what a kept sidecar was created with (image, mounts, namespaces, privileges). */
    public static final String CONFIG = "io.docker-debug.config";
    /** The client that created the sidecar, see {@link ClientId}. */
    public static final String CLIENT = "io.docker-debug.client";

    private Labels() {
    }
}
