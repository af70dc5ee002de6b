package io.dockerdebug.cli;

import io.dockerdebug.json.Json;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.EngineFailureException;
import io.dockerdebug.EngineInfo;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.ServerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code docker-debug info [--format json]}: the tool, the platform and the engine it resolves to. */
@Command(name = InfoCommand.NAME, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = InfoCommand.SUMMARY)
final class InfoCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "info";
    static final String SUMMARY = "Show docker-debug's version and platform, and the engine it would use: where that choice "
            + "came from, host, API version, server version and storage driver.";

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Output format: text (default) or json.")
    String format = "text";

    private final Stdio stdio;
    private final EngineOptions engine;

    InfoCommand(Stdio stdio, EngineOptions engine) {
        this.stdio = stdio;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        boolean json = switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "text", "" -> false;
            default -> throw new InvalidOptionsException("unknown format \"" + format + "\": use text or json");
        };
        Settings settings = engine.settings(stdio.env());
        settings.config();
        String error = null;
        ServerInfo server = null;
        EngineInfo endpoint;
        try (DockerDebug debug = engine.library(stdio.env()).build()) {
            endpoint = debug.engine();
            try {
                server = debug.server();
            } catch (EngineFailureException e) {
                error = e.getMessage();
            }
        }
        PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
        ConfigState config = new ConfigState(settings.file().path().toString(), settings.config().exists());
        if (json) {
            out.println(asJson(config, endpoint, server, error).toPrettyString());
        } else {
            printText(out, config, endpoint, server);
        }
        if (error != null) {
            stdio.err().println("docker-debug: " + error);
            return DockerDebugException.ENGINE_ERROR;
        }
        return 0;
    }

    /** The config file info shows: its path and whether it exists. */
    private record ConfigState(String path, boolean exists) {
    }

    private static boolean pinned(EngineInfo endpoint) {
        return endpoint.apiVersion() != null && !endpoint.apiVersion().isBlank();
    }

    private static Json asJson(ConfigState config, EngineInfo endpoint, ServerInfo server, String error) {
        Json root = Json.object();
        root.put("version", VersionProvider.version());
        Json p = Json.object();
        root.put("platform", p);
        p.put("os", System.getProperty("os.name").toLowerCase(Locale.ROOT));
        p.put("arch", System.getProperty("os.arch"));
        p.put("java", Runtime.version().toString());
        Json c = Json.object();
        root.put("config", c);
        c.put("file", config.path());
        c.put("exists", config.exists());
        Json e = Json.object();
        root.put("engine", e);
        e.put("source", endpoint.source());
        e.put("host", endpoint.host());
        e.put("tls", endpoint.tls());
        e.put("tlsVerify", endpoint.tlsVerify());
        e.put("certDir", endpoint.certDir() == null ? null : endpoint.certDir().toString());
        e.put("apiVersion", server == null ? null : server.usedApiVersion());
        e.put("apiVersionPinned", pinned(endpoint));
        e.put("serverVersion", server == null ? null : server.version());
        e.put("serverApiVersion", server == null ? null : server.apiVersion());
        e.put("os", server == null ? null : server.os());
        e.put("arch", server == null ? null : server.arch());
        e.put("storageDriver", server == null ? null : server.storageDriver());
        e.put("error", error);
        return root;
    }

    private static void printText(PrintStream out, ConfigState config, EngineInfo endpoint, ServerInfo server) {
        String platform = System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch");
        String tls = !endpoint.tls() ? "no"
                : (endpoint.tlsVerify() ? "verify" : "no verify")
                + (endpoint.certDir() == null ? "" : ", certificates in " + endpoint.certDir());
        out.println("docker-debug version " + VersionProvider.version());
        out.println(" platform:  " + platform + ", Java " + Runtime.version());
        out.println(" config:    " + config.path() + (config.exists() ? "" : " (no file: defaults)"));
        out.println("engine:");
        out.println(" source:    " + endpoint.source());
        out.println(" host:      " + endpoint.host());
        out.println(" tls:       " + tls);
        if (server != null) {
            out.println(" api:       " + server.usedApiVersion() + (pinned(endpoint) ? " (pinned)"
                    : " (negotiated; server " + server.apiVersion() + ")"));
            out.println(" server:    " + server.version() + " (" + server.os() + "/" + server.arch() + ")");
            out.println(" storage:   " + server.storageDriver());
        }
    }
}
