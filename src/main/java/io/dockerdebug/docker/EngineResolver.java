package io.dockerdebug.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Chooses the engine the way the docker CLI does, with docker-debug's profiles in between:
 * {@code -H} > {@code DOCKER_HOST} > {@code --context} > {@code DOCKER_CONTEXT} > {@code -n}
 * profile > the config's default profile > {@code currentContext} of
 * {@code $DOCKER_CONFIG/config.json} > the default socket.
 */
public final class EngineResolver {

    /** An engine profile of the config file, as far as the engine is concerned. */
    public record ProfileSettings(String name, String host, boolean tls, String certDir, String apiVersion) {
    }

    /** The config file's profiles: looked up only when the order reaches them. */
    public interface Profiles {
        /** {@code config_default}, or null. */
        String defaultName();

        /** The profile, or null when there is none of that name. */
        ProfileSettings get(String name);

        /** The config file, for messages. */
        String where();
    }

    public record Request(String hostFlag, String contextFlag, String profileFlag, Supplier<Profiles> profiles,
                          Map<String, String> env) {
    }

    private EngineResolver() {
    }

    public static DockerEndpoint resolve(Request r) {
        Map<String, String> env = r.env();
        String apiEnv = blankToNull(env.get("DOCKER_API_VERSION"));
        if (set(r.hostFlag()) && set(r.contextFlag())) {
            throw new IllegalArgumentException("conflicting options: either specify --host or --context, not both");
        }
        if (set(r.hostFlag())) {
            return DockerEndpoint.fromHost(r.hostFlag(), env, "flag -H");
        }
        if (set(env.get("DOCKER_HOST"))) {
            // As the docker CLI: DOCKER_HOST overrides the current context and its TLS files.
            return DockerEndpoint.fromHost(env.get("DOCKER_HOST"), env, "env DOCKER_HOST");
        }
        DockerCliConfig cli = DockerCliConfig.of(env);
        if (set(r.contextFlag())) {
            return context(cli, r.contextFlag(), env, apiEnv, "flag --context");
        }
        if (set(env.get("DOCKER_CONTEXT"))) {
            return context(cli, env.get("DOCKER_CONTEXT"), env, apiEnv, "env DOCKER_CONTEXT");
        }
        Profiles profiles = r.profiles() == null ? null : r.profiles().get();
        if (set(r.profileFlag())) {
            ProfileSettings p = profiles == null ? null : profiles.get(r.profileFlag());
            if (p == null) {
                throw new IllegalArgumentException("no profile named \"" + r.profileFlag() + "\""
                        + (profiles == null ? "" : " in " + profiles.where()));
            }
            return profile(p, env, apiEnv, "profile \"" + p.name() + "\" (flag -n)");
        }
        if (profiles != null && set(profiles.defaultName())) {
            ProfileSettings p = profiles.get(profiles.defaultName());
            if (p == null) {
                throw new IllegalArgumentException("config_default names \"" + profiles.defaultName()
                        + "\" but " + profiles.where() + " has no [config." + profiles.defaultName() + "]");
            }
            return profile(p, env, apiEnv, "profile \"" + p.name() + "\" (config_default)");
        }
        String current = cli.currentContext();
        if (current != null) {
            return context(cli, current, env, apiEnv, "currentContext in " + cli.configJson());
        }
        return new DockerEndpoint(URI.create(DockerEndpoint.DEFAULT_SOCKET), null, false, apiEnv, "default socket");
    }

    private static DockerEndpoint context(DockerCliConfig cli, String name, Map<String, String> env, String apiEnv,
                                          String source) {
        if (name.equals("default")) {
            // The docker CLI's built-in context: the environment's engine, i.e. here the default socket.
            return new DockerEndpoint(URI.create(DockerEndpoint.DEFAULT_SOCKET), null, false, apiEnv,
                    "context \"default\" (" + source + ")");
        }
        return cli.context(name, apiEnv, source);
    }

    private static DockerEndpoint profile(ProfileSettings p, Map<String, String> env, String apiEnv, String source) {
        URI host = p.host() == null ? URI.create(DockerEndpoint.DEFAULT_SOCKET) : DockerEndpoint.parseHost(p.host());
        String api = p.apiVersion() != null ? p.apiVersion() : apiEnv;
        if (!p.tls()) {
            return new DockerEndpoint(host, false, null, false, api, source);
        }
        Path certDir = p.certDir() != null ? Path.of(p.certDir())
                : set(env.get("DOCKER_CERT_PATH")) ? Path.of(env.get("DOCKER_CERT_PATH"))
                : UserHome.of(env).resolve(".docker");
        return new DockerEndpoint(host, true, certDir, true, api, source);
    }

    private static boolean set(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
