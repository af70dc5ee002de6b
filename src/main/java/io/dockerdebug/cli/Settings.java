package io.dockerdebug.cli;

import io.dockerdebug.config.Config;
import io.dockerdebug.config.ConfigException;
import io.dockerdebug.config.ConfigFile;
import io.dockerdebug.InvalidOptionsException;

import java.util.Map;

/** The config file (read once, on first use), for the commands that show or change it. */
final class Settings {
    private final ConfigFile file;

    Settings(String configFlag, Map<String, String> env) {
        this.file = ConfigFile.locate(configFlag, env);
    }

    ConfigFile file() {
        return file;
    }

    /** The file's config, read once (the library's builder reads it the same way). */
    Config config() {
        return file.config(InvalidOptionsException::new);
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
