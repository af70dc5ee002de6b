package io.dockerdebug;

import io.dockerdebug.config.Config;
import io.dockerdebug.config.ConfigFile;
import io.dockerdebug.config.Profile;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.HttpDockerEngine;
import io.dockerdebug.docker.EngineResolver;
import io.dockerdebug.docker.RegistryAuth;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Chooses the engine the way the docker CLI does (see {@link EngineResolver}) and connects to it. */
final class Connector {
    private Connector() {
    }

    /** The config file (read at most once, by {@link ConfigFile#config}) and the profiles it gives the engine choice. */
    static final class Settings {
        private final ConfigFile file;

        Settings(String configFile, Map<String, String> env) {
            this.file = ConfigFile.locate(configFile, env);
        }

        Path path() {
            return file.path();
        }

        Config config() {
            return file.config(InvalidOptionsException::new);
        }

        EngineResolver.Profiles profiles() {
            Config c = config();
            return new EngineResolver.Profiles() {
                public String defaultName() {
                    return c.defaultProfile();
                }

                public EngineResolver.ProfileSettings get(String name) {
                    Profile p = c.profiles().get(name);
                    return p == null ? null
                            : new EngineResolver.ProfileSettings(p.name(), p.host(), p.tls(), p.certDir(), p.apiVersion());
                }

                public String where() {
                    return file.path().toString();
                }
            };
        }
    }

    /**
     * TLS a library caller set on its builder.
     *
     * @param certDir    the docker CLI's files, or null
     * @param verify     verify the engine's certificate (with {@code certDir})
     * @param ownContext the caller made the TLS context
     */
    record Tls(Path certDir, boolean verify, boolean ownContext) {
    }

    /**
     * The engine a builder's settings choose: an explicit host with the caller's TLS, else the
     * docker CLI's rules ({@link #resolve}); a pinned API version wins over the one chosen.
     */
    static DockerEndpoint endpoint(String host, String context, String profile, Settings settings,
                                   Map<String, String> env, Tls tls, String apiVersion) {
        if (tls.ownContext()) {
            return withContext(explicit(requireHost(host), null, true, apiVersion).host(), apiVersion, "explicit host");
        }
        if (tls.certDir() != null) {
            return explicit(requireHost(host), tls.certDir(), tls.verify(), apiVersion);
        }
        DockerEndpoint endpoint = resolve(host, context, profile, settings, env);
        // The TLS files named one by one (the docker CLI plugin's --tlscacert...) stay with a pinned version.
        return apiVersion == null ? endpoint : new DockerEndpoint(endpoint.host(), endpoint.tls(),
                endpoint.tlsCertDir(), endpoint.tlsVerify(), apiVersion, endpoint.source(), endpoint.tlsFiles());
    }

    private static String requireHost(String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidOptionsException("TLS material needs a host: set one with host(...)");
        }
        return host;
    }

    /** Where the engine is and which setting chose it, as the API reports it. */
    static EngineInfo info(DockerEndpoint endpoint) {
        return new EngineInfo(endpoint.source(), endpoint.host().toString(), endpoint.usesTls(),
                endpoint.usesTls() && endpoint.tlsVerify(), endpoint.tlsCertDir(), endpoint.apiVersion());
    }

    /** -H, DOCKER_HOST, --context, DOCKER_CONTEXT, -n, the config's default, the current context, the socket. */
    static DockerEndpoint resolve(String host, String context, String profile, Settings settings,
                                  Map<String, String> env) {
        try {
            return EngineResolver.resolve(new EngineResolver.Request(host, context, profile, settings::profiles, env));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
    }

    /** An explicit host, with the TLS files of {@code certDir} when it is not null. */
    static DockerEndpoint explicit(String host, Path certDir, boolean verify, String apiVersion) {
        try {
            return new DockerEndpoint(DockerEndpoint.parseHost(host), certDir, verify, apiVersion, "explicit host");
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
    }

    /** An endpoint whose TLS context the caller made (e.g. from a docker-java client configuration). */
    static DockerEndpoint withContext(URI host, String apiVersion, String source) {
        return new DockerEndpoint(host, true, null, true, apiVersion, source);
    }

    static HttpDockerEngine engine(DockerEndpoint endpoint, Duration timeout, SSLContext tls, Map<String, String> env) {
        return new HttpDockerEngine(endpoint, timeout, RegistryAuth.fromEnv(env, timeout), tls);
    }
}
