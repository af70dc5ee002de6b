package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Map;

/**
 * -H, --context, -n and --config: mixed into the root command and inherited by every subcommand
 * (picocli copies an inherited option into each subcommand but binds it to this one object), so
 * {@code docker-debug -n p prune} and {@code docker-debug prune -n p} set the same field and every
 * command chooses its engine through {@link #library} — never a socket of its own choosing.
 */
final class EngineOptions {
    @Option(names = {"-H", "--host"}, paramLabel = "HOST", scope = ScopeType.INHERIT,
            description = "Docker engine: unix:///path, tcp://host:port or ssh://[user@]host[:port].")
    String host;

    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Docker CLI context to use (see the README for the order).")
    String context;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", scope = ScopeType.INHERIT,
            completionCandidates = CompletionValues.Profiles.class,
            description = "Engine profile [config.NAME] of the config file.")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (default: $DOCKER_DEBUG_CONFIG, else ~/.docker-debug/config.toml).")
    String configFile;

    /** The config file the options and the environment name (read on first use). */
    Settings settings(Map<String, String> env) {
        return new Settings(configFile, env);
    }

    /** The library, connected to the engine the flags, the environment, the config file and the current context choose. */
    DockerDebug.Builder library(Map<String, String> env) {
        return DockerDebug.builder().environment(env).host(host).context(context).profile(profile).configFile(configFile);
    }
}
