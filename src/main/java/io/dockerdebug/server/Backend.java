package io.dockerdebug.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * What the server needs of the debugger, and nothing more: one adapter implements it over the
 * library ({@link DebugBackend}); the tests use fakes. Methods throw {@link ApiException} with
 * the docker-like exit code on failure.
 */
public interface Backend extends AutoCloseable {

    /** The engines the user has; the first is the default. */
    List<EngineInfo> engines();

    /** The containers of one engine, any state. */
    List<ContainerInfo> containers(String engine);

    /**
     * Blocks until something may have changed among the engine's containers (an engine event), or
     * the deadline passes; returns without error either way. For a long poll.
     */
    void awaitContainerChange(String engine, long timeoutMillis) throws InterruptedException;

    /** A sidecar running beside the target, its command created but not started. */
    Session open(String engine, SessionSpec spec);

    /** Runs a command without a TTY and collects its output, up to {@code maxBytes} per stream. */
    ExecResult exec(String engine, SessionSpec spec, int maxBytes);

    List<SidecarInfo> sidecars(String engine);

    /** Removes these sidecars (ids or unique prefixes); returns the removed ids. */
    List<String> removeSidecars(String engine, List<String> ids);

    /** Removes sidecars whose client is gone; returns their ids. */
    List<String> prune(String engine);

    /** The config file's defaults for the page's form. */
    Defaults defaults();

    @Override
    void close();

    /** An interactive session. Closing it ends the command and removes its sidecar. */
    interface Session extends AutoCloseable {
        String sidecarId();

        String targetName();

        /** Starts the command with a TTY: "started" means attached. */
        void start();

        /** The TTY's output; ends when the command ends. */
        InputStream output();

        /** The TTY's input. */
        OutputStream input();

        void resize(int columns, int rows);

        /** The command's exit code, once its output has ended (126, 127 as docker reports them). */
        int exitCode();

        @Override
        void close();
    }

    record EngineInfo(String name, String host, String source) {
    }

    record ContainerInfo(String id, String name, String image, String state, String status, long created) {
    }

    record SidecarInfo(String id, String targetId, String targetName, String image, long created, boolean kept,
                       String state, String status) {
    }

    record ExecResult(byte[] stdout, byte[] stderr, int exitCode, boolean truncated) {
    }

    record Defaults(String image, String mountDir, String command) {
    }

    /**
     * A session's or exec's request, validated for shape by {@link SessionSpec#parse}.
     *
     * @param command the command and its arguments, run as is; empty for the shell
     * @param shell   a string for {@code /bin/sh -c}, or null
     */
    record SessionSpec(String target, String image, List<String> command, String shell, String user,
                       String workdir, boolean privileged, List<String> capAdd, boolean keep, String pull) {
        public SessionSpec {
            command = List.copyOf(command);
            capAdd = List.copyOf(capAdd);
        }
    }

    /** A failure with the docker-like code (125, 126, 127) and the HTTP status it maps to. */
    final class ApiException extends RuntimeException {
        private final int code;
        private final int status;

        public ApiException(int code, int status, String message) {
            super(message);
            this.code = code;
            this.status = status;
        }

        public int code() {
            return code;
        }

        public int status() {
            return status;
        }

        public static ApiException badRequest(String message) {
            return new ApiException(125, 400, message);
        }
    }
}
