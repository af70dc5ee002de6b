package io.dockerdebug.cli;

import io.dockerdebug.docker.DockerEndpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-debug as the docker CLI plugin {@code docker dbg} (docker/cli's cli-plugins protocol;
 * Docker Desktop already ships a plugin named "debug"). The docker CLI finds
 * {@code docker-dbg} in its cli-plugins directories, asks it {@code docker-cli-plugin-metadata},
 * and runs it as {@code docker-dbg [docker's global options] dbg ARGS} with
 * {@code DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND} set. Those global options become ours here:
 * -H/--host and -c/--context choose the engine, --config is the docker CLI's configuration
 * directory (DOCKER_CONFIG), --tlsverify DOCKER_TLS_VERIFY, and --tlscacert, --tlscert, --tlskey
 * the exact files to use ({@link DockerEndpoint#ENV_CACERT} ...); -D and -l are the CLI's own.
 */
final class DockerCliPlugin {
    static final String NAME = "dbg";
    static final String METADATA = "docker-cli-plugin-metadata";
    private static final String PLUGIN_ENV = "DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND";

    /** What to run: our own arguments and environment. */
    record Invocation(String[] args, Map<String, String> env) {
    }

    private DockerCliPlugin() {
    }

    static boolean isMetadataCall(String[] args) {
        return args.length == 1 && args[0].equals(METADATA);
    }

    static String metadata(String version) {
        return "{\"SchemaVersion\":\"0.1.0\",\"Vendor\":\"docker-debug\",\"Version\":\"" + version
                + "\",\"ShortDescription\":\"Open a debugging shell in a running container (docker-debug)\","
                + "\"URL\":\"https://github.com/zeromake/docker-debug\"}";
    }

    /**
     * The invocation unwrapped when the docker CLI ran us as a plugin (one environment lookup
     * otherwise); the arguments unchanged when they are not a plugin call.
     */
    static Invocation unwrap(String[] args, Map<String, String> env) {
        if (env.get(PLUGIN_ENV) == null) {
            return new Invocation(args, env);
        }
        List<String> ours = new ArrayList<>();
        Map<String, String> newEnv = new HashMap<>(env);
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals(NAME)) {
                break;
            }
            if (!a.startsWith("-")) {
                return new Invocation(args, env); // not "[options] dbg …": leave it alone
            }
            String[] nameValue = splitOption(a);
            String name = nameValue[0];
            String value = nameValue[1];
            if (value == null && takesValue(name)) {
                if (i + 1 >= args.length) {
                    return new Invocation(args, env);
                }
                value = args[++i];
            }
            applyGlobalOption(name, value, ours, newEnv);
        }
        if (i >= args.length) {
            return new Invocation(args, env);
        }
        for (i++; i < args.length; i++) {
            ours.add(args[i]);
        }
        newEnv.remove("DOCKER_TLS_VERIFY", "");
        return new Invocation(ours.toArray(new String[0]), Map.copyOf(newEnv));
    }

    /** {@code --name=value} and {@code -Xvalue} as name and value; otherwise the option with no value (null). */
    private static String[] splitOption(String a) {
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
            return new String[] {a.substring(0, eq), a.substring(eq + 1)};
        } else if (!a.startsWith("--") && a.length() > 2) {
            return new String[] {a.substring(0, 2), a.substring(2)};
        }
        return new String[] {a, null};
    }

    /** The docker CLI's global options that take a value (the next argument when not attached). */
    private static boolean takesValue(String name) {
        return switch (name) {
            case "-H", "--host", "-c", "--context", "--config", "-l", "--log-level",
                 "--tlscacert", "--tlscert", "--tlskey" -> true;
            default -> false;
        };
    }

    /** One of the docker CLI's global options as our argument or environment. */
    private static void applyGlobalOption(String name, String value, List<String> ours, Map<String, String> newEnv) {
        switch (name) {
            case "-H", "--host" -> {
                ours.add("-H");
                ours.add(value);
            }
            case "-c", "--context" -> {
                ours.add("--context");
                ours.add(value);
            }
            case "--config" -> newEnv.put("DOCKER_CONFIG", value);
            case "--tlsverify" -> newEnv.put("DOCKER_TLS_VERIFY", value == null || value.equals("true") ? "1" : "");
            // Exactly the files named: never DOCKER_CERT_PATH=dirname(FILE), whose ca.pem may be another CA.
            case "--tlscacert" -> newEnv.put(DockerEndpoint.ENV_CACERT, Path.of(value).toAbsolutePath().toString());
            case "--tlscert" -> newEnv.put(DockerEndpoint.ENV_CERT, Path.of(value).toAbsolutePath().toString());
            case "--tlskey" -> newEnv.put(DockerEndpoint.ENV_KEY, Path.of(value).toAbsolutePath().toString());
            default -> {
                // -D/--debug, -l/--log-level, --tls: the docker CLI's own logging and defaults
            }
        }
    }
}
