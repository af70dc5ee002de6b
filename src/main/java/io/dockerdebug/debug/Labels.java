package io.dockerdebug.debug;

/** Labels that mark a sidecar, so that it can be found (ps, prune) and never debugged itself. */
public final class Labels {
    public static final String SIDECAR = "io.docker-debug.sidecar";
    public static final String TARGET = "io.docker-debug.target";
    /** The client that created the sidecar, see {@link ClientId}. */
    public static final String CLIENT = "io.docker-debug.client";

    private Labels() {
    }
}
