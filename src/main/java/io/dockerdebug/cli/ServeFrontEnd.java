package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.docker.PemKeys;
import io.dockerdebug.server.Engines;
import io.dockerdebug.server.Serve;
import io.dockerdebug.server.ServeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What {@code docker-debug serve} does with its options: the server over the library, until stopped. */
final class ServeFrontEnd {
    private ServeFrontEnd() {
    }

    /**
     * Jetty's loggers at debug print request lines ({@code ?token=}), headers (Authorization) and
     * every websocket frame (what is typed in a terminal): under --debug they stay at info.
     */
    static final String JETTY_LOGGER = "org.slf4j.simpleLogger.log.org.eclipse.jetty";

    static int run(ServeCommand c) throws Exception {
        Logging.configure(c.debug);
        if (c.debug) {
            System.setProperty(JETTY_LOGGER, "info");
        }
        String listen = c.listen;
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidOptionsException("invalid --listen \"" + listen + "\": use HOST:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException("invalid --listen \"" + listen + "\": the port must be a number");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidOptionsException("invalid --listen \"" + listen + "\": no such port");
        }
        for (String o : c.allowOrigins) {
            if (!o.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw new InvalidOptionsException("invalid --allow-origin \"" + o + "\": use scheme://host[:port], exactly");
            }
        }
        String bind = listen.substring(0, colon).replace("[", "").replace("]", "");
        ServeOptions options = new ServeOptions(bind, port, c.allowOrigins, tls(c.tlsCert, c.tlsKey), c.insecure,
                c.stdio.env().get("DOCKER_DEBUG_SERVE_TOKEN"));
        Engines engines = engines(c);
        try (engines) {
            return Serve.run(options, engines, VersionProvider.version(), c.open, c.stdio.in(), c.stdio.err());
        }
    }

    /** The PEM files of --tls-cert and --tls-key as the server's key store, or null without them. */
    static KeyStore tls(Path cert, Path key) {
        if ((cert == null) != (key == null)) {
            throw new InvalidOptionsException("--tls-cert and --tls-key go together");
        }
        if (cert == null) {
            return null;
        }
        try {
            return PemKeys.keyStore(Files.readString(key), Files.readString(cert), ServeOptions.KEY_PASSWORD.toCharArray());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidOptionsException("cannot read --tls-cert/--tls-key: " + e.getMessage());
        }
    }

    /**
     * The default engine (as the CLI resolves it, with -H/--context/-n), the config file's
     * profiles, the docker contexts: each a connection of the library. Ones that do not resolve
     * are left out.
     */
    private static Engines engines(ServeCommand c) {
        Map<String, String> env = c.stdio.env();
        Map<String, DockerDebug> all = new LinkedHashMap<>();
        all.put("default", c.engine.library(env).build());
        for (String name : c.engine.settings(env).config().profiles().keySet()) {
            add(all, "profile:" + name, () -> DockerDebug.builder().environment(env).configFile(c.engine.configFile)
                    .profile(name).build());
        }
        for (String name : DockerDebug.dockerContexts(env)) {
            add(all, "context:" + name, () -> DockerDebug.builder().environment(env).configFile(c.engine.configFile)
                    .context(name).build());
        }
        return new Engines(all);
    }

    private static void add(Map<String, DockerDebug> all, String name, Supplier<DockerDebug> connect) {
        try {
            all.put(name, connect.get());
        } catch (DockerDebugException e) {
            // an engine that does not resolve is left out of the list
        }
    }
}
