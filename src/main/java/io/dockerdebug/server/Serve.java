package io.dockerdebug.server;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;

import io.dockerdebug.threads.Threads;
import java.io.InputStream;
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
    public static int run(ServeOptions options, Engines engines, String version, boolean open, InputStream in,
                          PrintStream err) throws Exception {
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
        Thread hook = Threads.shutdownHook("serve-stop", () -> {
            server.close();
            engines.close();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("docker-debug: serving on " + server.baseUrl());
        if (options.token() == null) {
            err.println("docker-debug: for scripts: Authorization: token " + server.token());
        }
        if (open) {
            err.println("docker-debug: opening the page in the browser (press Enter here for a URL to open elsewhere)");
            err.flush();
            Browser.open(server.newCodeUrl(), err);
        } else {
            printCodeUrl(server, err);
        }
        Threads.daemon("serve-codes", () -> codesOnEnter(server, in, err));
        server.join();
        return 0;
    }

    /** A URL with a fresh one-time code: the only way into the page for a browser. */
    private static void printCodeUrl(WebServer server, PrintStream err) {
        err.println("docker-debug: open " + server.newCodeUrl() + " (one use, " + Codes.LIFETIME.toMinutes()
                + " minutes; press Enter here for another)");
        err.flush();
    }

    /** Each line on serve's standard input (Enter on its terminal) prints a fresh code; end of input ends this. */
    private static void codesOnEnter(WebServer server, InputStream in, PrintStream err) {
        try {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    printCodeUrl(server, err);
                }
            }
        } catch (java.io.IOException e) {
            // no input: no more codes on demand
        }
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
