package io.dockerdebug.server;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** {@code docker-debug serve}: checks the listen address, starts the server, says where, runs until stopped. */
public final class Serve {
    private Serve() {
    }

    /**
     * Runs until the process is stopped; a shutdown hook ends every session, so Ctrl-C and SIGTERM
     * leave no sidecar (SIGKILL: the library's dead-man's switch).
     */
    public static int run(ServeOptions options, Engines engines, String version, boolean open, PrintStream err)
            throws Exception {
        WebServer server;
        try {
            check(options, err);
            server = WebServer.start(options, engines, version);
        } catch (ApiException e) {
            throw new InvalidOptionsException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "cannot listen on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage());
        }
        Thread hook = new Thread(() -> {
            server.close();
            engines.close();
        }, "serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("docker-debug: serving on " + server.url());
        err.flush();
        if (open) {
            Browser.open(server.url(), err);
        }
        server.join();
        return 0;
    }

    /** Loopback unless asked otherwise; elsewhere only with TLS or an explicit --insecure. */
    static void check(ServeOptions options, PrintStream err) {
        if (isLoopback(options.host())) {
            return;
        }
        if (!options.usesTls() && !options.insecure()) {
            throw new InvalidOptionsException("listening on " + options.host()
                    + " needs TLS (--tls-cert and --tls-key) or --insecure");
        }
        err.println("docker-debug: warning: listening on " + options.host()
                + ": whoever reaches it and has the token controls the Docker engine"
                + (options.usesTls() ? "" : ", and the token crosses the network in clear text"));
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
