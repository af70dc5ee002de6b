package io.dockerdebug.cli;

import io.dockerdebug.config.Config;
import io.dockerdebug.config.ConfigException;
import io.dockerdebug.config.ConfigFile;
import io.dockerdebug.config.Profile;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.EngineResolver;
import io.dockerdebug.InvalidOptionsException;

import java.time.Duration;
import java.util.Map;

/** The config file (read once, on first use), for the commands that show or change it. */
final class Settings {
    private final ConfigFile file;
    private final Map<String, String> env;
    private Config config;

    Settings(String configFlag, Map<String, String> env) {
        this.file = ConfigFile.locate(configFlag, env);
        this.env = env;
    }

    ConfigFile file() {
        return file;
    }

    Config config() {
        if (config == null) {
            try {
                config = file.load();
            } catch (ConfigException e) {
                throw new InvalidOptionsException(e.getMessage());
            }
        }
        return config;
    }

    /**
     * The endpoint these flags choose, for the server's list of engines (it keeps one per
     * profile); sessions and the other commands go through the library ({@link EngineOptions#library}).
     */
    DockerEndpoint endpoint(String hostFlag, String contextFlag, String profileFlag) {
        try {
            return EngineResolver.resolve(new EngineResolver.Request(hostFlag, contextFlag, profileFlag,
                    this::profiles, env));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
    }

    /** A connection to the endpoint, for port-forward (sessions go through the library). */
    io.dockerdebug.docker.HttpDockerEngine engine(DockerEndpoint endpoint) {
        java.time.Duration timeout = config().timeoutOrDefault();
        return new io.dockerdebug.docker.HttpDockerEngine(endpoint, timeout,
                io.dockerdebug.docker.RegistryAuth.fromEnv(env, timeout));
    }

    private EngineResolver.Profiles profiles() {
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

    /** Runs a config-file change, turning its errors into docker-debug's one-line failures. */
    static void change(Runnable r) {
        try {
            r.run();
        } catch (ConfigException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
    }
}
