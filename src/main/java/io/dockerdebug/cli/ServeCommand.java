package io.dockerdebug.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code docker-debug serve}: its options only. Nothing here names a type of the server
 * (io.dockerdebug.server, Jetty): linking this class, which picocli does on every run, must not
 * load them; {@link ServeFrontEnd} does, and only when serve runs.
 */
@Command(name = ServeCommand.NAME, mixinStandardHelpOptions = true, description = ServeCommand.SUMMARY)
final class ServeCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "serve";
    static final String SUMMARY = "Serve the web page and the HTTP API (sessions, a terminal websocket) on 127.0.0.1.";

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, any free port). Another address "
                    + "than loopback needs --tls-cert/--tls-key or --insecure.")
    String listen;

    @Option(names = "--open", description = "Open the page in the browser (through a file only you can read: "
            + "no credential in any process's arguments).")
    boolean open;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Let pages of this exact origin (scheme://host[:port], any case) use the API with the token (repeatable).")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--insecure", description = "Allow plain HTTP on an address other than loopback.")
    boolean insecure;

    @Option(names = "--debug", description = "Debug logging to stderr.")
    boolean debug;

    final Stdio stdio;
    final EngineOptions engine;

    ServeCommand(Stdio stdio, EngineOptions engine) {
        this.stdio = stdio;
        this.engine = engine;
    }

    @Override
    public Integer call() throws Exception {
        return ServeFrontEnd.run(this);
    }
}
