package io.dockerdebug.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockerdebug.debug.DebugException;
import io.dockerdebug.docker.DockerCliConfig;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.RegistryAuth;
import io.dockerdebug.server.Backend;
import io.dockerdebug.server.DebugBackend;
import io.dockerdebug.server.EngineCatalog;
import io.dockerdebug.server.Serve;
import io.dockerdebug.server.ServeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code docker-debug serve} does with its options: the server over the library, until stopped. */
final class ServeFrontEnd {
    private ServeFrontEnd() {
    }

    static int run(ServeCommand c) throws Exception {
        Logging.configure(c.debug);
        String listen = c.listen;
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
        for (String o : c.allowOrigins) {
            if (!o.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw DebugException.usage("invalid --allow-origin \"" + o + "\": use scheme://host[:port], exactly");
            }
        }
        String bind = listen.substring(0, colon).replace("[", "").replace("]", "");
        ServeOptions options = new ServeOptions(bind, port, c.allowOrigins, c.tlsCert, c.tlsKey, c.insecure,
                c.stdio.env().get("DOCKER_DEBUG_SERVE_TOKEN"));
        Settings settings = c.engine.settings(c.stdio.env());
        try (Backend backend = new DebugBackend(new Engines(settings, c.engine.endpoint(settings), c.stdio.env()))) {
            return Serve.run(options, backend, VersionProvider.version(), c.open, c.stdio.err());
        }
    }

    /** The default engine (as the CLI resolves it, with -H/--context/-n), the config file's profiles, the docker contexts. */
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
            for (String name : contextNames(env)) {
                try {
                    endpoints.put("context:" + name, settings.endpoint(null, name, null));
                } catch (DebugException | EngineException e) {
                    // a context that does not resolve is left out of the list
                }
            }
        }

        /** The docker CLI's contexts: the names in contexts/meta/ID/meta.json. */
        private static List<String> contextNames(Map<String, String> env) {
            Path meta = DockerCliConfig.of(env).dir().resolve("contexts").resolve("meta");
            List<String> names = new ArrayList<>();
            try (var dirs = Files.list(meta)) {
                for (Path d : dirs.sorted().toList()) {
                    JsonNode n = new ObjectMapper().readTree(d.resolve("meta.json").toFile()).get("Name");
                    if (n != null && n.isTextual()) {
                        names.add(n.asText());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no contexts, or unreadable: none listed
            }
            return names;
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
