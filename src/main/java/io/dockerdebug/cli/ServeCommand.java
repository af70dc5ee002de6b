package io.dockerdebug.cli;

import io.dockerdebug.debug.DebugException;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.RegistryAuth;
import io.dockerdebug.server.Backend;
import io.dockerdebug.server.DebugBackend;
import io.dockerdebug.server.EngineCatalog;
import io.dockerdebug.server.Serve;
import io.dockerdebug.server.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code docker-debug serve}: the thin front end of the server (io.dockerdebug.server), which
 * is loaded only here, in {@link #call}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the web page and the HTTP API (sessions, a terminal websocket) on 127.0.0.1.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, any free port). Another address "
                    + "than loopback needs --tls-cert/--tls-key or --insecure.")
    String listen;

    @Option(names = "--open", description = "Open the page in the browser.")
    boolean open;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Let pages of this exact origin (scheme://host[:port]) use the API with the token (repeatable).")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--insecure", description = "Allow plain HTTP on an address other than loopback.")
    boolean insecure;

    @Option(names = "--debug", description = "Debug logging to stderr.")
    boolean debug;

    private final Stdio stdio;
    private final EngineOptions engine;

    ServeCommand(Stdio stdio, EngineOptions engine) {
        this.stdio = stdio;
        this.engine = engine;
    }

    @Override
    public Integer call() throws Exception {
        Logging.configure(debug);
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw DebugException.usage("invalid --listen \"" + listen + "\": use HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw DebugException.usage("invalid --listen \"" + listen + "\": the port must be a number");
        }
        if (port < 0 || port > 65535) {
            throw DebugException.usage("invalid --listen \"" + listen + "\": no such port");
        }
        for (String o : allowOrigins) {
            if (!o.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw DebugException.usage("invalid --allow-origin \"" + o + "\": use scheme://host[:port], exactly");
            }
        }
        String bind = listen.substring(0, colon).replace("[", "").replace("]", "");
        ServeOptions options = new ServeOptions(bind, port, allowOrigins, tlsCert, tlsKey, insecure,
                stdio.env().get("DOCKER_DEBUG_SERVE_TOKEN"));
        Settings settings = engine.settings(stdio.env());
        try (Backend backend = new DebugBackend(new Engines(settings, engine.endpoint(settings), stdio.env()))) {
            return Serve.run(options, backend, VersionProvider.version(), open, stdio.err());
        }
    }

    /** The default engine (as the CLI resolves it, with -H/--context/-n) and the config file's profiles. */
    private static final class Engines implements EngineCatalog {
        private final Settings settings;
        private final Map<String, DockerEndpoint> endpoints = new LinkedHashMap<>();
        private final Map<String, String> env;

        Engines(Settings settings, DockerEndpoint chosen, Map<String, String> env) {
            this.settings = settings;
            this.env = env;
            endpoints.put("default", chosen);
            for (String name : settings.config().profiles().keySet()) {
                try {
                    endpoints.put("profile:" + name, settings.endpoint(null, null, name));
                } catch (DebugException e) {
                    // a profile that does not resolve is left out of the list
                }
            }
        }

        @Override
        public List<String> names() {
            return List.copyOf(endpoints.keySet());
        }

        @Override
        public DockerEndpoint endpoint(String name) {
            return endpoints.get(name);
        }

        @Override
        public io.dockerdebug.config.Config config() {
            return settings.config();
        }

        @Override
        public RegistryAuth registryAuth() {
            return RegistryAuth.fromEnv(env);
        }
    }
}
